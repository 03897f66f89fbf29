"""Webhook toolkit: verify ``X-Connect-Signature``, parse events into the generated models,
deduplicate on a stable identity, run a callback exactly once, and keep statuses monotonic.

Typical use (see ``docs/webhooks.md``)::

    handler = WebhookHandler(
        crypto_tokens=[current_token, previous_token],
        store=SQLiteDedupStore("webhooks.sqlite3"),
        callback=credit_order,
    )
    result = handler.handle(raw_body, request_headers)
    return result.http_status, result.response_headers
"""

from .confirm import (
    AsyncPollingConfirmer,
    PollingConfirmation,
    PollingConfirmer,
    compare_with_fetched,
)
from .dedup import (
    DEFAULT_LEASE_SECONDS,
    DEFAULT_TTL_SECONDS,
    ClaimResult,
    ClaimStatus,
    DedupStore,
    MemoryDedupStore,
)
from .errors import (
    MalformedWebhook,
    SignatureFailure,
    WebhookError,
    WebhookNotConfirmed,
    WebhookSignatureError,
)
from .handler import (
    HTTP_STATUS,
    AsyncCallback,
    AsyncWebhookHandler,
    Callback,
    HandlerResult,
    Outcome,
    ReceivedWebhook,
    WebhookHandler,
)
from .identity import event_identity, transaction_reference
from .parsing import EVENT_MODELS, AnyEvent, TypedEvent, decode_envelope, event_data, parse_event
from .reducer import (
    EVENT_STATUS,
    INITIAL_STATUS,
    TRANSITIONS,
    StatusTracker,
    TransactionKind,
    Transition,
    Verdict,
    event_transition_target,
    reduce_status,
)
from .signature import (
    EVENT_ID_HEADER,
    SIGNATURE_HEADER,
    SignatureVerifier,
    header_value,
    verify_webhook_signature,
)
from .sqlite_store import SQLiteDedupStore

__all__ = [
    "DEFAULT_LEASE_SECONDS",
    "DEFAULT_TTL_SECONDS",
    "EVENT_ID_HEADER",
    "EVENT_MODELS",
    "EVENT_STATUS",
    "HTTP_STATUS",
    "INITIAL_STATUS",
    "SIGNATURE_HEADER",
    "TRANSITIONS",
    "AnyEvent",
    "AsyncCallback",
    "AsyncPollingConfirmer",
    "AsyncWebhookHandler",
    "Callback",
    "ClaimResult",
    "ClaimStatus",
    "DedupStore",
    "HandlerResult",
    "MalformedWebhook",
    "MemoryDedupStore",
    "Outcome",
    "PollingConfirmation",
    "PollingConfirmer",
    "ReceivedWebhook",
    "SQLiteDedupStore",
    "SignatureFailure",
    "SignatureVerifier",
    "StatusTracker",
    "TransactionKind",
    "Transition",
    "TypedEvent",
    "Verdict",
    "WebhookError",
    "WebhookHandler",
    "WebhookNotConfirmed",
    "WebhookSignatureError",
    "compare_with_fetched",
    "decode_envelope",
    "event_data",
    "event_identity",
    "event_transition_target",
    "header_value",
    "parse_event",
    "reduce_status",
    "transaction_reference",
    "verify_webhook_signature",
]
