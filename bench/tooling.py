"""Wall-clock time of the developer tooling: client regeneration and the contract suite."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .report import Row

ROOT = Path(__file__).resolve().parent.parent
# `nox --no-venv` runs "python" from PATH: put this interpreter's environment first (as ./run does).
ENV = {
    **os.environ,
    "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
}


def _timed(cmd: list[str], timeout: float) -> tuple[float, int, str]:
    start = time.perf_counter()
    try:
        done = subprocess.run(
            cmd, cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, -1, f"timed out after {timeout:.0f}s"
    return time.perf_counter() - start, done.returncode, _summary_line(done.stdout + done.stderr)


def _summary_line(output: str) -> str:
    """pytest's final "N passed, M failed in S s" line when there is one, else the last line."""
    lines = [line.strip("= ").strip() for line in output.strip().splitlines()]
    for line in reversed(lines):
        if re.search(r"\b\d+ (passed|failed|errors?)\b.* in [\d.]+s", line):
            return line[:160]
    return (lines[-1] if lines else "")[:160]


def regen_time(timeout: float = 180.0) -> Row:
    """`scripts/regen --check`: validate the spec, generate into a temp dir, compare with
    generated/. Nothing is written to the tree."""
    seconds, code, tail = _timed([sys.executable, "scripts/regen.py", "--check"], timeout)
    return Row(
        name="regen time",
        subject=f"{seconds:.1f} s",
        note="scripts/regen --check (validate, generate into a temp dir, compare)"
        + ("" if code == 0 else f"; exit {code}: {tail}"),
        verdict="" if code == 0 else "ERROR",
        details={"seconds": round(seconds, 2), "exit_code": code},
    )


def nox_sessions() -> set[str]:
    done = subprocess.run(
        [sys.executable, "-m", "nox", "-l"],
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    names = set()
    for line in done.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in {"*", "-"}:
            names.add(parts[1].split("-")[0])
    return names


def contract_time(timeout: float = 200.0) -> Row:
    """`nox --no-venv -s contract` (the contract suite against the embedded mock)."""
    if "contract" not in nox_sessions():
        return Row(
            name="contract-suite time",
            subject="not available",
            note="no `contract` nox session in noxfile.py yet",
            details={"available": False},
        )
    cmd = [sys.executable, "-m", "nox", "--no-venv", "-s", "contract"]
    seconds, code, tail = _timed(cmd, timeout)
    return Row(
        name="contract-suite time",
        subject=f"{seconds:.1f} s",
        note=f"nox --no-venv -s contract; exit {code}: {tail}",
        verdict="" if code == 0 else "FAILED",
        details={"seconds": round(seconds, 2), "exit_code": code, "available": True},
    )


def repeated(make_row: Callable[[], Row], runs: int) -> Row:
    """``make_row`` ``runs`` times; one row with the median and the min-max of the seconds."""
    rows = [make_row() for _ in range(runs)]
    if any(not r.details.get("available", True) for r in rows):
        return rows[0]
    seconds = [float(r.details["seconds"]) for r in rows]
    failed = [r for r in rows if r.verdict]
    median = statistics.median(seconds)
    return Row(
        name=f"{rows[0].name} ({runs} runs)",
        subject=f"{median:.1f} s median ({min(seconds):.1f}-{max(seconds):.1f})",
        verdict=failed[0].verdict if failed else "",
        note=(failed[0] if failed else rows[-1]).note,
        details={"seconds": seconds, "median_s": round(median, 2)},
    )
