"""A deduplication store on PostgreSQL (psycopg 3): the claim, its lease and the done markers shared
by every receiver instance that reaches the database, on one host or many (D-94).

Same semantics as :class:`~connectpsp_ext.webhooks.sqlite_store.SQLiteDedupStore`. Atomicity comes
from one statement per operation: a claim is ``INSERT ... ON CONFLICT DO UPDATE ... WHERE the
lease ran out``, which PostgreSQL runs under the row's lock, so among any number of concurrent
claimers exactly one sees its token come back.

Time: by default expiry times come from the **database's** clock, so receivers on hosts whose
clocks disagree still agree on when a lease has run out. Pass ``clock`` (seconds since the epoch)
to use your own, e.g. in tests.

Needs the ``connectpsp[postgres]`` extra (``psycopg``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from .dedup import (
    DEFAULT_LEASE_SECONDS,
    DEFAULT_TTL_SECONDS,
    ClaimResult,
    ClaimStatus,
    new_claim_token,
)
from .pool import ConnectionPool, Every, PooledStore

DEFAULT_TABLE = "connectpsp_webhook_dedup"
_PURGE_EVERY = 1000  # claims between two purges of expired rows
_DATABASE_NOW = sql.SQL("extract(epoch from clock_timestamp())::double precision")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS {table} (
    key TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('processing', 'done')),
    token TEXT,
    expires_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS {index} ON {table} (expires_at);
"""

_CLAIM = """
INSERT INTO {table} AS held (key, state, token, expires_at)
VALUES (%(key)s, 'processing', %(token)s, {now} + %(seconds)s)
ON CONFLICT (key) DO UPDATE
    SET state = 'processing', token = EXCLUDED.token, expires_at = EXCLUDED.expires_at
    WHERE held.expires_at <= {now}
RETURNING token
"""
_LOOK = "SELECT state, expires_at - {now} FROM {table} WHERE key = %(key)s"
_COMPLETE = """
INSERT INTO {table} AS held (key, state, token, expires_at)
VALUES (%(key)s, 'done', NULL, {now} + %(seconds)s)
ON CONFLICT (key) DO UPDATE SET state = 'done', token = NULL, expires_at = EXCLUDED.expires_at
"""
_RELEASE = "DELETE FROM {table} WHERE key = %(key)s AND state = 'processing' AND token = %(token)s"
_RENEW = """
UPDATE {table} SET expires_at = {now} + %(seconds)s
WHERE key = %(key)s AND state = 'processing' AND token = %(token)s
"""
_IS_DONE = "SELECT 1 FROM {table} WHERE key = %(key)s AND state = 'done' AND expires_at > {now}"
_PURGE = "DELETE FROM {table} WHERE expires_at <= {now}"


class PostgresDedupStore(PooledStore):
    """Persistent :class:`~connectpsp_ext.webhooks.dedup.DedupStore` shared across hosts.

    ``conninfo`` is a libpq connection string or URI (``"postgresql://app@db/shop"``); its password
    never appears in this object's repr. The table (``connectpsp_webhook_dedup`` by default) is
    created if missing. Connections come from a small pool, one per concurrent caller, reused;
    one the server dropped is discarded (the failing call raises ``psycopg.OperationalError``).
    """

    def __init__(
        self,
        conninfo: str,
        *,
        table: str = DEFAULT_TABLE,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        clock: Callable[[], float] | None = None,
        connect_timeout_seconds: float = 10.0,
    ) -> None:
        if ttl_seconds <= 0:
            raise ValueError("ttl_seconds must be positive")
        self._where = _describe(conninfo)
        self._table = table
        self._ttl = ttl_seconds
        self._clock = clock
        now = _DATABASE_NOW if clock is None else sql.Placeholder("now")
        names = {"table": sql.Identifier(table), "index": sql.Identifier(f"{table}_expires_at")}
        self._sql = {
            name: sql.SQL(text).format(now=now, **names)
            for name, text in {
                "claim": _CLAIM,
                "look": _LOOK,
                "complete": _COMPLETE,
                "release": _RELEASE,
                "renew": _RENEW,
                "is_done": _IS_DONE,
                "purge": _PURGE,
            }.items()
        }
        self._pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            lambda: psycopg.connect(
                conninfo, autocommit=True, connect_timeout=max(1, round(connect_timeout_seconds))
            ),
            broken_by=(psycopg.OperationalError,),  # a server that went away: never reuse it
            usable=lambda connection: not (connection.closed or connection.broken),
        )
        self._purge_due = Every(_PURGE_EVERY)
        self._create_schema(names)

    def __repr__(self) -> str:
        return f"PostgresDedupStore({self._where}, table={self._table!r})"

    def _create_schema(self, names: dict[str, sql.Identifier]) -> None:
        with self._pool.borrow() as connection, connection.transaction():
            # Several processes starting at once would race on CREATE TABLE IF NOT EXISTS.
            connection.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self._table,))
            connection.execute(sql.SQL(_SCHEMA).format(**names))

    def _run(self, name: str, **params: Any) -> tuple[int, tuple[Any, ...] | None]:
        """Run one statement; return its row count and first row (read before the connection goes
        back to the pool)."""
        if self._clock is not None:
            params["now"] = self._clock()
        with self._pool.borrow() as connection:
            cursor = connection.execute(self._sql[name], params)
            row = cursor.fetchone() if cursor.description is not None else None
            return cursor.rowcount, row

    def claim(self, key: str, *, lease_seconds: float = DEFAULT_LEASE_SECONDS) -> ClaimResult:
        if lease_seconds <= 0:
            raise ValueError("lease_seconds must be positive")
        for _ in range(3):  # a row that expires between the two statements: try again
            token = new_claim_token()
            _, won = self._run("claim", key=key, token=token, seconds=lease_seconds)
            if won is not None and won[0] == token:
                self._maybe_purge()
                return ClaimResult(ClaimStatus.CLAIMED, token=token)
            _, row = self._run("look", key=key)
            if row is not None and row[1] > 0:
                if row[0] == "done":
                    return ClaimResult(ClaimStatus.DONE)
                return ClaimResult(ClaimStatus.IN_PROGRESS, retry_after=float(row[1]))
        raise RuntimeError("could not settle a webhook claim after three attempts")

    def complete(self, key: str, token: str) -> None:
        # Unconditional upsert: even if our lease ran out, the effect happened and must not repeat.
        self._run("complete", key=key, seconds=self._ttl)

    def release(self, key: str, token: str) -> None:
        self._run("release", key=key, token=token)

    def renew(self, key: str, token: str, *, lease_seconds: float = DEFAULT_LEASE_SECONDS) -> bool:
        return self._run("renew", key=key, token=token, seconds=lease_seconds)[0] == 1

    def is_done(self, key: str) -> bool:
        return self._run("is_done", key=key)[1] is not None

    def purge_expired(self) -> int:
        """Delete expired rows (done markers past their TTL, abandoned claims); return how many."""
        return self._run("purge")[0]


def _describe(conninfo: str) -> str:
    """Where the store points, for reprs: host, port and database only (never the password)."""
    try:
        params = conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError:
        return "conninfo=<unparseable>"
    shown = {name: params.get(name) for name in ("host", "port", "dbname")}
    return ", ".join(f"{name}={value!r}" for name, value in shown.items() if value is not None)
