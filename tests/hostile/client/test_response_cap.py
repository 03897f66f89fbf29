"""Issue 11 item 5: the client reads at most ``max_response_bytes`` of a response (default
8 MiB, agreed in TEAM.md) and fails past it with ``connectpsp_ext.ResponseTooLargeError``, a
``UnexpectedResponseError``.

The server streams a 100 MB body (never built in memory) and counts what it managed to send on
each connection before the client hung up. What the kernel buffers between the two sockets is
the slack: the server's send buffer is kept small, the rest is the client's receive buffer.
Before the fix a 100 MB body cost +201 MiB and a 100 MB 503 was read on each of three attempts."""

from __future__ import annotations

import tracemalloc
from typing import Any

import pytest

import connectpsp_ext
from connectpsp_ext import ConnectPSP, ConnectPSPError, UnexpectedResponseError

from .hostile_server import CASH_IN, Exchange, Handler, HostileServer, Request, head, json_body
from .support import FAST_RETRY, MODES, Operation, client_kwargs, create_cash_in, get_cash_in, run

MIB = 1024 * 1024
BODY = 100 * 1000 * 1000  # 100 MB
CAP = 1 * MIB
DEFAULT_CAP = 8 * MIB
SLACK = 8 * MIB  # socket buffers between the server and the client (measured: ~0.2-1.5 MiB)
KEY = "7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928"
_CHUNK = b" " * 65536  # whitespace: a valid start of a JSON document, all the way down


