"""ASGI middleware in front of the public API: fault injection (counters: ``counters.py``).

It plays the part of the network and the gateway in front of ConnectPSP, so faults happen before
routing and authentication (a 503 answers even an unauthenticated call), exactly where a real
client meets them. ``/_mock/`` control calls pass straight through.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .faults import HEADER, Fault, FaultQueue, check_total_delay, parse_fault_header
from .http_helpers import CONTROL_PREFIX, send_problem
from .problems import ProblemError, code_for_status
from .store import Store

_HEADER = HEADER.encode("latin-1")
_HEADER_LENGTH = len(_HEADER)
# Set while a request's connection is being dropped on purpose, so the server's
# "returned without completing response" error line is not logged for it.
deliberate_drop: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "connectpsp_mock_deliberate_drop", default=False
)


class DeliberateDropFilter(logging.Filter):
    """Hides uvicorn's error line for connections the fault injector broke on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not deliberate_drop.get()


async def _send_truncated(
    send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes
) -> None:
    """Promise more bytes than are sent, then stop: the client sees a broken connection."""
    kept = [(k, v) for k, v in headers if k.lower() != b"content-length"]
    kept.append((b"content-length", str(len(body) + 1024).encode()))
    deliberate_drop.set(True)
    await send({"type": "http.response.start", "status": status, "headers": kept})
    await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
    # Returning now, without the final body message, makes the server close the connection.


def _fault_error(fault: Fault) -> ProblemError:
    status = fault.status or 503
    headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
    detail = (
        "Too many requests; retry after the Retry-After delay."
        if status == 429
        else "Injected fault (connectpsp-mock)."
    )
    return ProblemError(status, code_for_status(status), detail, headers=headers)


class GatewayMiddleware:
    def __init__(self, app: ASGIApp, store: Store, faults: FaultQueue, max_delay: float) -> None:
        self.app = app
        self._store = store
        self._faults = faults
        self._max_delay = max_delay

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(CONTROL_PREFIX):
            await self.app(scope, receive, send)
            return
        try:
            faults = self._faults_for(scope)
        except ProblemError as error:
            await send_problem(send, error)
            return
        if any(len(k) == _HEADER_LENGTH and k.lower() == _HEADER for k, _ in scope["headers"]):
            # Nothing downstream (handlers, idempotency records) ever sees the fault header.
            headers = [(k, v) for k, v in scope["headers"] if k.lower() != _HEADER]
            scope = {**scope, "headers": headers}
        if faults:
            self._store.increment("faults.injected", len(faults))
            for fault in faults:
                self._store.increment(f"faults.{fault.kind}")
        # One cap for the whole request, whatever mix of header parts and queued faults asked
        # for it (12 x delay=0.5 with a 0.5 s cap used to wait 6 s).
        delay = min(sum(f.seconds for f in faults if f.kind == "delay"), self._max_delay)
        if delay > 0:
            await asyncio.sleep(delay)
        terminal = next((f for f in faults if f.kind != "delay"), None)
        if terminal is None:
            await self.app(scope, receive, send)
        elif terminal.kind == "drop_before_commit":
            await _send_truncated(send, 200, [(b"content-type", b"application/json")], b"{}")
        elif terminal.kind == "drop_after_commit":
            status, headers, body = await self._run_captured(scope, receive)
            await _send_truncated(send, status, headers, body)
        elif terminal.after_commit:
            await self._run_captured(scope, receive)
            await send_problem(send, _fault_error(terminal))
        else:
            await send_problem(send, _fault_error(terminal))

    def _faults_for(self, scope: Scope) -> list[Fault]:
        faults: list[Fault] = []
        for key, value in scope["headers"]:
            if len(key) == _HEADER_LENGTH and key.lower() == _HEADER:
                faults += parse_fault_header(value.decode("latin-1"), self._max_delay)
        check_total_delay(faults, self._max_delay)  # several headers add up too
        queued = self._faults.take(scope["method"], scope["path"])
        if queued is not None:
            faults.append(queued)
        return faults

    async def _run_captured(
        self, scope: Scope, receive: Receive
    ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        """Run the request to completion (state committed) and keep the response unsent."""
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        return int(start.get("status", 500)), list(start.get("headers", [])), b"".join(chunks)
