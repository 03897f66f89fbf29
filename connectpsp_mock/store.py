"""State behind a small interface: transactions, balances, idempotency records, events, counters.

The in-memory implementation is not thread-safe on purpose: the mock touches it only from its
event loop, and money-moving sequences run under the runtime's balance lock.
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


class InMemoryStore:
    """The default :class:`Store`: dictionaries, reset to the seeded balances."""

    def __init__(self, banks: Iterable[BankSeed]) -> None:
        self.reset(banks)

    def reset(self, banks: Iterable[BankSeed]) -> None:
        self._cash_ins: dict[str, CashIn] = {}
        self._cash_in_index: dict[str, str] = {}
        self._cash_in_refs: set[str] = set()
        self._cash_outs: dict[str, CashOut] = {}
        self._cash_out_index: dict[str, str] = {}
        self._cash_out_refs: set[str] = set()
        self._balances: dict[tuple[str, AccountKind], Decimal] = {}
        for bank in banks:
            self._balances[(bank.ispb, AccountKind.TRANSACTIONAL)] = bank.transactional.balance
            self._balances[(bank.ispb, AccountKind.PROPRIETARY)] = bank.proprietary.balance
        self._idempotency: dict[tuple[str, str], IdempotencyRecord] = {}
        self._events: dict[str, WebhookEventRecord] = {}
        self._counters: Counter[str] = Counter()

    # --- cash-in --------------------------------------------------------------------------

    def add_cash_in(self, cash_in: CashIn) -> None:
        self._cash_ins[cash_in.transaction_id] = cash_in
        self._cash_in_refs.add(cash_in.external_reference)
        self.save_cash_in(cash_in)

    def save_cash_in(self, cash_in: CashIn) -> None:
        for alias in (
            cash_in.transaction_id,
            cash_in.internal_code,
            cash_in.end_to_end_id,
            cash_in.original_end_to_end_id,
        ):
            if alias:
                self._cash_in_index[alias] = cash_in.transaction_id

    def find_cash_in(self, lookup: str) -> CashIn | None:
        transaction_id = self._cash_in_index.get(lookup)
        return self._cash_ins.get(transaction_id) if transaction_id else None

    def cash_in_reference_taken(self, external_reference: str) -> bool:
        return external_reference in self._cash_in_refs

    def cash_ins(self) -> list[CashIn]:
        return list(self._cash_ins.values())

    # --- cash-out -------------------------------------------------------------------------

    def add_cash_out(self, cash_out: CashOut) -> None:
        self._cash_outs[cash_out.transaction_id] = cash_out
        self._cash_out_refs.add(cash_out.external_reference)
        self.save_cash_out(cash_out)

    def save_cash_out(self, cash_out: CashOut) -> None:
        for alias in (
            cash_out.transaction_id,
            cash_out.internal_code,
            cash_out.end_to_end_id,
            cash_out.original_end_to_end_id,
        ):
            if alias:
                self._cash_out_index[alias] = cash_out.transaction_id

    def find_cash_out(self, lookup: str) -> CashOut | None:
        transaction_id = self._cash_out_index.get(lookup)
        return self._cash_outs.get(transaction_id) if transaction_id else None

    def cash_out_reference_taken(self, external_reference: str) -> bool:
        return external_reference in self._cash_out_refs

    def cash_outs(self) -> list[CashOut]:
        return list(self._cash_outs.values())

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
        self._idempotency[(record.scope, record.key)] = record

    def drop_idempotency_records(self, created_before: datetime) -> int:
        stale = [k for k, r in self._idempotency.items() if r.created_at < created_before]
        for key in stale:
            del self._idempotency[key]
        return len(stale)

    def idempotency_record_count(self) -> int:
        return len(self._idempotency)

    # --- events ---------------------------------------------------------------------------

    def add_event(self, event: WebhookEventRecord) -> None:
        self._events[event.id] = event

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
