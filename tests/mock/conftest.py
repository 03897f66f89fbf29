"""Fixtures: one real mock server (uvicorn on loopback, full response style) and one webhook
receiver per session, reset before every test (``tests/support/mock_server.py``); tests that need
other settings start their own with ``running_mock``."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from connectpsp_mock.testing import RunningMock, WebhookReceiver, running_webhook_receiver
from tests.support.mock_server import mock_fixtures, quick_settings

from .helpers import Api

# The shape tests here assert the full representation; tests of the minimal and random styles
# (test_response_style.py) start their own mocks or switch through the control API.
FAST = quick_settings(seed=7, webhook_retry_delays=(0.01, 0.02, 0.04))

shared_mock, mock, client = mock_fixtures(FAST, client_timeout=10.0)


@pytest.fixture(scope="session")
def shared_receiver() -> Iterator[WebhookReceiver]:
    with running_webhook_receiver() as receiver:
        yield receiver


@pytest.fixture
def receiver(shared_receiver: WebhookReceiver) -> WebhookReceiver:
    shared_receiver.clear()
    return shared_receiver


@pytest.fixture
def api(mock: RunningMock, client: httpx.Client) -> Api:
    return Api(mock, client)
