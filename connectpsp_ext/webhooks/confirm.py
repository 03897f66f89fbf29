"""Optional "confirm by polling" step before crediting.

The signature proves a delivery came from someone holding the CryptoToken, but the docs define no
timestamp, so a captured genuine delivery could be replayed, and a leaked CryptoToken would let
anyone forge events. Reading the transaction back from the API (``GET /cash-in/{id}`` or
``GET /cash-out/{id}``, authenticated with your own credentials) settles both before money moves.

The check passes when the fetched transaction has the same id and exactly the same amount, and a
status equal to the event's or later on the same path (a ``CASHIN_PAID`` confirmed by a cash-in
that is ``REFUNDED`` by now still proves the payment happened), and, when the event carries an
end-to-end id, the fetched transaction carries it too (as ``endToEndId`` or, after a refund,
``originalEndToEndId``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from connectpsp_client.models import CashIn, CashOut

from ..results import Result
from .errors import WebhookNotConfirmed
from .identity import transaction_reference
from .parsing import AnyEvent, event_amount, event_data
from .reducer import EVENT_STATUS, TransactionKind, Verdict, event_transition_target, reduce_status

Fetched = CashIn | CashOut
# The client's ``cash_in.get`` / ``cash_out.get`` return ``Result[...]``; bare models work too.
FetchCashIn = Callable[[str], CashIn | Result[CashIn]]
FetchCashOut = Callable[[str], CashOut | Result[CashOut]]
AsyncFetchCashIn = Callable[[str], Awaitable[CashIn | Result[CashIn]]]
AsyncFetchCashOut = Callable[[str], Awaitable[CashOut | Result[CashOut]]]


@dataclass(frozen=True, slots=True)
class PollingConfirmation:
    confirmed: bool
    reasons: tuple[str, ...] = ()
    """Why it was not confirmed (empty when confirmed). Never contains personal data."""
    fetched: Fetched | None = field(default=None, repr=False)

    def raise_if_not_confirmed(self) -> None:
        if not self.confirmed:
            raise WebhookNotConfirmed(self.reasons)


def _unwrap(value: Fetched | Result[CashIn] | Result[CashOut]) -> Fetched:
    return value.data if isinstance(value, Result) else value


def _optional_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def compare_with_fetched(event: AnyEvent, fetched: Fetched) -> PollingConfirmation:
    """The pure comparison behind :class:`PollingConfirmer`."""
    target = event_transition_target(event)
    if target is None:
        return PollingConfirmation(False, ("unknown event type; nothing to compare",), fetched)
    kind, claimed_status = target
    data = event_data(event)
    reasons: list[str] = []
    fetched_data = fetched.to_dict()

    if data.get("status") != EVENT_STATUS[str(event.event_type)][1]:
        reasons.append("event data.status does not match its eventType")

    ids = {data.get("transactionId"), data.get("internalCode")} - {None}
    if not ids & {fetched_data.get("transactionId"), fetched_data.get("internalCode")}:
        reasons.append("fetched transaction has a different id")

    claimed_amount = event_amount(event)
    # A tolerant read may leave the amount absent (D-45): then nothing confirms the claim.
    fetched_amount = fetched.amount if isinstance(fetched.amount, Decimal) else None
    if claimed_amount is None or fetched_amount != claimed_amount:
        reasons.append("amount differs from the API")

    actual = str(fetched.status)
    verdict = reduce_status(kind, claimed_status, actual).verdict
    if verdict not in (Verdict.DUPLICATE, Verdict.APPLIED):
        reasons.append(f"API status {actual} does not confirm {claimed_status}")

    e2e = _optional_str(data.get("endToEndId"))
    if e2e is not None and e2e not in (
        _optional_str(fetched_data.get("endToEndId")),
        _optional_str(fetched_data.get("originalEndToEndId")),
    ):
        reasons.append("end-to-end id differs from the API")
    return PollingConfirmation(not reasons, tuple(reasons), fetched)


def _reference_and_kind(event: AnyEvent) -> tuple[str, TransactionKind] | PollingConfirmation:
    target = event_transition_target(event)
    reference = transaction_reference(event)
    if target is None:
        return PollingConfirmation(False, ("unknown event type; cannot poll",))
    if reference is None:
        return PollingConfirmation(False, ("event names no transaction",))
    return reference, target[0]


class PollingConfirmer:
    """Confirms events by reading the transaction back through the client, e.g.
    ``PollingConfirmer(fetch_cash_in=client.cash_in.get, fetch_cash_out=client.cash_out.get)``.

    Errors raised by the fetch functions propagate: the handler then releases its claim and answers
    "retry later", so a temporary API outage does not lose the event.
    """

    def __init__(self, *, fetch_cash_in: FetchCashIn, fetch_cash_out: FetchCashOut) -> None:
        self._fetch_cash_in = fetch_cash_in
        self._fetch_cash_out = fetch_cash_out

    def confirm(self, event: AnyEvent) -> PollingConfirmation:
        looked_up = _reference_and_kind(event)
        if isinstance(looked_up, PollingConfirmation):
            return looked_up
        reference, kind = looked_up
        fetched: Fetched
        if kind is TransactionKind.CASH_IN:
            fetched = _unwrap(self._fetch_cash_in(reference))
        else:
            fetched = _unwrap(self._fetch_cash_out(reference))
        return compare_with_fetched(event, fetched)


class AsyncPollingConfirmer:
    """:class:`PollingConfirmer` for async fetch functions (the async client)."""

    def __init__(
        self, *, fetch_cash_in: AsyncFetchCashIn, fetch_cash_out: AsyncFetchCashOut
    ) -> None:
        self._fetch_cash_in = fetch_cash_in
        self._fetch_cash_out = fetch_cash_out

    async def confirm(self, event: AnyEvent) -> PollingConfirmation:
        looked_up = _reference_and_kind(event)
        if isinstance(looked_up, PollingConfirmation):
            return looked_up
        reference, kind = looked_up
        fetched: Fetched
        if kind is TransactionKind.CASH_IN:
            fetched = _unwrap(await self._fetch_cash_in(reference))
        else:
            fetched = _unwrap(await self._fetch_cash_out(reference))
        return compare_with_fetched(event, fetched)
