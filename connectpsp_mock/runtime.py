"""One mock instance: settings, state and services, built and wired together once
(``app.state.mock``): the mock's composition root."""

from __future__ import annotations

import asyncio
from typing import Any

from .account import AccountService
from .auth import Authenticator
from .cash_in import CashInService
from .cash_out import CashOutService
from .clock import Clock
from .faults import FaultQueue
from .idempotency import IdempotencyKeeper
from .ids import IdFactory
from .ledger import Ledger
from .own_addresses import OwnAddresses
from .response_style import ResponseStyle
from .settings import SEEDED_START, MockSettings
from .store import InMemoryStore, Store
from .tasks import TaskTracker
from .timefmt import utc_time
from .views import balance_view, cash_in_view, cash_out_view
from .webhooks import WebhookDispatcher


class MockRuntime:
    """The composition root: every part of one mock is built and wired here, once.

    Each service gets exactly the collaborators it uses; nothing else holds a second set of these
    references. The HTTP layer reaches them through ``app.state.mock`` (``http_helpers.runtime``).
    """

    def __init__(self, settings: MockSettings, store: Store | None = None) -> None:
        self.settings = settings
        self.clock = Clock(SEEDED_START if settings.seed is not None else None)
        self.ids = IdFactory(settings.seed)
        self.store: Store = (
            store
            if store is not None
            else InMemoryStore(
                settings.banks,
                max_transactions=settings.max_transactions,
                max_idempotency_records=settings.max_idempotency_records,
            )
        )
        self.ledger = Ledger(self.store, settings.banks)
        # The one lock around every check-then-move of money (balances, transaction states).
        self.balance_lock = asyncio.Lock()
        self.tasks = TaskTracker()
        self.style = ResponseStyle(settings.response_style, settings.seed)
        # The addresses this mock is reached at: webhooks never go there (own_addresses.py).
        self.own_addresses = OwnAddresses()
        self.webhooks = WebhookDispatcher(
            settings,
            self.clock,
            self.ids,
            self.store,
            self.tasks,
            self.own_addresses,
            shape_event_data=self.style.shape_event_data,
        )
        self.auth = Authenticator(settings, self.clock, self.ids, self.store)
        self.idempotency = IdempotencyKeeper(
            self.store, self.clock, settings.idempotency_ttl_seconds
        )
        self.faults = FaultQueue()
        self.cash_in = CashInService(
            store=self.store,
            ledger=self.ledger,
            clock=self.clock,
            ids=self.ids,
            webhooks=self.webhooks,
            balance_lock=self.balance_lock,
        )
        self.cash_out = CashOutService(
            store=self.store,
            ledger=self.ledger,
            clock=self.clock,
            ids=self.ids,
            webhooks=self.webhooks,
            tasks=self.tasks,
            balance_lock=self.balance_lock,
            settlement_delay_seconds=settings.settlement_delay_seconds,
        )
        self.account = AccountService(
            store=self.store, ledger=self.ledger, clock=self.clock, balance_lock=self.balance_lock
        )

    async def reset(self) -> None:
        """Back to the initial state: no transactions, events, faults or records; seeded ids,
        clock and response-style sequence restart, and the configured response style is back.
        Issued tokens stay valid (the signing key is kept)."""
        await self.tasks.cancel_all()
        self.store.reset(self.settings.banks)
        self.clock.reset()
        self.ids.reset()
        self.idempotency.reset()
        self.faults.clear()
        self.style.reset()

    async def aclose(self) -> None:
        await self.tasks.cancel_all()
        await self.webhooks.aclose()

    def state(self) -> dict[str, Any]:
        """Everything a reconciliation needs (GET /_mock/state)."""
        for cash_in in self.store.cash_ins():
            self.cash_in.expire_if_due(cash_in)
        events = self.store.events()
        event_states: dict[str, int] = {}
        for event in events:
            event_states[event.state] = event_states.get(event.state, 0) + 1
        return {
            "now": utc_time(self.clock.now()),
            "seed": self.settings.seed,
            "responseStyle": self.style.current,
            "cashIns": [
                {**cash_in_view(c), "mock": {"bankIspb": c.bank_ispb}}
                for c in self.store.cash_ins()
            ],
            "cashOuts": [
                {
                    **cash_out_view(c),
                    "mock": {
                        "allocations": [{"ispb": a.ispb, "amount": a.amount} for a in c.allocations]
                    },
                }
                for c in self.store.cash_outs()
            ],
            "balance": balance_view(self.settings.banks, self.store.balances(), self.clock.now()),
            "idempotencyRecords": self.store.idempotency_record_count(),
            "events": {"total": len(events), "byState": event_states},
            "pendingTasks": self.tasks.pending,
            "queuedFaults": self.faults.snapshot(),
            "counters": self.store.counters(),
        }
