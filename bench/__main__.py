"""``python -m bench``: the benchmark suite (``./run bench``; ``-- --help`` for the options).

Parts (``--parts``, all by default, in this order):
- ``qr``: the cash-in QR code options side by side (bench/qr.py);
- ``routes``: the eight API operations on the mock vs Prism under the same load, and the
  bare-Starlette ceiling, in interleaved rounds (bench/route_load.py);
- ``stack``: the mock on h11 + asyncio vs httptools + uvloop (bench/server_stack.py);
- ``memory``: mock RSS after 50,000 cash-ins against its documented bound (bench/memory.py);
- ``client``: the SDK's per-call overhead and async throughput vs bare httpx (bench/overhead.py,
  bench/throughput.py);
- ``tooling``: regen and the contract suite, timed over several runs (bench/tooling.py);
- ``imports``: the SDK's import time vs ``import httpx``, fresh interpreters (bench/imports.py).

Prints the machine and its load average before and after, a table, and writes reports/bench.md +
reports/bench.json. Targets are reported PASS/FAIL, but the exit code is non-zero only when a
benchmark could not run (timing noise on a shared machine is no failure).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import traceback
from collections.abc import Callable

from . import imports, memory, overhead, qr, route_load, server_stack, throughput, tooling
from .report import Row, text_table, write
from .servers import mock_server

PARTS = ("qr", "routes", "stack", "memory", "client", "tooling", "imports")


def _guard(name: str, fn: Callable[[], list[Row]]) -> list[Row]:
    print(f"bench: {name} ...", flush=True)
    started = time.perf_counter()
    try:
        rows = fn()
    except Exception as exc:
        traceback.print_exc()
        return [
            Row(name=name, subject="ERROR", verdict="ERROR", note=f"{type(exc).__name__}: {exc}")
        ]
    print(f"bench: {name} done in {time.perf_counter() - started:.1f} s", flush=True)
    return rows


def machine_line() -> str:
    """CPU model and count, memory, Python, OS and the load average right now."""
    model = "unknown CPU"
    memory_gib = 0.0
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            model = next(
                (ln.split(":", 1)[1].strip() for ln in cpuinfo if ln.startswith("model name")),
                model,
            )
        with open("/proc/meminfo") as meminfo:
            memory_gib = int(meminfo.readline().split()[1]) / 1024**2
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} x {model}, {memory_gib:.0f} GiB, Python {platform.python_version()}, "
        f"{platform.platform()}; load average (1/5/15 min) {load}"
    )


def parse_parts(text: str) -> list[str]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown parts {sorted(unknown)}; choose from {PARTS}")
    return parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--parts", type=parse_parts, default=list(PARTS), help=f"comma-separated, of {PARTS}"
    )
    parser.add_argument("--rounds", type=int, default=5, help="interleaved route rounds")
    parser.add_argument("--round-seconds", type=float, default=2.5, help="per route and server")
    parser.add_argument("--concurrency", type=int, default=32, help="connections for route load")
    parser.add_argument("--refunds-per-round", type=int, default=1500)
    parser.add_argument("--skip-prism", action="store_true")
    parser.add_argument("--memory-cash-ins", type=int, default=50_000)
    parser.add_argument("--iterations", type=int, default=300, help="A/B pairs for the overhead")
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--concurrent", type=int, default=1000, help="async cash-outs per round")
    parser.add_argument("--async-rounds", type=int, default=5, help="async rounds per side")
    parser.add_argument("--tooling-runs", type=int, default=3, help="regen/contract runs")
    parser.add_argument("--skip-tooling", action="store_true", help="same as leaving out tooling")
    parser.add_argument("--import-runs", type=int, default=21, help="interleaved import rounds")
    args = parser.parse_args(argv)
    parts = [p for p in args.parts if not (p == "tooling" and args.skip_tooling)]

    started = time.perf_counter()
    print(f"bench: machine: {machine_line()}", flush=True)
    rows: list[Row] = []
    if "qr" in parts:
        rows += _guard("QR code options", qr.qr_options)
    if "routes" in parts:
        with mock_server("--log-level", "warning") as (base_url, proc):
            rows += _guard(
                "routes vs Prism",
                lambda: route_load.routes_vs_prism(
                    base_url,
                    proc.pid,
                    rounds=args.rounds,
                    round_s=args.round_seconds,
                    concurrency=args.concurrency,
                    refunds_per_round=args.refunds_per_round,
                    with_prism=not args.skip_prism,
                ),
            )
    if "stack" in parts:
        rows += _guard(
            "server stack",
            lambda: server_stack.stack_ab(
                rounds=args.rounds,
                round_s=min(args.round_seconds, 2.0),
                concurrency=args.concurrency,
            ),
        )
    if "memory" in parts:
        rows += _guard("mock memory", lambda: memory.cash_in_memory(args.memory_cash_ins))
    if "client" in parts:
        # The headline: the SDK's own cost, in memory (bench/overhead.py); imports: part "imports".
        rows += _guard("SDK cost", overhead.sdk_cost)
        with mock_server("--log-level", "warning") as (base_url, proc):
            rows += _guard(
                "per-call overhead",
                lambda: [overhead.run(base_url, iterations=args.iterations, warmup=args.warmup)],
            )
            rows += _guard(
                "async throughput",
                lambda: [
                    throughput.run(
                        base_url,
                        server_pid=proc.pid,  # the mock's CPU per call
                        concurrent=args.concurrent,
                        rounds=args.async_rounds,
                    )
                ],
            )
    if "tooling" in parts:
        runs = args.tooling_runs
        rows += _guard("regen time", lambda: [tooling.repeated(tooling.regen_time, runs)])
        rows += _guard(
            "contract-suite time", lambda: [tooling.repeated(tooling.contract_time, runs)]
        )
    if "imports" in parts:
        rows += _guard("import time", lambda: imports.import_time(runs=args.import_runs))
    elapsed = time.perf_counter() - started
    end_load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print()
    print(text_table(rows))
    print(f"\nbench: {elapsed / 60:.1f} min; load average at the end {end_load}")
    path = write(
        rows,
        "bench",
        "ConnectPSP benchmarks",
        extra={
            "machine_line": machine_line(),
            "parts": parts,
            "elapsed_s": round(elapsed, 1),
            "loadavg_at_end": list(os.getloadavg()),
        },
    )
    print(f"report written to {path} (and bench.json)")
    return 1 if any(r.verdict == "ERROR" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
