"""Per-receiver delivery slots (D-74): one receiver that hangs cannot hold up the others.

At most ``limit`` deliveries to one origin (scheme, host, port) are in flight at once; the others
wait for a slot. An origin's entry exists only while a delivery to it is waiting or running, so
the table stays as small as the set of receivers currently being contacted.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx


class HostSlots:
    """At most ``limit`` concurrent deliveries per receiver origin; entries live while used."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._slots: dict[str, tuple[asyncio.Semaphore, list[int]]] = {}

    @asynccontextmanager
    async def hold(self, url: str) -> AsyncIterator[None]:
        parsed = httpx.URL(url)
        origin = f"{parsed.scheme}://{parsed.netloc.decode('ascii', 'replace')}"
        semaphore, users = self._slots.setdefault(origin, (asyncio.Semaphore(self._limit), [0]))
        users[0] += 1
        try:
            async with semaphore:
                yield
        finally:
            users[0] -= 1
            if users[0] == 0:
                del self._slots[origin]

    @property
    def origins(self) -> int:
        return len(self._slots)
