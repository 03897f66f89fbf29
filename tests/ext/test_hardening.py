"""Issue 11 items 1-7, client side: deterministic regression tests (fake clock, scripted server).

The same defects are attacked through real sockets by ``tests/hostile/client``; here each one is
pinned down without timing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from connectpsp_ext import (
    AuthenticationError,
    NetworkError,
    NotFoundError,
    ResponseTooLargeError,
    RetryPolicy,
    ServerError,
    UnexpectedResponseError,
    ValidationError,
)
from tests.support.clock import FakeClock
from tests.support.credentials import APPLICATION_TOKEN
from tests.support.samples import CASH_IN

from .fakes import (
    FakeAsyncSleep,
    FakeConnectPSP,
    FakeSleep,
    cash_in_kwargs,
    cash_out_kwargs,
    make_async_client,
    make_client,
    ok,
    problem,
)

# --- 1. the deadline bounds the whole call, body reading included ----------------------------


class TricklingBody(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that arrives one byte per (fake) second, forever."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.sent = 0

    def _next(self) -> bytes:
        self.clock.advance(1.0)
        self.sent += 1
        return b" "

    def __iter__(self) -> Iterator[bytes]:
        while self.sent < 10_000:
            yield self._next()

    async def __aiter__(self) -> Any:
        while self.sent < 10_000:
            yield self._next()


def test_a_trickling_body_cannot_hold_a_call_past_its_deadline(
    server: FakeConnectPSP, clock: FakeClock
) -> None:
    body = TricklingBody(clock)
    server.queue("POST /cash-out", httpx.Response(202, stream=body))
    with (
        make_client(server, clock, retry=RetryPolicy(deadline=3)) as psp,
        pytest.raises(NetworkError) as info,
    ):
        psp.cash_out.create(**cash_out_kwargs())
    assert body.sent <= 4  # stopped at the first byte after the 3 s deadline
    assert "deadline" in str(info.value)
    assert info.value.outcome_unknown  # the cash-out was sent: it may have been applied
    assert len(server.api_requests) == 1  # no time left for another attempt


@pytest.mark.anyio
async def test_a_trickling_body_cannot_hold_an_async_call_past_its_deadline(
    server: FakeConnectPSP, clock: FakeClock
) -> None:
    body = TricklingBody(clock)
    server.queue("GET /cash-in/US7B1JQ", httpx.Response(200, stream=body))
    async with make_async_client(server, clock, retry=RetryPolicy(deadline=3)) as psp:
        with pytest.raises(NetworkError, match="deadline"):
            await psp.cash_in.get("US7B1JQ")
    assert body.sent <= 4


def test_the_token_fetch_spends_the_calls_deadline(
    server: FakeConnectPSP, clock: FakeClock, sleep: FakeSleep
) -> None:
    def slow_token(request: httpx.Request) -> httpx.Response:
        clock.advance(4.0)
        return problem(503, "SERVICE_UNAVAILABLE", "Unavailable")

    server.queue("POST /auth/token", slow_token, slow_token)
    with (
        make_client(server, clock, sleep, retry=RetryPolicy(deadline=5), rng=lambda: 1.0) as psp,
        pytest.raises(ServerError),
    ):
        psp.cash_in.get("US7B1JQ")
    # 4 s of the 5 s went to the token request: a 0.5 s wait fits, the next attempt gets 0.5 s.
    assert sleep.calls == [0.5]
    second_token = server.token_requests[1]
    assert set(second_token.extensions["timeout"].values()) == {0.5}
    assert server.api_requests == []  # the GET itself was never sent


# --- 2. "outcome unknown" is never forgotten -------------------------------------------------


def test_a_later_401_does_not_erase_an_earlier_maybe_applied_attempt(
    server: FakeConnectPSP,
) -> None:
    expired = problem(401, "TOKEN_EXPIRED", "Token Expired")
    server.queue("POST /cash-in", httpx.ReadTimeout("sent, no answer"), expired, expired)
    with make_client(server) as psp, pytest.raises(AuthenticationError) as info:
        psp.cash_in.create(**cash_in_kwargs())
    error = info.value
    assert error.status == 401
    assert error.outcome_unknown  # the first attempt may have created the cash-in
    assert "outcome is unknown" in str(error)
    assert {r.headers["X-Idempotency-Key"] for r in server.api_requests} == {
        str(error.idempotency_key)
    }


def test_a_later_400_after_a_5xx_keeps_outcome_unknown(server: FakeConnectPSP) -> None:
    server.queue(
        "POST /cash-out",
        problem(502, "BAD_GATEWAY", "Bad Gateway"),
        problem(400, "VALIDATION_ERROR", "Bad Request"),
    )
    with make_client(server) as psp, pytest.raises(ValidationError) as info:
        psp.cash_out.create(**cash_out_kwargs())
    assert info.value.outcome_unknown and info.value.status == 400


def test_a_get_never_claims_an_unknown_outcome(server: FakeConnectPSP) -> None:
    server.queue(
        "GET /cash-in/US7B1JQ", httpx.ReadTimeout("slow"), problem(404, "NOT_FOUND", "Not Found")
    )
    with make_client(server) as psp, pytest.raises(NotFoundError) as info:
        psp.cash_in.get("US7B1JQ")
    assert not info.value.outcome_unknown


# --- 3. deeply nested JSON in a 2xx is a typed error -----------------------------------------

NESTED = b"[" * 100_000 + b"]" * 100_000


def test_deeply_nested_2xx_on_a_post_keeps_key_and_outcome(server: FakeConnectPSP) -> None:
    server.queue("POST /cash-in", httpx.Response(201, content=NESTED))
    key = "6f1c1f0e-3f5a-4b7e-9d43-2f1e0c9a8b7d"
    with make_client(server) as psp, pytest.raises(UnexpectedResponseError) as info:
        psp.cash_in.create(**cash_in_kwargs(), idempotency_key=key)
    assert info.value.status == 201
    assert info.value.outcome_unknown
    assert str(info.value.idempotency_key) == key
    assert "RecursionError" in str(info.value)


def test_deeply_nested_2xx_on_a_get(server: FakeConnectPSP) -> None:
    server.queue("GET /cash-in/US7B1JQ", httpx.Response(200, content=NESTED))
    with make_client(server) as psp, pytest.raises(UnexpectedResponseError) as info:
        psp.cash_in.get("US7B1JQ")
    assert info.value.status == 200 and not info.value.outcome_unknown


def test_deeply_nested_error_body_still_maps_by_status(server: FakeConnectPSP) -> None:
    server.queue("GET /account/balance", httpx.Response(404, content=NESTED))
    with make_client(server) as psp, pytest.raises(NotFoundError) as info:
        psp.account.balance()
    assert info.value.status == 404 and info.value.title == "Not Found"


# --- 4. an unreadable Retry-After is ignored; the status is the response's own ---------------


@pytest.mark.parametrize(
    "value",
    ["Mon, 01 Jan 99999999999 00:00:00 GMT", "Mon, 99 Foo 2026 99:99:99 GMT", "1e400", "²", "٣"],
)
def test_unreadable_retry_after_is_ignored(
    value: str, server: FakeConnectPSP, sleep: FakeSleep
) -> None:
    problem_body = problem(503, "SERVICE_UNAVAILABLE", "Unavailable").content
    headers = [(b"Content-Type", b"application/problem+json"), (b"Retry-After", value.encode())]
    unavailable = httpx.Response(503, content=problem_body, headers=headers)
    server.queue("POST /cash-in", ok(201, CASH_IN))  # an earlier success in the same client
    server.queue("GET /cash-in/US7B1JQ", unavailable, unavailable, unavailable)
    with make_client(server, sleep=sleep, rng=lambda: 1.0) as psp:
        psp.cash_in.create(**cash_in_kwargs())
        with pytest.raises(ServerError) as info:
            psp.cash_in.get("US7B1JQ")
    assert info.value.status == 503  # never the 201 of the earlier call
    assert info.value.retry_after is None
    assert sleep.calls == [0.5, 1.0]  # the usual backoff


def test_undocumented_2xx_reports_its_own_status(server: FakeConnectPSP) -> None:
    server.queue("POST /cash-in", ok(200, CASH_IN))  # documented: 201
    with make_client(server) as psp, pytest.raises(UnexpectedResponseError) as info:
        psp.cash_in.create(**cash_in_kwargs())
    assert info.value.status == 200 and info.value.outcome_unknown


# --- 5. a cap on what the client reads ---------------------------------------------------------


class CountingBody(httpx.SyncByteStream):
    """``size`` bytes in 64 KiB chunks, counting what was actually read."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.read = 0

    def __iter__(self) -> Iterator[bytes]:
        while self.read < self.size:
            chunk = b"x" * min(65536, self.size - self.read)
            self.read += len(chunk)
            yield chunk


