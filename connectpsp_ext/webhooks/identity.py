"""Stable identity of an event, for deduplication (D-23).

``X-Event-Id`` is new on every delivery attempt, so it cannot recognise a retry. The identity is
built from the payload instead: ``eventType`` + ``data.transactionId`` (fallback
``data.internalCode``) + ``data.status`` + ``data.endToEndId``. Every retry of one event carries the
same four values; two different events of one transaction differ in type or status (and a refund
in its ``D`` end-to-end id).

An event that names no transaction (possible only for a generic event) is identified by the
SHA-256 of its signed body instead: retries resend the same bytes (D-93).
"""

from __future__ import annotations

import hashlib
import json

from .errors import MalformedWebhook
from .parsing import AnyEvent, event_data


def _transaction(event: AnyEvent) -> str | None:
    data = event_data(event)
    value = data.get("transactionId") or data.get("internalCode")
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value)


def event_identity(event: AnyEvent) -> str:
    """A deterministic key such as ``["CASHIN_PAID","kk6g…","PAID","E0041…"]``.

    Encoded as a compact JSON array, so the mapping from the four values is injective (no separator
    can be forged by a value). Raises :class:`MalformedWebhook` when the event names no
    transaction at all (see :func:`delivery_identity` for the handler's fallback).
    """
    transaction = _transaction(event)
    if transaction is None:
        raise MalformedWebhook("event has neither data.transactionId nor data.internalCode")
    data = event_data(event)
    status = data.get("status")
    end_to_end_id = data.get("endToEndId")
    parts = [
        str(event.event_type),
        transaction,
        status if isinstance(status, str) else None,
        end_to_end_id if isinstance(end_to_end_id, str) else None,
    ]
    return json.dumps(parts, separators=(",", ":"), ensure_ascii=True)


def delivery_identity(event: AnyEvent, raw_body: bytes) -> str:
    """:func:`event_identity`, or for an event naming no transaction the body's digest."""
    if _transaction(event) is not None:
        return event_identity(event)
    digest = hashlib.sha256(raw_body).hexdigest()
    return json.dumps([str(event.event_type), "sha256:" + digest], separators=(",", ":"))


def transaction_reference(event: AnyEvent) -> str | None:
    """``data.transactionId`` (fallback ``data.internalCode``): the id to poll the API with."""
    data = event_data(event)
    value = data.get("transactionId") or data.get("internalCode")
    return value if isinstance(value, str) and value else None
