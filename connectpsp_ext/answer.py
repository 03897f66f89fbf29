"""What one attempt got back: status, headers and the body as read (sync and async alike)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: httpx.Headers
    content: bytes
    too_large: bool = False
    """The body passed ``max_response_bytes``: reading stopped there (``content`` is partial)."""


def deadline_passed(request: httpx.Request | None = None) -> httpx.ReadTimeout:
    """What an exchange cut at the call's deadline raises (mapped like any read timeout)."""
    return httpx.ReadTimeout(
        "the call's deadline passed before the response was read", request=request
    )
