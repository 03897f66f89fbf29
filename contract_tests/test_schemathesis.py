"""The schemathesis half of the contract: every operation of the spec, all checks, all phases.

One test per operation (so JUnit and the summary say which operation broke), fed by a single engine
run shared by the session. A failure shows each distinct finding with its reproduction command.
"""

from __future__ import annotations

import pytest

from . import spec
from .results import RunResult
from .runner import NOT_SELECTED
from .settings import RunSettings
from .target import Target

OPERATIONS = sorted(spec.operations().values(), key=lambda info: (info.path, info.method))


@pytest.mark.parametrize("operation", OPERATIONS, ids=[info.operation_id for info in OPERATIONS])
def test_operation_conforms_to_spec(
    schemathesis_result: RunResult, target: Target, operation: spec.OperationInfo
) -> None:
    stats = schemathesis_result.operations[operation.label]
    if stats.excluded:
        if target.is_mock and stats.excluded != NOT_SELECTED:
            pytest.fail(f"the mock run must test every operation: {stats.excluded}")
        pytest.skip(f"{operation.label}: {stats.excluded}")
    findings = [failure.render() for failure in stats.failures] + stats.errors
    if findings:
        pytest.fail(
            f"{operation.label}: {len(findings)} finding(s)\n\n" + "\n\n".join(findings),
            pytrace=False,
        )
    assert stats.cases > 0, f"{operation.label}: no request was sent"


def test_run_completed_without_errors(schemathesis_result: RunResult) -> None:
    assert schemathesis_result.stop_reason in ("completed", "max_time"), (
        schemathesis_result.stop_reason
    )
    if schemathesis_result.errors:
        pytest.fail("\n\n".join(schemathesis_result.errors), pytrace=False)


def test_every_phase_sent_requests(
    schemathesis_result: RunResult, target: Target, run_settings: RunSettings
) -> None:
    if not target.is_mock:
        pytest.skip("against staging the excluded operations leave some phases thin")
    if run_settings.operation_ids is not None:
        pytest.skip("an operation subset may have no links for the stateful phase")
    operations = schemathesis_result.operations.values()
    sent = {
        phase: sum(stats.by_phase.get(phase, 0) for stats in operations)
        for phase in schemathesis_result.phases
    }
    assert all(count > 0 for count in sent.values()), sent
