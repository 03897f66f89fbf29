"""400 VALIDATION_ERROR: every rule of the spec and D-01/D-05/D-11/D-18/D-21, naming the field and
never echoing documents, keys or secrets; nothing is created by a rejected request."""

from __future__ import annotations

import uuid
from copy import deepcopy
from typing import Any

import httpx
import pytest

from .helpers import (
    CNPJ,
    CPF,
    Api,
    assert_problem,
    bank_account_destination,
    cash_in_body,
    cash_out_body,
)

BAD_CPF = "12345678900"  # right shape, wrong check digits


def _with(body: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``body`` with the dotted ``path`` set to ``value`` (``...`` deletes it)."""
    copy: dict[str, Any] = deepcopy(body)
    *parents, last = path.split(".")
    node = copy
    for key in parents:
        node = node[key]
    if value is ...:
        del node[last]
    else:
        node[last] = value
    return copy


CASH_IN_CASES: list[tuple[str, Any, str]] = [
    ("amount", ..., "amount"),
    ("amount", 0, "amount"),
    ("amount", -1, "amount"),
    ("amount", 10.001, "amount"),
    ("amount", 1000000000.01, "amount"),
    ("amount", "10.00", "amount"),
    ("amount", True, "amount"),
    ("amount", None, "amount"),
    ("externalReference", ..., "externalReference"),
    ("externalReference", "", "externalReference"),
    ("externalReference", "x" * 101, "externalReference"),
    ("externalReference", 123, "externalReference"),
    ("expirationInMinutes", 0, "expirationInMinutes"),
    ("expirationInMinutes", 43201, "expirationInMinutes"),
    ("expirationInMinutes", 1.5, "expirationInMinutes"),
    ("expirationInMinutes", "30", "expirationInMinutes"),
    ("webhookUrl", "not a url", "webhookUrl"),
    ("webhookUrl", "ftp://127.0.0.1/x", "webhookUrl"),
    ("webhookUrl", "https://" + "a" * 2050, "webhookUrl"),
    ("payer", ..., "payer"),
    ("payer", "Test User", "payer"),
    ("payer.name", ..., "payer.name"),
    ("payer.name", "x" * 141, "payer.name"),
    ("payer.document", BAD_CPF, "payer.document"),
    ("payer.document", "123.456.789-09", "payer.document"),
    ("payer.document", "1234567890", "payer.document"),
    ("payer.document", 12345678909, "payer.document"),
    ("openFinance", "yes", "openFinance"),
    ("openFinance", {"redirectUrl": "nope"}, "openFinance.redirectUrl"),
]


@pytest.mark.parametrize(("path", "value", "field"), CASH_IN_CASES)
def test_cash_in_validation(api: Api, path: str, value: Any, field: str) -> None:
    body = _with(cash_in_body(), path, value)
    response = api.client.post("/cash-in", json=body, headers=api.headers)
    detail = assert_problem(response, 400, "VALIDATION_ERROR")["detail"]
    assert detail.startswith(field + ":"), detail
    assert BAD_CPF not in detail and CPF not in detail
    assert api.mock.state()["cashIns"] == []


CASH_OUT_CASES: list[tuple[str, Any, str]] = [
    ("amount", 0.001, "amount"),
    ("amount", False, "amount"),
    ("externalReference", None, "externalReference"),
    ("description", "x" * 141, "description"),
    ("description", 5, "description"),
    ("payee.document", BAD_CPF, "payee.document"),
    ("payee.destination", ..., "payee.destination"),
    ("payee.destination.type", "TED", "payee.destination.type"),
    ("payee.destination.pixKeyType", "RANDOM", "payee.destination.pixKeyType"),
    ("payee.destination.pixKey", ..., "payee.destination.pixKey"),
    ("payee.destination.pixKey", BAD_CPF, "payee.destination.pixKey"),
    ("payee.destination.pixKey", "123.456.789-09", "payee.destination.pixKey"),
    ("payee.destination.pixKey", "x" * 78, "payee.destination.pixKey"),
]


@pytest.mark.parametrize(("path", "value", "field"), CASH_OUT_CASES)
def test_cash_out_validation(api: Api, path: str, value: Any, field: str) -> None:
    body = _with(cash_out_body(), path, value)
    headers = {**api.signed, "X-Idempotency-Key": str(uuid.uuid4())}
    detail = assert_problem(
        api.client.post("/cash-out", json=body, headers=headers), 400, "VALIDATION_ERROR"
    )["detail"]
    assert detail.startswith(field + ":"), detail
    assert BAD_CPF not in detail
    assert api.mock.state()["cashOuts"] == []


@pytest.mark.parametrize(
    ("key_type", "key"),
    [
        ("CPF", CNPJ),
        ("CNPJ", CPF),
        ("EMAIL", "not-an-email"),
        ("EMAIL", "Maria@Example.com"),  # valid address, not canonical (lower case)
        ("PHONE", "11999998888"),
        ("PHONE", "+1 555 0100"),
        ("EVP", "not-a-uuid"),
        ("EVP", "7D9F0335-8DCC-4054-9BF9-0DBD61D36906"),
    ],
)
def test_pix_key_must_match_its_type(api: Api, key_type: str, key: str) -> None:
    destination = {"type": "PIX", "pixKeyType": key_type, "pixKey": key}
    response = api.create_cash_out(payee={"name": "M", "document": CPF, "destination": destination})
    detail = assert_problem(response, 400, "VALIDATION_ERROR")["detail"]
    assert detail.startswith("payee.destination.pixKey:") and key not in detail


@pytest.mark.parametrize(
    ("key_type", "key"),
    [
        ("CPF", CPF),
        ("CNPJ", CNPJ),
        ("CNPJ", "12ABC34501DE35"),  # alphanumeric CNPJ (D-11)
        ("EMAIL", "maria@example.com"),
        ("PHONE", "+5511999998888"),
        ("EVP", "7d9f0335-8dcc-4054-9bf9-0dbd61d36906"),
    ],
)
def test_every_pix_key_type_is_accepted(api: Api, key_type: str, key: str) -> None:
    destination = {"type": "PIX", "pixKeyType": key_type, "pixKey": key}
    response = api.create_cash_out(
        payee={"name": "M", "document": CNPJ, "destination": destination}
    )
    assert response.status_code == 202, response.text
    assert response.json()["payee"]["destination"] == destination


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ispb", "1823612"),
        ("ispb", "1823612a"),
        ("branch", "00001"),
        ("branch", "0a01"),
        ("account", ""),
        ("account", "1" * 21),
        ("account", "94771084-0"),
        ("accountType", "CURRENT"),
        ("accountType", None),
    ],
)
def test_bank_account_rules(api: Api, field: str, value: Any) -> None:
    destination = bank_account_destination()
    destination["bankAccount"][field] = value
    response = api.create_cash_out(payee={"name": "M", "document": CPF, "destination": destination})
    detail = assert_problem(response, 400, "VALIDATION_ERROR")["detail"]
    assert detail.startswith(f"payee.destination.bankAccount.{field}:"), detail


@pytest.mark.parametrize("account_type", ["CHECKING", "SAVINGS", "PAYMENT"])
def test_bank_account_types_are_accepted(api: Api, account_type: str) -> None:
    destination = bank_account_destination()
    destination["bankAccount"]["accountType"] = account_type
    response = api.create_cash_out(payee={"name": "M", "document": CPF, "destination": destination})
    assert response.status_code == 202, response.text


def test_idempotency_key_is_required_on_cash_out_and_must_be_a_uuid(api: Api) -> None:
    response = api.client.post("/cash-out", json=cash_out_body(), headers=api.signed)
    assert assert_problem(response, 400, "VALIDATION_ERROR")["detail"].startswith(
        "X-Idempotency-Key:"
    )
    for bad in ("", "123", "not-a-uuid", str(uuid.uuid4()) + "0"):
        response = api.client.post(
            "/cash-out", json=cash_out_body(), headers={**api.signed, "X-Idempotency-Key": bad}
        )
        assert_problem(response, 400, "VALIDATION_ERROR")
    for bad in ("", "nope"):  # optional on cash-in, but when sent it must be a UUID
        response = api.client.post(
            "/cash-in", json=cash_in_body(), headers={**api.headers, "X-Idempotency-Key": bad}
        )
        assert_problem(response, 400, "VALIDATION_ERROR")
    assert api.mock.state()["cashOuts"] == [] and api.mock.state()["cashIns"] == []


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (b"{", "application/json"),
        (b"", "application/json"),
        (b"[]", "application/json"),
        (b"null", "application/json"),
        (b'{"amount": NaN}', "application/json"),
        (b'{"amount": Infinity}', "application/json"),
        (b"\xff\xfe\x00", "application/json"),
        (b'{"amount": 1' + b"0" * 5000 + b"}", "application/json"),
        (b"[" * 100000, "application/json"),
        (b'{"amount": 10}', "text/plain"),
        (b'{"amount": 10}', ""),
        (b"amount=10", "application/x-www-form-urlencoded"),
    ],
)
def test_unparseable_bodies_are_400(api: Api, content: bytes, content_type: str) -> None:
    headers = {**api.headers, "Content-Type": content_type}
    assert_problem(
        api.client.post("/cash-in", content=content, headers=headers), 400, "VALIDATION_ERROR"
    )


def test_huge_body_is_refused(api: Api) -> None:
    body = cash_in_body(payer={"name": "x" * (2 * 1024 * 1024), "document": CPF})
    assert_problem(
        api.client.post("/cash-in", json=body, headers=api.headers), 400, "VALIDATION_ERROR"
    )


@pytest.mark.parametrize("lookup", ["a" * 65, "abc_def", "abc%20def", "%C3%A9"])
def test_path_id_pattern(api: Api, lookup: str) -> None:
    response = api.client.get(f"/cash-in/{lookup}", headers=api.headers)
    assert assert_problem(response, 400, "VALIDATION_ERROR")["detail"].startswith("id:")
    assert_problem(api.refund(lookup), 400, "VALIDATION_ERROR")
    assert_problem(
        api.client.get(f"/cash-out/{lookup}", headers=api.headers), 400, "VALIDATION_ERROR"
    )


@pytest.mark.parametrize(
    "body",
    [{}, {"reason": "BECAUSE"}, {"reason": None}, {"reason": "FRAUD", "description": "x" * 501}],
)
def test_refund_body_rules(api: Api, body: dict[str, Any]) -> None:
    cash_in = api.create_cash_in().json()
    api.mock.pay_cash_in(cash_in["internalCode"])
    response = api.client.post(
        f"/cash-in/{cash_in['internalCode']}/refund", json=body, headers=api.signed
    )
    assert_problem(response, 400, "VALIDATION_ERROR")
    assert api.get_cash_in(cash_in["internalCode"]).json()["status"] == "PAID"


@pytest.mark.parametrize("target", [-1, 0.001, "100", None, 1000000000.01])
def test_rebalance_body_rules(api: Api, target: Any) -> None:
    assert_problem(api.rebalance(target), 400, "VALIDATION_ERROR")


def test_balance_date_must_be_a_date(api: Api, client: httpx.Client) -> None:
    for bad in ("2026-13-01", "10/03/2026", "2026-3-1", "x"):
        response = client.get("/account/balance", params={"date": bad}, headers=api.headers)
        assert_problem(response, 400, "VALIDATION_ERROR")
    ok = client.get("/account/balance", params={"date": "2026-03-01"}, headers=api.headers)
    assert ok.status_code == 200 and ok.json()["referenceDate"] == "2026-03-10"


def test_two_decimal_amounts_and_integral_minutes_are_accepted(api: Api) -> None:
    for amount in (0.07, 0.01, 1000000000, 150.5, 10):
        response = api.create_cash_in(amount=amount)
        assert response.status_code == 201, response.text
    assert api.create_cash_in(expirationInMinutes=30.0).status_code == 201
    assert api.create_cash_in(expirationInMinutes=43200).status_code == 201


def test_unknown_fields_are_ignored(api: Api) -> None:
    response = api.create_cash_in(extra={"nested": [1, 2, 3]}, another=1e300)
    assert response.status_code == 201, response.text
    assert "extra" not in response.json()
