"""Balance snapshot and rebalance (D-16, D-17)."""

from __future__ import annotations

import asyncio
from typing import Any

from .clock import Clock
from .ledger import Ledger
from .models import AccountKind
from .money import brl, cents
from .payloads import RebalancePayload
from .problems import insufficient_funds
from .store import Store
from .views import balance_view

REBALANCED = {"success": True, "message": "Rebalancing completed successfully."}


class AccountService:
    def __init__(
        self, *, store: Store, ledger: Ledger, clock: Clock, balance_lock: asyncio.Lock
    ) -> None:
        self._store = store
        self._ledger = ledger
        self._clock = clock
        self._lock = balance_lock

    def balance(self) -> dict[str, Any]:
        return balance_view(self._ledger.banks, self._store.balances(), self._clock.now())

    async def rebalance(self, payload: RebalancePayload) -> dict[str, Any]:
        """Make the consolidated transactional balance equal ``targetAmount``.

        Top-up (target above): proprietary -> transactional per bank, Delbank, Celcoin, StarkBank;
        refused with 422 INSUFFICIENT_FUNDS (nothing moves) beyond total proprietary funds.
        Sweep (target below): transactional -> proprietary per bank in the reverse order.
        """
        target = cents(payload.target_amount)
        async with self._lock:
            current = self._ledger.total(AccountKind.TRANSACTIONAL)
            if target > current:
                needed = target - current
                reserve = self._ledger.total(AccountKind.PROPRIETARY)
                if needed > reserve:
                    raise insufficient_funds(brl(needed), brl(reserve))
                self._ledger.top_up(needed)
                self._store.increment("rebalance.top_ups")
            elif target < current:
                self._ledger.sweep(current - target)
                self._store.increment("rebalance.sweeps")
            self._store.increment("rebalance.calls")
        return dict(REBALANCED)
