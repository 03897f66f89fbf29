"""``WebhookInbox``: a webhook endpoint on loopback that runs the SDK's own handler.

Every delivery goes through :class:`connectpsp_ext.webhooks.AsyncWebhookHandler` (signature,
parsing, deduplication) exactly as in a shop's app, so a test sees what the app would see:
``wait_for("CASHIN_PAID", transaction=cash_in)`` returns the verified, parsed event.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from connectpsp_ext.webhooks import (
    AsyncWebhookHandler,
    HandlerResult,
    MemoryDedupStore,
    ReceivedWebhook,
)
from connectpsp_ext.webhooks.identity import transaction_reference
from connectpsp_mock.testing import ServerThread

from .mock import TransactionRef, transaction_id

DEFAULT_PATH = "/webhooks/connectpsp"
_T = TypeVar("_T")


class CallbackRefused(Exception):
    """Raised inside the handler's callback by :meth:`WebhookInbox.refuse_next`."""


class WebhookInbox:
    """Records the events the SDK's handler accepted and the result of every delivery."""

    def __init__(self, crypto_tokens: Iterable[str]) -> None:
        self._tokens = tuple(crypto_tokens)
        self._lock = threading.Condition()
        self._events: list[ReceivedWebhook] = []
        self._results: list[HandlerResult] = []
        self._refusals = 0
        self._handler = self._new_handler()
        self.url = ""
        self.app = Starlette(routes=[Route("/{path:path}", self._receive, methods=["POST"])])

    def _new_handler(self) -> AsyncWebhookHandler:
        return AsyncWebhookHandler(
            crypto_tokens=self._tokens, store=MemoryDedupStore(), callback=self._accept
        )

    async def _accept(self, received: ReceivedWebhook) -> None:
        with self._lock:
            if self._refusals:
                self._refusals -= 1
                raise CallbackRefused("refused by the test (WebhookInbox.refuse_next)")
            self._events.append(received)
            self._lock.notify_all()

    async def _receive(self, request: Request) -> Response:
        handler = self._handler  # the one of the current test, even if clear() runs meanwhile
        result = await handler.handle(await request.body(), request.headers)
        with self._lock:
            if handler is self._handler:
                self._results.append(result)
            self._lock.notify_all()
        return Response(status_code=result.http_status, headers=result.response_headers)

    # --- what the test reads --------------------------------------------------------------

    @property
    def events(self) -> list[ReceivedWebhook]:
        """Events processed by the handler (each event once, however often it was delivered)."""
        with self._lock:
            return list(self._events)

    @property
    def results(self) -> list[HandlerResult]:
        """The handler's answer to every delivery: processed, duplicate, invalid_signature, ..."""
        with self._lock:
            return list(self._results)

    def wait_for(
        self,
        event_type: str | None = None,
        *,
        transaction: TransactionRef | None = None,
        timeout: float = 10.0,
    ) -> ReceivedWebhook:
        """The first processed event of ``event_type`` (any if None) for ``transaction`` (an id,
        a ``Result`` or a model); waits up to ``timeout`` seconds, then raises TimeoutError."""
        wanted = None if transaction is None else transaction_id(transaction)

        def matches(received: ReceivedWebhook) -> bool:
            if event_type is not None and received.event_type != event_type:
                return False
            return wanted is None or wanted in _references(received)

        found = self._wait(lambda: next((r for r in self._events if matches(r)), None), timeout)
        if found is None:
            raise TimeoutError(
                f"no {event_type or 'webhook'} event"
                + (f" for {wanted}" if wanted else "")
                + f" within {timeout:g} s; received: {self._summary()}"
            )
        return found

    def wait_for_results(self, count: int, timeout: float = 10.0) -> list[HandlerResult]:
        """Wait until at least ``count`` deliveries were answered (of any outcome)."""
        done = self._wait(lambda: len(self._results) >= count or None, timeout)
        if done is None:
            raise TimeoutError(f"expected {count} deliveries, got {len(self.results)}")
        return self.results

    def refuse_next(self, count: int = 1) -> None:
        """Make the next ``count`` callbacks raise: the handler answers 500 and the mock
        retries, as it would if the shop's code failed."""
        with self._lock:
            self._refusals += count

    def clear(self) -> None:
        """Forget everything, and start a new dedup store (the plugin does this per test)."""
        with self._lock:
            self._events.clear()
            self._results.clear()
            self._refusals = 0
            self._handler = self._new_handler()

    def _wait(self, probe: Callable[[], _T | None], timeout: float) -> _T | None:
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                value = probe()
                remaining = deadline - time.monotonic()
                if value is not None or remaining <= 0:
                    return value
                self._lock.wait(remaining)

    def _summary(self) -> str:
        with self._lock:
            seen = [f"{r.event_type} {transaction_reference(r.event)}" for r in self._events]
        return ", ".join(seen) or "nothing"


def _references(received: ReceivedWebhook) -> set[str]:
    data = getattr(received.event, "data", None)
    values = {getattr(data, name, None) for name in ("transaction_id", "internal_code")}
    values.add(transaction_reference(received.event))
    return {str(v) for v in values if v is not None}


@contextmanager
def running_webhook_inbox(
    crypto_tokens: Iterable[str], path: str = DEFAULT_PATH
) -> Iterator[WebhookInbox]:
    """Serve a :class:`WebhookInbox` on 127.0.0.1 (a free port); ``inbox.url`` is its URL."""
    inbox = WebhookInbox(crypto_tokens)
    server = ServerThread(inbox.app, lifespan="off")
    server.start()
    inbox.url = server.base_url + path
    try:
        yield inbox
    finally:
        server.stop()
