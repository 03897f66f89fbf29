"""Access-token cache: lazy fetch, proactive refresh, single flight under threads and asyncio.

- The first call fetches a token (``POST /auth/token``); later calls reuse it until
  ``refresh_margin`` seconds (default 60) before its ``expiresIn`` runs out, then the next call
  fetches a new one. The margin is capped at half the lifetime, so a short-lived token is still
  used.
- Single flight: however many threads (sync) or tasks (async) need a new token at the same time,
  exactly one token request is made; the others wait for it and share its result, or its error.
- After a 401 the caller asks for :meth:`TokenManager.refresh` passing the token that was refused;
  if another caller already replaced it, the new one is returned without another request.

The clock is injectable (monotonic seconds) so tests move time instead of sleeping.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from .redaction import get_logger
from .retries import Clock
from .secrets import MASK, Secret

logger = get_logger()


@dataclass(frozen=True, slots=True)
class TokenGrant:
    """What ``POST /auth/token`` returned: the token and its lifetime in seconds."""

    access_token: Secret
    expires_in: int


@dataclass(frozen=True, slots=True, repr=False)
class AccessToken:
    """A cached token. ``refresh_at`` is on the manager's clock."""

    value: Secret
    expires_in: int
    refresh_at: float

    def __repr__(self) -> str:
        return f"AccessToken(value={MASK}, expires_in={self.expires_in})"


SyncFetcher = Callable[[], TokenGrant]
AsyncFetcher = Callable[[], Awaitable[TokenGrant]]


class _Flight:
    """One in-progress token request that other threads wait on."""

    __slots__ = ("done", "error", "token")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.token: AccessToken | None = None
        self.error: Exception | None = None


class TokenManager:
    """Caches the access token of one client. Use the sync or the async methods, matching the
    fetcher you gave."""

    def __init__(
        self,
        *,
        fetch: SyncFetcher | None = None,
        fetch_async: AsyncFetcher | None = None,
        refresh_margin: float = 60.0,
        clock: Clock = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self._fetch_async = fetch_async
        self._margin = refresh_margin
        self._clock = clock
        self._lock = threading.Lock()
        self._current: AccessToken | None = None
        self._flight: _Flight | None = None
        self._async_flight: asyncio.Future[AccessToken] | None = None
        self.fetch_count = 0

    def __repr__(self) -> str:
        return f"TokenManager(fetch_count={self.fetch_count}, cached={self._current is not None})"

    # --- shared -------------------------------------------------------------------------------

    def _usable(self, rejected: AccessToken | None) -> AccessToken | None:
        """The cached token if still fresh (call with the lock held). Drops a refused token."""
        current = self._current
        if rejected is not None and current is rejected:
            self._current = current = None
        if current is not None and self._clock() < current.refresh_at:
            return current
        return None

    def _make(self, grant: TokenGrant, requested_at: float) -> AccessToken:
        lifetime = grant.expires_in
        margin = min(self._margin, lifetime / 2)
        self.fetch_count += 1
        logger.debug("fetched an access token (expires in %ds)", lifetime)
        return AccessToken(grant.access_token, lifetime, requested_at + lifetime - margin)

    def clear(self) -> None:
        """Forget the cached token (the next call fetches a new one)."""
        with self._lock:
            self._current = None

    # --- threads --------------------------------------------------------------------------------

    def _cached(self) -> AccessToken | None:
        """The cached token if still fresh, read without the lock (one atomic attribute read;
        the lock is for replacing it)."""
        current = self._current
        if current is not None and self._clock() < current.refresh_at:
            return current
        return None

    def get(self) -> AccessToken:
        """A fresh token, fetching one if needed (single flight across threads)."""
        current = self._current  # _cached(), inline: this runs on every call
        if self._fetch is not None and current is not None and self._clock() < current.refresh_at:
            return current
        return self._obtain(None)

    def refresh(self, rejected: AccessToken) -> AccessToken:
        """A token other than ``rejected`` (refused with a 401), fetching one unless another
        caller already did."""
        return self._obtain(rejected)

    def _obtain(self, rejected: AccessToken | None) -> AccessToken:
        if self._fetch is None:
            raise RuntimeError("this TokenManager has no sync fetcher")
        while True:
            with self._lock:
                token = self._usable(rejected)
                if token is not None:
                    return token
                flight = self._flight
                leader = flight is None
                if flight is None:
                    flight = self._flight = _Flight()
            if leader:
                return self._lead(flight, self._fetch)
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            if flight.token is not None:
                return flight.token
            # The leader was interrupted (KeyboardInterrupt...): try again, maybe as leader.

    def _lead(self, flight: _Flight, fetch: SyncFetcher) -> AccessToken:
        try:
            requested_at = self._clock()
            flight.token = self._make(fetch(), requested_at)
            return flight.token
        except Exception as exc:
            flight.error = exc
            raise
        finally:
            with self._lock:
                if flight.token is not None:
                    self._current = flight.token
                self._flight = None
            flight.done.set()

    # --- asyncio --------------------------------------------------------------------------------

    async def get_async(self) -> AccessToken:
        """A fresh token, fetching one if needed (single flight across tasks of one loop)."""
        cached = self._cached() if self._fetch_async is not None else None
        return cached or await self._obtain_async(None)

    async def refresh_async(self, rejected: AccessToken) -> AccessToken:
        """Async :meth:`refresh`."""
        return await self._obtain_async(rejected)

    async def _obtain_async(self, rejected: AccessToken | None) -> AccessToken:
        fetch = self._fetch_async
        if fetch is None:
            raise RuntimeError("this TokenManager has no async fetcher")
        while True:
            with self._lock:  # no await inside: only guards against a stray sync user
                token = self._usable(rejected)
                if token is not None:
                    return token
                future = self._async_flight
                leader = future is None
                if future is None:
                    future = self._async_flight = asyncio.get_running_loop().create_future()
            if leader:
                return await self._lead_async(future, fetch)
            try:
                # shield: a waiter being cancelled must not cancel the shared request.
                return await asyncio.shield(future)
            except asyncio.CancelledError:
                task = asyncio.current_task()
                if future.cancelled() and (task is None or task.cancelling() == 0):
                    continue  # the leader was cancelled, not us: try again, maybe as leader
                raise

    async def _lead_async(
        self, future: asyncio.Future[AccessToken], fetch: AsyncFetcher
    ) -> AccessToken:
        try:
            requested_at = self._clock()
            token = self._make(await fetch(), requested_at)
        except Exception as exc:
            future.set_exception(exc)
            future.exception()  # mark retrieved: no "never retrieved" warning without waiters
            raise
        except BaseException:
            future.cancel()
            raise
        finally:
            with self._lock:
                self._async_flight = None
        with self._lock:
            self._current = token
        future.set_result(token)
        return token
