"""``python -m bench.soak [--calls N] ...``: start a mock process with a short token lifetime, run
the soak, print and write reports/soak.{md,json}; exit 1 on any duplicate, lost outcome,
unexpected rejection, settlement mismatch or unreconciled balance."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict

from ..servers import mock_process
from . import SoakConfig, run_soak
from .report import print_and_write


def main(argv: list[str] | None = None) -> int:
    defaults = SoakConfig()
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__)
    parser.add_argument("--calls", type=int, default=defaults.calls)
    parser.add_argument("--threads", type=int, default=defaults.thread_workers)
    parser.add_argument("--tasks", type=int, default=defaults.async_workers)
    parser.add_argument("--fault-rate", type=float, default=defaults.fault_rate)
    parser.add_argument("--token-ttl", type=int, default=defaults.token_ttl)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument(
        "--base-url", help="use an already running mock (fresh, with a short --token-ttl)"
    )
    args = parser.parse_args(argv)
    config = SoakConfig(
        calls=args.calls,
        thread_workers=args.threads,
        async_workers=args.tasks,
        fault_rate=args.fault_rate,
        token_ttl=args.token_ttl,
        seed=args.seed,
    )
    print(
        f"soak: {config.calls:,} calls, fault rate {config.fault_rate:.0%}, "
        f"{config.thread_workers} threads + {config.async_workers} tasks",
        flush=True,
    )
    if args.base_url:
        result = run_soak(args.base_url, config)
    else:
        mock_args = ("--token-ttl", str(config.token_ttl), "--log-level", "warning")
        with mock_process(*mock_args) as base_url:
            result = run_soak(base_url, config)
    print_and_write(result, extra={"config": asdict(config)})
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
