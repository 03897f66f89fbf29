"""AsyncConnectPSP: the same behaviour on asyncio."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest
from connectpsp_client.models import CashIn, CashOut

from connectpsp_ext import (
    AuthenticationError,
    BusinessRuleError,
    ConfigurationError,
    NetworkError,
    ServerError,
    UnexpectedResponseError,
    ValidationError,
)
from connectpsp_ext.signing import digital_signature
from tests.support.clock import FakeClock
from tests.support.credentials import CRYPTO_TOKEN

from .fakes import (
    FakeAsyncSleep,
    FakeConnectPSP,
    cash_in_kwargs,
    cash_out_kwargs,
    make_async_client,
    problem,
)

pytestmark = pytest.mark.anyio


async def test_all_operations(server: FakeConnectPSP) -> None:
    async with make_async_client(server) as psp:
        created = await psp.cash_in.create(**cash_in_kwargs(amount=Decimal("0.07")))
        got = await psp.cash_in.get("US7B1JQ")
        refund = await psp.cash_in.refund("US7B1JQ", "FRAUD")
        out = await psp.cash_out.create(**cash_out_kwargs())
        out_got = await psp.cash_out.get("IVKPRMOCDY")
        balance = await psp.account.balance()
        rebalance = await psp.account.rebalance(Decimal("10"))
    assert isinstance(created.data, CashIn) and created.idempotency_key is not None
    assert b'"amount":0.07' in server.api_requests[0].content
    assert got.status_code == 200 and refund.status_code == 202
    assert isinstance(out.data, CashOut) and out_got.status_code == 200
    assert balance.data.currency == "BRL" and rebalance.data.success
    assert len(server.token_requests) == 1
    token = server.issued_tokens[0]
    signed = {r.url.path for r in server.api_requests if "DigitalSignature" in r.headers}
    assert signed == {"/cash-in/US7B1JQ/refund", "/cash-out", "/account/rebalance"}
    assert all(
        r.headers["DigitalSignature"] == digital_signature(token, CRYPTO_TOKEN)
        for r in server.api_requests
        if "DigitalSignature" in r.headers
    )


async def test_retries_with_the_same_key_and_async_sleep(server: FakeConnectPSP) -> None:
    clock = FakeClock()
    sleep = FakeAsyncSleep(clock)
    server.queue(
        "POST /cash-out",
        problem(503, "SERVICE_UNAVAILABLE", "Unavailable", **{"Retry-After": "120"}),
        httpx.ReadTimeout("slow"),
    )
    async with make_async_client(server, clock, sleep, rng=lambda: 1.0) as psp:
        result = await psp.cash_out.create(**cash_out_kwargs())
    assert sleep.calls == [60.0, 1.0]
    assert {r.headers["X-Idempotency-Key"] for r in server.api_requests} == {
        str(result.idempotency_key)
    }
    assert len(server.api_requests) == 3


async def test_no_retry_without_key(server: FakeConnectPSP) -> None:
    server.queue("POST /account/rebalance", httpx.ReadTimeout("slow"))
    async with make_async_client(server) as psp:
        with pytest.raises(NetworkError) as info:
            await psp.account.rebalance(Decimal("1"))
    assert info.value.outcome_unknown
    assert len(server.api_requests) == 1


async def test_401_replay_then_second_401(server: FakeConnectPSP) -> None:
    expired = problem(401, "TOKEN_EXPIRED", "Token Expired")
    server.queue("POST /cash-in", expired, expired, expired)
    async with make_async_client(server) as psp:
        with pytest.raises(AuthenticationError) as info:
            await psp.cash_in.create(**cash_in_kwargs())
        assert len(server.api_requests) == 2
        # Next call: one more 401 is answered by one refresh + replay, which succeeds.
        await psp.cash_in.create(**cash_in_kwargs())
    assert len(server.api_requests) == 4
    keys = [r.headers["X-Idempotency-Key"] for r in server.api_requests]
    assert keys[0] == keys[1] == str(info.value.idempotency_key)
    assert keys[2] == keys[3] != keys[0]
    assert len(server.token_requests) == 3


async def test_typed_errors(server: FakeConnectPSP) -> None:
    server.queue("POST /cash-out", problem(422, "INSUFFICIENT_FUNDS", "Insufficient Funds"))
    html = httpx.Response(502, text="<html>oops</html>")
    server.queue("GET /cash-in/US7B1JQ", html, html, html)
    server.queue("GET /account/balance", httpx.Response(418, content=b""))
    async with make_async_client(server) as psp:
        with pytest.raises(BusinessRuleError):
            await psp.cash_out.create(**cash_out_kwargs())
        with pytest.raises(ServerError):
            await psp.cash_in.get("US7B1JQ")
        with pytest.raises(UnexpectedResponseError) as info:
            await psp.account.balance()
        assert info.value.status == 418


async def test_validation_and_configuration_before_sending(server: FakeConnectPSP) -> None:
    async with make_async_client(server, crypto_token=None) as psp:
        with pytest.raises(ValidationError):
            await psp.cash_in.create(**cash_in_kwargs(amount=1.5))
        with pytest.raises(ConfigurationError):
            await psp.cash_out.create(**cash_out_kwargs())
    assert server.requests == []


async def test_proactive_refresh(server: FakeConnectPSP) -> None:
    clock = FakeClock()
    async with make_async_client(server, clock) as psp:
        await psp.account.balance()
        clock.advance(3600 - 61)
        await psp.account.balance()
        assert len(server.token_requests) == 1
        clock.advance(1)
        await psp.account.balance()
    assert len(server.token_requests) == 2
