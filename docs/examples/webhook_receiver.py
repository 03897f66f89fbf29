"""Example ConnectPSP webhook receiver on Starlette (shown in ``docs/webhooks.md``; tested by
``tests/webhooks/test_example_app.py``). Not part of the library: copy it into your application.

Run it against the mock with e.g.::

    CONNECTPSP_BASE_URL=http://127.0.0.1:8000 CONNECTPSP_CLIENT_ID=... \\
    CONNECTPSP_CLIENT_SECRET=... CONNECTPSP_APPLICATION_TOKEN=... \\
    CONNECTPSP_CRYPTO_TOKEN=dev-crypto-token \\
    uvicorn --factory --app-dir docs/examples webhook_receiver:app_from_env --port 8080
"""

from __future__ import annotations

import os

# --- docs:example-start ---
from collections.abc import Iterable
from decimal import Decimal

from connectpsp_client.models import CashIn
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
    """Stands in for your database: balances per order, moved only by applied transitions of
    transactions the API confirmed."""

    def __init__(self) -> None:
        self.tracker = StatusTracker()
        self.balances: dict[str, Decimal] = {}
        self.to_review: list[bytes] = []  # signed events nothing could confirm: exact bytes

    async def on_event(self, received: ReceivedWebhook) -> None:
        # The API's copy of the transaction, read back and compared with the event. Act on it,
        # never on the event's own data: a forged or garbled event cannot choose the order.
        transaction = received.transaction
        if transaction is None:
            # Nothing to poll (an unknown event type, no transaction id): keep it for a human.
            self.to_review.append(received.raw_body)
            return
        transition = self.tracker.apply_transaction(transaction)  # never moves backwards
        if transition.needs_attention:
            logger.warning("conflicting %s for %s", received.event_type, received.identity)
        if not transition.applied or not isinstance(transaction, CashIn):
            return  # late or repeated status, or a cash-out (this demo only tracks its status)
        order, amount = transaction.external_reference, transaction.amount
        if not isinstance(order, str) or not isinstance(amount, Decimal):
            self.to_review.append(received.raw_body)  # the API's copy lacks them: ask a human
            return
        if transition.requested == "PAID":
            self.balances[order] = self.balances.get(order, Decimal(0)) + amount
        elif transition.requested == "REFUNDED" and "PAID" not in transition.implied:
            # Refunded after we credited the payment (a direct jump means it was never credited).
            self.balances[order] = self.balances.get(order, Decimal(0)) - amount


def create_app(
    *,
    crypto_tokens: Iterable[str | Secret],
    on_event: AsyncCallback,
    confirmer: AsyncPollingConfirmer,  # reads each transaction back before on_event runs
    store: DedupStore | None = None,  # SQLiteDedupStore / PostgresDedupStore in production
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
    """The example wired from the environment: the client's ``CONNECTPSP_*`` settings (the
    confirmer polls through it; its CryptoToken verifies the deliveries) and an in-memory ledger."""
    from connectpsp_ext.client import AsyncConnectPSP

    crypto_token = os.environ.get("CONNECTPSP_CRYPTO_TOKEN", "")
    if not crypto_token:
        raise RuntimeError("set CONNECTPSP_CRYPTO_TOKEN")
    psp = AsyncConnectPSP.from_env()
    confirmer = AsyncPollingConfirmer(
        fetch_cash_in=psp.cash_in.get, fetch_cash_out=psp.cash_out.get
    )
    return create_app(
        crypto_tokens=[crypto_token], on_event=DemoLedger().on_event, confirmer=confirmer
    )
