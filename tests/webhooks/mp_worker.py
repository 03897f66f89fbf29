"""Runs in child processes (multiprocessing 'spawn'): claims keys in a shared SQLite or PostgreSQL
store."""

from __future__ import annotations


def claim_keys(kind: str, target: str, table: str, keys: list[str]) -> list[str]:
    """Claim and complete each key; return the keys this process won. ``target`` is the SQLite
    file or the PostgreSQL conninfo (then ``table`` names the table)."""
    from connectpsp_ext.webhooks import ClaimStatus, PostgresDedupStore, SQLiteDedupStore

    store = (
        SQLiteDedupStore(target) if kind == "sqlite" else PostgresDedupStore(target, table=table)
    )
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
