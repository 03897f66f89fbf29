"""Stable identity of an event, for deduplication (D-23).

``X-Event-Id`` is new on every delivery attempt, so it cannot recognise a retry. The identity is
built from the payload instead: ``eventType`` + ``data.transactionId`` (fallback
``data.internalCode``) + ``data.status`` + ``data.endToEndId``. Every retry of one event carries the
same four values; two different events of one transaction differ in type or status (and a refund
in its ``D`` end-to-end id).
"""

from __future__ import annotations

import json

from .errors import MalformedWebhook
from .parsing import AnyEvent, event_data


def event_identity(event: AnyEvent) -> str:
    """A deterministic key such as ``["CASHIN_PAID","kk6g…","PAID","E0041…"]``.

    Encoded as a compact JSON array, so the mapping from the four values is injective (no separator
    can be forged by a value). Raises :class:`MalformedWebhook` when the event names no
    transaction at all, because such an event cannot be deduplicated safely.
    """
    data = event_data(event)
    transaction = data.get("transactionId") or data.get("internalCode")
    if not isinstance(transaction, str | int) or isinstance(transaction, bool):
        raise MalformedWebhook("event has neither data.transactionId nor data.internalCode")
    status = data.get("status")
    end_to_end_id = data.get("endToEndId")
    parts = [
        str(event.event_type),
        str(transaction),
        status if isinstance(status, str) else None,
        end_to_end_id if isinstance(end_to_end_id, str) else None,
    ]
    return json.dumps(parts, separators=(",", ":"), ensure_ascii=True)


def transaction_reference(event: AnyEvent) -> str | None:
    """``data.transactionId`` (fallback ``data.internalCode``): the id to poll the API with."""
    data = event_data(event)
    value = data.get("transactionId") or data.get("internalCode")
    return value if isinstance(value, str) and value else None
