"""The contract suite catches a broken API: each test breaks one thing in the real mock and runs the
schemathesis part (small budget) against it. A clean mock passes the same run (the control)."""

from __future__ import annotations

import pytest

from connectpsp_mock.settings import DEV_APPLICATION_TOKEN, DEV_CLIENT_SECRET
from contract_tests.results import OperationStats, RunResult
from contract_tests.runner import run_schemathesis
from contract_tests.settings import RunSettings

from .breakage import (
    Breakage,
    broken_mock,
    drop_field,
    plain_text,
    server_error,
    set_field,
    wrong_status,
)

SETTINGS = RunSettings.from_env({})


def run_one(breakage: Breakage | None, operation_id: str, *phases: str) -> OperationStats:
    return run_one_result(breakage, operation_id, *phases)[1]


def run_one_result(
    breakage: Breakage | None, operation_id: str, *phases: str
) -> tuple[RunResult, OperationStats]:
    breakages = () if breakage is None else (breakage,)
    with broken_mock(*breakages) as target:
        result = run_schemathesis(
            target,
            SETTINGS,
            max_examples=3,
            phases=phases or ("examples", "fuzzing"),
            operation_ids=[operation_id],
        )
    assert not result.errors, result.errors
    label = next(label for label, s in result.operations.items() if s.operation_id == operation_id)
    stats = result.operations[label]
    assert stats.cases > 0
    return result, stats


def findings(result: RunResult) -> set[tuple[str, str, str]]:
    return {(f.source, f.path, f.kind) for f in result.deviations.findings()}


def checks_failed(stats: OperationStats) -> set[str]:
    return {failure.check for failure in stats.failures}


@pytest.mark.parametrize("operation_id", ["getBalance", "createCashIn", "authToken"])
def test_clean_mock_passes_the_same_run(operation_id: str) -> None:
    stats = run_one(None, operation_id)
    assert stats.ok, [failure.render() for failure in stats.failures]


def test_wrong_status_is_caught() -> None:
    breakage = Breakage("POST", "/cash-in", 201, wrong_status(200))
    stats = run_one(breakage, "createCashIn")
    assert "status_code_conformance" in checks_failed(stats)


def test_missing_required_field_is_caught() -> None:
    # The ids and the status are all a cash-in guarantees (D-40): without one the run fails.
    breakage = Breakage("POST", "/cash-in", 201, drop_field("internalCode"))
    stats = run_one(breakage, "createCashIn")
    assert "response_schema_conformance" in checks_failed(stats)


def test_clean_mock_shows_no_deviation() -> None:
    result, stats = run_one_result(None, "getBalance")
    assert stats.ok and result.deviations.findings() == []


def test_dropped_documented_field_is_a_finding_not_a_failure() -> None:
    """What a nightly staging run reports when staging stops sending a documented field."""
    breakage = Breakage("GET", "/account/balance", 200, drop_field("currency"))
    result, stats = run_one_result(breakage, "getBalance")
    assert stats.ok, [failure.render() for failure in stats.failures]
    assert ("GET /account/balance 200", "currency", "missing") in findings(result)


def test_server_error_is_caught() -> None:
    breakage = Breakage("GET", "/account/balance", 200, server_error)
    stats = run_one(breakage, "getBalance")
    assert "not_a_server_error" in checks_failed(stats)


def test_money_with_three_decimals_is_a_finding() -> None:
    # A response amount with a third decimal still reads exactly (D-45): a finding, not a failure.
    breakage = Breakage(
        "GET", "/account/balance", 200, set_field(("consolidated", "totalBalance"), 1500000.001)
    )
    result, stats = run_one_result(breakage, "getBalance")
    assert stats.ok, [failure.render() for failure in stats.failures]
    path = "consolidated.totalBalance"
    assert ("GET /account/balance 200", path, "bad_format") in findings(result)


def test_unknown_enum_value_is_a_finding() -> None:
    breakage = Breakage("POST", "/cash-in", 201, set_field(("status",), "UNDER_REVIEW"))
    result, _ = run_one_result(breakage, "createCashIn", "examples")
    assert ("POST /cash-in 201", "status", "unknown_enum") in findings(result)


def test_wrong_content_type_is_caught() -> None:
    breakage = Breakage("GET", "/account/balance", 200, plain_text)
    stats = run_one(breakage, "getBalance")
    assert "content_type_conformance" in checks_failed(stats)


def test_problem_status_mismatch_is_caught() -> None:
    breakage = Breakage("GET", r"/cash-in/[^/]+", 404, set_field(("status",), 400))
    stats = run_one(breakage, "getCashIn", "examples", "coverage")
    assert "problem_status_matches" in checks_failed(stats)


def test_undocumented_refusal_of_valid_data_is_caught() -> None:
    # A correctly signed cash-in answered 422 INVALID_SIGNATURE: the status alone is "accepted"
    # for valid data (422 is a business outcome), the code is not.
    breakage = Breakage(
        "POST",
        "/cash-in",
        201,
        lambda status, headers, body: (
            422,
            [(b"content-type", b"application/problem+json")],
            b'{"type":"https://connect-psp.redocly.app/errors/invalid-signature",'
            b'"title":"Invalid Signature","status":422,"code":"INVALID_SIGNATURE"}',
        ),
    )
    stats = run_one(breakage, "createCashIn")
    assert "documented_business_outcome" in checks_failed(stats)


def test_token_response_breakage_is_caught_and_the_secret_stays_out() -> None:
    breakage = Breakage("POST", "/auth/token", 200, drop_field("accessToken"))
    stats = run_one(breakage, "authToken", "examples")
    assert "response_schema_conformance" in checks_failed(stats)
    for failure in stats.failures:
        text = failure.render()
        assert "curl" in failure.reproduction
        assert DEV_CLIENT_SECRET not in text and DEV_APPLICATION_TOKEN not in text
        assert "eyJ" not in text  # no access token
