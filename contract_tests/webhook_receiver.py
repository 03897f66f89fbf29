"""A webhook endpoint for the flow tests: a real HTTP server on 127.0.0.1 that records deliveries.

ConnectPSP (and the mock) POST events to the ``webhookUrl`` given per transaction; the tests pass
``receiver.url`` and then wait for the delivery. Each delivery keeps the *raw* body bytes, because
``X-Connect-Signature`` is computed over exactly those bytes (Webhooks guide).

Standard library only (``http.server``): it needs no event loop and starts in milliseconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MAX_BODY = 1024 * 1024


@dataclass(frozen=True)
class Delivery:
    path: str
    headers: dict[str, str]  # lower-cased names
    body: bytes
    received_at: float

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


class WebhookReceiver:
    def __init__(self, server: ThreadingHTTPServer) -> None:
        self._server = server
        self._deliveries: list[Delivery] = []
        self._condition = threading.Condition()
        # Status codes to answer, in order; 200 once exhausted (lets a test force retries).
        self.planned_statuses: list[int] = []

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/webhooks/connectpsp"

    def record(self, delivery: Delivery) -> int:
        with self._condition:
            self._deliveries.append(delivery)
            status = self.planned_statuses.pop(0) if self.planned_statuses else 200
            self._condition.notify_all()
        return status

    @property
    def deliveries(self) -> list[Delivery]:
        with self._condition:
            return list(self._deliveries)

    def wait_for(
        self, predicate: Callable[[Delivery], bool], *, timeout: float = 10.0, count: int = 1
    ) -> list[Delivery]:
        """The first ``count`` deliveries matching ``predicate``; ``TimeoutError`` otherwise."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                matching = [d for d in self._deliveries if predicate(d)]
                if len(matching) >= count:
                    return matching[:count]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(
                        f"expected {count} matching webhook deliveries within {timeout}s, "
                        f"got {len(matching)} (of {len(self._deliveries)} received)"
                    )
                self._condition.wait(remaining)


def _handler_for(receiver_ref: list[WebhookReceiver]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(min(length, MAX_BODY))
            delivery = Delivery(
                path=self.path,
                headers={key.lower(): value for key, value in self.headers.items()},
                body=body,
                received_at=time.monotonic(),
            )
            status = receiver_ref[0].record(delivery)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return  # keep test output clean (and the headers out of stderr)

    return Handler


@contextmanager
def webhook_receiver() -> Iterator[WebhookReceiver]:
    """A receiver on a free loopback port, shut down when the block exits."""
    holder: list[WebhookReceiver] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(holder))
    server.daemon_threads = True
    receiver = WebhookReceiver(server)
    holder.append(receiver)
    thread = threading.Thread(target=server.serve_forever, name="webhook-receiver", daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
