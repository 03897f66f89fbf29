"""Hard deadlines for one exchange (send, headers, body), asyncio and threads.

The attempt's timeouts bound each socket operation, and the body is read chunk by chunk with the
clock checked in between, but a server that trickles its *headers* one byte at a time keeps every
single read short and the exchange alive. Something outside the read has to end it:

- asyncio: ``asyncio.timeout`` around the exchange (:class:`AsyncDeadlines`);
- threads: a watchdog thread (:class:`Deadlines`). A blocked socket read cannot be cancelled, so
  when a call is still inside an exchange at its deadline the watchdog closes the connections of
  the client's transport (``transport.close()``, public httpx API): the read fails at once and
  the call reports its deadline. Other calls of the same client that were mid-exchange at that
  moment fail with a retryable ``NetworkError`` (``outcome_unknown`` for a money-moving one) and
  are retried with the same idempotency key; this only happens when a server trickles (D-62).

Each ``guard`` takes the seconds left (from the requestor's clock, which tests fake); the hard
bound itself runs on real time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass

import httpx

from .answer import deadline_passed


class AsyncDeadlines:
    """Deadline guards for an asyncio client."""

    def __init__(self, transport: httpx.AsyncBaseTransport) -> None:
        del transport  # asyncio.timeout cancels the exchange itself

    @asynccontextmanager
    async def guard(self, left: float) -> AsyncIterator[None]:
        """End what runs inside after ``left`` seconds (``httpx.ReadTimeout``)."""
        import asyncio  # here: `import connectpsp_ext` and the sync client run without asyncio

        try:
            async with asyncio.timeout(max(left, 0.0)):
                yield
        except TimeoutError:
            raise deadline_passed() from None

    def close(self) -> None:
        """Nothing to stop (kept for symmetry with :class:`Deadlines`)."""


@dataclass(slots=True)
class _Watch:
    until: float
    expired: bool = False


class Deadlines:
    """Deadline guards for a threaded client: one watchdog thread per client, checking twice a
    second while calls are in flight (a guard costs a dict insert, never a wake-up); it ends
    after a few idle seconds and the next call starts it again."""

    PERIOD = 0.5
    IDLE_PERIODS = 10

    def __init__(self, transport: httpx.BaseTransport) -> None:
        self._transport = transport
        self._lock = threading.Lock()
        self._watches: dict[int, _Watch] = {}
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()

    @contextmanager
    def guard(self, left: float) -> Iterator[None]:
        """End what runs inside after ``left`` seconds (``httpx.ReadTimeout``)."""
        watch = _Watch(time.monotonic() + max(left, 0.0))
        with self._lock:
            self._watches[id(watch)] = watch
            if self._thread is None and not self._stopped.is_set():
                self._thread = threading.Thread(
                    target=self._run, name="connectpsp-deadlines", daemon=True
                )
                self._thread.start()
        try:
            yield
        except httpx.TransportError as exc:
            if watch.expired:  # the watchdog cut the connection: say why
                raise deadline_passed() from exc
            raise
        finally:
            with self._lock:
                del self._watches[id(watch)]

    def _run(self) -> None:
        idle = 0
        while not self._stopped.wait(self.PERIOD):
            now = time.monotonic()
            with self._lock:
                idle = 0 if self._watches else idle + 1
                if idle >= self.IDLE_PERIODS:
                    self._thread = None
                    return
                late = [w for w in self._watches.values() if not w.expired and w.until <= now]
                for watch in late:
                    watch.expired = True
            if late:
                self._transport.close()  # every connection: a blocked read fails now

    def close(self) -> None:
        """Stop the watchdog (the client is closing)."""
        self._stopped.set()
