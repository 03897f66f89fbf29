"""Balance snapshot and rebalance (D-16, D-17)."""

from __future__ import annotations

from typing import Any

from .context import Context
from .models import AccountKind
from .money import brl, cents
from .payloads import RebalancePayload
from .problems import insufficient_funds
from .views import balance_view

REBALANCED = {"success": True, "message": "Rebalancing completed successfully."}


class AccountService:
    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx

    def balance(self) -> dict[str, Any]:
        ctx = self._ctx
        return balance_view(ctx.ledger.banks, ctx.store.balances(), ctx.clock.now())

    async def rebalance(self, payload: RebalancePayload) -> dict[str, Any]:
        """Make the consolidated transactional balance equal ``targetAmount``.

        Top-up (target above): proprietary -> transactional per bank, Delbank, Celcoin, StarkBank;
        refused with 422 INSUFFICIENT_FUNDS (nothing moves) beyond total proprietary funds.
        Sweep (target below): transactional -> proprietary per bank in the reverse order.
        """
        ctx = self._ctx
        target = cents(payload.target_amount)
        async with ctx.balance_lock:
            current = ctx.ledger.total(AccountKind.TRANSACTIONAL)
            if target > current:
                needed = target - current
                reserve = ctx.ledger.total(AccountKind.PROPRIETARY)
                if needed > reserve:
                    raise insufficient_funds(brl(needed), brl(reserve))
                ctx.ledger.top_up(needed)
                ctx.store.increment("rebalance.top_ups")
            elif target < current:
                ctx.ledger.sweep(current - target)
                ctx.store.increment("rebalance.sweeps")
            ctx.store.increment("rebalance.calls")
        return dict(REBALANCED)
