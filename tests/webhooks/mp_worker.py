"""Runs in child processes (multiprocessing 'spawn'): claims keys in a shared SQLite store."""

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
