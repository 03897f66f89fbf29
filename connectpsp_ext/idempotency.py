"""``X-Idempotency-Key``: one UUID per logical call, reused on every retry and 401 replay.

The recommended pattern for payments is to create the key yourself and persist it with the
payment row *before* sending, so that a crash or an unknown outcome is resolved by sending the same
request again with the same key (the server answers with the original result, D-07).
"""

from __future__ import annotations

import uuid
from uuid import UUID

IDEMPOTENCY_HEADER = "X-Idempotency-Key"


def new_idempotency_key() -> UUID:
    """A fresh random (version 4) key."""
    return uuid.uuid4()


def resolve_idempotency_key(key: UUID | str | None) -> UUID:
    """The key to use for one logical call: the caller's (validated) or a new UUID v4.

    Raises ``ValueError`` (wrapped by the callers into a ``ValidationError``) for a string that is
    not a UUID, before anything is sent.
    """
    if key is None:
        return new_idempotency_key()
    if isinstance(key, UUID):
        return key
    if isinstance(key, str):
        try:
            return UUID(key)
        except ValueError:
            raise ValueError("idempotency_key must be a UUID (a UUID v4 is recommended)") from None
    raise ValueError(f"idempotency_key must be a UUID or a str, not {type(key).__name__}")


def parse_idempotency_header(value: str | None) -> UUID | None:
    """The key carried by a request or response header, or None when absent or malformed."""
    if not value:
        return None
    try:
        return UUID(value)
    except ValueError:
        return None
