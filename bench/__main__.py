"""``python -m bench``: the benchmark suite (``nox -s bench``).

Starts one mock process, runs the per-call overhead, async throughput and mock-vs-Prism
throughput benchmarks against it, then times regen and the contract suite; prints a table and
writes reports/bench.md + reports/bench.json. Targets are reported PASS/FAIL, but the exit code
is non-zero only when a benchmark could not run (timing noise on a shared machine is no failure).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable

from . import mock_load, overhead, throughput, tooling
from .report import Row, text_table, write
from .servers import mock_process


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--iterations", type=int, default=300, help="A/B pairs for the overhead")
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--concurrent", type=int, default=1000, help="async cash-outs per round")
    parser.add_argument("--rounds", type=int, default=5, help="async rounds per side")
    parser.add_argument("--load-seconds", type=float, default=5.0, help="per mock/Prism round")
    parser.add_argument("--concurrency", type=int, default=32, help="connections for mock load")
    parser.add_argument("--skip-prism", action="store_true")
    parser.add_argument("--skip-tooling", action="store_true", help="no regen/contract timing")
    args = parser.parse_args(argv)

    rows: list[Row] = []
    # The headline: the SDK's own cost, in memory, and its import time (bench/overhead.py).
    rows += _guard("SDK cost", lambda: [*overhead.sdk_cost(), *overhead.import_time()])
    with mock_process("--log-level", "warning") as base_url:
        rows += _guard(
            "per-call overhead",
            lambda: [overhead.run(base_url, iterations=args.iterations, warmup=args.warmup)],
        )
        rows += _guard(
            "async throughput",
            lambda: [throughput.run(base_url, concurrent=args.concurrent, rounds=args.rounds)],
        )
        rows += _guard(
            "mock throughput",
            lambda: mock_load.mock_throughput(
                base_url,
                concurrency=args.concurrency,
                round_s=args.load_seconds,
                with_prism=not args.skip_prism,
            ),
        )
    if not args.skip_tooling:
        rows += _guard("regen time", lambda: [tooling.regen_time()])
        rows += _guard("contract-suite time", lambda: [tooling.contract_time()])
    print()
    print(text_table(rows))
    path = write(rows, "bench", "ConnectPSP benchmarks")
    print(f"\nreport written to {path} (and bench.json)")
    return 1 if any(r.verdict == "ERROR" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
