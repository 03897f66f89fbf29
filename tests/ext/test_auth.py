"""Credential headers, DigitalSignature, and the single 401 refresh + replay."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from connectpsp_ext import AuthenticationError, ConfigurationError, ConnectPSP, SignatureError
from connectpsp_ext.operations import find_operation
from connectpsp_ext.signing import digital_signature
from tests.support.clock import FakeClock
from tests.support.credentials import APPLICATION_TOKEN, CLIENT_SECRET, CRYPTO_TOKEN

from .fakes import (
    BASE_URL,
    FakeConnectPSP,
    body_of,
    cash_in_kwargs,
    cash_out_kwargs,
    make_client,
    problem,
    token_response,
)

VECTORS = json.loads(
    (Path(__file__).parents[2] / "connectpsp_ext" / "signing_vectors.json").read_text("utf-8")
)["digitalSignature"]

Operation = Callable[[ConnectPSP], Any]
OPERATIONS: dict[str, tuple[Operation, bool]] = {
    "POST /cash-in": (lambda p: p.cash_in.create(**cash_in_kwargs()), False),
    "GET /cash-in/{id}": (lambda p: p.cash_in.get("US7B1JQ"), False),
    "POST /cash-in/{id}/refund": (lambda p: p.cash_in.refund("US7B1JQ", "FRAUD"), True),
    "POST /cash-out": (lambda p: p.cash_out.create(**cash_out_kwargs()), True),
    "GET /cash-out/{id}": (lambda p: p.cash_out.get("IVKPRMOCDY"), False),
    "GET /account/balance": (lambda p: p.account.balance(), False),
    "POST /account/rebalance": (lambda p: p.account.rebalance(Decimal("1000000")), True),
}


def test_token_request_carries_only_the_credentials(server: FakeConnectPSP) -> None:
    with make_client(server) as psp:
        psp.account.balance()
    (token_request,) = server.token_requests
    assert token_request.method == "POST"
    assert body_of(token_request) == {"clientId": "1000001", "clientSecret": CLIENT_SECRET}
    for header in ("Authorization", "ApplicationToken", "DigitalSignature", "X-Idempotency-Key"):
        assert header not in token_request.headers


@pytest.mark.parametrize("route", list(OPERATIONS))
def test_headers_per_operation(route: str, server: FakeConnectPSP) -> None:
    call, signed = OPERATIONS[route]
    with make_client(server) as psp:
        call(psp)
    (request,) = server.api_requests
    token = server.issued_tokens[0]
    assert request.headers["Authorization"] == f"Bearer {token}"
    assert request.headers["ApplicationToken"] == APPLICATION_TOKEN  # GET /cash-out too (D-04)
    if signed:
        assert request.headers["DigitalSignature"] == digital_signature(token, CRYPTO_TOKEN)
    else:
        assert "DigitalSignature" not in request.headers


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("POST", "/cash-out", True),
        ("POST", "/cash-in/US7B1JQ/refund", True),
        ("POST", "/account/rebalance", True),
        ("POST", "/cash-in", False),
        ("GET", "/cash-out/IVKPRMOCDY", False),
        ("GET", "/cash-out", False),
        ("POST", "/cash-in/a/b/refund", False),
        ("POST", "/cash-outs", False),
    ],
)
def test_signed_operations(method: str, path: str, expected: bool) -> None:
    op = find_operation(method, path)
    assert (op is not None and op.signed) is expected


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["cryptoToken"])
def test_golden_vectors_pure_function(vector: dict[str, str]) -> None:
    assert digital_signature(vector["accessToken"], vector["cryptoToken"]) == vector["signature"]


# Tokens must be non-empty ASCII to travel in a header; the others are covered just above.
WIRE_VECTORS = [v for v in VECTORS if v["accessToken"] and v["accessToken"].isascii()]


@pytest.mark.parametrize("vector", WIRE_VECTORS, ids=lambda v: v["cryptoToken"])
def test_golden_vectors_on_the_wire(vector: dict[str, str], server: FakeConnectPSP) -> None:
    server.queue("POST /auth/token", token_response(vector["accessToken"]))
    with make_client(server, crypto_token=vector["cryptoToken"]) as psp:
        psp.cash_out.create(**cash_out_kwargs())
    assert server.api_requests[0].headers["DigitalSignature"] == vector["signature"]


def test_signature_recomputed_after_a_refresh(server: FakeConnectPSP, clock: FakeClock) -> None:
    with make_client(server, clock) as psp:
        psp.account.rebalance(Decimal("1"))
        clock.advance(3600)
        psp.account.rebalance(Decimal("2"))
    first, second = server.api_requests
    t1, t2 = server.issued_tokens
    assert t1 != t2
    assert first.headers["DigitalSignature"] == digital_signature(t1, CRYPTO_TOKEN)
    assert second.headers["DigitalSignature"] == digital_signature(t2, CRYPTO_TOKEN)
    assert second.headers["Authorization"] == f"Bearer {t2}"


def test_401_refreshes_once_and_replays_with_the_same_key(server: FakeConnectPSP) -> None:
    server.queue("POST /cash-out", problem(401, "TOKEN_EXPIRED", "Token Expired"))
    with make_client(server) as psp:
        result = psp.cash_out.create(**cash_out_kwargs())
    assert result.status_code == 202
    first, replay = server.api_requests
    assert len(server.token_requests) == 2
    t1, t2 = server.issued_tokens
    key = first.headers["X-Idempotency-Key"]
    assert replay.headers["X-Idempotency-Key"] == key == str(result.idempotency_key)
    assert replay.content == first.content
    assert first.headers["Authorization"] == f"Bearer {t1}"
    assert replay.headers["Authorization"] == f"Bearer {t2}"
    assert replay.headers["DigitalSignature"] == digital_signature(t2, CRYPTO_TOKEN)


def test_second_401_raises_authentication_error(server: FakeConnectPSP) -> None:
    expired = problem(401, "TOKEN_EXPIRED", "Token Expired", "The access token has expired.")
    server.queue("POST /cash-in", expired, expired)
    with make_client(server) as psp, pytest.raises(AuthenticationError) as info:
        psp.cash_in.create(**cash_in_kwargs())
    error = info.value
    assert error.status == 401 and error.code == "TOKEN_EXPIRED"
    assert not error.retryable
    assert error.idempotency_key is not None
    keys = {r.headers["X-Idempotency-Key"] for r in server.api_requests}
    assert keys == {str(error.idempotency_key)}
    assert len(server.api_requests) == 2  # one replay, never a loop
    assert len(server.token_requests) == 2


def test_a_token_expiring_again_later_in_a_long_call_is_refreshed_again(
    server: FakeConnectPSP,
) -> None:
    # 401 -> replay with a new token -> 503 -> retry -> that token expired meanwhile (short token
    # lifetimes, a loaded machine): the later 401 gets its own refresh, it is not a loop.
    expired = problem(401, "TOKEN_EXPIRED", "Token Expired", "The access token has expired.")
    server.queue("POST /cash-out", expired, problem(503, "SERVICE_UNAVAILABLE", "Busy"), expired)
    with make_client(server) as psp:
        result = psp.cash_out.create(**cash_out_kwargs())
    assert result.status_code == 202
    assert len(server.api_requests) == 4
    assert len(server.token_requests) == 3
    assert len({r.headers["X-Idempotency-Key"] for r in server.api_requests}) == 1


def test_401_twice_in_a_row_after_a_retry_still_raises(server: FakeConnectPSP) -> None:
    expired = problem(401, "TOKEN_EXPIRED", "Token Expired", "The access token has expired.")
    busy = problem(503, "SERVICE_UNAVAILABLE", "Busy")
    server.queue("POST /cash-out", busy, expired, expired, expired)
    with make_client(server) as psp, pytest.raises(AuthenticationError):
        psp.cash_out.create(**cash_out_kwargs())
    assert len(server.api_requests) == 3  # 503, 401, the replay's 401: never a loop
    assert len(server.token_requests) == 2


def test_401_replay_of_rebalance_is_allowed(server: FakeConnectPSP) -> None:
    # A 401 means the request was refused, not applied: replaying a key-less POST is safe.
    server.queue("POST /account/rebalance", problem(401, "TOKEN_EXPIRED", "Token Expired"))
    with make_client(server) as psp:
        assert psp.account.rebalance(Decimal("5")).data.success is True
    assert len(server.api_requests) == 2


def test_invalid_signature_is_a_signature_error(server: FakeConnectPSP) -> None:
    server.queue("POST /cash-out", problem(422, "INVALID_SIGNATURE", "Invalid Signature"))
    with make_client(server) as psp, pytest.raises(SignatureError) as info:
        psp.cash_out.create(**cash_out_kwargs())
    assert isinstance(info.value, AuthenticationError)
    assert info.value.status == 422
    assert len(server.api_requests) == 1  # neither replayed nor retried


@pytest.mark.parametrize(
    "call",
    [
        lambda p: p.cash_out.create(**cash_out_kwargs()),
        lambda p: p.cash_in.refund("US7B1JQ", "FRAUD"),
        lambda p: p.account.rebalance(Decimal("1")),
    ],
)
def test_signed_operations_need_a_crypto_token(call: Operation, server: FakeConnectPSP) -> None:
    with make_client(server, crypto_token=None) as psp, pytest.raises(ConfigurationError):
        call(psp)
    assert server.requests == []


def test_generated_functions_get_the_same_auth(server: FakeConnectPSP) -> None:
    from connectpsp_client.api.account import rebalance_account
    from connectpsp_client.models import RebalanceRequest, RebalanceResponse

    with make_client(server) as psp:
        response = rebalance_account.sync_detailed(
            client=psp.generated_client, body=RebalanceRequest(target_amount=Decimal("3"))
        )
    assert isinstance(response.parsed, RebalanceResponse)
    (request,) = server.api_requests
    assert request.headers["DigitalSignature"] == digital_signature(
        server.issued_tokens[0], CRYPTO_TOKEN
    )


def test_base_url_with_a_path_prefix(server: FakeConnectPSP) -> None:
    with make_client(server, base_url=f"{BASE_URL}/v2") as psp:
        psp.cash_out.create(**cash_out_kwargs())
    token_request, cash_out = server.requests
    assert token_request.url.path == "/v2/auth/token"
    assert "Authorization" not in token_request.headers
    assert cash_out.url.path == "/v2/cash-out"
    assert "DigitalSignature" in cash_out.headers


def test_token_response_without_a_usable_token(server: FakeConnectPSP) -> None:
    bad = httpx.Response(
        200,
        json={
            "accessToken": "",
            "tokenType": "Bearer",
            "expiresIn": 60,
            "issuedAt": "2026-03-10T14:00:00Z",
        },
    )
    server.queue("POST /auth/token", bad)
    from connectpsp_ext import UnexpectedResponseError

    with make_client(server) as psp, pytest.raises(UnexpectedResponseError):
        psp.account.balance()
    assert server.api_requests == []


def test_generated_functions_keep_their_query(server: FakeConnectPSP) -> None:
    import datetime

    from connectpsp_client.api.account import get_balance

    with make_client(server) as psp:
        response = get_balance.sync_detailed(
            client=psp.generated_client, date=datetime.date(2026, 3, 10)
        )
    assert response.status_code == 200
    (request,) = server.api_requests
    assert request.url.params["date"] == "2026-03-10"
    assert request.headers["ApplicationToken"] == APPLICATION_TOKEN
