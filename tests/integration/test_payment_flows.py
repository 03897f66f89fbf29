"""Whole payment flows through the public client, the mock and the SDK's webhook handler, written
with the project's own pytest plugin (``connectpsp_testing``): the fixtures integrators use."""

from __future__ import annotations

from decimal import Decimal

import pytest
from connectpsp_client.models import CashInPaidEvent, CashOutCompletedEvent, CashOutFailedEvent

from connectpsp_ext import AsyncConnectPSP, BusinessRuleError, ConnectPSP, pix_key_destination
from connectpsp_testing import MockPSP, WebhookInbox

PAYER = {"payer_name": "Joao Pagador", "payer_document": "12345678909"}
PAYEE = {
    "payee_name": "Maria Silva",
    "payee_document": "12345678909",
    "destination": pix_key_destination("EMAIL", "maria@example.com"),
}


def test_cash_in_paid_reaches_the_handler_once(
    psp: ConnectPSP, psp_mock: MockPSP, psp_webhooks: WebhookInbox
) -> None:
    created = psp.cash_in.create(
        amount=Decimal("10.00"), external_reference="order-1", webhook_url=psp_webhooks.url, **PAYER
    )
    assert created.data.pix_data.copy_and_paste.startswith("000201")

    psp_mock.pay_cash_in(created)

    received = psp_webhooks.wait_for("CASHIN_PAID", transaction=created)
    assert isinstance(received.event, CashInPaidEvent)
    assert received.event.data.amount == Decimal("10.00")
    assert str(psp.cash_in.get(created.data.transaction_id).data.status) == "PAID"
    # a duplicate delivery is answered 200 "duplicate" and does not reach the callback again
    (event,) = psp_mock.events(event_type="CASHIN_PAID", transaction=created)
    psp_mock.raw.duplicate(event["id"], copies=2)
    results = psp_webhooks.wait_for_results(3)
    assert [str(r.outcome) for r in results].count("duplicate") == 2
    assert len(psp_webhooks.events) == 1


def test_refused_callback_is_retried_by_the_mock(
    psp: ConnectPSP, psp_mock: MockPSP, psp_webhooks: WebhookInbox
) -> None:
    created = psp.cash_in.create(
        amount=Decimal("5.00"), external_reference="order-2", webhook_url=psp_webhooks.url, **PAYER
    )
    psp_webhooks.refuse_next(1)
    psp_mock.pay_cash_in(created)
    psp_webhooks.wait_for("CASHIN_PAID", transaction=created)
    outcomes = [str(r.outcome) for r in psp_webhooks.wait_for_results(2)]
    assert outcomes == ["failed", "processed"]


def test_expired_cash_in_cannot_be_refunded(psp: ConnectPSP, psp_mock: MockPSP) -> None:
    created = psp.cash_in.create(amount=Decimal("7.00"), external_reference="order-3", **PAYER)
    psp_mock.expire_cash_in(created)
    assert str(psp.cash_in.get(created.data.internal_code).data.status) == "EXPIRED"
    with pytest.raises(BusinessRuleError) as caught:
        psp.cash_in.refund(created.data.transaction_id, "CUSTOMER_REQUEST")
    assert caught.value.code == "CASH_IN_EXPIRED"


def test_cash_out_settles_only_when_the_test_says_so(
    psp: ConnectPSP, psp_mock: MockPSP, psp_webhooks: WebhookInbox
) -> None:
    payout = psp.cash_out.create(
        amount=Decimal("50.00"), external_reference="w-1", webhook_url=psp_webhooks.url, **PAYEE
    )
    assert str(psp.cash_out.get(payout.data.internal_code).data.status) == "PROCESSING"

    psp_mock.settle_cash_out(payout)

    received = psp_webhooks.wait_for("CASHOUT_COMPLETED", transaction=payout)
    assert isinstance(received.event, CashOutCompletedEvent)
    assert str(psp.cash_out.get(payout.data.internal_code).data.status) == "COMPLETED"

    psp_mock.return_cash_out(payout)
    psp_webhooks.wait_for("CASHOUT_REFUNDED", transaction=payout)
    assert str(psp.cash_out.get(str(payout.data.transaction_id)).data.status) == "REFUNDED"


def test_failed_cash_out_gives_the_funds_back(
    psp: ConnectPSP, psp_mock: MockPSP, psp_webhooks: WebhookInbox
) -> None:
    before = psp.account.balance().data.consolidated.transactional_balance
    payout = psp.cash_out.create(
        amount=Decimal("80.00"), external_reference="w-2", webhook_url=psp_webhooks.url, **PAYEE
    )
    assert psp.account.balance().data.consolidated.transactional_balance == before - 80

    psp_mock.fail_cash_out(payout, "ACCOUNT_CLOSED", "The destination account is closed.")

    received = psp_webhooks.wait_for("CASHOUT_FAILED", transaction=payout)
    assert isinstance(received.event, CashOutFailedEvent)
    assert received.event.data.failure.code == "ACCOUNT_CLOSED"
    assert psp.account.balance().data.consolidated.transactional_balance == before


def test_each_test_starts_from_a_reset_mock(psp: ConnectPSP, psp_webhooks: WebhookInbox) -> None:
    # order-1 was created by an earlier test: after the reset the reference is free again
    created = psp.cash_in.create(amount=Decimal("1.00"), external_reference="order-1", **PAYER)
    assert str(created.data.status) == "AWAITING_PAYMENT"
    assert psp_webhooks.events == []


def test_env_fixture_configures_from_env(psp_env: dict[str, str], psp_mock: MockPSP) -> None:
    with ConnectPSP.from_env() as client:
        assert client.settings.base_url == psp_mock.base_url
        assert client.account.balance().data.currency == "BRL"


@pytest.mark.anyio
async def test_async_client_fixture(
    async_psp: AsyncConnectPSP, psp_mock: MockPSP, psp_webhooks: WebhookInbox
) -> None:
    created = await async_psp.cash_in.create(
        amount=Decimal("12.34"), external_reference="a-1", webhook_url=psp_webhooks.url, **PAYER
    )
    psp_mock.pay_cash_in(created)
    fetched = await async_psp.cash_in.get(created.data.transaction_id)
    assert str(fetched.data.status) == "PAID"
    assert psp_webhooks.wait_for("CASHIN_PAID", transaction=created).event.data.amount == Decimal(
        "12.34"
    )
