"""A progress bar for long benchmark and soak stages: counts, rate and ETA on a terminal; in CI
(no terminal, or ``CI`` set) no bar, one summary line at the end.

rich draws it (already installed with the dev tools: schemathesis depends on it); ``advance`` is
safe from threads and asyncio tasks alike (rich's task updates take a lock).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

POLL_SECONDS = 0.2


class Advance(Protocol):
    def __call__(self, count: int = 1) -> None: ...


def interactive(stream: TextIO) -> bool:
    """A person is watching: a terminal, and not a CI job (which sets ``CI``)."""
    ci = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
    return not ci and stream.isatty()


@contextmanager
def progress_bar(
    description: str,
    total: int,
    *,
    unit: str = "calls",
    stream: TextIO | None = None,
    poll: Callable[[], int] | None = None,
) -> Iterator[Advance]:
    """``with progress_bar("soak", 10_000) as advance: ... advance()`` per finished unit; or
    ``poll``: a function that returns how many are done, read five times a second (no change to
    the code that does the work)."""
    out = stream or sys.stderr
    live = interactive(out)
    console = Console(file=out, force_terminal=live, highlight=False)
    bar = Progress(
        TextColumn(f"{description} "),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=not live,
    )
    task = bar.add_task(description, total=total)
    started = time.monotonic()

    def advance(count: int = 1) -> None:
        bar.advance(task, count)

    stop = threading.Event()

    def watch() -> None:
        assert poll is not None
        while not stop.wait(POLL_SECONDS):
            bar.update(task, completed=poll())

    watcher = threading.Thread(target=watch, name=f"progress-{description}", daemon=True)
    with bar:
        if poll is not None:
            watcher.start()
        try:
            yield advance
        finally:
            stop.set()
            if poll is not None:
                watcher.join()
                bar.update(task, completed=poll())
    seconds = time.monotonic() - started
    if not live:
        done = int(bar.tasks[0].completed)
        rate = f"{done / seconds:,.0f}/s" if seconds > 0 else "-"
        console.print(f"{description}: {done:,}/{total:,} {unit} in {seconds:.1f} s ({rate})")
