"""Error mapping: status and code to typed errors, whatever the body; undocumented answers raise."""

from __future__ import annotations

import json

import httpx
import pytest

from connectpsp_ext import (
    AuthenticationError,
    BusinessRuleError,
    ConflictError,
    ConnectPSPError,
    ErrorAction,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestTimeoutError,
    ServerError,
    SignatureError,
    UnexpectedResponseError,
    UnprocessableError,
    ValidationError,
)
from tests.support.samples import CASH_IN, PAYER_DOCUMENT

from .fakes import FakeConnectPSP, cash_in_kwargs, cash_out_kwargs, make_client, ok, problem

CASES = [
    (400, "VALIDATION_ERROR", ValidationError, ErrorAction.ALERT, False),
    (403, "FORBIDDEN", PermissionDeniedError, ErrorAction.ALERT, False),
    (404, "TRANSACTION_NOT_FOUND", NotFoundError, ErrorAction.ALERT, False),
    (409, "DUPLICATE_EXTERNAL_REFERENCE", ConflictError, ErrorAction.OPERATOR, False),
    (409, "IDEMPOTENCY_KEY_REUSED", ConflictError, ErrorAction.ALERT, False),
    (422, "INVALID_SIGNATURE", SignatureError, ErrorAction.ALERT, False),
    (422, "INSUFFICIENT_FUNDS", BusinessRuleError, ErrorAction.OPERATOR, False),
    (422, "CASH_IN_NOT_PAID", BusinessRuleError, ErrorAction.OPERATOR, False),
    (422, "CASH_IN_ALREADY_REFUNDED", BusinessRuleError, ErrorAction.OPERATOR, False),
    (422, "MISSING_END_TO_END_ID", BusinessRuleError, ErrorAction.OPERATOR, False),
    (422, "A_CODE_FROM_THE_FUTURE", BusinessRuleError, ErrorAction.OPERATOR, False),
    (408, "REQUEST_TIMEOUT", RequestTimeoutError, ErrorAction.RETRY, True),
    (429, "RATE_LIMITED", RateLimitError, ErrorAction.RETRY, True),
    (500, "INTERNAL_ERROR", ServerError, ErrorAction.RETRY, True),
    (502, "BAD_GATEWAY", ServerError, ErrorAction.RETRY, True),
    (503, "SERVICE_UNAVAILABLE", ServerError, ErrorAction.RETRY, True),
    (504, "GATEWAY_TIMEOUT", ServerError, ErrorAction.RETRY, True),
    (501, "NOT_IMPLEMENTED", ServerError, ErrorAction.ALERT, False),
]


@pytest.mark.parametrize(("status", "code", "cls", "action", "retryable"), CASES)
def test_mapping(
    status: int,
    code: str,
    cls: type[ConnectPSPError],
    action: ErrorAction,
    retryable: bool,
    server: FakeConnectPSP,
) -> None:
    answer = problem(status, code, "Some Title", "what happened", **{"X-Request-Id": "req-42"})
    server.queue("POST /cash-in", *(answer for _ in range(3)))
    with make_client(server) as psp, pytest.raises(cls) as info:
        psp.cash_in.create(**cash_in_kwargs())
    error = info.value
    assert type(error) is cls
    assert error.status == status
    assert error.code == code
    assert error.title == "Some Title"
    assert error.detail == "what happened"
    assert error.type == f"https://connect-psp.redocly.app/errors/{code.lower().replace('_', '-')}"
    assert error.request_id == "req-42"
    assert error.retryable is retryable
    assert error.action is action
    assert str(error.idempotency_key) == server.api_requests[0].headers["X-Idempotency-Key"]
    text = str(error)
    assert f"HTTP {status}" in text and code in text and "req-42" in text
    assert str(error.idempotency_key) in text


def test_unprocessable_alias() -> None:
    assert UnprocessableError is BusinessRuleError


def test_html_502_becomes_server_error(server: FakeConnectPSP) -> None:
    page = httpx.Response(
        502, text="<html><body>Bad gateway</body></html>", headers={"Content-Type": "text/html"}
    )
    server.queue("GET /cash-in/US7B1JQ", page, page, page)
    with make_client(server) as psp, pytest.raises(ServerError) as info:
        psp.cash_in.get("US7B1JQ")
    assert info.value.status == 502
    assert info.value.title == "Bad Gateway"
    assert info.value.code is None
    assert info.value.retryable
    assert not info.value.outcome_unknown  # a GET changes nothing


