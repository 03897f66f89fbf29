"""Fold schemathesis engine events into a ``RunResult``: per operation, requests by phase and by
status, distinct failures with their response and reproduction (already redacted)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from schemathesis.engine import Status, events

from .deviations import record_response
from .redaction import redact
from .results import FailureRecord, OperationStats, RunResult

if TYPE_CHECKING:
    from schemathesis.engine.recorder import CheckNode, ScenarioRecorder

RESPONSE_EXCERPT = 600


def _response(recorder: ScenarioRecorder, case_id: str) -> str:
    interaction = recorder.interactions.get(case_id)
    if interaction is None or interaction.response is None:
        return ""
    response = interaction.response
    body = (response.content or b"").decode("utf-8", "replace")
    if len(body) > RESPONSE_EXCERPT:
        body = body[:RESPONSE_EXCERPT] + "..."
    return f"{response.status_code} {body}".strip()


def _reproduction(node: CheckNode) -> str:
    info = node.failure_info
    if info is None:
        return ""
    if len(info.steps) > 1:  # a stateful failure needs the whole chain
        return "\n".join(f"# {step.operation}\n{step.curl}" for step in info.steps)
    return info.code_sample


class Collector:
    """Folds engine events into a ``RunResult``."""

    def __init__(self, result: RunResult) -> None:
        self.result = result

    def _stats(self, label: str) -> OperationStats:
        stats = self.result.operations.get(label)
        if stats is None:  # not in the spec (should not happen); still report it
            stats = self.result.operations[label] = OperationStats(label=label, operation_id="?")
        return stats

    def _scenario(self, recorder: ScenarioRecorder, phase: str) -> None:
        for case_id, interaction in recorder.interactions.items():
            node = recorder.cases.get(case_id)
            if node is None:
                continue
            stats = self._stats(node.value.operation.label)
            stats.cases += 1
            stats.by_phase[phase] += 1
            if interaction.response is not None:
                stats.statuses[interaction.response.status_code] += 1
                record_response(
                    self.result.deviations,
                    node.value.operation.label,
                    interaction.response.status_code,
                    interaction.response.content,
                )
        for case_id, nodes in recorder.checks.items():
            case_node = recorder.cases.get(case_id)
            label = case_node.value.operation.label if case_node is not None else recorder.label
            for check in nodes:
                if check.status == Status.ERROR:
                    self._stats(label).errors.append(redact(f"check {check.name} crashed"))
                if check.status != Status.FAILURE or check.failure_info is None:
                    continue
                failure = check.failure_info.failure
                failing_case = failure.case_id or case_id
                self._stats(failure.operation or label).add_failure(
                    FailureRecord(
                        operation=failure.operation or label,
                        check=check.name,
                        title=redact(failure.title),
                        message=redact(failure.message),
                        reproduction=redact(_reproduction(check)),
                        phase=phase,
                        response=redact(_response(recorder, failing_case)),
                    )
                )

    def handle(self, event: events.EngineEvent) -> None:
        if isinstance(event, events.ScenarioFinished):
            self._scenario(event.recorder, event.phase.value)
            if event.status == Status.ERROR and event.label:
                self._stats(event.label).errors.append(
                    f"{event.phase.value}: scenario errored (see NonFatalError)"
                )
        elif isinstance(event, events.NonFatalError):
            message = redact(f"{event.label}: {event.info.title}: {event.info.message}")
            if event.related_to_operation and event.label in self.result.operations:
                self.result.operations[event.label].errors.append(message)
            else:
                self.result.errors.append(message)
        elif isinstance(event, events.FatalError):
            self.result.errors.append(redact(f"fatal: {event.exception!r}"))
        elif isinstance(event, events.EngineFinished):
            self.result.duration = event.running_time
            self.result.stop_reason = event.stop_reason.value
            for failure in event.failures:
                self.result.errors.append(redact(f"{failure.title}: {failure.message}"))
