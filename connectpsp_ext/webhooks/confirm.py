"""Optional "confirm by polling" step before acting on an event.

The signature proves a delivery came from someone holding the CryptoToken, but the docs define no
timestamp, so a captured genuine delivery could be replayed, and a leaked CryptoToken would let
anyone forge events. Reading the transaction back from the API (``GET /cash-in/{id}`` or
``GET /cash-out/{id}``, authenticated with your own credentials) settles both before money moves.

The check passes only when the fetched transaction agrees with every field of the event an
application acts on (D-91):

- the id (``transactionId`` or ``internalCode``), ``externalReference``, the exact ``amount``, and
  the payer's (cash-in) or payee's (cash-out) document;
- the status named by the event type: the API's status equals it or lies later on the same path
  (a ``CASHIN_PAID`` confirmed by a cash-in that is ``REFUNDED`` by now still proves the payment
  happened);
- the end-to-end id, when the event carries one (as ``endToEndId`` or, after a refund,
  ``originalEndToEndId``).

A field the event does not carry (``null`` or absent) claims nothing and is not compared. Even when
confirmed, act on the fetched transaction (``received.transaction``), not on the event: it is the
API's word, the event is only a hint.

This module is the pure comparison; the confirmers that fetch (``PollingConfirmer`` and
``AsyncPollingConfirmer``) are in ``_async/confirmer.py`` and its generated sync twin.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from connectpsp_client.models import CashIn, CashOut

from ..results import Result
from .errors import WebhookNotConfirmed
from .identity import transaction_reference
from .parsing import AnyEvent, decimal_or_none, event_data
from .reducer import (
    EVENT_STATUS,
    TRANSITIONS,
    TransactionKind,
    Verdict,
    event_transition_target,
    reduce_status,
)

Fetched = CashIn | CashOut
# The client's ``cash_in.get`` / ``cash_out.get`` return ``Result[...]``; bare models work too.
FetchCashIn = Callable[[str], CashIn | Result[CashIn]]
FetchCashOut = Callable[[str], CashOut | Result[CashOut]]
AsyncFetchCashIn = Callable[[str], Awaitable[CashIn | Result[CashIn]]]
AsyncFetchCashOut = Callable[[str], Awaitable[CashOut | Result[CashOut]]]

# Who the counterparty is, per kind of transaction (its ``document`` is compared).
_PARTY = {TransactionKind.CASH_IN: "payer", TransactionKind.CASH_OUT: "payee"}


@dataclass(frozen=True, slots=True)
class PollingConfirmation:
    confirmed: bool
    reasons: tuple[str, ...] = ()
    """Why it was not confirmed (empty when confirmed). Never contains a value from the event."""
    fetched: Fetched | None = field(default=None, repr=False)
    polled: bool = True
    """False when the event names nothing to poll (an unknown event type, no transaction id): the
    handler then hands it over unconfirmed instead of refusing it (D-93)."""

    def raise_if_not_confirmed(self) -> None:
        if not self.confirmed:
            raise WebhookNotConfirmed(self.reasons)


def unwrap(value: Fetched | Result[CashIn] | Result[CashOut]) -> Fetched:
    """The model itself, from a client ``Result`` or a bare model."""
    return value.data if isinstance(value, Result) else value


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _amount(value: Any) -> Decimal | None:
    """An amount as an exact Decimal; a JSON string holding a number counts (tolerant reader)."""
    if isinstance(value, str):
        try:
            value = Decimal(value)
        except ArithmeticError:
            return None
        return value if value.is_finite() else None
    return decimal_or_none(value)


def _digits(value: Any) -> str | None:
    """A document compared by its digits and letters only (``123.456.789-09`` = ``12345678909``)."""
    if not isinstance(value, str):
        return None
    return "".join(ch for ch in value if ch.isalnum()).upper()


def _party_document(data: Mapping[str, Any], kind: TransactionKind) -> str | None:
    party = data.get(_PARTY[kind])
    return _digits(party.get("document")) if isinstance(party, Mapping) else None


def _differences(
    kind: TransactionKind, claimed: Mapping[str, Any], fetched: Mapping[str, Any]
) -> list[str]:
    """Reasons (names only, never values) why ``claimed`` (the event's data) disagrees."""
    reasons: list[str] = []
    ids = {_text(claimed.get("transactionId")), _text(claimed.get("internalCode"))} - {None}
    if not ids & {_text(fetched.get("transactionId")), _text(fetched.get("internalCode"))}:
        reasons.append("fetched transaction has a different id")

    if claimed.get("amount") is not None and _amount(claimed.get("amount")) != _amount(
        fetched.get("amount")
    ):
        reasons.append("amount differs from the API")

    if claimed.get("externalReference") is not None and _text(
        claimed.get("externalReference")
    ) != _text(fetched.get("externalReference")):
        reasons.append("externalReference differs from the API")

    document = _party_document(claimed, kind)
    party = claimed.get(_PARTY[kind])
    if (party is not None or document is not None) and document != _party_document(fetched, kind):
        reasons.append(f"{_PARTY[kind]} document differs from the API")

    e2e = _text(claimed.get("endToEndId"))
    if claimed.get("endToEndId") is not None and e2e not in {
        _text(fetched.get("endToEndId")),
        _text(fetched.get("originalEndToEndId")),
    } - {None}:
        reasons.append("end-to-end id differs from the API")
    return reasons


def compare_with_fetched(event: AnyEvent, fetched: Fetched) -> PollingConfirmation:
    """The pure comparison behind :class:`PollingConfirmer`."""
    known = EVENT_STATUS.get(str(event.event_type))
    if known is None:
        return PollingConfirmation(
            False, ("unknown event type; nothing to compare",), fetched, polled=False
        )
    kind, claimed_status = known  # what the event type says happened
    data = event_data(event)
    reasons: list[str] = []
    status = data.get("status")
    if status in TRANSITIONS[kind] and status != claimed_status:
        reasons.append("event data.status does not match its eventType")
    reasons += _differences(kind, data, fetched.to_dict())
    actual = str(fetched.status)
    verdict = reduce_status(kind, claimed_status, actual).verdict
    if verdict not in (Verdict.DUPLICATE, Verdict.APPLIED):
        reasons.append(f"API status {actual} does not confirm {claimed_status}")
    return PollingConfirmation(not reasons, tuple(reasons), fetched)


def reference_and_kind(event: AnyEvent) -> tuple[str, TransactionKind] | PollingConfirmation:
    """What to fetch for ``event``, or the unpolled confirmation when there is nothing to fetch."""
    target = event_transition_target(event)
    reference = transaction_reference(event)
    if target is None:
        return PollingConfirmation(False, ("unknown event type; cannot poll",), polled=False)
    if reference is None:
        return PollingConfirmation(False, ("event names no transaction",), polled=False)
    return reference, target[0]
