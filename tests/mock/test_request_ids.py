"""Every mock response carries a fresh X-Request-Id (D-35), and the client surfaces it."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from connectpsp_ext import ConnectPSP
from connectpsp_ext.errors import NotFoundError
from connectpsp_mock.settings import MockSettings
from connectpsp_mock.testing import running_mock


def test_each_response_has_its_own_request_id() -> None:
    with running_mock(MockSettings(seed=7)) as mock, httpx.Client(base_url=mock.base_url) as http:
        ids = [http.post("/auth/token", json={}).headers.get("X-Request-Id") for _ in range(3)]
        ids.append(http.get("/no-such-route").headers.get("X-Request-Id"))
    assert all(ids) and len(set(ids)) == len(ids)


def test_client_reports_the_request_id_on_results_and_errors() -> None:
    # Full style: this checks request ids, not tolerance; the client's tolerant reader (issue 10)
    # is tested against the minimal style in the client's own tests.
    settings = MockSettings(seed=7, response_style="full")
    with (
        running_mock(settings) as mock,
        ConnectPSP(
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            application_token=settings.application_token,
            crypto_token=settings.crypto_tokens[0],
            base_url=mock.base_url,
        ) as psp,
    ):
        created = psp.cash_in.create(
            amount=Decimal("1.00"),
            external_reference="request-id-1",
            payer_name="Test User",
            payer_document="12345678909",
        )
        assert created.request_id
        with pytest.raises(NotFoundError) as caught:
            psp.cash_in.get("UNKNOWN1")
        assert caught.value.request_id and caught.value.request_id != created.request_id
