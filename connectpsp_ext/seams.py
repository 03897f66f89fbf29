"""The clock, sleep and random source a client uses, and how tests replace them.

They are not constructor arguments: an application has no reason to pass them. Tests (and the
soak harness) swap them on a fresh client, before its first call::

    psp = ConnectPSP(...)
    seams.install(psp, clock=fake_clock, sleep=fake_sleep, rng=lambda: 0.5)
"""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar

Clock = Callable[[], float]
Random = Callable[[], float]


@dataclass(frozen=True, slots=True)
class Seams:
    """What a sync client reads the time, waits and draws jitter with."""

    sleep: Callable[[float], None] = time.sleep
    clock: Clock = time.monotonic
    rng: Random = random.random


async def _asyncio_sleep(seconds: float) -> None:
    import asyncio  # here: `import connectpsp_ext` and the sync client run without asyncio

    await asyncio.sleep(seconds)


@dataclass(frozen=True, slots=True)
class AsyncSeams:
    """What an async client reads the time, waits and draws jitter with."""

    sleep: Callable[[float], Awaitable[None]] = field(default=_asyncio_sleep)
    clock: Clock = time.monotonic
    rng: Random = random.random


class _HasRequestor(Protocol):
    @property
    def _requestor(self) -> Any: ...


C = TypeVar("C", bound=_HasRequestor)


def install(
    client: C,
    *,
    clock: Clock | None = None,
    sleep: Callable[[float], Any] | None = None,
    rng: Random | None = None,
) -> C:
    """Give ``client`` (a ``ConnectPSP`` or ``AsyncConnectPSP``) other seams; returns it."""
    requestor = client._requestor
    changes: dict[str, Any] = {
        name: value
        for name, value in (("clock", clock), ("sleep", sleep), ("rng", rng))
        if value is not None
    }
    requestor.seams = replace(requestor.seams, **changes)
    if clock is not None:
        requestor.tokens.cache.clock = clock
    return client
