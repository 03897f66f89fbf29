"""Issue 10: the docs' own reference-page responses load (they crashed the strict models).

- `POST /auth/token` without `tokenType`/`issuedAt` (fields the docs show but never guarantee);
- the Request Refund 202 with the four fields its reference page shows;
- `GET /cash-out/{id}` as its reference page shows it, without `requestedAt`;
- `GET /account/balance` with `proprietary` an object without fields, as the page documents it.

Each one validates against the spec's response schema and loads through the operation's generated
response parser. Fields the docs show but that a response leaves out are reported as deviations,
fields the page never showed are not.
"""

from __future__ import annotations

from decimal import Decimal
from types import ModuleType
from typing import Any

import httpx
import pytest
from connectpsp_client import Client
from connectpsp_client.api.account import get_balance
from connectpsp_client.api.authentication import auth_token
from connectpsp_client.api.cash_in import refund_cash_in
from connectpsp_client.api.cash_out import get_cash_out
from connectpsp_client.models import Balance, CashOut, Refund, TokenResponse
from connectpsp_client.types import UNSET, json_dumps

from .spec_helpers import SPEC, component_validator


def _page_example(path: str, method: str, status: str) -> dict[str, Any]:
    content = SPEC["paths"][path][method]["responses"][status]["content"]["application/json"]
    return dict(content["examples"]["referencePage"]["value"])


TOKEN_WITHOUT_TYPE_AND_TIME = {"accessToken": "eyJhbGciOiJIUzI1NiJ9.e30.c2ln", "expiresIn": 3600}
REFUND_FOUR_FIELDS = _page_example("/cash-in/{id}/refund", "post", "202")
CASH_OUT_WITHOUT_REQUESTED_AT = _page_example("/cash-out/{id}", "get", "200")
BALANCE_PROPRIETARY_WITHOUT_FIELDS = _page_example("/account/balance", "get", "200")

CASES = [
    ("token", auth_token, 200, "TokenResponse", TOKEN_WITHOUT_TYPE_AND_TIME),
    ("refund", refund_cash_in, 202, "Refund", REFUND_FOUR_FIELDS),
    ("cash-out", get_cash_out, 200, "CashOut", CASH_OUT_WITHOUT_REQUESTED_AT),
    ("balance", get_balance, 200, "Balance", BALANCE_PROPRIETARY_WITHOUT_FIELDS),
]


def _parse(module: ModuleType, status: int, payload: dict[str, Any]) -> Any:
    response = httpx.Response(status, content=json_dumps(payload))
    return module._parse_response(client=Client(base_url="https://x"), response=response)


def test_the_reference_page_examples_are_what_the_issue_quotes() -> None:
    assert set(REFUND_FOUR_FIELDS) == {
        "transactionId",
        "internalCode",
        "externalReference",
        "endToEndId",
    }
    assert "requestedAt" not in CASH_OUT_WITHOUT_REQUESTED_AT
    assert BALANCE_PROPRIETARY_WITHOUT_FIELDS["banks"][0]["accounts"]["proprietary"] == {}


@pytest.mark.parametrize(("name", "module", "status", "schema", "payload"), CASES)
def test_reference_page_response_is_valid_against_the_spec(
    name: str, module: ModuleType, status: int, schema: str, payload: dict[str, Any]
) -> None:
    errors = [e.message for e in component_validator(schema).iter_errors(payload)]
    assert errors == [], name


def test_token_without_token_type_and_issued_at_loads() -> None:
    token = _parse(auth_token, 200, TOKEN_WITHOUT_TYPE_AND_TIME)
    assert isinstance(token, TokenResponse)
    assert token.access_token == TOKEN_WITHOUT_TYPE_AND_TIME["accessToken"]
    assert token.expires_in == 3600
    assert token.token_type is UNSET and token.issued_at is UNSET
    assert {(d.path, d.kind) for d in token.deviations} == {
        ("tokenType", "missing"),
        ("issuedAt", "missing"),
    }


def test_the_four_field_refund_loads() -> None:
    refund = _parse(refund_cash_in, 202, REFUND_FOUR_FIELDS)
    assert isinstance(refund, Refund)
    assert refund.internal_code == "US7B1JQ"
    assert refund.end_to_end_id == "D00416968202603111200refundAbc12"
    assert refund.status is UNSET and refund.amount is UNSET
    assert refund.deviations == []  # exactly what the page documents
    assert refund.to_dict() == REFUND_FOUR_FIELDS


def test_get_cash_out_without_requested_at_loads() -> None:
    cash_out = _parse(get_cash_out, 200, CASH_OUT_WITHOUT_REQUESTED_AT)
    assert isinstance(cash_out, CashOut)
    assert cash_out.status == "COMPLETED" and cash_out.amount == Decimal(500)
    assert cash_out.requested_at is UNSET
    assert cash_out.deviations == []
    assert cash_out.to_dict() == CASH_OUT_WITHOUT_REQUESTED_AT


def test_balance_with_an_empty_proprietary_account_loads() -> None:
    balance = _parse(get_balance, 200, BALANCE_PROPRIETARY_WITHOUT_FIELDS)
    assert isinstance(balance, Balance)
    assert not isinstance(balance.banks, type(UNSET)) and balance.banks is not None
    accounts = balance.banks[0].accounts
    assert accounts is not None and not isinstance(accounts, type(UNSET))
    proprietary = accounts.proprietary
    assert proprietary is not None and not isinstance(proprietary, type(UNSET))
    assert proprietary.branch is UNSET and proprietary.balance is UNSET
    assert balance.deviations == []
    assert balance.to_dict() == BALANCE_PROPRIETARY_WITHOUT_FIELDS
