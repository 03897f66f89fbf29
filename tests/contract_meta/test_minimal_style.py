"""The contract suite against documented-minimal responses (issue 10 items 3 and 5), synthetically.

Until the mock serves `CONNECTPSP_MOCK_RESPONSE_STYLE=minimal` itself, a middleware reduces every
2xx JSON answer of the real mock to what the spec requires (D-40): the ids and the status, the
token and its lifetime, `success`. The schemathesis part must pass over every operation, and each
documented field left out must come back as a named `missing` finding (the nightly staging
signal). The flow helpers' `present()` fails only where the mock promises every documented field.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from connectpsp_client.types import UNSET

from contract_tests import present as presence
from contract_tests.deviations import response_models
from contract_tests.runner import run_schemathesis
from contract_tests.settings import RunSettings
from contract_tests.spec import load_spec, operations
from contract_tests.target import ENV_RESPONSE_STYLE, TargetError, response_style

from .breakage import Breakage, Headers, broken_mock

SETTINGS = RunSettings.from_env({})


def _required(label: str, status: int) -> list[str]:
    model = response_models()[(label, status)]
    schema = load_spec()["components"]["schemas"][model.__name__]
    return list(schema.get("required", []))


def _minimal(label: str, status: int) -> Any:
    keep = _required(label, status)

    def mutate(code: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
        payload = json.loads(body)
        reduced = {key: payload[key] for key in keep if key in payload}
        kept = [(k, v) for k, v in headers if k.lower() != b"content-length"]
        return code, kept, json.dumps(reduced).encode()

    return mutate


def _success_status(label: str) -> int:
    return min(status for (lab, status) in response_models() if lab == label and status < 300)


def _minimal_breakages() -> list[Breakage]:
    found = []
    for label, info in operations().items():
        status = _success_status(label)
        path = info.path.replace("{id}", "[^/]+")
        found.append(Breakage(info.method, path, status, _minimal(label, status)))
    return found


def test_the_minimal_shapes_are_what_the_spec_requires() -> None:
    assert _required("POST /auth/token", 200) == ["accessToken", "expiresIn"]
    assert _required("POST /cash-in/{id}/refund", 202) == ["transactionId", "internalCode"]
    assert _required("GET /account/balance", 200) == []


def test_suite_passes_on_minimal_responses_and_names_each_dropped_field() -> None:
    with broken_mock(*_minimal_breakages()) as target:
        result = run_schemathesis(target, SETTINGS, max_examples=3, phases=("examples", "fuzzing"))
    assert not result.errors, result.errors
    failures = {
        label: [f.render() for f in stats.failures]
        for label, stats in result.operations.items()
        if stats.failures
    }
    assert failures == {}
    found = {(f.source, f.path, f.kind) for f in result.deviations.findings()}
    for expected in [
        ("POST /auth/token 200", "tokenType", "missing"),
        ("POST /auth/token 200", "issuedAt", "missing"),
        ("GET /account/balance 200", "consolidated", "missing"),
        ("POST /cash-in 201", "amount", "missing"),
        ("POST /cash-out 202", "payee", "missing"),
        ("POST /account/rebalance 200", "message", "missing"),
    ]:
        assert expected in found, sorted(found)
    assert {f.kind for f in result.deviations.findings()} == {"missing"}


def test_present_fails_against_the_full_mock_and_skips_otherwise() -> None:
    try:
        presence.configure(strict=True)
        with pytest.raises(pytest.fail.Exception, match=r"CashIn\.amount"):
            presence.present(UNSET, "CashIn.amount")
        presence.configure(strict=False)
        with pytest.raises(pytest.skip.Exception, match=r"CashIn\.amount"):
            presence.present(None, "CashIn.amount")
        presence.matches(UNSET, 5, "CashIn.amount")  # absent and tolerant: nothing to compare
        with pytest.raises(AssertionError):
            presence.matches(4, 5, "CashIn.amount")
        assert presence.present(7, "x") == 7
    finally:
        presence.configure(strict=True)


def test_response_style_comes_from_the_environment() -> None:
    assert response_style({}) == "full"
    assert response_style({ENV_RESPONSE_STYLE: "Minimal"}) == "minimal"
    with pytest.raises(TargetError, match=ENV_RESPONSE_STYLE):
        response_style({ENV_RESPONSE_STYLE: "tiny"})
