"""Issue 11 item 4: an unreadable ``Retry-After`` on a 503/429 is ignored (no ``OverflowError``,
no absurd wait), and an error's ``status`` is the status of the response it describes.

Each client first makes a successful call: before the fix the error about the 503 claimed
"HTTP 200", the status of that earlier call (kept in a context variable)."""

from __future__ import annotations

import time

import pytest

from connectpsp_ext import ConnectPSPError, RateLimitError, RetryPolicy, ServerError

from .hostile_server import CASH_IN, Exchange, Handler, HostileServer, Request, json_body, problem
from .support import MODES, client_kwargs, get_cash_in, run

GARBAGE = [
    # Broke the client before the fix (the exception escaped the parser):
    "Mon, 01 Jan 99999999999 00:00:00 GMT",  # the year overflows (OverflowError)
    "\u00b2",  # "²": str.isdigit() says yes, float() says no (ValueError)
    # Already ignored before the fix; kept so a rewritten parser keeps ignoring them:
    "soon",
    "-5",
    "1e400",
]
# A wait the client must never start for a header it cannot read: with Retry-After ignored the
# retries use the (tiny) backoff below, so the call ends in well under this.
LIMIT = 20.0
POLICY = RetryPolicy(
    max_retries=2, backoff_base=0.01, backoff_cap=0.05, retry_after_cap=50, deadline=100
)


def _busy(status: int, retry_after: str) -> Handler:
    code = "SERVICE_UNAVAILABLE" if status == 503 else "RATE_LIMITED"

    def handler(request: Request, exchange: Exchange) -> None:
        if request.path == "/cash-in/OK":
            exchange.respond(200, json_body(CASH_IN))
        else:
            exchange.respond(
                status,
                problem(status, code, "Busy"),
                headers={"Retry-After": retry_after},
                content_type="application/problem+json",
            )

    return handler


def _causes(error: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(chain) < 20:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


@pytest.mark.timeout(120)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [503, 429])
@pytest.mark.parametrize("retry_after", GARBAGE)
def test_garbage_retry_after_is_ignored_and_the_status_is_the_responses(
    mode: str, status: int, retry_after: str
) -> None:
    with HostileServer(_busy(status, retry_after)) as server:
        started = time.monotonic()
        with pytest.raises(BaseException) as caught:
            # The earlier successful call on the same client provokes the stale-status bug.
            run(mode, client_kwargs(server, retry=POLICY), get_cash_in("OK"), get_cash_in("X"))
        elapsed = time.monotonic() - started
    error = caught.value
    assert not any(isinstance(e, OverflowError) for e in _causes(error)), repr(error)
    assert isinstance(error, ConnectPSPError), f"{type(error).__name__} escaped: {error!r}"
    assert error.status == status, f"the error describes a {status}, not {error.status}: {error}"
    assert f"HTTP {status}" in str(error)
    assert isinstance(error, ServerError if status == 503 else RateLimitError)
    assert error.retry_after is None, "an unreadable Retry-After must be ignored"
    assert len(server.seen("GET", "/cash-in/X")) <= POLICY.max_retries + 1
    assert elapsed < LIMIT, f"the call waited {elapsed:.1f}s on an unreadable Retry-After"
