"""Keeps the claims of running callbacks alive (issue 11 item 15, D-90).

A claim's lease is short (10 s by default) so that the claim of a process that died inside the
callback runs out before the sender's next retry. A callback that is still running must not lose
its claim meanwhile, so one daemon thread per handler renews every held claim every
``lease_seconds / 3``. When the process dies, the thread dies with it and the claim expires.

The thread renews from its own thread (also for the async handler), so it keeps working while a
callback blocks the event loop, and it only exists while some callback is running.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ..redaction import get_logger
from .dedup import DedupStore

logger = get_logger()


class LeaseKeeper:
    def __init__(self, store: DedupStore, lease_seconds: float) -> None:
        self._store = store
        self._lease = lease_seconds
        self._every = lease_seconds / 3
        self._changed = threading.Condition()
        self._held: dict[int, tuple[str, str]] = {}
        self._tickets = itertools.count()
        self._running = False

    @contextmanager
    def hold(self, key: str, token: str) -> Iterator[None]:
        """Renew the claim ``(key, token)`` until the block ends."""
        with self._changed:
            ticket = next(self._tickets)
            self._held[ticket] = (key, token)
            if not self._running:
                self._running = True
                threading.Thread(target=self._run, name="webhook-lease-keeper", daemon=True).start()
        try:
            yield
        finally:
            with self._changed:
                del self._held[ticket]
                self._changed.notify_all()

    def _run(self) -> None:
        while True:
            with self._changed:
                if not self._held:
                    self._running = False
                    return
                self._changed.wait_for(lambda: not self._held, timeout=self._every)
                if not self._held:
                    self._running = False
                    return
                held = list(self._held.items())
            for ticket, (key, token) in held:
                self._renew(ticket, key, token)

    def _renew(self, ticket: int, key: str, token: str) -> None:
        try:
            still_ours = self._store.renew(key, token, lease_seconds=self._lease)
        except Exception as exc:  # a store outage: the next round tries again
            logger.warning("could not renew a webhook claim: %s", type(exc).__name__)
            return
        with self._changed:
            lost = not still_ours and ticket in self._held  # not just completed meanwhile
        if lost:
            # Taken over after a stall longer than the lease: a redelivery may run the callback
            # a second time, so the effect must be idempotent on ``received.identity``.
            logger.warning("a running webhook callback lost its claim (stalled past the lease)")
