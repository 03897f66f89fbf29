"""Shared helpers of the mock tests: request bodies, an authenticated client, spec validation."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import httpx
import jsonschema_rs
import yaml

from connectpsp_mock.testing import RunningMock
from tests.support.samples import PAYEE_DOCUMENT, PAYER_DOCUMENT

ROOT = Path(__file__).resolve().parents[2]
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi" / "index.yaml").read_text())

CPF, CNPJ = PAYER_DOCUMENT, PAYEE_DOCUMENT
ISPB_DELBANK, ISPB_CELCOIN, ISPB_STARK = "11491029", "13935893", "20018183"


def component(name: str) -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(
        {"$ref": f"#/components/schemas/{name}", "components": SPEC["components"]}
    )


def response_schema(path: str, method: str, status: int) -> jsonschema_rs.Validator:
    """The spec's schema for this operation's response (components/responses resolved)."""
    response = SPEC["paths"][path][method.lower()]["responses"][str(status)]
    if "$ref" in response:
        response = SPEC["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    content = next(iter(response["content"].values()))
    schema = {**content["schema"], "components": SPEC["components"]}
    return jsonschema_rs.validator_for(schema)


def assert_conforms(response: httpx.Response, path: str) -> Any:
    """The response's status is documented for the operation and its body matches the schema."""
    method = response.request.method
    documented = SPEC["paths"][path][method.lower()]["responses"]
    assert str(response.status_code) in documented, (response.status_code, response.text)
    expected_type = "application/json" if response.status_code < 400 else "application/problem+json"
    assert response.headers["content-type"] == expected_type
    body = response.json()
    errors = [
        e.message for e in response_schema(path, method, response.status_code).iter_errors(body)
    ]
    assert not errors, errors
    return body


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """Assert an RFC 7807 problem with this status and code; return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["code"] == code, body
    assert body["type"] == "https://connect-psp.redocly.app/errors/" + code.lower().replace(
        "_", "-"
    )
    assert body["title"] == code.replace("_", " ").title()
    assert set(body) == {"type", "title", "status", "code", "detail"}
    return body


def cash_in_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "amount": 10.00,
        "externalReference": f"order-{uuid.uuid4()}",
        "expirationInMinutes": 30,
        "payer": {"name": "Test User", "document": CPF},
    }
    body.update(overrides)
    return body


def cash_out_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "amount": 50.00,
        "externalReference": f"withdrawal-{uuid.uuid4()}",
        "description": "User withdrawal",
        "payee": {
            "name": "Maria Silva",
            "document": CPF,
            "destination": {"type": "PIX", "pixKeyType": "CPF", "pixKey": CPF},
        },
    }
    body.update(overrides)
    return body


def bank_account_destination(account: str = "947710840") -> dict[str, Any]:
    return {
        "type": "BANK_ACCOUNT",
        "bankAccount": {
            "ispb": "18236120",
            "branch": "0001",
            "account": account,
            "accountType": "PAYMENT",
        },
    }


class Api:
    """An httpx client on the mock with a token, and shortcuts for the public operations."""

    def __init__(self, mock: RunningMock, client: httpx.Client) -> None:
        self.mock = mock
        self.client = client
        self.token = mock.token()
        self.headers = mock.auth_headers(self.token)
        self.signed = mock.auth_headers(self.token, signed=True)

    def create_cash_in(self, key: str | None = None, **overrides: Any) -> httpx.Response:
        headers = dict(self.headers)
        if key:
            headers["X-Idempotency-Key"] = key
        return self.client.post("/cash-in", json=cash_in_body(**overrides), headers=headers)

    def get_cash_in(self, lookup: str) -> httpx.Response:
        return self.client.get(f"/cash-in/{lookup}", headers=self.headers)

    def refund(self, lookup: str, reason: str = "CUSTOMER_REQUEST", **extra: Any) -> httpx.Response:
        return self.client.post(
            f"/cash-in/{lookup}/refund", json={"reason": reason, **extra}, headers=self.signed
        )

    def create_cash_out(self, key: str | None = None, **overrides: Any) -> httpx.Response:
        headers = {**self.signed, "X-Idempotency-Key": key or str(uuid.uuid4())}
        return self.client.post("/cash-out", json=cash_out_body(**overrides), headers=headers)

    def get_cash_out(self, lookup: str) -> httpx.Response:
        return self.client.get(f"/cash-out/{lookup}", headers=self.headers)

    def balance(self) -> dict[str, Any]:
        response = self.client.get("/account/balance", headers=self.headers)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def rebalance(self, target: Any) -> httpx.Response:
        return self.client.post(
            "/account/rebalance", json={"targetAmount": target}, headers=self.signed
        )
