"""A deduplication store on SQLite (stdlib ``sqlite3``): survives restarts, and is safe across the
threads of one process and across processes sharing the file (e.g. several server workers).

Atomicity comes from ``BEGIN IMMEDIATE``: the claim's read-check-write runs under SQLite's write
lock, so two connections can never both see a key as free. Connections come from a small pool
(one per concurrent caller, reused), so a thread-per-request server does not leak one per thread.
The database runs in WAL mode with SQLite's default ``synchronous=FULL`` (a committed "done" marker
survives a crash of the process or of the machine).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable

from .dedup import (
    DEFAULT_LEASE_SECONDS,
    DEFAULT_TTL_SECONDS,
    ClaimResult,
    ClaimStatus,
    new_claim_token,
)
from .pool import ConnectionPool, Every, PooledStore

TABLE = "connectpsp_webhook_dedup"
_PURGE_EVERY = 1000  # claims between two purges of expired rows

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    key TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('processing', 'done')),
    token TEXT,
    expires_at REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS {TABLE}_expires_at ON {TABLE} (expires_at);
"""


class SQLiteDedupStore(PooledStore):
    """Persistent :class:`~connectpsp_ext.webhooks.dedup.DedupStore`.

    ``clock`` is wall-clock time (``time.time``) because expiry times are persisted and must stay
    meaningful after a restart.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        clock: Callable[[], float] = time.time,
        busy_timeout_seconds: float = 30.0,
    ) -> None:
        self._path = os.fspath(path)
        if self._path in ("", ":memory:") or self._path.startswith("file::memory:"):
            raise ValueError("SQLiteDedupStore needs a file path (use MemoryDedupStore in memory)")
        if ttl_seconds <= 0:
            raise ValueError("ttl_seconds must be positive")
        self._ttl = ttl_seconds
        self._clock = clock
        self._timeout = busy_timeout_seconds
        # isolation_level=None: no implicit transactions; we issue BEGIN IMMEDIATE ourselves.
        self._pool: ConnectionPool[sqlite3.Connection] = ConnectionPool(
            lambda: sqlite3.connect(
                self._path, timeout=self._timeout, isolation_level=None, check_same_thread=False
            )
        )
        self._purge_due = Every(_PURGE_EVERY)
        with self._pool.borrow() as connection:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(_SCHEMA)

    def __repr__(self) -> str:
        return f"SQLiteDedupStore({self._path!r})"

    def claim(self, key: str, *, lease_seconds: float = DEFAULT_LEASE_SECONDS) -> ClaimResult:
        if lease_seconds <= 0:
            raise ValueError("lease_seconds must be positive")
        with self._pool.borrow() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                now = self._clock()
                row = connection.execute(
                    f"SELECT state, expires_at FROM {TABLE} WHERE key = ?",  # noqa: S608
                    (key,),
                ).fetchone()
                if row is not None and row[1] > now:
                    state, expires_at = row
                    connection.execute("COMMIT")
                    if state == "done":
                        return ClaimResult(ClaimStatus.DONE)
                    return ClaimResult(ClaimStatus.IN_PROGRESS, retry_after=expires_at - now)
                token = new_claim_token()
                connection.execute(
                    f"INSERT OR REPLACE INTO {TABLE} (key, state, token, expires_at) "  # noqa: S608
                    "VALUES (?, 'processing', ?, ?)",
                    (key, token, now + lease_seconds),
                )
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
        self._maybe_purge()
        return ClaimResult(ClaimStatus.CLAIMED, token=token)

    def complete(self, key: str, token: str) -> None:
        # Unconditional upsert: even if our lease ran out, the effect happened and must not repeat.
        with self._pool.borrow() as connection:
            connection.execute(
                f"INSERT OR REPLACE INTO {TABLE} (key, state, token, expires_at) "  # noqa: S608
                "VALUES (?, 'done', NULL, ?)",
                (key, self._clock() + self._ttl),
            )

    def release(self, key: str, token: str) -> None:
        with self._pool.borrow() as connection:
            connection.execute(
                f"DELETE FROM {TABLE} WHERE key = ? AND state = 'processing' AND token = ?",  # noqa: S608
                (key, token),
            )

    def renew(self, key: str, token: str, *, lease_seconds: float = DEFAULT_LEASE_SECONDS) -> bool:
        with self._pool.borrow() as connection:
            now = self._clock()
            cursor = connection.execute(
                f"UPDATE {TABLE} SET expires_at = ? "  # noqa: S608
                "WHERE key = ? AND state = 'processing' AND token = ?",
                (now + lease_seconds, key, token),
            )
            return cursor.rowcount == 1

    def is_done(self, key: str) -> bool:
        with self._pool.borrow() as connection:
            row = connection.execute(
                f"SELECT 1 FROM {TABLE} WHERE key = ? AND state = 'done' AND expires_at > ?",  # noqa: S608
                (key, self._clock()),
            ).fetchone()
        return row is not None

    def purge_expired(self) -> int:
        """Delete expired rows (done markers past their TTL, abandoned claims); return how many."""
        with self._pool.borrow() as connection:
            cursor = connection.execute(
                f"DELETE FROM {TABLE} WHERE expires_at <= ?",  # noqa: S608
                (self._clock(),),
            )
            return cursor.rowcount
