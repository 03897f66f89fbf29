"""Deliberately broken mocks: a tiny ASGI middleware that corrupts chosen responses of the real
mock, so the meta tests can show the contract suite catches each kind of breakage."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from connectpsp_ext.secrets import Secret
from connectpsp_mock.app import create_app
from connectpsp_mock.settings import MockSettings
from connectpsp_mock.testing import ServerThread
from contract_tests.target import Target

Headers = list[tuple[bytes, bytes]]
# (status, headers, body) -> (status, headers, body)
Mutation = Callable[[int, Headers, bytes], tuple[int, Headers, bytes]]


@dataclass(frozen=True)
class Breakage:
    method: str
    path: str  # a regular expression matched against the whole request path
    status: int | None  # only responses with this status (None: any)
    mutate: Mutation


class CorruptingMiddleware:
    def __init__(self, app: ASGIApp, breakage: Breakage) -> None:
        self.app = app
        self.breakage = breakage

    def _applies(self, scope: Scope) -> bool:
        return (
            scope["type"] == "http"
            and scope["method"] == self.breakage.method
            and re.fullmatch(self.breakage.path, scope["path"]) is not None
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._applies(scope):
            await self.app(scope, receive, send)
            return
        start: Message = {}
        body = bytearray()

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
                if not message.get("more_body", False):
                    await self._flush(start, bytes(body), send)

        await self.app(scope, receive, capture)

    async def _flush(self, start: Message, body: bytes, send: Send) -> None:
        status: int = start["status"]
        headers: Headers = list(start.get("headers", []))
        if self.breakage.status is None or status == self.breakage.status:
            status, headers, body = self.breakage.mutate(status, headers, body)
        headers = [(k, v) for k, v in headers if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _json(mutate_payload: Callable[[dict[str, Any]], None]) -> Mutation:
    def mutate(status: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
        payload = json.loads(body)
        mutate_payload(payload)
        return status, headers, json.dumps(payload).encode()

    return mutate


def wrong_status(new_status: int) -> Mutation:
    return lambda status, headers, body: (new_status, headers, body)


def drop_field(name: str) -> Mutation:
    return _json(lambda payload: payload.pop(name, None))


def set_field(path: tuple[str, ...], value: Any) -> Mutation:
    def change(payload: dict[str, Any]) -> None:
        holder = payload
        for key in path[:-1]:
            holder = holder[key]
        holder[path[-1]] = value

    return _json(change)


def server_error(status: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
    problem = {
        "type": "https://connect-psp.redocly.app/errors/internal-error",
        "title": "Internal Error",
        "status": 500,
        "code": "INTERNAL_ERROR",
    }
    return 500, [(b"content-type", b"application/problem+json")], json.dumps(problem).encode()


def plain_text(status: int, headers: Headers, body: bytes) -> tuple[int, Headers, bytes]:
    kept = [(k, v) for k, v in headers if k.lower() != b"content-type"]
    return status, [*kept, (b"content-type", b"text/plain")], body


@contextmanager
def broken_mock(*breakages: Breakage, seed: int = 1) -> Iterator[Target]:
    """The real mock behind the corrupting middleware, served on loopback, as a contract target."""
    settings = MockSettings(seed=seed, settlement_delay_seconds=None)
    app: ASGIApp = create_app(settings)
    for breakage in breakages:
        app = CorruptingMiddleware(app, breakage)
    server = ServerThread(app)
    server.start()
    try:
        yield Target(
            kind="mock",
            base_url=server.base_url,
            client_id=settings.client_id,
            client_secret=Secret(settings.client_secret),
            application_token=Secret(settings.application_token),
            crypto_token=Secret(settings.crypto_tokens[0]),
            allow_money_movement=True,
            max_amount=None,
        )
    finally:
        server.stop()
