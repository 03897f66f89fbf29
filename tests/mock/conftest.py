"""Fixtures: one real mock server (uvicorn on loopback, full response style) and one webhook
receiver per session, reset before every test; tests that need other settings start their own with
``running_mock``."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from connectpsp_mock.settings import MockSettings
from connectpsp_mock.testing import (
    RunningMock,
    WebhookReceiver,
    running_mock,
    running_webhook_receiver,
)

from .helpers import Api

# The shape tests here assert the full representation; tests of the minimal and random styles
# (test_response_style.py) start their own mocks or switch through the control API.
FAST = MockSettings(
    seed=7,
    settlement_delay_seconds=0.01,
    webhook_retry_delays=(0.01, 0.02, 0.04),
    webhook_timeout_seconds=1.0,
    response_style="full",
)


@pytest.fixture(scope="session")
def shared_mock() -> Iterator[RunningMock]:
    with running_mock(FAST) as mock:
        yield mock


@pytest.fixture
def mock(shared_mock: RunningMock) -> RunningMock:
    shared_mock.reset()
    return shared_mock


@pytest.fixture(scope="session")
def shared_receiver() -> Iterator[WebhookReceiver]:
    with running_webhook_receiver() as receiver:
        yield receiver


@pytest.fixture
def receiver(shared_receiver: WebhookReceiver) -> WebhookReceiver:
    shared_receiver.clear()
    return shared_receiver


@pytest.fixture
def client(mock: RunningMock) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=mock.base_url, timeout=10.0, trust_env=False) as http:
        yield http


@pytest.fixture
def api(mock: RunningMock, client: httpx.Client) -> Api:
    return Api(mock, client)
