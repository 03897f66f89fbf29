"""ASGI middleware: request and response counters of the public API (``GET /_mock/state``).

It sits outside the error guard, so a 500 the guard writes is counted like any other response
(issue 11 item 9). ``/_mock/`` control calls are not counted.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .http_helpers import CONTROL_PREFIX
from .store import Store


class CounterMiddleware:
    def __init__(self, app: ASGIApp, store: Store) -> None:
        self.app = app
        self._store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(CONTROL_PREFIX):
            await self.app(scope, receive, send)
            return
        self._store.increment("requests")

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                self._store.increment(f"responses.{message['status']}")
            await send(message)

        await self.app(scope, receive, counting_send)
