"""What the soak's callers believe happened: one record per logical money-moving call.

The records are the client-side half of the reconciliation; ``reconcile`` compares them with the
mock's own state. Thread-safe: workers in threads and in an event loop append concurrently.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from uuid import UUID


class Kind(StrEnum):
    CASH_IN = "cash_in"  # create (through the client) + pay (control endpoint)
    CASH_OUT = "cash_out"
    REFUND = "refund"
    REBALANCE = "rebalance"


class Outcome(StrEnum):
    SUCCESS = "success"  # a 2xx: the operation happened
    REJECTED = "rejected"  # a definitive 4xx: the operation did not happen
    UNKNOWN = "unknown"  # still unresolved (network error / 5xx after all retries): a lost outcome


@dataclass
class CallRecord:
    """One logical call. ``reference`` is the externalReference (cash-in/out), the cash-in's
    transactionId (refund), or the target amount (rebalance)."""

    kind: Kind
    reference: str
    amount: Decimal
    idempotency_key: UUID | None
    outcome: Outcome = Outcome.UNKNOWN
    transaction_id: str | None = None
    error_code: str | None = None
    issues: int = 0  # times the soak sent this logical call through the client (1 + re-issues)
    paid: bool = False  # cash-in: the control endpoint confirmed the payment
    worker: str = ""


@dataclass
class Ledger:
    records: list[CallRecord] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, record: CallRecord) -> CallRecord:
        with self._lock:
            self.records.append(record)
        return record

    def snapshot(self) -> list[CallRecord]:
        with self._lock:
            return list(self.records)
