"""End to end against the mock server: its real signed deliveries (initial, concurrent duplicates,
redeliveries) reach the documented example receiver, which confirms each event through the real
client before crediting, and credits exactly once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from connectpsp_client.models import CashIn, CashOut

from connectpsp_ext.client import ConnectPSP
from connectpsp_ext.destinations import pix_key_destination
from connectpsp_ext.results import Result
from connectpsp_ext.webhooks import AsyncPollingConfirmer, ReceivedWebhook, SQLiteDedupStore
from connectpsp_mock.settings import MockSettings
from connectpsp_mock.testing import RunningMock, ServerThread, running_mock
from tests.support.credentials import CREDENTIALS, CRYPTO_TOKEN

from .example import DemoLedger, create_app

FAST = MockSettings(
    settlement_delay_seconds=0.01,
    webhook_retry_delays=(0.05, 0.1, 0.2),
    webhook_timeout_seconds=5.0,
)


class Receiver:
    def __init__(self, psp: ConnectPSP, store_path: Path) -> None:
        self.ledger = DemoLedger()
        self.calls: list[ReceivedWebhook] = []

        async def fetch_cash_in(reference: str) -> Result[CashIn]:
            return await asyncio.to_thread(psp.cash_in.get, reference)

        async def fetch_cash_out(reference: str) -> Result[CashOut]:
            return await asyncio.to_thread(psp.cash_out.get, reference)

        async def on_event(received: ReceivedWebhook) -> None:
            self.calls.append(received)
            await self.ledger.on_event(received)

        self.store = SQLiteDedupStore(store_path)
        self.app = create_app(
            crypto_tokens=[CRYPTO_TOKEN],
            on_event=on_event,
            store=self.store,
            confirmer=AsyncPollingConfirmer(
                fetch_cash_in=fetch_cash_in, fetch_cash_out=fetch_cash_out
            ),
        )


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[RunningMock, ConnectPSP, Receiver, str]]:
    with running_mock(FAST) as mock:
        psp = ConnectPSP(**CREDENTIALS, base_url=mock.base_url)
        receiver = Receiver(psp, tmp_path / "webhooks.sqlite3")
        server = ServerThread(receiver.app, lifespan="off")
        server.start()
        try:
            yield mock, psp, receiver, server.base_url + "/webhooks/connectpsp"
        finally:
            server.stop()
            receiver.store.close()
            psp.close()


def attempts(mock: RunningMock, event_type: str) -> list[dict[str, Any]]:
    (event,) = mock.events(event_type=event_type)
    result: list[dict[str, Any]] = event["attempts"]
    return result


def test_cash_in_paid_duplicated_and_refunded(
    setup: tuple[RunningMock, ConnectPSP, Receiver, str],
) -> None:
    mock, psp, receiver, url = setup
    created = psp.cash_in.create(
        amount=Decimal("10.00"),
        external_reference="order-e2e-1",
        payer_name="Test User",
        payer_document="123.456.789-09",
        webhook_url=url,
    ).data
    mock.pay_cash_in(created.internal_code)
    assert mock.wait_idle()
    assert receiver.ledger.balances == {"order-e2e-1": Decimal("10.00")}

    (paid,) = mock.events(event_type="CASHIN_PAID")
    mock.duplicate(paid["id"], copies=20)  # 20 concurrent copies of the same body
    mock.redeliver(paid["id"])
    assert mock.wait_idle()
    assert receiver.ledger.balances == {"order-e2e-1": Decimal("10.00")}
    assert [c.event_type for c in receiver.calls] == ["CASHIN_PAID"]
    confirmation = receiver.calls[0].confirmation
    assert confirmation is not None and confirmation.confirmed

    psp.cash_in.refund(created.internal_code, "CUSTOMER_REQUEST")
    assert mock.wait_idle()
    mock.redeliver(paid["id"])  # a late PAID after the refund: acknowledged, not credited
    assert mock.wait_idle()
    assert receiver.ledger.balances == {"order-e2e-1": Decimal("0.00")}
    assert [c.event_type for c in receiver.calls] == ["CASHIN_PAID", "CASHIN_REFUNDED"]

    # Every attempt ended 2xx or "retry later" (503 while a copy was in flight), and each
    # event ended delivered: no attempt was acknowledged before the callback completed.
    for event_type in ("CASHIN_PAID", "CASHIN_REFUNDED"):
        codes = {a["statusCode"] for a in attempts(mock, event_type)}
        assert codes <= {200, 503}, codes
        assert 200 in codes


def test_cash_out_completed_through_the_mock(
    setup: tuple[RunningMock, ConnectPSP, Receiver, str],
) -> None:
    mock, psp, receiver, url = setup
    created = psp.cash_out.create(
        amount=Decimal("5.94"),  # D-29: stays PROCESSING until the control call
        external_reference="withdrawal-e2e-1",
        payee_name="Maria Silva",
        payee_document="12345678909",
        destination=pix_key_destination("CPF", "123.456.789-09"),
        webhook_url=url,
    ).data
    mock.settle_cash_out(created.internal_code)
    assert mock.wait_idle()
    assert [c.event_type for c in receiver.calls] == ["CASHOUT_COMPLETED"]
    assert receiver.ledger.tracker.status("CASH_OUT", str(created.transaction_id)) == "COMPLETED"
