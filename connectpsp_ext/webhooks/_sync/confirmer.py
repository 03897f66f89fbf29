# Generated from connectpsp_ext/webhooks/_async/confirmer.py by scripts/unasync.py: do not edit.
"""The confirmer: reads the event's transaction back through the client and compares it with the
event (the comparison itself is pure, in ``webhooks/confirm.py``)."""

from __future__ import annotations

from ..confirm import (
    FetchCashIn,
    FetchCashOut,
    Fetched,
    PollingConfirmation,
    compare_with_fetched,
    reference_and_kind,
    unwrap,
)
from ..parsing import AnyEvent
from ..reducer import TransactionKind


class PollingConfirmer:
    """Confirms events by reading the transaction back through the client, e.g.
    ``PollingConfirmer(fetch_cash_in=psp.cash_in.get, fetch_cash_out=psp.cash_out.get)``
    (the async confirmer takes the async client's functions).

    Errors raised by the fetch functions propagate: the handler then releases its claim and answers
    "retry later", so a temporary API outage does not lose the event.
    """

    def __init__(self, *, fetch_cash_in: FetchCashIn, fetch_cash_out: FetchCashOut) -> None:
        self._fetch_cash_in = fetch_cash_in
        self._fetch_cash_out = fetch_cash_out

    def confirm(self, event: AnyEvent) -> PollingConfirmation:
        looked_up = reference_and_kind(event)
        if isinstance(looked_up, PollingConfirmation):
            return looked_up
        reference, kind = looked_up
        fetched: Fetched
        if kind is TransactionKind.CASH_IN:
            fetched = unwrap(self._fetch_cash_in(reference))
        else:
            fetched = unwrap(self._fetch_cash_out(reference))
        return compare_with_fetched(event, fetched)
