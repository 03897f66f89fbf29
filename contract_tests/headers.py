"""Case-insensitive access to a case's headers (schemathesis keeps whatever mapping it built)."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any


def find_header(headers: MutableMapping[str, Any] | None, name: str) -> str | None:
    """The key under which ``name`` is stored (any casing), or ``None``."""
    if not headers:
        return None
    wanted = name.lower()
    for key in headers:
        if isinstance(key, str) and key.lower() == wanted:
            return key
    return None


def get_header(headers: MutableMapping[str, Any] | None, name: str) -> Any:
    key = find_header(headers, name)
    return None if key is None or headers is None else headers[key]


def set_header(headers: MutableMapping[str, Any], name: str, value: str) -> None:
    """Set ``name`` replacing any differently-cased copy, so exactly one value is sent."""
    key = find_header(headers, name)
    if key is not None and key != name:
        del headers[key]
    headers[name] = value


def bearer_token(headers: MutableMapping[str, Any] | None) -> str | None:
    value = get_header(headers, "Authorization")
    if isinstance(value, str) and value.startswith("Bearer ") and len(value) > len("Bearer "):
        return value[len("Bearer ") :]
    return None
