"""Where each route spends the mock's CPU under load (issue 14 item 2).

    python -m bench.profile_routes                       # CPU per request of every route
    python -m bench.profile_routes --py-spy --top 25     # and, per route, the hottest functions

A fresh mock process (the default server stack) gets the same valid requests as ``./run bench``'s
routes part (``bench/routes.py``), one operation at a time, for ``--seconds`` each over
``--rounds`` rounds. It prints the server CPU per request (user + system, from ``/proc``) and the
load average. With ``--py-spy`` (``pip install py-spy``; not a dependency) each route is sampled
while it runs, and the functions are listed by the share of the mock's samples in which they are
on the stack (inclusive) and at the top (self). The profile's own cost is not in the CPU numbers:
they come from separate, unsampled rounds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from .loadgen import run_requests
from .routes import OPERATIONS, Auth, Operation, fetch_auth, prepare
from .servers import cpu_seconds, mock_server


def _cpu_per_request(
    url: str, pid: int, op: Operation, auth_ids: tuple[Auth, list[str]], seconds: float
) -> float:
    auth, ids = auth_ids
    source = op.source(auth, ids, cycle=False)
    before = cpu_seconds(pid)
    result = run_requests(url, source, concurrency=32, duration_s=seconds)
    spent = cpu_seconds(pid) - before
    if result.errors:
        print(f"  {op.name}: {result.errors} errors {result.statuses}", file=sys.stderr)
    return spent / result.ok * 1e6 if result.ok else float("nan")


def _hot_functions(raw: Path, top: int) -> list[str]:
    """py-spy's collapsed stacks: per function, % of samples inclusive and self."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack:
            continue
        count = int(count_text)
        frames = [f.split(" (", 1)[0] + " " + _where(f) for f in stack.split(";")]
        total += count
        for frame in set(frames):
            inclusive[frame] += count
        own[frames[-1]] += count
    lines = []
    for frame, count in inclusive.most_common(top):
        share, own_share = 100 * count / total, 100 * own[frame] / total
        lines.append(f"    {share:5.1f}% incl {own_share:5.1f}% self  {frame}")
    return lines


def _where(frame: str) -> str:
    # "name (path/to/file.py:123)" -> "file.py"
    _, _, rest = frame.partition(" (")
    path = rest.split(":", 1)[0]
    return "(" + "/".join(path.split("/")[-2:]) + ")"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_routes", description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated substrings of operation names")
    parser.add_argument("--py-spy", action="store_true", help="also sample each route with py-spy")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args(argv)
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    operations = [op for op in OPERATIONS if not wanted or any(w in op.name for w in wanted)]
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    print(f"load average {os.getloadavg()}")
    with mock_server("--log-level", "warning") as (url, proc):
        auth = fetch_auth(url)
        cpu: dict[str, list[float]] = {op.name: [] for op in operations}
        for _ in range(args.rounds):
            for op in operations:
                ids = prepare(url, auth, op, 1500 if op.single_use else 200)
                cpu[op.name].append(_cpu_per_request(url, proc.pid, op, (auth, ids), args.seconds))
        print(f"load average {os.getloadavg()}")
        for op in operations:
            values = cpu[op.name]
            print(
                f"{op.name:28} CPU per request median {statistics.median(values):7.0f} us "
                f"({min(values):.0f}-{max(values):.0f})"
            )
        if args.py_spy:
            for op in operations:
                ids = prepare(url, auth, op, 3000 if op.single_use else 200)
                with tempfile.TemporaryDirectory() as tmp:
                    raw = Path(tmp) / "stacks.txt"
                    spy = subprocess.Popen(
                        [
                            py_spy,
                            "record",
                            "--pid",
                            str(proc.pid),
                            "--format",
                            "raw",
                            "--output",
                            str(raw),
                            "--duration",
                            str(int(args.seconds) + 1),
                            "--rate",
                            "400",
                            "--nonblocking",
                        ],
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                    _cpu_per_request(url, proc.pid, op, (auth, ids), args.seconds)
                    spy.wait(timeout=60)
                    print(f"\n{op.name}:")
                    if raw.exists():
                        print("\n".join(_hot_functions(raw, args.top)))
                    else:
                        print("    (py-spy wrote nothing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
