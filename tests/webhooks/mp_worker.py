"""Runs in child processes (multiprocessing 'spawn'): claims keys in a shared SQLite or PostgreSQL
store."""

from __future__ import annotations


def claim_keys(path: str, keys: list[str]) -> list[str]:
    from connectpsp_ext.webhooks import ClaimStatus, SQLiteDedupStore

    store = SQLiteDedupStore(path)
    try:
        won = []
        for key in keys:
            result = store.claim(key, lease_seconds=600)
            if result.status is ClaimStatus.CLAIMED:
                assert result.token is not None
                store.complete(key, result.token)
                won.append(key)
        return won
    finally:
        store.close()


def claim_keys_postgres(conninfo: str, table: str, keys: list[str]) -> list[str]:
    from connectpsp_ext.webhooks import ClaimStatus
    from connectpsp_ext.webhooks.postgres_store import PostgresDedupStore

    store = PostgresDedupStore(conninfo, table=table)
    try:
        won = []
        for key in keys:
            result = store.claim(key, lease_seconds=600)
            if result.status is ClaimStatus.CLAIMED:
                assert result.token is not None
                store.complete(key, result.token)
                won.append(key)
        return won
    finally:
        store.close()
