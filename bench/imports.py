"""Import time of the SDK next to ``import httpx`` (issue 14: at most 1.5x; D-57).

Each statement runs in a fresh interpreter, all statements once per round in a rotating order
(interleaved, so that a change in the machine's load hits every side alike), ``runs`` rounds. The
child measures CPU time (``time.process_time``) around the statement alone: interpreter start-up
is not counted, and on a shared machine CPU time is steadier than wall time. Rows give
min/median/max in ms and the ratios of the medians and of the minimums to ``import httpx``.

Two settings of the bytecode cache, as they differ by more than the change being measured:
- ``installed``: every module's bytecode already cached (a warm-up run fills a private
  ``PYTHONPYCACHEPREFIX``), as after ``pip install``, which compiles the package. The target
  applies here: httpx is measured the same way.
- ``this checkout``: the environment as given. With ``PYTHONDONTWRITEBYTECODE=1`` (as on the
  project's machine; the row then says ``without bytecode``) the SDK's own sources (an editable
  install) are compiled at every start while httpx's come from the bytecode pip wrote: shown so
  that a number taken here is not mistaken for what a user sees.

``python -m bench.imports [runs]`` runs it alone; ``python -m bench --parts imports`` in the suite.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Mapping

from .report import Row, verdict
from .stats import ratio

TARGET = 1.5
BASELINE = "import httpx"
# Statement -> whether the 1.5x target applies (the others are shown for comparison).
STATEMENTS: dict[str, bool] = {
    BASELINE: False,
    "import connectpsp_ext": True,
    # What an application runs first: the sync client, ready to construct.
    "from connectpsp_ext import ConnectPSP": True,
    # The async client needs asyncio, which the sync one does not load.
    "from connectpsp_ext import AsyncConnectPSP": False,
}
if importlib.util.find_spec("stripe") is not None:  # a peer payment SDK (the dev extra has it)
    STATEMENTS["import stripe"] = False

_CHILD = "import time; t = time.process_time(); {}; print(time.process_time() - t)"


def _cpu_ms(statement: str, env: Mapping[str, str]) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD.format(statement)],
        check=True,
        capture_output=True,
        text=True,
        env=dict(env),
    ).stdout
    return float(out) * 1000


def _spread(values: list[float]) -> str:
    return f"{min(values):.1f}/{statistics.median(values):.1f}/{max(values):.1f}"


def measure(env: Mapping[str, str], runs: int) -> dict[str, list[float]]:
    """CPU ms per statement, ``runs`` interleaved rounds, after one warm-up run of each."""
    names = list(STATEMENTS)
    for name in names:
        _cpu_ms(name, env)
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(runs):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(_cpu_ms(name, env))
    return times


def _rows(setting: str, times: dict[str, list[float]], runs: int) -> list[Row]:
    base = times[BASELINE]
    rows = []
    for name, targeted in STATEMENTS.items():
        if name == BASELINE:
            continue
        ours = times[name]
        median_ratio = ratio(statistics.median(ours), statistics.median(base))
        min_ratio = ratio(min(ours), min(base))
        rows.append(
            Row(
                name=f"import time ({setting}), {name}",
                subject=f"{_spread(ours)} ms CPU",
                baseline=f"{BASELINE} {_spread(base)} ms",
                ratio=median_ratio,
                target=f"<= {TARGET:.2f}x" if targeted else "",
                verdict=verdict(median_ratio <= TARGET) if targeted else "",
                note=f"min/median/max of {runs} fresh interpreters, interleaved; ratio of the "
                f"minimums {min_ratio:.2f}x",
                details={
                    "ms": [round(x, 2) for x in ours],
                    "httpx_ms": [round(x, 2) for x in base],
                    "median_ratio": round(median_ratio, 4),
                    "min_ratio": round(min_ratio, 4),
                },
            )
        )
    return rows


def import_time(*, runs: int = 21) -> list[Row]:
    """Both bytecode settings, ``runs`` rounds each (see the module docstring)."""
    with tempfile.TemporaryDirectory(prefix="bench-pycache-") as cache:
        installed = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        installed["PYTHONPYCACHEPREFIX"] = cache
        rows = _rows("installed", measure(installed, runs), runs)
    as_given = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
    label = "this checkout" + (
        " without bytecode" if as_given.get("PYTHONDONTWRITEBYTECODE") else ""
    )
    return rows + _rows(label, measure(as_given, runs), runs)


def main(argv: list[str] | None = None) -> None:
    from .report import text_table

    args = sys.argv[1:] if argv is None else argv
    runs = int(args[0]) if args else 21
    print(f"load average before {os.getloadavg()}", flush=True)
    rows = import_time(runs=runs)
    print(text_table(rows))
    print(f"load average after {os.getloadavg()}")


if __name__ == "__main__":
    main()
