"""Webhook toolkit: verify ``X-Connect-Signature``, read events into the generated models (or a
``GenericEvent`` that keeps the raw data), deduplicate on a stable identity, run a callback exactly
once, confirm by polling, and keep statuses monotonic.

Typical use (see ``docs/webhooks.md``)::

    handler = WebhookHandler(
        crypto_tokens=[current_token, previous_token],
        store=SQLiteDedupStore("webhooks.sqlite3"),
        callback=credit_order,
        confirmer=PollingConfirmer(fetch_cash_in=psp.cash_in.get, fetch_cash_out=psp.cash_out.get),
    )
    result = handler.handle(raw_body, request_headers)
    return result.http_status, result.response_headers

The names below are the ones ``docs/webhooks.md`` teaches; the submodules hold the building blocks
behind them. ``PostgresDedupStore`` needs the ``connectpsp[postgres]`` extra and is imported on
first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .confirm import PollingConfirmation
from .dedup import ClaimResult, ClaimStatus, DedupStore, MemoryDedupStore
from .errors import (
    MalformedWebhook,
    SignatureFailure,
    WebhookError,
    WebhookNotConfirmed,
    WebhookSignatureError,
)
from .handler import (
    AsyncCallback,
    AsyncPollingConfirmer,
    AsyncWebhookHandler,
    Callback,
    HandlerResult,
    Outcome,
    PollingConfirmer,
    ReceivedWebhook,
    WebhookHandler,
)
from .parsing import AnyEvent, GenericEvent, parse_event
from .reducer import StatusTracker, TransactionKind, Transition, Verdict, reduce_status
from .signature import SignatureVerifier, verify_webhook_signature
from .sqlite_store import SQLiteDedupStore

if TYPE_CHECKING:
    from .postgres_store import PostgresDedupStore


def __getattr__(name: str) -> object:
    # psycopg is an optional dependency: import the PostgreSQL store only when asked for.
    if name == "PostgresDedupStore":
        from .postgres_store import PostgresDedupStore

        return PostgresDedupStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AnyEvent",
    "AsyncCallback",
    "AsyncPollingConfirmer",
    "AsyncWebhookHandler",
    "Callback",
    "ClaimResult",
    "ClaimStatus",
    "DedupStore",
    "GenericEvent",
    "HandlerResult",
    "MalformedWebhook",
    "MemoryDedupStore",
    "Outcome",
    "PollingConfirmation",
    "PollingConfirmer",
    "PostgresDedupStore",
    "ReceivedWebhook",
    "SQLiteDedupStore",
    "SignatureFailure",
    "SignatureVerifier",
    "StatusTracker",
    "TransactionKind",
    "Transition",
    "Verdict",
    "WebhookError",
    "WebhookHandler",
    "WebhookNotConfirmed",
    "WebhookSignatureError",
    "parse_event",
    "reduce_status",
    "verify_webhook_signature",
]
