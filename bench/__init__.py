"""Benchmarks (`python -m bench`, `nox -s bench`) and the fault-injection soak
(`python -m bench.soak`, `nox -s soak`) for the ConnectPSP client and mock. See docs/benchmarks.md.
"""
