"""Retries: what is retried, with which key, how long it waits, and when it stops."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email.utils import format_datetime

import httpx
import pytest

from connectpsp_ext import (
    AuthenticationError,
    BusinessRuleError,
    ConflictError,
    ConnectPSPError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    RetryPolicy,
    ServerError,
    ValidationError,
)
from connectpsp_ext.retries import parse_retry_after
from tests.support.clock import FakeClock
from tests.support.samples import CASH_IN

from .fakes import (
    FakeConnectPSP,
    FakeSleep,
    cash_in_kwargs,
    cash_out_kwargs,
    make_client,
    ok,
    problem,
)

KEY = "6f1c1f0e-3f5a-4b7e-9d43-2f1e0c9a8b7d"


def unavailable(**headers: str) -> httpx.Response:
    return problem(503, "SERVICE_UNAVAILABLE", "Service Unavailable", **headers)


def test_backoff_is_full_jitter_exponential_and_capped() -> None:
    policy = RetryPolicy()
    assert [policy.backoff(n, lambda: 1.0) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert policy.backoff(3, lambda: 0.0) == 0.0
    assert policy.backoff(1, lambda: 0.25) == 0.25


def test_retry_after_replaces_backoff_and_is_capped() -> None:
    policy = RetryPolicy()
    assert policy.delay(0, 3.0, lambda: 1.0) == 3.0
    assert policy.delay(0, 600.0, lambda: 1.0) == 60.0
    assert policy.delay(0, None, lambda: 1.0) == 0.5


def test_parse_retry_after() -> None:
    now = datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(" 0 ") == 0.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=90)), now=now) == 90.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=5)), now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after("-3") is None
    assert parse_retry_after(None) is None


def test_transient_failures_retried_with_the_same_key(
    server: FakeConnectPSP, clock: FakeClock, sleep: FakeSleep
) -> None:
    server.queue("POST /cash-out", unavailable(), httpx.ReadTimeout("timed out"))
    with make_client(server, clock, sleep, rng=lambda: 1.0) as psp:
        result = psp.cash_out.create(**cash_out_kwargs())
    assert result.status_code == 202
    attempts = server.api_requests
    assert len(attempts) == 3
    keys = {r.headers["X-Idempotency-Key"] for r in attempts}
    assert keys == {str(result.idempotency_key)}
    assert {r.content for r in attempts} == {attempts[0].content}
    assert sleep.calls == [0.5, 1.0]  # full jitter with rng=1.0: the ceiling
    assert len(server.token_requests) == 1


def test_caller_key_is_used_on_every_attempt(server: FakeConnectPSP) -> None:
    key = "6f1c1f0e-3f5a-4b7e-9d43-2f1e0c9a8b7d"
    server.queue("POST /cash-in", problem(500, "INTERNAL_ERROR", "Internal Error"))
    with make_client(server) as psp:
        result = psp.cash_in.create(**cash_in_kwargs(), idempotency_key=key)
    assert str(result.idempotency_key) == key
    assert [r.headers["X-Idempotency-Key"] for r in server.api_requests] == [key, key]


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retryable_statuses(status: int, server: FakeConnectPSP) -> None:
    server.queue("GET /cash-in/US7B1JQ", problem(status, "X", "X"))
    with make_client(server) as psp:
        assert psp.cash_in.get("US7B1JQ").status_code == 200
    assert len(server.api_requests) == 2


@pytest.mark.parametrize(
    ("status", "error_type"),
    [
        (400, ValidationError),
        (404, NotFoundError),
        (409, ConflictError),
        (422, BusinessRuleError),
        (501, ServerError),
    ],
)
def test_other_statuses_not_retried(
    status: int, error_type: type[ConnectPSPError], server: FakeConnectPSP
) -> None:
    server.queue("GET /cash-in/US7B1JQ", problem(status, "X", "X"))
    with make_client(server) as psp, pytest.raises(error_type) as info:
        psp.cash_in.get("US7B1JQ")
    assert type(info.value) is error_type
    assert info.value.status == status
    assert len(server.api_requests) == 1


@pytest.mark.parametrize(
    "failure",
    [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("eof")],
)
def test_network_failures_retried_for_gets(failure: Exception, server: FakeConnectPSP) -> None:
    server.queue("GET /account/balance", failure)
    with make_client(server) as psp:
        assert psp.account.balance().status_code == 200
    assert len(server.api_requests) == 2


def test_gives_up_after_two_retries(server: FakeConnectPSP, sleep: FakeSleep) -> None:
    server.queue("POST /cash-in", unavailable(), unavailable(), unavailable(), unavailable())
    with make_client(server, sleep=sleep) as psp, pytest.raises(ServerError) as info:
        psp.cash_in.create(**cash_in_kwargs())
    assert len(server.api_requests) == 3
    assert len(sleep.calls) == 2
    error = info.value
    assert error.retryable and error.outcome_unknown
    assert str(error.idempotency_key) == server.api_requests[0].headers["X-Idempotency-Key"]


def test_max_retries_is_configurable(server: FakeConnectPSP) -> None:
    server.queue("GET /account/balance", *(unavailable() for _ in range(4)))
    with make_client(server, retry=RetryPolicy(max_retries=4)) as psp:
        assert psp.account.balance().status_code == 200
    assert len(server.api_requests) == 5


def test_rate_limit_retry_after_honoured_and_capped(
    server: FakeConnectPSP, sleep: FakeSleep
) -> None:
    server.queue(
        "GET /cash-out/IVKPRMOCDY",
        problem(429, "RATE_LIMITED", "Rate Limited", **{"Retry-After": "7"}),
        problem(429, "RATE_LIMITED", "Rate Limited", **{"Retry-After": "3600"}),
    )
    with make_client(server, sleep=sleep, retry=RetryPolicy(deadline=600)) as psp:
        assert psp.cash_out.get("IVKPRMOCDY").status_code == 200
    assert sleep.calls == [7.0, 60.0]


def test_rate_limit_error_carries_retry_after(server: FakeConnectPSP) -> None:
    limited = problem(429, "RATE_LIMITED", "Rate Limited", **{"Retry-After": "2"})
    server.queue("GET /account/balance", limited, limited, limited)
    with make_client(server) as psp, pytest.raises(RateLimitError) as info:
        psp.account.balance()
    assert info.value.retry_after == 2.0
    assert info.value.retryable


def test_post_without_key_never_retried(server: FakeConnectPSP, sleep: FakeSleep) -> None:
    server.queue("POST /account/rebalance", unavailable())
    with make_client(server, sleep=sleep) as psp, pytest.raises(ServerError) as info:
        psp.account.rebalance(Decimal("100"))
    assert len(server.api_requests) == 1
    assert sleep.calls == []
    assert info.value.idempotency_key is None
    assert info.value.outcome_unknown  # a 5xx to a POST: check the balance before acting


def test_timeout_without_key_leaves_the_outcome_unknown(server: FakeConnectPSP) -> None:
    server.queue("POST /account/rebalance", httpx.ReadTimeout("timed out"))
    with make_client(server) as psp, pytest.raises(NetworkError) as info:
        psp.account.rebalance(Decimal("100"))
    assert len(server.api_requests) == 1
    assert info.value.outcome_unknown
    assert "outcome is unknown" in str(info.value)
    assert isinstance(info.value.__cause__, httpx.ReadTimeout)


def test_connect_error_means_not_sent(server: FakeConnectPSP) -> None:
    server.queue("POST /account/rebalance", httpx.ConnectError("refused"))
    with make_client(server) as psp, pytest.raises(NetworkError) as info:
        psp.account.rebalance(Decimal("100"))
    assert not info.value.outcome_unknown
    assert info.value.retryable


def test_network_error_exhausted_on_a_keyed_post(server: FakeConnectPSP) -> None:
    server.queue("POST /cash-out", *(httpx.ReadTimeout("slow") for _ in range(3)))
    with make_client(server) as psp, pytest.raises(NetworkError) as info:
        psp.cash_out.create(**cash_out_kwargs())
    error = info.value
    assert error.outcome_unknown and error.idempotency_key is not None
    assert {r.headers["X-Idempotency-Key"] for r in server.api_requests} == {
        str(error.idempotency_key)
    }


def test_non_transient_transport_errors_not_retried(server: FakeConnectPSP) -> None:
    server.queue("GET /account/balance", httpx.UnsupportedProtocol("nope"))
    with make_client(server) as psp, pytest.raises(NetworkError) as info:
        psp.account.balance()
    assert not info.value.retryable
    assert len(server.api_requests) == 1


def test_deadline_stops_retries_early(
    server: FakeConnectPSP, clock: FakeClock, sleep: FakeSleep
) -> None:
    def slow_failure(request: httpx.Request) -> httpx.Response:
        clock.advance(4.0)  # each attempt takes 4 s of the 5 s budget
        return unavailable()

    server.queue("GET /account/balance", slow_failure, slow_failure, slow_failure)
    policy = RetryPolicy(deadline=5.0)
    with (
        make_client(server, clock, sleep, retry=policy, rng=lambda: 1.0) as psp,
        pytest.raises(ServerError),
    ):
        psp.account.balance()
    # 4 s + a 0.5 s wait fits in 5 s, so one retry, cut to the 0.5 s left; then no more.
    _, second = server.api_requests
    assert sleep.calls == [0.5]
    assert set(second.extensions["timeout"].values()) == {0.5}


def test_deadline_refuses_a_long_retry_after(server: FakeConnectPSP, sleep: FakeSleep) -> None:
    server.queue(
        "GET /account/balance", problem(429, "RATE_LIMITED", "Rate", **{"Retry-After": "30"})
    )
    with (
        make_client(server, sleep=sleep, retry=RetryPolicy(deadline=20)) as psp,
        pytest.raises(RateLimitError),
    ):
        psp.account.balance()
    assert sleep.calls == []
    assert len(server.api_requests) == 1


def test_attempt_timeouts_shrink_to_the_deadline(server: FakeConnectPSP, clock: FakeClock) -> None:
    def slow_failure(request: httpx.Request) -> httpx.Response:
        clock.advance(8.0)
        return unavailable()

    server.queue("GET /account/balance", slow_failure)
    with make_client(server, clock, retry=RetryPolicy(deadline=10.0), rng=lambda: 0.0) as psp:
        psp.account.balance()
    first, second = server.api_requests
    assert first.extensions["timeout"] == {"connect": 5.0, "read": 10.0, "write": 10.0, "pool": 5.0}
    assert second.extensions["timeout"] == {"connect": 2.0, "read": 2.0, "write": 2.0, "pool": 2.0}


def test_business_errors_are_not_retried(server: FakeConnectPSP) -> None:
    server.queue("POST /cash-out", problem(422, "INSUFFICIENT_FUNDS", "Insufficient Funds"))
    with make_client(server) as psp, pytest.raises(BusinessRuleError):
        psp.cash_out.create(**cash_out_kwargs())
    assert len(server.api_requests) == 1


def test_local_validation_sends_nothing(server: FakeConnectPSP) -> None:
    with make_client(server) as psp, pytest.raises(ValidationError):
        psp.cash_in.create(**cash_in_kwargs(), idempotency_key="not-a-uuid")
    assert server.requests == []


def test_token_failure_inside_a_retryable_call_is_retried(server: FakeConnectPSP) -> None:
    server.queue("POST /auth/token", unavailable())
    with make_client(server) as psp:
        assert psp.cash_out.create(**cash_out_kwargs()).status_code == 202
    assert len(server.token_requests) == 2
    assert len(server.api_requests) == 1


def test_every_attempt_is_logged(server: FakeConnectPSP, caplog: pytest.LogCaptureFixture) -> None:
    server.queue("POST /cash-in", unavailable(**{"X-Request-Id": "req-1"}))
    caplog.set_level(logging.DEBUG, logger="connectpsp")
    with make_client(server) as psp:
        result = psp.cash_in.create(**cash_in_kwargs())
    lines = [r.getMessage() for r in caplog.records if r.name == "connectpsp"]
    attempts = [line for line in lines if line.startswith("attempt")]
    assert len(attempts) == 3  # token request, failed POST, successful POST
    failed = next(line for line in attempts if "503" in line)
    assert "attempt 1/3: POST /cash-in" in failed
    assert "request_id=req-1" in failed
    assert f"idempotency_key={result.idempotency_key}" in failed
    assert "retrying in" in failed
    assert any("attempt 2/3: POST /cash-in -> HTTP 201" in line for line in attempts)


def test_success_after_retry_returns_the_parsed_model(server: FakeConnectPSP) -> None:
    server.queue("POST /cash-in", unavailable(), ok(201, CASH_IN))
    with make_client(server) as psp:
        assert psp.cash_in.create(**cash_in_kwargs()).data.internal_code == "US7B1JQ"


def test_token_failure_errors_carry_the_operation_key(server: FakeConnectPSP) -> None:
    server.queue("POST /auth/token", problem(401, "INVALID_CREDENTIALS", "Invalid Credentials"))
    with make_client(server) as psp, pytest.raises(AuthenticationError) as info:
        psp.cash_out.create(**cash_out_kwargs(), idempotency_key=KEY)
    assert str(info.value.idempotency_key) == KEY
    assert not info.value.outcome_unknown  # the cash-out itself was never sent
    assert server.api_requests == []


def test_token_outage_during_rebalance_is_not_sent_and_not_retried(
    server: FakeConnectPSP,
) -> None:
    server.queue("POST /auth/token", unavailable())
    with make_client(server) as psp, pytest.raises(ServerError) as info:
        psp.account.rebalance(Decimal("1"))
    assert not info.value.outcome_unknown
    assert len(server.token_requests) == 1
    assert server.api_requests == []
