"""Auth is attached once per operation's security, DigitalSignature is derived with the shared
signing function from the token on the final request, idempotency keys are fresh per case."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.schemas import BaseSchema

from connectpsp_ext.pix.keys import is_valid_pix_key
from connectpsp_ext.signing import digital_signature
from contract_tests import hooks, spec
from contract_tests.auth import attach_credentials
from contract_tests.binding import Binding, bind, binding_for, unbind

CRYPTO = "crypto-token-for-tests"
APP = "application-token-for-tests"
TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2ln"


@pytest.fixture
def schema() -> Iterator[BaseSchema]:
    loaded = schemathesis.openapi.from_path(spec.SPEC_PATH, config=SchemathesisConfig())
    bind(loaded, Binding(base_url="http://127.0.0.1:1", application_token=APP, crypto_token=CRYPTO))
    yield loaded
    unbind(loaded)


def case_for(schema: BaseSchema, path: str, method: str, **kwargs: Any) -> Any:
    return schema[path][method].Case(**kwargs)


def binding(case: Any) -> Binding:
    found = binding_for(case)
    assert found is not None
    return found


def test_security_is_read_from_the_spec() -> None:
    assert spec.by_operation_id("authToken").schemes == frozenset()
    assert spec.by_operation_id("getCashOut").schemes == {"bearerAuth", "applicationToken"}
    for operation_id in ("createCashOut", "refundCashIn", "rebalanceAccount"):
        info = spec.by_operation_id(operation_id)
        assert info.schemes == {"bearerAuth", "applicationToken", "digitalSignature"}
        assert info.moves_money


@pytest.mark.parametrize(
    ("path", "method", "signed"),
    [
        ("/cash-out", "POST", True),
        ("/cash-in/{id}/refund", "POST", True),
        ("/account/rebalance", "POST", True),
        ("/cash-in", "POST", False),
        ("/cash-out/{id}", "GET", False),
        ("/account/balance", "GET", False),
    ],
)
def test_credentials_follow_each_operations_security(
    schema: BaseSchema, path: str, method: str, signed: bool
) -> None:
    case = case_for(schema, path, method)
    attach_credentials(case, TOKEN, binding(case))
    assert case.headers["Authorization"] == f"Bearer {TOKEN}"
    assert case.headers["ApplicationToken"] == APP
    if signed:
        assert case.headers["DigitalSignature"] == digital_signature(TOKEN, CRYPTO)
    else:
        assert "DigitalSignature" not in case.headers


def test_token_operation_gets_no_credentials(schema: BaseSchema) -> None:
    case = case_for(schema, "/auth/token", "POST", body={"clientId": "a", "clientSecret": "b"})
    attach_credentials(case, TOKEN, binding(case))
    assert not case.headers


def test_signature_is_rederived_from_the_token_actually_sent(schema: BaseSchema) -> None:
    case = case_for(schema, "/cash-out", "POST")
    attach_credentials(case, TOKEN, binding(case))
    case.headers["Authorization"] = "Bearer a-refreshed-token"
    hooks.resign(case, binding(case))
    assert case.headers["DigitalSignature"] == digital_signature("a-refreshed-token", CRYPTO)


def test_a_deliberately_wrong_or_missing_signature_is_left_alone(schema: BaseSchema) -> None:
    wrong = case_for(schema, "/cash-out", "POST", headers={"DigitalSignature": "deadbeef"})
    wrong.headers["Authorization"] = f"Bearer {TOKEN}"
    hooks.resign(wrong, binding(wrong))
    assert wrong.headers["DigitalSignature"] == "deadbeef"
    missing = case_for(schema, "/cash-out", "POST", headers={"Authorization": f"Bearer {TOKEN}"})
    hooks.resign(missing, binding(missing))
    assert "DigitalSignature" not in missing.headers


def test_valid_idempotency_keys_are_fresh_invalid_ones_kept(schema: BaseSchema) -> None:
    drawn = "00000000-0000-4000-8000-000000000000"
    first = case_for(schema, "/cash-out", "POST", headers={"X-Idempotency-Key": drawn})
    second = case_for(schema, "/cash-out", "POST", headers={"X-Idempotency-Key": drawn})
    hooks.fresh_idempotency_key(first)
    hooks.fresh_idempotency_key(second)
    keys = {first.headers["X-Idempotency-Key"], second.headers["X-Idempotency-Key"]}
    assert len(keys) == 2 and drawn not in keys
    assert all(uuid.UUID(key).version == 4 for key in keys)
    negative = case_for(schema, "/cash-out", "POST", headers={"X-Idempotency-Key": "not-a-uuid"})
    hooks.fresh_idempotency_key(negative)
    assert negative.headers["X-Idempotency-Key"] == "not-a-uuid"


def test_before_call_ignores_schemas_of_other_suites() -> None:
    foreign = schemathesis.openapi.from_path(spec.SPEC_PATH, config=SchemathesisConfig())
    key = "00000000-0000-4000-8000-000000000000"
    case = case_for(foreign, "/cash-out", "POST", headers={"X-Idempotency-Key": key})
    hooks._before_call(None, case, {})  # type: ignore[arg-type]
    assert case.headers["X-Idempotency-Key"] == key


def test_prepare_case_fixes_valid_bodies_and_caps_on_staging(schema: BaseSchema) -> None:
    body = {
        "amount": 50.0,
        "externalReference": "x",
        "payee": {
            "name": "M",
            "document": "00000000000",
            "destination": {"type": "PIX", "pixKeyType": "CPF", "pixKey": "11111111112"},
        },
    }
    case = case_for(schema, "/cash-out", "POST", body=body)
    staging = Binding(
        base_url="https://x", application_token=APP, crypto_token=CRYPTO, max_amount=Decimal("1")
    )
    hooks.prepare_case(case, staging)
    assert case.body["amount"] <= 1
    key = case.body["payee"]["destination"]["pixKey"]  # check digits repaired (D-46)
    assert key != "11111111112" and is_valid_pix_key("CPF", key)
    assert case.body["payee"]["document"] != "00000000000"
