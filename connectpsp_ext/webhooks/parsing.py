"""Raw delivery body -> event.

Known ``eventType`` values map to the generated models. Anything the typed models cannot read (an
unknown ``eventType``, a field missing or in another shape, a broken envelope) becomes a
:class:`GenericEvent` that keeps the decoded data, so a correctly signed event is never refused
for its content (issue 10 item 4, D-93). Only a body that is not JSON at all, or is JSON beyond the
limits below, is :class:`MalformedWebhook`.

Numbers are decoded with ``connectpsp_client.types.json_loads`` so amounts are exact ``Decimal``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, DefaultContext
from typing import Any

from connectpsp_client.models import (
    CashInPaidEvent,
    CashInRefundedEvent,
    CashOutCompletedEvent,
    CashOutFailedEvent,
    CashOutRefundedEvent,
)
from connectpsp_client.types import REQUIRED_FIELD, Deviation, json_loads

from .errors import MalformedWebhook

TypedEvent = (
    CashInPaidEvent
    | CashInRefundedEvent
    | CashOutCompletedEvent
    | CashOutFailedEvent
    | CashOutRefundedEvent
)

EVENT_MODELS: Mapping[str, type[TypedEvent]] = {
    "CASHIN_PAID": CashInPaidEvent,
    "CASHIN_REFUNDED": CashInRefundedEvent,
    "CASHOUT_COMPLETED": CashOutCompletedEvent,
    "CASHOUT_FAILED": CashOutFailedEvent,
    "CASHOUT_REFUNDED": CashOutRefundedEvent,
}

# A ConnectPSP event is 4 levels deep; 32 leaves room for any plausible extension, and bounds the
# work of everything that walks the document (D-92).
MAX_DEPTH = 32

# Numbers must fit decimal's default context, or the application's own arithmetic on them would
# raise (an exponent past 10**18 already makes json_loads raise decimal.InvalidOperation).
_EMIN, _EMAX = DefaultContext.Emin, DefaultContext.Emax

# What from_dict raises on a payload that does not fit the schema (decimal errors are
# ArithmeticError; RecursionError is a RuntimeError).
_SCHEMA_ERRORS = (KeyError, TypeError, ValueError, ArithmeticError, AttributeError, RuntimeError)


@dataclass(frozen=True, slots=True)
class GenericEvent:
    """A correctly signed event the typed models do not describe: an unknown ``eventType``
    (``problem`` is None) or a known one that could not be fully read (``problem`` says why, without
    values). Nothing is lost: ``data`` is the decoded ``data`` object and ``raw`` the whole decoded
    body. Act on it only through the transaction read back by polling."""

    event_type: str
    """``eventType`` as sent ("" when missing or not a string)."""
    event_at: str | None
    data: dict[str, Any] = dataclasses.field(repr=False)
    raw: Any = dataclasses.field(repr=False)
    problem: str | None = None


AnyEvent = TypedEvent | GenericEvent


def _check_shape(document: Any) -> None:
    """Depth limit and no NaN/Infinity, walked without recursion (a hostile body is deep)."""
    stack: list[tuple[Any, int]] = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, float):  # json_loads reads every other number as Decimal
            raise MalformedWebhook("body contains NaN or Infinity")
        if isinstance(value, Decimal) and not _EMIN <= value.adjusted() <= _EMAX:
            raise MalformedWebhook("body contains a number out of range")
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise MalformedWebhook(f"body is nested deeper than {MAX_DEPTH} levels")
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)


def decode_body(raw_body: bytes) -> Any:
    """The body as JSON (exact ``Decimal`` numbers), or :class:`MalformedWebhook`."""
    try:
        raw = bytes(raw_body)
        raw.decode("utf-8")  # UTF-8 only: json.loads on bytes would also accept UTF-16/32
        document = json_loads(raw)
    except RecursionError:
        raise MalformedWebhook(f"body is nested deeper than {MAX_DEPTH} levels") from None
    except ArithmeticError:  # decimal.InvalidOperation: an exponent Decimal cannot hold
        raise MalformedWebhook("body contains a number out of range") from None
    except (ValueError, TypeError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise MalformedWebhook("body is not valid UTF-8 JSON") from None
    _check_shape(document)
    return document


def _generic(document: Any, problem: str | None) -> GenericEvent:
    envelope = document if isinstance(document, dict) else {}
    event_type = envelope.get("eventType")
    event_at = envelope.get("eventAt")
    data = envelope.get("data")
    return GenericEvent(
        event_type=event_type if isinstance(event_type, str) else "",
        event_at=event_at if isinstance(event_at, str) else None,
        data=data if isinstance(data, dict) else {},
        raw=document,
        problem=problem,
    )


def _envelope_problem(document: Any) -> str | None:
    if not isinstance(document, dict):
        return "body is not a JSON object"
    if not isinstance(document.get("eventType"), str) or not document["eventType"]:
        return "eventType is missing or not a string"
    if not isinstance(document.get("eventAt"), str):
        return "eventAt is missing or not a string"
    if not isinstance(document.get("data"), dict):
        return "data is missing or not an object"
    return None


def _has_offset(value: object) -> bool:
    return isinstance(value, datetime) and value.utcoffset() is not None


def event_from_document(document: Any) -> AnyEvent:
    """A decoded body -> its typed model, or a :class:`GenericEvent` saying why not. Never raises
    on content."""
    problem = _envelope_problem(document)
    if problem is not None:
        return _generic(document, problem)
    event_type: str = document["eventType"]
    model = EVENT_MODELS.get(event_type)
    if model is None:
        return _generic(document, None)
    try:
        event = model.from_dict(document)
    except KeyError as exc:
        # The original messages may quote payload values: keep only a field name or error class.
        key = exc.args[0] if exc.args and isinstance(exc.args[0], str) else "?"
        return _generic(document, f"{event_type} event lacks required field {key!r}")
    except _SCHEMA_ERRORS as exc:
        return _generic(
            document, f"{event_type} event does not match its schema ({type(exc).__name__})"
        )
    if not _has_offset(event.event_at):
        return _generic(document, "eventAt is not a date-time with a UTC offset")
    surprise = _first_surprise(event.deviations)
    if surprise is not None:
        # The tolerant model filled a placeholder or kept a value it could not read (D-45): a
        # typed event would look complete when it is not, so it is handed over as generic (D-56).
        name = surprise.path.rsplit(".", 1)[-1]
        return _generic(
            document,
            f"{event_type} event does not match its schema: {surprise.kind} {name!r} "
            f"({surprise.path})",
        )
    return event


def _first_surprise(deviations: list[Deviation]) -> Deviation | None:
    """The first deviation that makes a typed event unreadable: a required field missing, null or
    unreadable, or any value of the wrong type or format. An optional field left out or ``null``
    keeps the event typed (its type says it may be absent), and so do fields the spec does not
    describe and enum values it does not list (D-20: kept with ``is_known == False``)."""
    for deviation in deviations:
        if deviation.kind in _UNREADABLE or deviation.detail.startswith(REQUIRED_FIELD):
            return deviation
    return None


_UNREADABLE = frozenset({"wrong_type", "bad_format"})


def parse_event(raw_body: bytes) -> AnyEvent:
    """Parse a delivery body (already signature-checked) into its event.

    Raises :class:`MalformedWebhook` only when the body is not JSON (or beyond the depth and
    number limits); the message names the problem but never a value (the payload holds personal
    data).
    """
    return event_from_document(decode_body(raw_body))


def event_data(event: AnyEvent) -> dict[str, Any]:
    """The ``data`` object of any event as a plain JSON-style dict (Decimal amounts kept)."""
    if isinstance(event, GenericEvent):
        return dict(event.data)
    return event.data.to_dict()


def event_amount(event: AnyEvent) -> Decimal | None:
    """``data.amount`` as a Decimal, when present and numeric."""
    return decimal_or_none(event_data(event).get("amount"))


def decimal_or_none(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        return None
    return Decimal(value)