@pytest.mark.parametrize(
    "content",
    [b"", b"null", b"[1,2]", b"{not json", b'{"code": 7, "title": null}', b"\xff\xfe"],
)
def test_odd_error_bodies_never_crash(content: bytes, server: FakeConnectPSP) -> None:
    server.queue("GET /cash-out/IVKPRMOCDY", httpx.Response(404, content=content))
    with make_client(server) as psp, pytest.raises(NotFoundError) as info:
        psp.cash_out.get("IVKPRMOCDY")
    assert info.value.title == "Not Found"
    assert info.value.code is None


@pytest.mark.parametrize("status", [418, 302, 204, 299, 451, 599])
def test_undocumented_status_raises(status: int, server: FakeConnectPSP) -> None:
    server.queue("GET /account/balance", httpx.Response(status, content=b"{}"))
    with make_client(server) as psp, pytest.raises(ConnectPSPError) as info:
        psp.account.balance()
    assert info.value.status == status
    assert isinstance(info.value, UnexpectedResponseError | ServerError)


def test_418_on_a_post(server: FakeConnectPSP) -> None:
    server.queue("POST /cash-out", ok(418, {"hello": "teapot"}))
    with make_client(server) as psp, pytest.raises(UnexpectedResponseError) as info:
        psp.cash_out.create(**cash_out_kwargs())
    assert "not documented" in str(info.value)
    assert info.value.idempotency_key is not None


def test_undocumented_success_status_on_a_post(server: FakeConnectPSP) -> None:
    # 200 where the spec says 201: the server took the request, so the outcome must be checked.
    server.queue("POST /cash-in", ok(200, CASH_IN))
    with make_client(server) as psp, pytest.raises(UnexpectedResponseError) as info:
        psp.cash_in.create(**cash_in_kwargs())
    error = info.value
    assert error.status == 200
    assert error.outcome_unknown
    assert error.idempotency_key is not None
    assert error.__cause__ is None  # the generated error quotes the body; it is dropped
    assert PAYER_DOCUMENT not in str(error)


@pytest.mark.parametrize(
    "content",
    [
        b"<html>ok</html>",
        b"{}",
        b'{"transactionId": 1}',
        json.dumps({**CASH_IN, "status": None}).encode(),  # a required field (D-40) unreadable
    ],
)
def test_unreadable_success_body(content: bytes, server: FakeConnectPSP) -> None:
    server.queue("POST /cash-in", httpx.Response(201, content=content))
    with make_client(server) as psp, pytest.raises(UnexpectedResponseError) as info:
        psp.cash_in.create(**cash_in_kwargs())
    assert info.value.outcome_unknown
    assert "could not be read" in str(info.value)


def test_unreadable_get_body_is_not_outcome_unknown(server: FakeConnectPSP) -> None:
    server.queue("GET /cash-in/US7B1JQ", httpx.Response(200, content=b"{}"))
    with make_client(server) as psp, pytest.raises(UnexpectedResponseError) as info:
        psp.cash_in.get("US7B1JQ")
    assert not info.value.outcome_unknown


def test_server_detail_is_scrubbed(server: FakeConnectPSP) -> None:
    detail = f"payer.document {PAYER_DOCUMENT} (123.456.789-09) is blocked"
    server.queue("POST /cash-in", problem(400, "VALIDATION_ERROR", "Validation Error", detail))
    with make_client(server) as psp, pytest.raises(ValidationError) as info:
        psp.cash_in.create(**cash_in_kwargs())
    for text in (str(info.value), repr(info.value), info.value.detail or ""):
        assert PAYER_DOCUMENT not in text
        assert "123.456.789-09" not in text
    assert "[REDACTED]" in str(info.value)


def test_errors_are_catchable_by_group(server: FakeConnectPSP) -> None:
    server.queue(
        "POST /cash-in",
        problem(401, "INVALID_APPLICATION_TOKEN", "Invalid"),
        problem(401, "INVALID_APPLICATION_TOKEN", "Invalid"),
    )
    with make_client(server) as psp, pytest.raises(ConnectPSPError) as info:
        psp.cash_in.create(**cash_in_kwargs())
    assert isinstance(info.value, AuthenticationError)
    assert info.value.action is ErrorAction.ALERT


def test_local_validation_error_is_a_value_error() -> None:
    error = ValidationError("amount must be greater than zero", field="amount")
    assert isinstance(error, ValueError)
    assert error.status is None and error.field == "amount"
    assert repr(error).startswith("ValidationError(status=None")