def test_a_2xx_past_the_cap_is_response_too_large(server: FakeConnectPSP) -> None:
    body = CountingBody(10 * 1024 * 1024)
    server.queue("POST /cash-out", httpx.Response(202, stream=body))
    with (
        make_client(server, max_response_bytes=1024 * 1024) as psp,
        pytest.raises(ResponseTooLargeError) as info,
    ):
        psp.cash_out.create(**cash_out_kwargs())
    assert isinstance(info.value, UnexpectedResponseError)
    assert info.value.status == 202 and info.value.outcome_unknown
    assert info.value.idempotency_key is not None
    assert body.read <= 1024 * 1024 + 65536  # stopped at the cap


def test_a_huge_503_is_read_once_at_most_up_to_the_cap(server: FakeConnectPSP) -> None:
    bodies = [CountingBody(100 * 1024 * 1024) for _ in range(3)]
    server.queue("GET /account/balance", *(httpx.Response(503, stream=b) for b in bodies))
    with make_client(server) as psp, pytest.raises(ResponseTooLargeError) as info:
        psp.account.balance()
    assert info.value.status == 503
    assert len(server.api_requests) == 1
    assert bodies[0].read <= 8 * 1024 * 1024 + 65536 and bodies[1].read == 0


def test_a_declared_length_past_the_cap_is_not_read(server: FakeConnectPSP) -> None:
    body = CountingBody(2048)
    response = httpx.Response(200, stream=body, headers={"Content-Length": "2048"})
    server.queue("GET /cash-in/US7B1JQ", response)
    with (
        make_client(server, max_response_bytes=1024) as psp,
        pytest.raises(ResponseTooLargeError),
    ):
        psp.cash_in.get("US7B1JQ")
    assert body.read == 0


