"""Access-token cache: lazy fetch, proactive refresh, single flight under threads and asyncio.

- The first call fetches a token (``POST /auth/token``); later calls reuse it until
  ``refresh_margin`` seconds (default 60) before its ``expiresIn`` runs out, then the next call
  fetches a new one. The margin is capped at half the lifetime, so a short-lived token is still
  used.
- Single flight: however many threads (sync) or tasks (async) need a new token at the same time,
  exactly one token request is made; the others wait for it (at most until their own deadline)
  and share its result, or its error.
- After a 401 the caller asks again passing the token that was refused (``rejected``); if another
  caller already replaced it, the new one is returned without another request.

:class:`TokenCache` is the pure state (no locks, no I/O, an injectable clock);
:class:`TokenFlight` (threads) and :class:`AsyncTokenFlight` (asyncio) are the two small
wrappers that make sure one fetch runs at a time. The fetch itself is the requestor's: one
``POST /auth/token`` inside the deadline of the call that needs the token.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import NetworkError
from .redaction import get_logger
from .retries import Clock
from .secrets import MASK, Secret

if TYPE_CHECKING:
    import asyncio

logger = get_logger()


@dataclass(frozen=True, slots=True)
class TokenGrant:
    """What ``POST /auth/token`` returned: the token and its lifetime in seconds."""

    access_token: Secret
    expires_in: int


@dataclass(frozen=True, slots=True, repr=False)
class AccessToken:
    """A cached token. ``refresh_at`` is on the cache's clock."""

    value: Secret
    expires_in: int
    refresh_at: float

    def __repr__(self) -> str:
        return f"AccessToken(value={MASK}, expires_in={self.expires_in})"


class TokenCache:
    """The current token of one client and when to replace it. Not thread-safe by itself: the
    flights below serialise the writes."""

    def __init__(self, *, refresh_margin: float, clock: Clock) -> None:
        self.refresh_margin = refresh_margin
        self.clock = clock
        self.current: AccessToken | None = None
        self.fetch_count = 0

    def __repr__(self) -> str:
        return f"TokenCache(fetch_count={self.fetch_count}, cached={self.current is not None})"

    def fresh(self, rejected: AccessToken | None = None) -> AccessToken | None:
        """The cached token if it is still fresh and not the ``rejected`` one."""
        current = self.current
        if current is None or current is rejected or self.clock() >= current.refresh_at:
            return None
        return current

    def store(self, grant: TokenGrant, requested_at: float) -> AccessToken:
        """Cache a new token fetched at ``requested_at``."""
        margin = min(self.refresh_margin, grant.expires_in / 2)
        token = AccessToken(
            grant.access_token, grant.expires_in, requested_at + grant.expires_in - margin
        )
        self.current = token
        self.fetch_count += 1
        logger.debug("fetched an access token (expires in %ds)", grant.expires_in)
        return token

    def clear(self) -> None:
        """Forget the cached token (the next call fetches a new one)."""
        self.current = None


def _gave_up_waiting() -> NetworkError:
    return NetworkError(
        "gave up waiting for the access token another call is fetching: the deadline passed",
        retryable=True,
    )


@dataclass(slots=True)
class _Flight:
    """One in-progress token request that other threads wait on."""

    done: threading.Event = field(default_factory=threading.Event)
    token: AccessToken | None = None
    error: Exception | None = None


class TokenFlight:
    """Single flight across threads around a :class:`TokenCache`."""

    def __init__(self, cache: TokenCache) -> None:
        self.cache = cache
        self._lock = threading.Lock()
        self._flight: _Flight | None = None

    def get(
        self,
        fetch: Callable[[], TokenGrant],
        *,
        wait: float,
        rejected: AccessToken | None = None,
    ) -> AccessToken:
        """A fresh token; ``fetch`` runs unless another thread is already fetching one, which is
        then awaited for at most ``wait`` seconds."""
        while True:
            with self._lock:
                token = self.cache.fresh(rejected)
                if token is not None:
                    return token
                flight = self._flight
                leader = flight is None
                if flight is None:
                    flight = self._flight = _Flight()
            if leader:
                break
            if not flight.done.wait(max(wait, 0.0)):
                raise _gave_up_waiting()
            if flight.error is not None:
                raise flight.error
            if flight.token is not None:
                return flight.token
            # The leader was interrupted (KeyboardInterrupt...): try again, maybe as leader.
        # This thread leads: it fetches, the others wait for its flight.
        try:
            requested_at = self.cache.clock()
            grant = fetch()
            with self._lock:
                flight.token = self.cache.store(grant, requested_at)
            return flight.token
        except Exception as exc:
            flight.error = exc
            raise
        finally:
            with self._lock:
                self._flight = None
            flight.done.set()


class AsyncTokenFlight:
    """Single flight across the tasks of one event loop around a :class:`TokenCache`."""

    def __init__(self, cache: TokenCache) -> None:
        self.cache = cache
        self._flight: asyncio.Future[AccessToken] | None = None

    async def get(
        self,
        fetch: Callable[[], Awaitable[TokenGrant]],
        *,
        wait: float,
        rejected: AccessToken | None = None,
    ) -> AccessToken:
        """Async :meth:`TokenFlight.get`."""
        import asyncio  # here: `import connectpsp_ext` and the sync client run without asyncio

        while True:
            token = self.cache.fresh(rejected)
            if token is not None:
                return token
            future = self._flight
            if future is None:
                return await self._lead(fetch)
            try:
                # shield: a waiter being cancelled (or timing out) must not cancel the fetch.
                return await asyncio.wait_for(asyncio.shield(future), max(wait, 0.0))
            except TimeoutError:
                raise _gave_up_waiting() from None
            except asyncio.CancelledError:
                task = asyncio.current_task()
                if future.cancelled() and (task is None or task.cancelling() == 0):
                    continue  # the leader was cancelled, not us: try again, maybe as leader
                raise

    async def _lead(self, fetch: Callable[[], Awaitable[TokenGrant]]) -> AccessToken:
        import asyncio

        future = self._flight = asyncio.get_running_loop().create_future()
        try:
            requested_at = self.cache.clock()
            token = self.cache.store(await fetch(), requested_at)
        except Exception as exc:
            future.set_exception(exc)
            future.exception()  # mark retrieved: no "never retrieved" warning without waiters
            raise
        except BaseException:
            future.cancel()
            raise
        finally:
            self._flight = None
        future.set_result(token)
        return token
