"""The flow tests' webhook endpoint: the mock kit's recording receiver
(``connectpsp_mock.testing.running_webhook_receiver``, a real HTTP server on 127.0.0.1) and a wait
for the delivery a test is after.

ConnectPSP (and the mock) POST events to the ``webhookUrl`` given per transaction; the tests pass
``receiver.url`` and then wait for the delivery. Each delivery keeps the *raw* body bytes and every
header, because ``X-Connect-Signature`` is computed over exactly those bytes (Webhooks guide) and
the flow tests prove each delivery themselves (``flows.prove_delivery``). That is why this is not
``connectpsp_testing.WebhookInbox``: the inbox runs the SDK's handler first (signature check,
deduplication) and hands a test the parsed event, not the delivery.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from connectpsp_mock.testing import Delivery, running_webhook_receiver
from connectpsp_mock.testing import WebhookReceiver as RecordingReceiver


class WebhookReceiver:
    def __init__(self, recorder: RecordingReceiver) -> None:
        self._recorder = recorder

    @property
    def url(self) -> str:
        return self._recorder.url

    @property
    def deliveries(self) -> list[Delivery]:
        return self._recorder.deliveries

    def wait_for(
        self, predicate: Callable[[Delivery], bool], *, timeout: float = 10.0, count: int = 1
    ) -> list[Delivery]:
        """The first ``count`` deliveries matching ``predicate``; ``TimeoutError`` otherwise."""
        deadline = time.monotonic() + timeout
        while True:
            received = self._recorder.deliveries
            matching = [d for d in received if predicate(d)]
            if len(matching) >= count:
                return matching[:count]
            remaining = deadline - time.monotonic()
            try:
                if remaining <= 0:
                    raise TimeoutError
                self._recorder.wait_for(len(received) + 1, timeout=remaining)
            except TimeoutError:
                raise TimeoutError(
                    f"expected {count} matching webhook deliveries within {timeout}s, "
                    f"got {len(matching)} (of {len(self._recorder.deliveries)} received)"
                ) from None


@contextmanager
def webhook_receiver() -> Iterator[WebhookReceiver]:
    """A receiver on a free loopback port, shut down when the block exits."""
    with running_webhook_receiver() as recorder:
        yield WebhookReceiver(recorder)
