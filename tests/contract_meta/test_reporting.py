"""Reports and failure output never carry secrets, and the summary says per operation what ran."""

from __future__ import annotations

from collections import Counter

from connectpsp_ext.secrets import Secret
from contract_tests.redaction import FILTERED, redact
from contract_tests.results import FailureRecord, OperationStats, RunResult
from contract_tests.summary import Outcome, render_summary

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMDAwMDAxIn0.q1w2e3r4t5y6"


def test_known_secrets_and_secret_shapes_are_filtered() -> None:
    secret = Secret("a-client-secret-value")
    text = (
        f"curl -H 'Authorization: Bearer {JWT}' -H 'ApplicationToken: f47ac10b' "
        "-H 'DigitalSignature: 0a1b2c' "
        f'-d \'{{"clientId": "1000001", "clientSecret": "{secret.reveal()}"}}\' '
        f"and again {secret.reveal()} and X-Connect-Signature: ffee"
    )
    cleaned = redact(text)
    for leaked in (JWT, "f47ac10b", "0a1b2c", secret.reveal(), "ffee"):
        assert leaked not in cleaned, leaked
    assert cleaned.count(FILTERED) >= 5
    assert "X-Idempotency-Key" in redact("-H 'X-Idempotency-Key: 1d7e'")  # not a secret
    assert "1d7e" in redact("-H 'X-Idempotency-Key: 1d7e'")


def test_redaction_is_idempotent() -> None:
    once = redact(f"Authorization: Bearer {JWT}")
    assert redact(once) == once


def result_with_failure() -> RunResult:
    ok = OperationStats(label="GET /account/balance", operation_id="getBalance", cases=12)
    ok.by_phase.update({"examples": 2, "coverage": 10})
    ok.statuses.update({200: 12})
    bad = OperationStats(
        label="POST /cash-out", operation_id="createCashOut", cases=30, by_phase=Counter(fuzzing=30)
    )
    bad.add_failure(
        FailureRecord(
            operation="POST /cash-out",
            check="not_a_server_error",
            title="Server error",
            message="Received a response with 5xx status code: 500",
            reproduction=f"curl -X POST -H 'Authorization: Bearer {JWT}' http://127.0.0.1:1/cash-out",
            phase="fuzzing",
        )
    )
    bad.add_failure(bad.failures[0])  # duplicates are kept once
    skipped = OperationStats(label="POST /account/rebalance", operation_id="rebalanceAccount")
    skipped.excluded = "never fuzzed against staging"
    return RunResult(
        target="embedded mock at http://127.0.0.1:1",
        base_url="http://127.0.0.1:1",
        seed=1,
        max_examples=5,
        phases=("examples", "coverage", "fuzzing", "stateful"),
        operations={op.label: op for op in (ok, bad, skipped)},
        duration=3.2,
        stop_reason="completed",
    )


def test_summary_lists_each_operation_with_counts_failures_and_reproduction() -> None:
    result = result_with_failure()
    assert not result.ok and result.total_cases == 42 and result.total_failures == 1
    outcomes = [
        Outcome("contract_tests/test_flow_cash_in.py::test_first_cash_in", "passed", 0.5),
        Outcome("contract_tests/test_x.py::test_y", "skipped", 0.0, "needs the mock"),
    ]
    text = render_summary(result, outcomes, target=result.target, exit_ok=False)
    assert "**FAILED**" in text
    assert "| `GET /account/balance` | getBalance | 12 | 2 | 10 | 0 | 0 | 200x12 | 0 | ok |" in text
    assert "| `POST /cash-out` | createCashOut | 30 | 0 | 0 | 30 | 0 |  | 1 | FAILED |" in text
    assert "skipped: never fuzzed against staging" in text
    assert "curl -X POST" in text and JWT not in text
    assert "test_first_cash_in" in text and "needs the mock" in text
    assert text.count("### `POST /cash-out`: Server error") == 1
