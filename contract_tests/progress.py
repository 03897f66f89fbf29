"""Progress of the schemathesis stage, per phase and per operation.

On a terminal: a bar per phase (operations done / total, requests sent, elapsed, ETA) and one line
per operation as it finishes. In CI (no terminal, or ``CI`` set) nothing moves: one summary line
per phase. rich draws the bars; it is already installed (schemathesis depends on it) and handles
terminal detection, redrawing and output interleaving, which plain code would have to redo.
"""

from __future__ import annotations

import os
import time
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from schemathesis.engine import events

# The phases that send requests, in the engine's order, as the summary names them.
PHASES = ("examples", "coverage", "fuzzing", "stateful")


def interactive(stream: TextIO) -> bool:
    """A person is watching: a terminal, and not a CI job (which sets ``CI``)."""
    ci = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
    return not ci and stream.isatty()


class ContractProgress:
    """Use it as a context manager around the run; the runner tells it how many operations run
    (``expect``) and feeds it the engine's events (``handle``)."""

    def __init__(self, stream: TextIO, *, live: bool | None = None) -> None:
        self.operations = 0
        self.live = interactive(stream) if live is None else live
        self.console = Console(file=stream, force_terminal=self.live, highlight=False)
        self.progress = Progress(
            TextColumn("contract [bold]{task.description:<9}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("operations, {task.fields[requests]:>5} requests"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=self.console,
            disable=not self.live,
        )
        self._tasks: dict[str, TaskID] = {}
        self._done: dict[str, set[str]] = {}
        self._requests: dict[str, int] = {}
        self._started: dict[str, float] = {}

    def __enter__(self) -> ContractProgress:
        self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.progress.stop()

    def expect(self, operations: int) -> None:
        self.operations = operations

    def handle(self, event: events.EngineEvent) -> None:
        if isinstance(event, events.PhaseStarted) and event.phase.name.value in PHASES:
            self._phase_started(event.phase.name.value, event.phase.is_enabled)
        elif isinstance(event, events.ScenarioFinished) and event.phase.value in self._tasks:
            self._scenario_finished(event)
        elif isinstance(event, events.PhaseFinished) and event.phase.name.value in self._tasks:
            self._phase_finished(event.phase.name.value)

    def _phase_started(self, phase: str, enabled: bool) -> None:
        if not enabled:
            return
        total = None if phase == "stateful" else self.operations  # stateful mixes operations
        self._tasks[phase] = self.progress.add_task(phase, total=total, requests=0)
        self._done[phase] = set()
        self._requests[phase] = 0
        self._started[phase] = time.monotonic()

    def _scenario_finished(self, event: events.ScenarioFinished) -> None:
        phase = event.phase.value
        sent = len(event.recorder.interactions)
        self._requests[phase] += sent
        label = event.label or "scenario"
        task = self._tasks[phase]
        first = label not in self._done[phase]
        self._done[phase].add(label)
        self.progress.update(
            task, advance=1 if first or phase == "stateful" else 0, requests=self._requests[phase]
        )
        if self.live and phase != "stateful":
            self.progress.console.print(
                f"  {phase:<9} {label:<28} {sent:>4} requests  {event.elapsed_time:6.1f} s"
            )

    def _phase_finished(self, phase: str) -> None:
        task = self._tasks[phase]
        count = int(next(t.completed for t in self.progress.tasks if t.id == task))
        if phase == "stateful":  # no total up front: the bar ends full
            self.progress.update(task, total=max(count, 1), completed=max(count, 1))
        units = "scenarios" if phase == "stateful" else "operations"
        seconds = time.monotonic() - self._started[phase]
        if not self.live:
            self.console.print(
                f"contract {phase}: {count} {units}, {self._requests[phase]} requests"
                f" in {seconds:.1f} s"
            )
