"""What a schemathesis run found, per operation, in plain data (already redacted)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .deviations import DeviationLog


@dataclass(frozen=True)
class FailureRecord:
    operation: str  # schemathesis label, e.g. "POST /cash-out"
    check: str
    title: str
    message: str
    reproduction: str  # curl command(s), secrets filtered
    phase: str
    response: str = ""  # status and (truncated) body of the failing response, secrets filtered

    def render(self) -> str:
        parts = [f"[{self.check}] {self.title} ({self.phase} phase)"]
        if self.message.strip():
            parts.append(self.message.strip())
        if self.response:
            parts.append(f"Response: {self.response}")
        parts.append(f"Reproduce with:\n\n{self.reproduction.strip()}")
        return "\n\n".join(parts) + "\n"


@dataclass
class OperationStats:
    label: str
    operation_id: str
    cases: int = 0  # requests sent for this operation
    by_phase: Counter[str] = field(default_factory=Counter)
    statuses: Counter[int] = field(default_factory=Counter)  # HTTP status -> responses
    failures: list[FailureRecord] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    excluded: str | None = None  # why the operation was not tested at all

    def add_failure(self, record: FailureRecord) -> None:
        key = (record.check, record.title)
        if all((known.check, known.title) != key for known in self.failures):
            self.failures.append(record)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.errors


@dataclass
class RunResult:
    target: str
    base_url: str
    seed: int
    max_examples: int
    phases: tuple[str, ...]
    operations: dict[str, OperationStats]
    duration: float = 0.0
    stop_reason: str = ""
    errors: list[str] = field(default_factory=list)  # run-level problems, not tied to an operation
    # How the responses differed from the documented contract (findings, never failures).
    deviations: DeviationLog = field(default_factory=DeviationLog)

    @property
    def total_cases(self) -> int:
        return sum(stats.cases for stats in self.operations.values())

    @property
    def total_failures(self) -> int:
        return sum(len(stats.failures) for stats in self.operations.values())

    @property
    def ok(self) -> bool:
        return not self.errors and all(stats.ok for stats in self.operations.values())
