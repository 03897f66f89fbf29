"""docs/client.md says reprs are safe to log: no payer document, PIX key or token in the repr of a
Result, a generated model or the generated functions' Response, on real answers of the mock."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from decimal import Decimal

import pytest
from connectpsp_client.api.cash_in import get_cash_in

from connectpsp_ext import ConnectPSP, pix_key_destination
from connectpsp_mock.testing import RunningMock, running_mock

DOCUMENT = "52998224725"  # a valid CPF, used nowhere else
PIX_KEY = "maria.repr@example.com"


@pytest.fixture(scope="module")
def mock() -> Iterator[RunningMock]:
    with running_mock() as running:
        yield running


@pytest.fixture
def psp(mock: RunningMock) -> Iterator[ConnectPSP]:
    settings = mock.settings
    with ConnectPSP(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        application_token=settings.application_token,
        crypto_token=settings.crypto_tokens[0],
        base_url=mock.base_url,
    ) as client:
        yield client


def _secrets(mock: RunningMock) -> list[str]:
    settings = mock.settings
    return [
        DOCUMENT,
        PIX_KEY,
        settings.client_secret,
        settings.application_token,
        *settings.crypto_tokens,
        mock.token(),
    ]


def test_reprs_of_results_models_and_responses_hold_no_document(
    psp: ConnectPSP, mock: RunningMock
) -> None:
    cash_in = psp.cash_in.create(
        amount=Decimal("10.00"),
        external_reference=f"order-{uuid.uuid4().hex[:12]}",
        payer_name="Ana Cliente",
        payer_document=DOCUMENT,
    )
    cash_out = psp.cash_out.create(
        amount=Decimal("5.00"),
        external_reference=f"payout-{uuid.uuid4().hex[:12]}",
        payee_name="Maria Silva",
        payee_document=DOCUMENT,
        destination=pix_key_destination("EMAIL", PIX_KEY),
    )
    response = get_cash_in.sync_detailed(cash_in.data.transaction_id, client=psp.generated_client)
    assert DOCUMENT.encode() in response.content  # the raw body does hold it...
    shown = [repr(cash_in), repr(cash_in.data), repr(cash_out), repr(cash_out.data)]
    shown += [repr(response), repr(response.parsed)]
    for text in shown:
        for secret in _secrets(mock):
            assert secret not in text, f"a secret or document in {text[:60]}..."
