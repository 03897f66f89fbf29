"""Issue 11 item 3: deeply nested JSON in a 2xx is a typed error, not a raw ``RecursionError``;
for a mutation it keeps ``outcome_unknown`` (the server accepted the request) and its key."""

from __future__ import annotations

import pytest

from connectpsp_ext import BusinessRuleError, ConnectPSPError, ServerError

from .hostile_server import Exchange, Handler, HostileServer, Request
from .support import MODES, Operation, client_kwargs, create_cash_in, get_cash_in, run

KEY = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"
DEPTH = 100_000
BODIES = {
    "arrays": b"[" * DEPTH + b"]" * DEPTH,
    "objects": b'{"a":' * DEPTH + b"1" + b"}" * DEPTH,
    "unclosed": b"[" * DEPTH,
}


def _deep(body: bytes, status: int | None = None) -> Handler:
    def handler(request: Request, exchange: Exchange) -> None:
        exchange.respond(status or (201 if request.method == "POST" else 200), body)

    return handler


def _call(mode: str, body: bytes, operation: Operation) -> tuple[HostileServer, BaseException]:
    with HostileServer(_deep(body)) as server:
        try:
            run(mode, client_kwargs(server), operation)
        except BaseException as exc:  # RecursionError included: that is the bug
            return server, exc
    raise AssertionError("a deeply nested body was accepted as a result")


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("shape", sorted(BODIES))
def test_deep_json_in_a_get_is_a_typed_error(mode: str, shape: str) -> None:
    server, error = _call(mode, BODIES[shape], get_cash_in())
    assert server.seen("GET", "/cash-in/US7B1JQ")
    assert isinstance(error, ConnectPSPError), f"{type(error).__name__} escaped: {error!r}"
    assert error.status == 200
    assert error.outcome_unknown is False  # a GET changes nothing


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("shape", sorted(BODIES))
def test_deep_json_in_a_cash_in_create_is_outcome_unknown_with_its_key(
    mode: str, shape: str
) -> None:
    server, error = _call(mode, BODIES[shape], create_cash_in(KEY))
    assert len(server.seen("POST", "/cash-in")) == 1, "a 201 must not be retried"
    assert isinstance(error, ConnectPSPError), f"{type(error).__name__} escaped: {error!r}"
    assert error.status == 201
    assert error.outcome_unknown is True, "the server answered 201: the cash-in may exist"
    assert str(error.idempotency_key) == KEY


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("status", "cls"), [(503, ServerError), (422, BusinessRuleError)])
def test_deep_json_in_an_error_body_keeps_the_errors_type(
    mode: str, status: int, cls: type[ConnectPSPError]
) -> None:
    """Error bodies already survived this before the fix; kept so the rewrite keeps it."""
    server = HostileServer(_deep(BODIES["arrays"], status))
    with server, pytest.raises(ConnectPSPError) as caught:
        run(mode, client_kwargs(server), create_cash_in(KEY))
    assert server.seen("POST", "/cash-in")
    assert isinstance(caught.value, cls), repr(caught.value)
    assert caught.value.status == status
    assert str(caught.value.idempotency_key) == KEY
