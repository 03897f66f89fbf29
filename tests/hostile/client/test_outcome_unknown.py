"""Issue 11 item 2: once an attempt of a money-moving call may have been applied, the call's
final error says ``outcome_unknown``, whatever a later attempt answered.

The server reads the first attempt completely and then drops the connection (or keeps silent
until the client's read timeout, or answers a gateway's 504): the request may have been applied.
Every later attempt gets a definitive error (401 twice, 400, 422). Before the fix the caller was
told the payment failed (``outcome_unknown`` False) although the first attempt was committed."""

from __future__ import annotations

import threading
from collections.abc import Callable

import httpx
import pytest

from connectpsp_ext import ConnectPSPError

from .hostile_server import Exchange, HostileServer, Request, problem
from .support import MODES, Operation, client_kwargs, create_cash_in, create_cash_out, run

KEY = "3d6f1a2b-4c5e-4f70-9a8b-7c6d5e4f3a2b"
_DEFINITIVE = {
    401: problem(401, "TOKEN_EXPIRED", "Unauthorized", "The access token has expired."),
    400: problem(400, "VALIDATION_ERROR", "Bad Request", "amount: must be positive"),
    422: problem(422, "INSUFFICIENT_FUNDS", "Unprocessable Entity", "Insufficient balance."),
}
_GATEWAY_TIMEOUT = problem(504, "GATEWAY_TIMEOUT", "Gateway Timeout")


def _first_lost_then(path: str, lose: str, status: int) -> Callable[[Request, Exchange], None]:
    """A handler: the first request to ``path`` is read and then lost (``lose`` is "drop",
    "silence" or "504": a gateway gave up waiting for the application); every later one gets
    ``status``."""
    lock = threading.Lock()
    seen = [0]

    def handler(request: Request, exchange: Exchange) -> None:
        if request.path != path:
            exchange.respond(404, problem(404, "NOT_FOUND", "Not Found"))
            return
        with lock:
            seen[0] += 1
            first = seen[0] == 1
        if first and lose == "drop":
            exchange.close()
        elif first and lose == "silence":
            exchange.wait_for_hangup(limit=20)
        elif first:
            exchange.respond(504, _GATEWAY_TIMEOUT, content_type="application/problem+json")
        else:
            exchange.respond(status, _DEFINITIVE[status], content_type="application/problem+json")

    return handler


CASES = [
    pytest.param("/cash-in", create_cash_in(KEY), "drop", 401, id="cash_in-dropped-then-401x2"),
    pytest.param("/cash-in", create_cash_in(KEY), "silence", 400, id="cash_in-timeout-then-400"),
    pytest.param("/cash-out", create_cash_out(KEY), "drop", 422, id="cash_out-dropped-then-422"),
    pytest.param(
        "/cash-out", create_cash_out(KEY), "silence", 401, id="cash_out-timeout-then-401x2"
    ),
    pytest.param("/cash-out", create_cash_out(KEY), "504", 422, id="cash_out-504-then-422"),
]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("path", "operation", "lose", "status"), CASES)
def test_outcome_unknown_survives_a_later_definitive_error(
    mode: str, path: str, operation: Operation, lose: str, status: int
) -> None:
    handler = _first_lost_then(path, lose, status)
    with HostileServer(handler) as server:
        kwargs = client_kwargs(server, timeout=httpx.Timeout(10.0, read=2.0))
        with pytest.raises(ConnectPSPError) as caught:
            run(mode, kwargs, operation)
    attempts = server.seen("POST", path)
    # The scenario happened as scripted: a lost attempt, then at least one definitive answer.
    assert len(attempts) >= 2, f"the client made {len(attempts)} attempt(s); expected a retry"
    assert {a.headers.get("x-idempotency-key") for a in attempts} == {KEY}
    error = caught.value
    assert error.status == status, f"the last attempt's status, got {error!r}"
    assert error.outcome_unknown is True, (
        f"attempt 1 of POST {path} may have been applied, but the final error says the "
        f"outcome is known: {error!r}"
    )
    assert str(error.idempotency_key) == KEY


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode", MODES)
def test_a_definitive_error_with_no_lost_attempt_is_not_outcome_unknown(mode: str) -> None:
    """The control: the flag is sticky, not always on. A 422 on the only attempt means the
    request was refused, and saying "unknown" would hide that."""

    def handler(request: Request, exchange: Exchange) -> None:
        exchange.respond(422, _DEFINITIVE[422], content_type="application/problem+json")

    with HostileServer(handler) as server, pytest.raises(ConnectPSPError) as caught:
        run(mode, client_kwargs(server), create_cash_out(KEY))
    assert len(server.seen("POST", "/cash-out")) == 1
    assert caught.value.status == 422
    assert caught.value.outcome_unknown is False
