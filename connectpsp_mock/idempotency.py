"""``X-Idempotency-Key`` (D-05, D-07).

Scope = (application, operation). The first successful (< 400) response for a key is stored with a
fingerprint of method + path + canonical body and kept for the TTL (24 h by the mock clock):
- same key, same fingerprint -> that response again, byte for byte, no new transaction;
- same key, other fingerprint -> 409 IDEMPOTENCY_KEY_REUSED;
- a request arriving while the first one with its key is still running waits for it (per-key
  asyncio lock), so concurrent duplicates create exactly one transaction;
- error responses are not stored: a retry after a 4xx/5xx is processed anew.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .clock import Clock
from .problems import ProblemError, validation_error
from .records import IdempotencyRecord, StoredResponse
from .store import Store
from .validation import UUID_RE

HEADER = "X-Idempotency-Key"
_PURGE_EVERY = 256


def read_idempotency_key(headers: Mapping[str, str], *, required: bool) -> str | None:
    """The header's UUID (as sent), or None when absent and optional; 400 otherwise."""
    value = headers.get(HEADER.lower())
    if value is None:
        if required:
            raise validation_error(HEADER, "header is required on this operation.")
        return None
    if not UUID_RE.fullmatch(value):  # present but empty is not "absent"
        raise validation_error(HEADER, "must be a UUID.")
    return value


@dataclass
class _KeyLock:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


@dataclass(frozen=True)
class Outcome:
    response: StoredResponse
    replayed: bool


class IdempotencyKeeper:
    def __init__(self, store: Store, clock: Clock, ttl_seconds: int) -> None:
        self._store = store
        self._clock = clock
        self._ttl = timedelta(seconds=ttl_seconds)
        self._locks: dict[tuple[str, str], _KeyLock] = {}
        self._calls = 0

    def reset(self) -> None:
        self._locks.clear()
        self._calls = 0

    async def run(
        self,
        scope: str,
        key: str,
        fingerprint: str,
        produce: Callable[[], Awaitable[StoredResponse]],
    ) -> Outcome:
        slot = (scope, key.lower())
        holder = self._locks.setdefault(slot, _KeyLock())
        holder.users += 1
        try:
            async with holder.lock:
                return await self._run_locked(slot, fingerprint, produce)
        finally:
            holder.users -= 1
            if holder.users == 0 and self._locks.get(slot) is holder:
                del self._locks[slot]

    async def _run_locked(
        self,
        slot: tuple[str, str],
        fingerprint: str,
        produce: Callable[[], Awaitable[StoredResponse]],
    ) -> Outcome:
        now = self._clock.now()
        self._purge_now_and_then(now)
        record = self._store.idempotency_record(*slot)
        if record is not None and record.created_at <= now - self._ttl:
            record = None  # expired; the periodic purge removes it
        if record is not None:
            if record.fingerprint != fingerprint:
                self._store.increment("idempotency.conflicts")
                raise ProblemError(
                    409,
                    "IDEMPOTENCY_KEY_REUSED",
                    "This X-Idempotency-Key was already used with a different request.",
                )
            self._store.increment("idempotency.replays")
            return Outcome(record.response, replayed=True)
        response = await produce()
        if response.status < 400:
            self._store.put_idempotency_record(
                IdempotencyRecord(
                    scope=slot[0],
                    key=slot[1],
                    fingerprint=fingerprint,
                    response=response,
                    created_at=self._clock.now(),
                )
            )
        return Outcome(response, replayed=False)

    def _purge_now_and_then(self, now: datetime) -> None:
        self._calls += 1
        if self._calls % _PURGE_EVERY == 0:
            self._store.drop_idempotency_records(now - self._ttl)
