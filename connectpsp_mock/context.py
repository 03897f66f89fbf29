"""The shared pieces every service works with, built once per mock instance."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from .clock import Clock
from .ids import IdFactory
from .ledger import Ledger
from .settings import MockSettings
from .store import Store
from .tasks import TaskTracker
from .webhooks import WebhookDispatcher


@dataclass
class Context:
    settings: MockSettings
    clock: Clock
    ids: IdFactory
    store: Store
    ledger: Ledger
    tasks: TaskTracker
    webhooks: WebhookDispatcher
    # The one lock around every check-then-move of money (balances, transaction states).
    balance_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
