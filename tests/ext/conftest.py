from __future__ import annotations

import pytest

from tests.support.clock import FakeClock

from .fakes import FakeConnectPSP, FakeSleep


@pytest.fixture
def server() -> FakeConnectPSP:
    return FakeConnectPSP()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sleep(clock: FakeClock) -> FakeSleep:
    return FakeSleep(clock)


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio (anyio's pytest plugin; no extra dependency)."""
    return "asyncio"
