"""One kind of transaction in memory (cash-ins or cash-outs), bounded (D-84).

Lookup by any id the API accepts (transactionId, internalCode, E2E ids), the set of used
``externalReference`` values, and the bound: past ``limit`` transactions the oldest is forgotten
with its ids and its ``externalReference``. The store keeps one table per kind and counts what
each one forgets.
"""

from __future__ import annotations

from typing import Generic, Protocol, TypeVar


class Transaction(Protocol):
    @property
    def transaction_id(self) -> str: ...
    @property
    def internal_code(self) -> str: ...
    @property
    def end_to_end_id(self) -> str | None: ...
    @property
    def original_end_to_end_id(self) -> str | None: ...
    @property
    def external_reference(self) -> str: ...


T = TypeVar("T", bound=Transaction)


class TransactionTable(Generic[T]):
    """Insertion-ordered (oldest first); not thread-safe, like the store that owns it."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._rows: dict[str, T] = {}
        self._index: dict[str, str] = {}  # every id a transaction answers to -> transactionId
        self._references: set[str] = set()

    def add(self, transaction: T) -> T | None:
        """Keep a new transaction; returns the oldest one when the limit made it forgotten."""
        self._rows[transaction.transaction_id] = transaction
        self._references.add(transaction.external_reference)
        self.save(transaction)
        if len(self._rows) <= self._limit:
            return None
        oldest = self._rows.pop(next(iter(self._rows)))
        self._forget(oldest)
        return oldest

    def save(self, transaction: T) -> None:
        """Index the ids a changed transaction now has (a settlement adds E2E ids)."""
        if self._rows.get(transaction.transaction_id) is not transaction:
            return  # forgotten while a task still held it: it stays forgotten
        for alias in _aliases(transaction):
            self._index[alias] = transaction.transaction_id

    def find(self, lookup: str) -> T | None:
        transaction_id = self._index.get(lookup)
        return self._rows.get(transaction_id) if transaction_id else None

    def reference_taken(self, external_reference: str) -> bool:
        return external_reference in self._references

    def all(self) -> list[T]:
        return list(self._rows.values())

    def _forget(self, transaction: T) -> None:
        for alias in _aliases(transaction):
            if self._index.get(alias) == transaction.transaction_id:
                del self._index[alias]
        self._references.discard(transaction.external_reference)


def _aliases(transaction: Transaction) -> list[str]:
    """Every id a transaction can be looked up by."""
    return [
        alias
        for alias in (
            transaction.transaction_id,
            transaction.internal_code,
            transaction.end_to_end_id,
            transaction.original_end_to_end_id,
        )
        if alias
    ]
