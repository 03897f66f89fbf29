"""Balance movements over the store, exact and never negative (D-30).

Callers hold the runtime's balance lock around a check-then-move sequence. Rules:
- cash-in credits the transactional account of the bank it was assigned to;
- a cash-out is drawn from the transactional accounts in the fixed bank order (Delbank, Celcoin,
  StarkBank), split across banks when one is not enough, and the same parts go back on failure;
- rebalance (D-17) moves between each bank's own transactional and proprietary accounts.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from .models import AccountKind, Allocation
from .money import ZERO
from .settings import BankSeed
from .store import Store

T = AccountKind.TRANSACTIONAL
P = AccountKind.PROPRIETARY


class Ledger:
    def __init__(self, store: Store, banks: Sequence[BankSeed]) -> None:
        self._store = store
        self.banks = tuple(banks)

    def bank(self, ispb: str) -> BankSeed | None:
        return next((b for b in self.banks if b.ispb == ispb), None)

    def total(self, kind: AccountKind) -> Decimal:
        return sum((self._store.balance(b.ispb, kind) for b in self.banks), ZERO)

    def credit(self, ispb: str, kind: AccountKind, amount: Decimal) -> None:
        self._store.set_balance(ispb, kind, self._store.balance(ispb, kind) + amount)

    def debit(self, ispb: str, kind: AccountKind, amount: Decimal) -> None:
        remaining = self._store.balance(ispb, kind) - amount
        if remaining < 0:
            raise ValueError("debit larger than the balance")  # callers check first
        self._store.set_balance(ispb, kind, remaining)

    def draw_transactional(self, amount: Decimal) -> tuple[Allocation, ...]:
        """Debit ``amount`` across transactional accounts in bank order; caller checked total."""
        return self._draw(amount, T, self.banks, into=None, shortfall="transactional")

    def give_back(self, allocations: Sequence[Allocation]) -> None:
        for part in allocations:
            self.credit(part.ispb, T, part.amount)

    def top_up(self, amount: Decimal) -> None:
        """Proprietary -> transactional, per bank in order (D-17); caller checked the total."""
        self._draw(amount, P, self.banks, into=T, shortfall="proprietary")

    def sweep(self, amount: Decimal) -> None:
        """Transactional -> proprietary, per bank in reverse order (D-17)."""
        self._draw(amount, T, tuple(reversed(self.banks)), into=P, shortfall="transactional")

    def _draw(
        self,
        amount: Decimal,
        source: AccountKind,
        banks: Sequence[BankSeed],
        *,
        into: AccountKind | None,
        shortfall: str,
    ) -> tuple[Allocation, ...]:
        """Take ``amount`` from each bank's ``source`` account in turn, as much as it holds, and
        credit the same bank's ``into`` account (None: the money leaves the ledger)."""
        parts: list[Allocation] = []
        remaining = amount
        for bank in banks:
            if remaining <= 0:
                break
            take = min(remaining, self._store.balance(bank.ispb, source))
            if take > 0:
                self.debit(bank.ispb, source, take)
                if into is not None:
                    self.credit(bank.ispb, into, take)
                parts.append(Allocation(bank.ispb, take))
                remaining -= take
        if remaining > 0:
            raise ValueError(f"{shortfall} balance too small")  # callers check first
        return tuple(parts)
