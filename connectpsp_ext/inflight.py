"""How many requests a client hands to httpx at once.

httpcore's async pool looks at every waiting request each time a connection is freed, so with
1,000 calls in flight on 100 connections an ``AsyncConnectPSP`` spent its CPU on pool bookkeeping
(5.8-8.5 ms per call, issue 14). The async client keeps the requests it cannot send yet here,
in a semaphore of the pool's size, before building them (D-65). The requests let through each go
on their own one-connection httpx pool (``lanes.py``, D-67). Threads wait in httpx's pool as
before (a blocked thread costs no CPU), so the sync gate lets everything through.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from types import TracebackType


class AsyncInFlight:
    """At most ``limit`` requests of the client in httpx at once (no bound when ``None``)."""

    def __init__(self, limit: int | None) -> None:
        import asyncio  # here, not at the top: `import connectpsp_ext` stays without asyncio

        self._slots = None if limit is None else asyncio.Semaphore(limit)

    async def __aenter__(self) -> None:
        if self._slots is not None:
            await self._slots.acquire()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._slots is not None:
            self._slots.release()


def InFlight(limit: int | None) -> AbstractContextManager[None]:  # the twin of AsyncInFlight
    """The threads' gate: always open (httpx's pool makes a thread wait without spinning). A
    ``nullcontext``: nothing of ours runs per call."""
    del limit
    return nullcontext()
