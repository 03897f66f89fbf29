"""The ASGI app itself: in-process use, the 500 safety net, and running_mock's lifecycle."""

from __future__ import annotations

import asyncio
import socket

import httpx
import pytest

from connectpsp_mock.app import create_app
from connectpsp_mock.settings import MockSettings
from connectpsp_mock.testing import RunningMock, running_mock

from .helpers import assert_problem, cash_in_body


def test_in_process_with_asgi_transport() -> None:
    app = create_app(MockSettings(seed=1))

    async def flow() -> tuple[int, int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://mock") as client:
            token = await client.post(
                "/auth/token",
                json={"clientId": "1000001", "clientSecret": MockSettings().client_secret},
            )
            headers = {
                "Authorization": f"Bearer {token.json()['accessToken']}",
                "ApplicationToken": MockSettings().application_token,
            }
            created = await client.post("/cash-in", json=cash_in_body(), headers=headers)
            return token.status_code, created.status_code

    assert asyncio.run(flow()) == (200, 201)


def test_unexpected_exception_is_a_500_problem_and_the_server_survives(
    mock: RunningMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode() -> None:
        raise RuntimeError("boom with a secret-looking message")

    monkeypatch.setattr(mock.runtime.account, "balance", explode)
    headers = mock.auth_headers()
    response = httpx.get(mock.base_url + "/account/balance", headers=headers)
    body = assert_problem(response, 500, "INTERNAL_ERROR")
    assert "boom" not in body["detail"]
    monkeypatch.undo()
    assert httpx.get(mock.base_url + "/account/balance", headers=headers).status_code == 200


def test_running_mock_stops_with_pending_work_and_frees_its_port() -> None:
    settings = MockSettings(seed=1, settlement_delay_seconds=30, webhook_retry_delays=(30,))
    with running_mock(settings) as mock:
        headers = {
            **mock.auth_headers(signed=True),
            "X-Idempotency-Key": "0b6f1f0e-2a3c-4d5e-8f90-1a2b3c4d5e6f",
        }
        body = {
            "amount": 1,
            "externalReference": "pending",
            "payee": {
                "name": "M",
                "document": "12345678909",
                "destination": {"type": "PIX", "pixKeyType": "CPF", "pixKey": "12345678909"},
            },
        }
        assert (
            httpx.post(mock.base_url + "/cash-out", json=body, headers=headers).status_code == 202
        )
        assert mock.state()["pendingTasks"] == 1
        port = int(mock.base_url.rsplit(":", 1)[1])
    with socket.socket() as probe:  # the port is free again
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))
