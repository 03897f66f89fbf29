"""State behind a small interface: transactions, balances, idempotency records, events, counters.

The in-memory implementation is not thread-safe on purpose: the mock touches it only from its
event loop, and money-moving sequences run under the runtime's balance lock.

Memory is bounded (D-84): past ``max_transactions`` cash-ins (or cash-outs), the oldest one is
forgotten with its ids and externalReference (a lookup answers 404); webhook events are kept up to
twice that; past ``max_idempotency_records`` the oldest record goes. Balances are never affected.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from .models import AccountKind, CashIn, CashOut
from .records import IdempotencyRecord, WebhookEventRecord
from .settings import BankSeed
from .transaction_table import TransactionTable


class Store(Protocol):
    # transactions (lookup by transactionId, internalCode or any E2E id)
    def add_cash_in(self, cash_in: CashIn) -> None: ...
    def save_cash_in(self, cash_in: CashIn) -> None: ...
    def find_cash_in(self, lookup: str) -> CashIn | None: ...
    def cash_in_reference_taken(self, external_reference: str) -> bool: ...
    def cash_ins(self) -> list[CashIn]: ...
    def add_cash_out(self, cash_out: CashOut) -> None: ...
    def save_cash_out(self, cash_out: CashOut) -> None: ...
    def find_cash_out(self, lookup: str) -> CashOut | None: ...
    def cash_out_reference_taken(self, external_reference: str) -> bool: ...
    def cash_outs(self) -> list[CashOut]: ...

    # balances
    def balance(self, ispb: str, kind: AccountKind) -> Decimal: ...
    def set_balance(self, ispb: str, kind: AccountKind, value: Decimal) -> None: ...
    def balances(self) -> dict[tuple[str, AccountKind], Decimal]: ...

    # idempotency
    def idempotency_record(self, scope: str, key: str) -> IdempotencyRecord | None: ...
    def put_idempotency_record(self, record: IdempotencyRecord) -> None: ...
    def drop_idempotency_records(self, created_before: datetime) -> int: ...
    def idempotency_record_count(self) -> int: ...

    # webhook events
    def add_event(self, event: WebhookEventRecord) -> None: ...
    def find_event(self, event_id: str) -> WebhookEventRecord | None: ...
    def events(self) -> list[WebhookEventRecord]: ...

    # counters (requests, faults, replays, ...)
    def increment(self, name: str, by: int = 1) -> None: ...
    def counter(self, name: str) -> int: ...
    def counters(self) -> dict[str, int]: ...

    def reset(self, banks: Iterable[BankSeed]) -> None: ...


DEFAULT_MAX_TRANSACTIONS = 20_000
DEFAULT_MAX_IDEMPOTENCY_RECORDS = 20_000


class InMemoryStore:
    """The default :class:`Store`: insertion-ordered dictionaries, reset to the seeded balances."""

    def __init__(
        self,
        banks: Iterable[BankSeed],
        *,
        max_transactions: int = DEFAULT_MAX_TRANSACTIONS,
        max_idempotency_records: int = DEFAULT_MAX_IDEMPOTENCY_RECORDS,
    ) -> None:
        if max_transactions < 1 or max_idempotency_records < 1:
            raise ValueError("store limits must be at least 1")
        self._max_transactions = max_transactions
        self._max_events = 2 * max_transactions
        self._max_idempotency_records = max_idempotency_records
        self.reset(banks)

    def reset(self, banks: Iterable[BankSeed]) -> None:
        self._cash_ins: TransactionTable[CashIn] = TransactionTable(self._max_transactions)
        self._cash_outs: TransactionTable[CashOut] = TransactionTable(self._max_transactions)
        self._balances: dict[tuple[str, AccountKind], Decimal] = {}
        for bank in banks:
            self._balances[(bank.ispb, AccountKind.TRANSACTIONAL)] = bank.transactional.balance
            self._balances[(bank.ispb, AccountKind.PROPRIETARY)] = bank.proprietary.balance
        self._idempotency: dict[tuple[str, str], IdempotencyRecord] = {}
        self._events: dict[str, WebhookEventRecord] = {}
        self._counters: Counter[str] = Counter()

    # --- transactions (one bounded table per kind, D-84) -----------------------------------

    def add_cash_in(self, cash_in: CashIn) -> None:
        if self._cash_ins.add(cash_in) is not None:
            self.increment("store.cash_ins_evicted")

    def save_cash_in(self, cash_in: CashIn) -> None:
        self._cash_ins.save(cash_in)

    def find_cash_in(self, lookup: str) -> CashIn | None:
        return self._cash_ins.find(lookup)

    def cash_in_reference_taken(self, external_reference: str) -> bool:
        return self._cash_ins.reference_taken(external_reference)

    def cash_ins(self) -> list[CashIn]:
        return self._cash_ins.all()

    def add_cash_out(self, cash_out: CashOut) -> None:
        if self._cash_outs.add(cash_out) is not None:
            self.increment("store.cash_outs_evicted")

    def save_cash_out(self, cash_out: CashOut) -> None:
        self._cash_outs.save(cash_out)

    def find_cash_out(self, lookup: str) -> CashOut | None:
        return self._cash_outs.find(lookup)

    def cash_out_reference_taken(self, external_reference: str) -> bool:
        return self._cash_outs.reference_taken(external_reference)

    def cash_outs(self) -> list[CashOut]:
        return self._cash_outs.all()

    # --- balances -------------------------------------------------------------------------

    def balance(self, ispb: str, kind: AccountKind) -> Decimal:
        return self._balances[(ispb, kind)]

    def set_balance(self, ispb: str, kind: AccountKind, value: Decimal) -> None:
        if value < 0:
            raise ValueError("a balance can never go negative")
        self._balances[(ispb, kind)] = value

    def balances(self) -> dict[tuple[str, AccountKind], Decimal]:
        return dict(self._balances)

    # --- idempotency ----------------------------------------------------------------------

    def idempotency_record(self, scope: str, key: str) -> IdempotencyRecord | None:
        return self._idempotency.get((scope, key))

    def put_idempotency_record(self, record: IdempotencyRecord) -> None:
        slot = (record.scope, record.key)
        self._idempotency.pop(slot, None)  # a re-put goes to the back of the line
        self._idempotency[slot] = record
        if len(self._idempotency) > self._max_idempotency_records:
            del self._idempotency[next(iter(self._idempotency))]
            self.increment("store.idempotency_records_evicted")

    def drop_idempotency_records(self, created_before: datetime) -> int:
        """Drop records created before ``created_before``, oldest first: records are kept in
        creation order, so this stops at the first young one instead of scanning them all."""
        dropped = 0
        while self._idempotency:
            slot = next(iter(self._idempotency))
            if self._idempotency[slot].created_at >= created_before:
                break
            del self._idempotency[slot]
            dropped += 1
        return dropped

    def idempotency_record_count(self) -> int:
        return len(self._idempotency)

    # --- events ---------------------------------------------------------------------------

    def add_event(self, event: WebhookEventRecord) -> None:
        self._events[event.id] = event
        if len(self._events) > self._max_events:
            del self._events[next(iter(self._events))]
            self.increment("store.events_evicted")

    def find_event(self, event_id: str) -> WebhookEventRecord | None:
        return self._events.get(event_id)

    def events(self) -> list[WebhookEventRecord]:
        return list(self._events.values())

    # --- counters -------------------------------------------------------------------------

    def increment(self, name: str, by: int = 1) -> None:
        self._counters[name] += by

    def counter(self, name: str) -> int:
        return self._counters[name]

    def counters(self) -> dict[str, int]:
        return dict(sorted(self._counters.items()))
