"""A clock that only moves when told: token lifetimes, leases and TTLs without sleeping."""

from __future__ import annotations

import threading


class FakeClock:
    """Monotonic seconds; ``advance`` moves them. Thread-safe (lease keepers read it from their
    own threads)."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds
