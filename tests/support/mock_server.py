"""The seeded mock a suite shares: one server per test session, reset before every test.

``tests/mock`` and ``tests/hostile/mock`` bind these fixtures to their own settings in their
``conftest.py``::

    shared_mock, mock, client = mock_fixtures(quick_settings(seed=7), client_timeout=10.0)

Tests that need other settings start their own mock with ``running_mock``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from connectpsp_mock.settings import MockSettings
from connectpsp_mock.testing import RunningMock, running_mock


def quick_settings(*, seed: int, webhook_retry_delays: tuple[float, ...]) -> MockSettings:
    """Settlement and webhook retries in milliseconds, and the full response style (the shape
    tests assert the full representation; the minimal and random styles have their own tests)."""
    return MockSettings(
        seed=seed,
        settlement_delay_seconds=0.01,
        webhook_retry_delays=webhook_retry_delays,
        webhook_timeout_seconds=1.0,
        response_style="full",
    )


def mock_fixtures(
    settings: MockSettings, *, client_timeout: float
) -> tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]:
    """The fixtures ``shared_mock`` (session), ``mock`` (it, reset) and ``client`` (httpx on it)."""

    @pytest.fixture(scope="session", name="shared_mock")
    def shared_mock_fixture() -> Iterator[RunningMock]:
        with running_mock(settings) as running:
            yield running

    @pytest.fixture(name="mock")
    def mock_fixture(shared_mock: RunningMock) -> RunningMock:
        shared_mock.reset()
        return shared_mock

    @pytest.fixture(name="client")
    def client_fixture(mock: RunningMock) -> Iterator[httpx.Client]:
        with httpx.Client(base_url=mock.base_url, timeout=client_timeout, trust_env=False) as http:
            yield http

    return shared_mock_fixture, mock_fixture, client_fixture
