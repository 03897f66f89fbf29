"""Raw delivery body -> typed event model.

Known ``eventType`` values map to the generated models; anything else becomes the generic
``WebhookEvent`` (forward compatibility: a new event type must not break the receiver). Numbers are
decoded with ``connectpsp_client.types.json_loads`` so amounts are exact ``Decimal`` values.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from connectpsp_client.models import (
    CashInPaidEvent,
    CashInRefundedEvent,
    CashOutCompletedEvent,
    CashOutFailedEvent,
    CashOutRefundedEvent,
    WebhookEvent,
)
from connectpsp_client.types import json_loads

from .errors import MalformedWebhook

TypedEvent = (
    CashInPaidEvent
    | CashInRefundedEvent
    | CashOutCompletedEvent
    | CashOutFailedEvent
    | CashOutRefundedEvent
)
AnyEvent = TypedEvent | WebhookEvent

EVENT_MODELS: Mapping[str, type[TypedEvent]] = {
    "CASHIN_PAID": CashInPaidEvent,
    "CASHIN_REFUNDED": CashInRefundedEvent,
    "CASHOUT_COMPLETED": CashOutCompletedEvent,
    "CASHOUT_FAILED": CashOutFailedEvent,
    "CASHOUT_REFUNDED": CashOutRefundedEvent,
}

# What from_dict raises on a payload that does not fit the schema (decimal errors are
# ArithmeticError).
_SCHEMA_ERRORS = (KeyError, TypeError, ValueError, ArithmeticError, AttributeError)


def _reject_floats(value: Any) -> None:
    # json_loads turns every decimal number into Decimal; a float can only be NaN/Infinity.
    if isinstance(value, float):
        raise MalformedWebhook("body contains NaN or Infinity")
    if isinstance(value, dict):
        for item in value.values():
            _reject_floats(item)
    elif isinstance(value, list):
        for item in value:
            _reject_floats(item)


def decode_envelope(raw_body: bytes) -> dict[str, Any]:
    """Decode and check the envelope ``{eventType, eventAt, data}`` without building a model."""
    try:
        document = json_loads(bytes(raw_body))
    except (ValueError, TypeError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise MalformedWebhook("body is not valid UTF-8 JSON") from None
    if not isinstance(document, dict):
        raise MalformedWebhook("body is not a JSON object")
    _reject_floats(document)
    event_type = document.get("eventType")
    if not isinstance(event_type, str) or not event_type:
        raise MalformedWebhook("eventType is missing or not a string")
    if not isinstance(document.get("eventAt"), str):
        raise MalformedWebhook("eventAt is missing or not a string")
    if not isinstance(document.get("data"), dict):
        raise MalformedWebhook("data is missing or not an object")
    return document


def _check_event_at(value: datetime | str) -> None:
    if isinstance(value, str):  # the tolerant model kept text it could not parse (D-45)
        raise MalformedWebhook("eventAt does not match its schema (not an ISO 8601 date-time)")
    if value.tzinfo is None or value.utcoffset() is None:
        raise MalformedWebhook("eventAt has no UTC offset")


def parse_event(raw_body: bytes) -> AnyEvent:
    """Parse a delivery body (already signature-checked) into its event model.

    Raises :class:`MalformedWebhook` with a message naming the problem but not the values (the
    payload holds personal data).
    """
    document = decode_envelope(raw_body)
    event_type: str = document["eventType"]
    model: type[AnyEvent] = EVENT_MODELS.get(event_type, WebhookEvent)
    try:
        event = model.from_dict(document)
    except KeyError as exc:
        raise MalformedWebhook(f"{event_type} event lacks required field {exc.args[0]!r}") from None
    except _SCHEMA_ERRORS as exc:
        # The original message may quote payload values: keep only the error class.
        raise MalformedWebhook(
            f"{event_type} event does not match its schema ({type(exc).__name__})"
        ) from None
    _check_event_at(event.event_at)
    # The generated models no longer raise (D-45): they list deviations instead. Until this
    # receiver accepts partly readable events (issue 10 item 4), they are refused as before;
    # extra fields, unknown enum values and nulls stay accepted (D-20). The message names the
    # field, never its value.
    problems = [d for d in event.deviations if d.kind in ("missing", "wrong_type", "bad_format")]
    if problems:
        name = problems[0].path.rsplit(".", 1)[-1]
        raise MalformedWebhook(
            f"{event_type} event does not match its schema ({problems[0].kind} {name!r})"
        ) from None
    return event


def event_data(event: AnyEvent) -> dict[str, Any]:
    """The ``data`` object of any event as a plain JSON-style dict (Decimal amounts kept)."""
    if isinstance(event, WebhookEvent):
        return dict(event.data.additional_properties)
    return event.data.to_dict()


def event_amount(event: AnyEvent) -> Decimal | None:
    """``data.amount`` as a Decimal, when present and numeric."""
    amount = event_data(event).get("amount")
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int):
        return None
    return Decimal(amount)
