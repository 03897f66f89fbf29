"""Deduplication stores: who may process an event identity, and which ones are done.

A store keeps, per identity, either a *claim* (some worker is running the callback; it expires after
a lease so a crashed worker does not block the event forever) or a *done* marker (kept for a TTL).
``claim`` is atomic: among concurrent callers exactly one gets ``CLAIMED``.

Lifecycle used by :class:`~connectpsp_ext.webhooks.handler.WebhookHandler`::

    result = store.claim(key, lease_seconds=10)
    CLAIMED      -> run the callback, renewing the lease every few seconds (a LeaseKeeper)
                    -> store.complete(key, result.token)   (or release on error)
    IN_PROGRESS  -> another delivery is running it: answer "retry later" (not 2xx)
    DONE         -> already processed: answer 2xx so the sender stops retrying
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable

DEFAULT_TTL_SECONDS = 7 * 24 * 3600.0
# Short enough that a dead worker's claim runs out between two of the sender's retries (the mock
# retries after 1, 2, 4, 8, 16 s: a claim taken at any attempt but the last, renewed until the 5 s
# answer deadline, has expired before the attempt after next), long enough to ride out a stall of
# a few seconds between two renewals (every lease/3). D-90.
DEFAULT_LEASE_SECONDS = 10.0


class ClaimStatus(StrEnum):
    CLAIMED = "claimed"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class ClaimResult:
    status: ClaimStatus
    token: str | None = None
    """Proof of ownership, when ``CLAIMED``; pass it to ``complete``/``release``."""
    retry_after: float | None = None
    """Seconds until the current claim's lease runs out, when ``IN_PROGRESS``."""


@runtime_checkable
class DedupStore(Protocol):
    """What the handler needs from a deduplication store. Implementations must be thread-safe."""

    def claim(self, key: str, *, lease_seconds: float) -> ClaimResult:
        """Atomically take ``key`` unless it is done or validly claimed by someone else."""
        ...

    def complete(self, key: str, token: str) -> None:
        """Mark ``key`` done (for the store's TTL). Done even if the lease was lost meanwhile: the
        effect has happened, later deliveries must not repeat it."""
        ...

    def release(self, key: str, token: str) -> None:
        """Drop the claim held with ``token`` so a redelivery can run again; no-op otherwise."""
        ...

    def renew(self, key: str, token: str, *, lease_seconds: float) -> bool:
        """Extend the claim held with ``token`` to ``lease_seconds`` from now (also when it ran out
        but nobody took it over). False when that claim is gone (completed, released, or taken over
        by another worker): nothing is changed."""
        ...


def new_claim_token() -> str:
    return uuid.uuid4().hex


class MemoryDedupStore:
    """In-process store with TTL. Thread-safe; lost on restart (use
    :class:`~connectpsp_ext.webhooks.sqlite_store.SQLiteDedupStore` to survive one)."""

    def __init__(
        self,
        *,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if ttl_seconds <= 0:
            raise ValueError("ttl_seconds must be positive")
        self._ttl = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        # Done keys in completion order; with one TTL for all, expiry order is the same order.
        self._done: OrderedDict[str, float] = OrderedDict()
        self._claims: dict[str, tuple[str, float]] = {}

    def _purge(self, now: float) -> None:
        while self._done:
            key, expires_at = next(iter(self._done.items()))
            if expires_at > now:
                break
            del self._done[key]

    def claim(self, key: str, *, lease_seconds: float = DEFAULT_LEASE_SECONDS) -> ClaimResult:
        if lease_seconds <= 0:
            raise ValueError("lease_seconds must be positive")
        with self._lock:
            now = self._clock()
            self._purge(now)
            if key in self._done:
                return ClaimResult(ClaimStatus.DONE)
            held = self._claims.get(key)
            if held is not None and held[1] > now:
                return ClaimResult(ClaimStatus.IN_PROGRESS, retry_after=held[1] - now)
            token = new_claim_token()
            self._claims[key] = (token, now + lease_seconds)
            return ClaimResult(ClaimStatus.CLAIMED, token=token)

    def complete(self, key: str, token: str) -> None:
        with self._lock:
            held = self._claims.get(key)
            if held is not None and held[0] == token:
                del self._claims[key]
            self._done[key] = self._clock() + self._ttl
            self._done.move_to_end(key)

    def release(self, key: str, token: str) -> None:
        with self._lock:
            held = self._claims.get(key)
            if held is not None and held[0] == token:
                del self._claims[key]

    def renew(self, key: str, token: str, *, lease_seconds: float = DEFAULT_LEASE_SECONDS) -> bool:
        with self._lock:
            now = self._clock()
            held = self._claims.get(key)
            if held is None or held[0] != token:  # an expired claim nobody took over is still ours
                return False
            self._claims[key] = (token, now + lease_seconds)
            return True

    def is_done(self, key: str) -> bool:
        with self._lock:
            self._purge(self._clock())
            return key in self._done

    def __len__(self) -> int:
        """Number of done keys not yet expired."""
        with self._lock:
            self._purge(self._clock())
            return len(self._done)
