"""One write per response (D-86): the coalescing transport under uvicorn's httptools protocol
gathers the writes of one event-loop turn, keeps their order, and loses nothing on close."""

from __future__ import annotations

import asyncio
import logging
import socket
import sys
import threading
from typing import Any

import httpx
import pytest
import uvicorn
import uvloop

from connectpsp_mock.coalescing import CoalescingHttpToolsProtocol, _CoalescingTransport
from connectpsp_mock.testing import ServerThread


class RecordingTransport:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False
        self.aborted = False

    def write(self, data: bytes) -> None:
        self.writes.append(data)

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def abort(self) -> None:
        self.aborted = True
        self.closed = True

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"peername": ("127.0.0.1", 1)}.get(name, default)


def test_writes_of_one_turn_leave_in_one_call_and_in_order() -> None:
    async def scenario() -> list[bytes]:
        inner = RecordingTransport()
        transport = _CoalescingTransport(inner, asyncio.get_running_loop())  # type: ignore[arg-type]
        transport.write(b"HTTP/1.1 200 OK\r\n\r\n")
        transport.write(b"")
        transport.write(b"body")
        assert inner.writes == []  # nothing sent before the turn ends
        await asyncio.sleep(0)
        transport.write(b"next")
        await asyncio.sleep(0)
        return inner.writes

    assert asyncio.run(scenario()) == [b"HTTP/1.1 200 OK\r\n\r\nbody", b"next"]


def test_close_sends_what_is_pending_first_and_abort_drops_it() -> None:
    async def scenario() -> tuple[RecordingTransport, RecordingTransport]:
        loop = asyncio.get_running_loop()
        closed, aborted = RecordingTransport(), RecordingTransport()
        first = _CoalescingTransport(closed, loop)  # type: ignore[arg-type]
        first.write(b"half a response")
        first.close()
        second = _CoalescingTransport(aborted, loop)  # type: ignore[arg-type]
        second.write(b"never")
        second.abort()
        await asyncio.sleep(0)  # the scheduled flushes find nothing left to send
        return closed, aborted

    closed, aborted = asyncio.run(scenario())
    assert closed.writes == [b"half a response"] and closed.closed
    assert aborted.writes == [] and aborted.aborted
    # Everything else goes to the real transport.
    transport = _CoalescingTransport(RecordingTransport(), None)  # type: ignore[arg-type]
    assert transport.get_extra_info("peername") == ("127.0.0.1", 1)


class CountingTransport:
    """Counts the writes that reach the socket's transport."""

    writes: list[int] = []

    def __init__(self, transport: Any) -> None:
        self._transport = transport

    def write(self, data: bytes) -> None:
        CountingTransport.writes.append(len(data))
        self._transport.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class CountedProtocol(CoalescingHttpToolsProtocol):
    def connection_made(self, transport: Any) -> None:
        counted: Any = CountingTransport(transport)
        super().connection_made(counted)


def test_a_real_server_writes_each_response_once_and_keeps_connections_alive() -> None:
    body = b"x" * 3000

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, http=CountedProtocol, lifespan="off", log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    CountingTransport.writes.clear()
    try:
        while not server.started:
            threading.Event().wait(0.01)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", trust_env=False) as client:
            for _ in range(3):
                response = client.get("/")
                assert response.status_code == 200 and response.content == body
        assert len(CountingTransport.writes) == 3  # headers and body together, once per response
        assert all(size > len(body) for size in CountingTransport.writes)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def test_the_test_server_runs_on_uvloop_and_leaves_the_event_loop_policy_alone() -> None:
    """``running_mock``'s server thread (D-89): uvloop for itself, nothing changed for the tests."""
    seen: list[type[asyncio.AbstractEventLoop]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(type(asyncio.get_running_loop()))
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def main_thread_loop() -> type[asyncio.AbstractEventLoop]:
        return type(asyncio.get_running_loop())

    policy = type(asyncio.get_event_loop_policy())
    server = ServerThread(app, lifespan="off")
    server.start()
    try:
        assert httpx.get(server.base_url + "/", trust_env=False).status_code == 204
        during = asyncio.run(main_thread_loop())
    finally:
        server.stop()
    assert seen and issubclass(seen[0], uvloop.Loop)
    assert type(asyncio.get_event_loop_policy()) is policy
    assert not issubclass(during, uvloop.Loop)
    assert not issubclass(asyncio.run(main_thread_loop()), uvloop.Loop)


def test_a_request_the_parser_refuses_gets_a_problem_400() -> None:
    """llhttp refuses a DEL byte in a header value; the mock still answers with its own 400."""
    from connectpsp_mock.settings import MockSettings
    from connectpsp_mock.testing import running_mock

    with running_mock(MockSettings(seed=1)) as mock:
        port = int(mock.base_url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as raw:
            raw.sendall(b"GET /account/balance HTTP/1.1\r\nHost: x\r\nX-Bad: a\x7fb\r\n\r\n")
            answer = b""
            while chunk := raw.recv(65536):
                answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400 ")
        assert b"content-type: application/problem+json" in head
        assert b"x-request-id: " in head and b"connection: close" in head
        problem = httpx.Response(400, content=body).json()
        assert problem["status"] == 400 and problem["code"] == "VALIDATION_ERROR"
        assert httpx.get(mock.base_url + "/_mock/health").status_code == 200


def test_a_uvicorn_without_the_internal_still_serves_with_its_stock_protocol(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from connectpsp_mock.serving import http_protocol

    assert http_protocol("auto") is CoalescingHttpToolsProtocol
    # What a uvicorn release that moved ``httptools_impl`` looks like to the import.
    monkeypatch.setitem(sys.modules, "connectpsp_mock.coalescing", None)
    with caplog.at_level(logging.WARNING, logger="connectpsp_mock"):
        assert http_protocol("auto") == "auto"
        assert http_protocol("h11") == "h11"
    assert [r.getMessage() for r in caplog.records if "stock auto protocol" in r.getMessage()]
