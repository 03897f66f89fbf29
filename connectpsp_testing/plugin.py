"""pytest plugin (entry point ``pytest11``: ``connectpsp``): the mock, clients and a webhook
receiver as fixtures.

| fixture | scope | what |
|---|---|---|
| ``psp_mock`` | test | a running mock (one per session, reset before each test) |
| ``psp`` | test | a ``ConnectPSP`` client configured for it |
| ``async_psp`` | test | an ``AsyncConnectPSP`` (async fixture: anyio or pytest-asyncio) |
| ``psp_webhooks`` | test | a :class:`WebhookInbox` (URL for ``webhook_url``, ``wait_for``) |
| ``psp_env`` | test | sets the ``CONNECTPSP_*`` variables to the mock (for your app) |
| ``psp_mock_settings`` | session | the mock's settings: override it in your ``conftest.py`` |

Heavy imports happen inside the fixtures, so having the package installed costs a pytest run
that uses none of them next to nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from connectpsp_ext import AsyncConnectPSP, ConnectPSP
    from connectpsp_mock.settings import MockSettings

    from .inbox import WebhookInbox
    from .mock import MockPSP


@pytest.fixture(scope="session")
def psp_mock_settings() -> MockSettings:
    """Settings of the session's mock; see :func:`connectpsp_testing.test_settings`."""
    from .mock import test_settings

    return test_settings()


@pytest.fixture(scope="session")
def psp_mock_server(psp_mock_settings: MockSettings) -> Iterator[MockPSP]:
    """The session's mock, not reset: prefer ``psp_mock``."""
    from .mock import running_psp_mock

    with running_psp_mock(psp_mock_settings) as mock:
        yield mock


@pytest.fixture
def psp_mock(psp_mock_server: MockPSP) -> MockPSP:
    """The mock, reset: no transactions, initial balances, no events or faults."""
    psp_mock_server.reset()
    return psp_mock_server


@pytest.fixture
def psp(psp_mock: MockPSP) -> Iterator[ConnectPSP]:
    with psp_mock.client() as client:
        yield client


@pytest.fixture
async def async_psp(psp_mock: MockPSP) -> AsyncIterator[AsyncConnectPSP]:
    async with psp_mock.async_client() as client:
        yield client


@pytest.fixture(scope="session")
def psp_webhook_server(psp_mock_settings: MockSettings) -> Iterator[WebhookInbox]:
    """The session's webhook receiver, not cleared: prefer ``psp_webhooks``."""
    from .inbox import running_webhook_inbox

    with running_webhook_inbox(psp_mock_settings.crypto_tokens) as inbox:
        yield inbox


@pytest.fixture
def psp_webhooks(psp_webhook_server: WebhookInbox, psp_mock: MockPSP) -> WebhookInbox:
    """The receiver, emptied after the mock's reset (so no delivery of an earlier test lands)."""
    psp_webhook_server.clear()
    return psp_webhook_server


@pytest.fixture
def psp_env(psp_mock: MockPSP, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """``CONNECTPSP_*`` set to the mock for this test, so ``ConnectPSP.from_env()`` in the code
    under test finds it. Returns the variables."""
    env = psp_mock.env
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env