def test_the_cap_is_configurable_from_the_environment() -> None:
    from connectpsp_ext import Settings

    env = {
        "CONNECTPSP_CLIENT_ID": "1",
        "CONNECTPSP_CLIENT_SECRET": "s",
        "CONNECTPSP_APPLICATION_TOKEN": "a",
        "CONNECTPSP_MAX_RESPONSE_BYTES": "4096",
    }
    assert Settings.from_env(env).max_response_bytes == 4096
    assert Settings.from_env({**env, "CONNECTPSP_MAX_RESPONSE_BYTES": ""}).max_response_bytes == (
        8 * 1024 * 1024
    )


# --- 6. secrets echoed into any printed field are scrubbed -------------------------------------


def test_echoed_credentials_never_printed(
    server: FakeConnectPSP, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="connectpsp")

    def echo(request: httpx.Request) -> httpx.Response:
        return problem(
            401,
            request.headers["Authorization"],  # into code (and type)
            request.headers["ApplicationToken"],  # into title
            f"sig {request.headers.get('DigitalSignature')}",
            **{"X-Request-Id": request.headers["ApplicationToken"]},
        )

    server.queue("POST /cash-out", echo, echo)
    with make_client(server) as psp, pytest.raises(AuthenticationError) as info:
        psp.cash_out.create(**cash_out_kwargs())
    error = info.value
    token = server.issued_tokens[-1]
    printed = [str(error), repr(error), *(str(a) for a in error.args)]
    printed += [str(error.code), str(error.title), str(error.type), str(error.request_id)]
    printed += [r.getMessage() for r in caplog.records]
    for text in printed:
        assert token not in text
        assert APPLICATION_TOKEN not in text
    assert error.request_id == "[REDACTED]"


# --- 7. a webhook URL whose host idna cannot decode ---------------------------------------------


@pytest.mark.parametrize("url", ["https://xn--/hook", "https://xn--a.example/hook"])
def test_undecodable_webhook_host_is_a_validation_error(url: str, server: FakeConnectPSP) -> None:
    with make_client(server) as psp, pytest.raises(ValidationError) as info:
        psp.cash_in.create(**cash_in_kwargs(webhook_url=url))
    assert info.value.field == "webhook_url"
    assert server.requests == []


@pytest.mark.anyio
async def test_undecodable_redirect_host_is_a_validation_error(server: FakeConnectPSP) -> None:
    sleep = FakeAsyncSleep(FakeClock())
    async with make_async_client(server, sleep=sleep) as psp:
        with pytest.raises(ValidationError) as info:
            await psp.cash_in.create(
                **cash_in_kwargs(open_finance={"redirectUrl": "https://xn--/back"})
            )
    assert info.value.field == "open_finance.redirect_url"
