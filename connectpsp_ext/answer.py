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

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def declared_too_large(response: httpx.Response, limit: int) -> bool:
    """The response announces a body longer than ``limit`` (then it is not read at all)."""
    declared = response.headers.get("Content-Length", "")
    return declared.isdigit() and int(declared) > limit


def deadline_passed(request: httpx.Request) -> httpx.ReadTimeout:
    return httpx.ReadTimeout(
        "the call's deadline passed while reading the response", request=request
    )
