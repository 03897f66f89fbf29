"""Fixtures of the mock's hostile regression tests (issue 11, items 8-14).

One seeded mock for the whole module set, reset before every test, in the full response style
(these tests are about robustness, not shapes); tests that need other settings start their own.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from connectpsp_mock.settings import MockSettings
from connectpsp_mock.testing import RunningMock, running_mock

SEED = 11
HOSTILE = MockSettings(
    seed=SEED,
    settlement_delay_seconds=0.01,
    webhook_retry_delays=(0.01, 0.02),
    webhook_timeout_seconds=1.0,
    response_style="full",
)


@pytest.fixture(scope="session")
def hostile_shared_mock() -> Iterator[RunningMock]:
    with running_mock(HOSTILE) as mock:
        yield mock


@pytest.fixture
def mock(hostile_shared_mock: RunningMock) -> RunningMock:
    hostile_shared_mock.reset()
    return hostile_shared_mock


@pytest.fixture
def client(mock: RunningMock) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=mock.base_url, timeout=30.0, trust_env=False) as http:
        yield http
