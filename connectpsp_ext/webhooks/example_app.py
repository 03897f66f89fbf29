"""Example ConnectPSP webhook receiver on Starlette (shown in ``docs/webhooks.md``; tested).

Run it against the mock with e.g.::

    CONNECTPSP_CRYPTO_TOKEN=dev-crypto-token uvicorn --factory \
        connectpsp_ext.webhooks.example_app:app_from_env --port 8080
"""

from __future__ import annotations

import os

# --- docs:example-start ---
from collections.abc import Iterable
from decimal import Decimal

from connectpsp_client.models import CashInPaidEvent, CashInRefundedEvent
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from connectpsp_ext.redaction import get_logger  # the SDK logger, with secret/document scrubbing
from connectpsp_ext.secrets import Secret
from connectpsp_ext.webhooks import (
    AsyncCallback,
    AsyncPollingConfirmer,
    AsyncWebhookHandler,
    DedupStore,
    MemoryDedupStore,
    ReceivedWebhook,
    StatusTracker,
)

logger = get_logger()
MAX_BODY = 1024 * 1024


class DemoLedger:
    """Stands in for your database: balances per order, moved only by applied transitions."""

    def __init__(self) -> None:
        self.tracker = StatusTracker()
        self.balances: dict[str, Decimal] = {}

    async def on_event(self, received: ReceivedWebhook) -> None:
        event = received.event
        transition = self.tracker.apply_event(event)  # never moves a transaction backwards
        if transition is None or not transition.applied:
            if transition is not None and transition.needs_attention:
                logger.warning("conflicting %s for %s", received.event_type, received.identity)
            return  # unknown event type, late or duplicate status: acknowledge, change nothing
        # Cash-out events only move the tracked status in this demo.
        if isinstance(event, CashInPaidEvent | CashInRefundedEvent):
            order, amount = event.data.external_reference, event.data.amount
            if not isinstance(order, str) or not isinstance(amount, Decimal):
                # A tolerant read left them out (D-45): nothing to book without them.
                logger.warning("%s without externalReference/amount", received.event_type)
                return
            if isinstance(event, CashInPaidEvent):
                self.balances[order] = self.balances.get(order, Decimal(0)) + amount
            elif "PAID" not in transition.implied:  # REFUNDED first: PAID never credited
                self.balances[order] = self.balances.get(order, Decimal(0)) - amount


def create_app(
    *,
    crypto_tokens: Iterable[str | Secret],
    on_event: AsyncCallback,
    store: DedupStore | None = None,  # SQLiteDedupStore(path) to survive restarts
    confirmer: AsyncPollingConfirmer | None = None,  # read the transaction back before crediting
    path: str = "/webhooks/connectpsp",
) -> Starlette:
    handler = AsyncWebhookHandler(
        crypto_tokens=crypto_tokens,  # all active tokens, newest first, during a rotation
        store=store or MemoryDedupStore(),
        callback=on_event,
        confirmer=confirmer,
        max_body_bytes=MAX_BODY,
    )

    async def receive(request: Request) -> Response:
        body = bytearray()
        async for chunk in request.stream():  # the raw bytes: the signature covers them
            body += chunk
            if len(body) > MAX_BODY:
                return Response(status_code=413)
        result = await handler.handle(bytes(body), request.headers)
        if not result.acknowledged:
            # Outcome and error class only: never the body, the signature or the token.
            error = type(result.error).__name__ if result.error else "-"
            logger.warning("webhook not acknowledged: %s (%s)", result.outcome, error)
        return Response(status_code=result.http_status, headers=result.response_headers)

    return Starlette(routes=[Route(path, receive, methods=["POST"])])


# --- docs:example-end ---


def app_from_env() -> Starlette:
    """The example with the CryptoToken from ``CONNECTPSP_CRYPTO_TOKEN`` and an in-memory ledger."""
    token = os.environ.get("CONNECTPSP_CRYPTO_TOKEN", "")
    if not token:
        raise RuntimeError("set CONNECTPSP_CRYPTO_TOKEN")
    return create_app(crypto_tokens=[token], on_event=DemoLedger().on_event)