def _huge(status: int, framing: str) -> Handler:
    def handler(request: Request, exchange: Exchange) -> None:
        headers = {"Content-Type": "application/json"}
        if framing == "length":
            headers["Content-Length"] = str(BODY)
            exchange.send(head(status, headers))
            exchange.stream(BODY, _CHUNK)
            return
        headers["Transfer-Encoding"] = "chunked"
        exchange.send(head(status, headers))
        frame = f"{len(_CHUNK):x}\r\n".encode() + _CHUNK + b"\r\n"
        exchange.stream(BODY // len(_CHUNK) * len(frame), frame)
        exchange.send(b"0\r\n\r\n")

    return handler


def _too_large_class() -> type[UnexpectedResponseError]:
    cls = getattr(connectpsp_ext, "ResponseTooLargeError", None)
    assert cls is not None, "connectpsp_ext.ResponseTooLargeError does not exist"
    assert isinstance(cls, type)
    assert issubclass(cls, UnexpectedResponseError)
    return cls


def _measured(server: HostileServer, call: Operation) -> tuple[BaseException | None, int]:
    """Run ``call()``; its exception (None if it returned) and the peak traced memory."""
    tracemalloc.start()
    try:
        try:
            call(None)
        except ConnectPSPError as exc:
            error: BaseException | None = exc
        else:
            error = None
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    server.wait_idle()
    return error, peak


def _check_reads(server: HostileServer, path: str, cap: int) -> list[int]:
    """Bytes the server sent on each attempt's connection; each within the cap (+ slack)."""
    attempts = server.seen(path=path)
    assert attempts, f"{path} never reached the server"
    sent = [server.bytes_sent(a.connection) for a in attempts]
    for number, count in enumerate(sent, 1):
        assert count <= cap + SLACK, (
            f"attempt {number}: the client let the server send {count / MIB:.1f} MiB of a "
            f"100 MB body with a cap of {cap / MIB:.0f} MiB"
        )
    return sent


@pytest.mark.timeout(180)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("framing", ["length", "chunked"])
def test_a_100mb_2xx_fails_past_the_cap(mode: str, framing: str) -> None:
    with HostileServer(_huge(200, framing), send_buffer=65536) as server:
        kwargs: dict[str, Any] = client_kwargs(server, max_response_bytes=CAP)
        error, peak = _measured(server, lambda _: run(mode, kwargs, get_cash_in()))
    _check_reads(server, "/cash-in/US7B1JQ", CAP)
    assert peak < 16 * MIB, f"the client's memory peaked at {peak / MIB:.0f} MiB"
    assert isinstance(error, _too_large_class()), f"got {error!r}"
    assert error.status == 200


@pytest.mark.timeout(180)
@pytest.mark.parametrize("mode", MODES)
def test_a_100mb_503_is_not_read_on_any_attempt(mode: str) -> None:
    with HostileServer(_huge(503, "length"), send_buffer=65536) as server:
        kwargs = client_kwargs(server, max_response_bytes=CAP, retry=FAST_RETRY)
        error, peak = _measured(server, lambda _: run(mode, kwargs, get_cash_in()))
    sent = _check_reads(server, "/cash-in/US7B1JQ", CAP)
    assert len(sent) <= FAST_RETRY.max_retries + 1
    assert peak < 16 * MIB, f"the client's memory peaked at {peak / MIB:.0f} MiB"
    assert isinstance(error, _too_large_class()), f"got {error!r}"
    assert error.status == 503


@pytest.mark.timeout(180)
@pytest.mark.parametrize("mode", MODES)
def test_a_100mb_cash_in_create_fails_past_the_cap_outcome_unknown(mode: str) -> None:
    with HostileServer(_huge(201, "chunked"), send_buffer=65536) as server:
        kwargs = client_kwargs(server, max_response_bytes=CAP)
        error, peak = _measured(server, lambda _: run(mode, kwargs, create_cash_in(KEY)))
    _check_reads(server, "/cash-in", CAP)
    assert len(server.seen("POST", "/cash-in")) == 1, "a 201 must not be retried"
    assert peak < 16 * MIB, f"the client's memory peaked at {peak / MIB:.0f} MiB"
    assert isinstance(error, _too_large_class()), f"got {error!r}"
    assert error.outcome_unknown is True, "the server answered 201: the cash-in may exist"
    assert str(error.idempotency_key) == KEY


@pytest.mark.timeout(180)
def test_the_default_cap_is_8_mib() -> None:
    """No setting at all: a 100 MB body still fails, after at most 8 MiB (+ slack)."""
    with HostileServer(_huge(200, "chunked"), send_buffer=65536) as server:
        kwargs = client_kwargs(server)
        error, peak = _measured(server, lambda _: run("sync", kwargs, get_cash_in()))
    _check_reads(server, "/cash-in/US7B1JQ", DEFAULT_CAP)
    assert peak < 40 * MIB, f"the client's memory peaked at {peak / MIB:.0f} MiB"
    assert isinstance(error, _too_large_class()), f"got {error!r}"


def _padded(padding: int) -> Handler:
    """A valid cash-in whose body is ``padding`` bytes of leading whitespace longer."""
    body = b" " * padding + json_body(CASH_IN)

    def handler(request: Request, exchange: Exchange) -> None:
        exchange.respond(200, body)

    return handler


def _env(server: HostileServer, cap: int) -> dict[str, str]:
    kwargs = client_kwargs(server)
    return {
        "CONNECTPSP_BASE_URL": server.base_url,
        "CONNECTPSP_CLIENT_ID": kwargs["client_id"],
        "CONNECTPSP_CLIENT_SECRET": kwargs["client_secret"],
        "CONNECTPSP_APPLICATION_TOKEN": kwargs["application_token"],
        "CONNECTPSP_MAX_RESPONSE_BYTES": str(cap),
    }


@pytest.mark.timeout(60)
@pytest.mark.parametrize("source", ["constructor", "environment"])
def test_a_lower_cap_is_honoured(source: str) -> None:
    """256 KiB would pass the default cap: failing proves the setting is read."""
    with HostileServer(_padded(256 * 1024)) as server:
        if source == "constructor":
            psp = ConnectPSP(**client_kwargs(server, max_response_bytes=64 * 1024))
        else:
            psp = ConnectPSP.from_env(_env(server, 64 * 1024))
        with psp, pytest.raises(ConnectPSPError) as caught:
            psp.cash_in.get("US7B1JQ")
    assert isinstance(caught.value, _too_large_class()), f"got {caught.value!r}"


@pytest.mark.timeout(60)
@pytest.mark.parametrize("source", ["constructor", "environment"])
def test_a_higher_cap_is_honoured(source: str) -> None:
    """12 MiB would fail the default cap: a valid 12 MiB answer under a 16 MiB cap is read."""
    with HostileServer(_padded(12 * MIB)) as server:
        if source == "constructor":
            psp = ConnectPSP(**client_kwargs(server, max_response_bytes=16 * MIB))
        else:
            psp = ConnectPSP.from_env(_env(server, 16 * MIB))
        with psp:
            result = psp.cash_in.get("US7B1JQ")
    assert result.data.internal_code == CASH_IN["internalCode"]
