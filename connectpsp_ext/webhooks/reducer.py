"""Monotonic transaction status: never move a transaction backwards (D-13).

Webhooks can arrive late, twice, or out of order. The reducer only moves a transaction forward
along its state machine::

    cash-in   AWAITING_PAYMENT -> PAID -> REFUNDED
              AWAITING_PAYMENT -> EXPIRED | CANCELLED
    cash-out  PROCESSING -> COMPLETED -> REFUNDED
              PROCESSING -> FAILED | CANCELLED

A forward jump over missing steps is applied and reports the skipped statuses in ``implied``
(``REFUNDED`` arriving before ``PAID`` means the payment happened). A status the transaction has
already passed is ``STALE`` (ignored, normal under reordering). A status on another branch
(``COMPLETED`` then ``FAILED``, ``EXPIRED`` then ``PAID``) is ``ILLEGAL``: not applied, and it needs
a human, because one of the two messages is wrong about money.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from connectpsp_client.models import CashIn, CashOut

from .parsing import AnyEvent, event_data


class TransactionKind(StrEnum):
    CASH_IN = "CASH_IN"
    CASH_OUT = "CASH_OUT"


TRANSITIONS: Mapping[TransactionKind, Mapping[str, tuple[str, ...]]] = {
    TransactionKind.CASH_IN: {
        "AWAITING_PAYMENT": ("PAID", "EXPIRED", "CANCELLED"),
        "PAID": ("REFUNDED",),
        "REFUNDED": (),
        "EXPIRED": (),
        "CANCELLED": (),
    },
    TransactionKind.CASH_OUT: {
        "PROCESSING": ("COMPLETED", "FAILED", "CANCELLED"),
        "COMPLETED": ("REFUNDED",),
        "REFUNDED": (),
        "FAILED": (),
        "CANCELLED": (),
    },
}

INITIAL_STATUS: Mapping[TransactionKind, str] = {
    TransactionKind.CASH_IN: "AWAITING_PAYMENT",
    TransactionKind.CASH_OUT: "PROCESSING",
}

EVENT_STATUS: Mapping[str, tuple[TransactionKind, str]] = {
    "CASHIN_PAID": (TransactionKind.CASH_IN, "PAID"),
    "CASHIN_REFUNDED": (TransactionKind.CASH_IN, "REFUNDED"),
    "CASHOUT_COMPLETED": (TransactionKind.CASH_OUT, "COMPLETED"),
    "CASHOUT_FAILED": (TransactionKind.CASH_OUT, "FAILED"),
    "CASHOUT_REFUNDED": (TransactionKind.CASH_OUT, "REFUNDED"),
}


class Verdict(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"  # same status again: nothing to do
    STALE = "stale"  # already past it: a late delivery
    ILLEGAL = "illegal"  # on another branch of the machine: conflicting information
    UNKNOWN_STATUS = "unknown_status"  # not a status of this kind of transaction


@dataclass(frozen=True, slots=True)
class Transition:
    kind: TransactionKind
    previous: str | None
    requested: str
    status: str | None
    """The status after the reduction: ``requested`` when applied, else ``previous``."""
    verdict: Verdict
    implied: tuple[str, ...] = ()
    """Statuses skipped by a forward jump, in order (e.g. ``("PAID",)`` for a direct
    ``AWAITING_PAYMENT -> REFUNDED``)."""

    @property
    def applied(self) -> bool:
        return self.verdict is Verdict.APPLIED

    @property
    def needs_attention(self) -> bool:
        """True for conflicting or unknown statuses: alert someone, do not move money."""
        return self.verdict in (Verdict.ILLEGAL, Verdict.UNKNOWN_STATUS)


def _path(graph: Mapping[str, tuple[str, ...]], start: str, goal: str) -> tuple[str, ...] | None:
    """Statuses strictly between ``start`` and ``goal`` when ``goal`` is reachable, else None."""
    frontier: list[tuple[str, tuple[str, ...]]] = [(start, ())]
    while frontier:
        node, via = frontier.pop()
        for nxt in graph[node]:
            if nxt == goal:
                return via
            frontier.append((nxt, (*via, nxt)))
    return None


def reduce_status(kind: TransactionKind | str, current: str | None, new: str) -> Transition:
    """Decide whether a transaction whose known status is ``current`` (``None`` = never seen)
    may move to ``new``. Pure function; statuses are plain strings or the generated enums."""
    kind = TransactionKind(kind)
    graph = TRANSITIONS[kind]
    new = str(new)
    previous = None if current is None else str(current)
    if new not in graph or (previous is not None and previous not in graph):
        return Transition(kind, previous, new, previous, Verdict.UNKNOWN_STATUS)
    if previous is None:
        initial = INITIAL_STATUS[kind]
        implied = () if new == initial else _path(graph, initial, new) or ()
        return Transition(kind, None, new, new, Verdict.APPLIED, implied)
    if new == previous:
        return Transition(kind, previous, new, previous, Verdict.DUPLICATE)
    forward = _path(graph, previous, new)
    if forward is not None:
        return Transition(kind, previous, new, new, Verdict.APPLIED, forward)
    if _path(graph, new, previous) is not None:
        return Transition(kind, previous, new, previous, Verdict.STALE)
    return Transition(kind, previous, new, previous, Verdict.ILLEGAL)


def event_transition_target(event: AnyEvent) -> tuple[TransactionKind, str] | None:
    """(kind, status) an event asks for: ``data.status`` of a known event type, else ``None``."""
    known = EVENT_STATUS.get(str(event.event_type))
    if known is None:
        return None
    status = event_data(event).get("status")
    return known[0], status if isinstance(status, str) else known[1]


class StatusTracker:
    """Thread-safe in-memory current status per transaction, driven through :func:`reduce_status`.

    A convenience for examples, tests and small services; a real integration keeps the status in
    its own database and calls :func:`reduce_status` inside the same transaction as the effect.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._status: dict[tuple[TransactionKind, str], str] = {}

    def status(self, kind: TransactionKind | str, transaction: str) -> str | None:
        with self._lock:
            return self._status.get((TransactionKind(kind), transaction))

    def apply(self, kind: TransactionKind | str, transaction: str, new: str) -> Transition:
        key = (TransactionKind(kind), transaction)
        with self._lock:
            result = reduce_status(key[0], self._status.get(key), new)
            if result.applied:
                self._status[key] = new
            return result

    def apply_transaction(self, transaction: CashIn | CashOut) -> Transition:
        """Move a transaction to the status the API reports for it (e.g. the one a confirmer read
        back: ``received.transaction``)."""
        kind = (
            TransactionKind.CASH_IN if isinstance(transaction, CashIn) else TransactionKind.CASH_OUT
        )
        return self.apply(kind, str(transaction.transaction_id), str(transaction.status))

    def apply_event(self, event: AnyEvent) -> Transition | None:
        """Apply a known event's status to its transaction; ``None`` for unknown event types or
        events without ``transactionId``/``internalCode``."""
        target = event_transition_target(event)
        data = event_data(event)
        transaction = data.get("transactionId") or data.get("internalCode")
        if target is None or not isinstance(transaction, str):
            return None
        return self.apply(target[0], transaction, target[1])
