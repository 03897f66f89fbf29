"""Every response carries an ``X-Request-Id`` (D-35), as a real gateway would (added by the front
door, ``front.py``).

The id is random on purpose, even in a seeded mock: request ids are not state, and drawing them
from the seeded generator would shift the deterministic transaction ids. It is a version-4 UUID
from a generator of its own, seeded from ``os.urandom`` once: ``uuid.uuid4()`` reads
``os.urandom`` (a system call) on every response, and request ids need to be unique, not secret.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

HEADER = b"x-request-id"
_random = random.Random()
# Version 4 (RFC 9562 section 5.4): the version nibble is 4 and the variant bits are 10.
_CLEAR = ~((0xF << 76) | (0x3 << 62))
_SET = (0x4 << 76) | (0x2 << 62)


def new_request_id() -> bytes:
    """A fresh random UUID (version 4), as ASCII bytes."""
    text = f"{_random.getrandbits(128) & _CLEAR | _SET:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}".encode()


def with_request_id(
    headers: Iterable[tuple[bytes, bytes]], request_id: bytes
) -> list[tuple[bytes, bytes]]:
    """``headers`` with ``request_id`` as the one X-Request-Id."""
    return [*(h for h in headers if h[0].lower() != HEADER), (HEADER, request_id)]
