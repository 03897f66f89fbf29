"""The shop's own tests: no server wiring, only the connectpsp plugin's fixtures."""

from decimal import Decimal

import pytest
from shop import Shop

from connectpsp_ext import ConnectPSP


@pytest.fixture
def shop(psp_env, psp_webhooks):
    # psp_env points CONNECTPSP_* at the mock, as the shop's settings would in production
    with ConnectPSP.from_env() as psp:
        yield Shop(psp, webhook_url=psp_webhooks.url)


def test_order_is_paid_when_the_customer_pays(shop, psp_mock, psp_webhooks):
    code = shop.checkout("order-1", Decimal("49.90"))
    assert code.startswith("000201")

    psp_mock.pay_cash_in(shop.orders["order-1"].transaction_id)
    shop.on_webhook(psp_webhooks.wait_for("CASHIN_PAID"))

    assert shop.orders["order-1"].status == "PAID"


def test_unpaid_order_stays_waiting_when_it_expires(shop, psp_mock, psp):
    shop.checkout("order-2", Decimal("10.00"))
    psp_mock.expire_cash_in(shop.orders["order-2"].transaction_id)

    assert str(psp.cash_in.get(shop.orders["order-2"].transaction_id).data.status) == "EXPIRED"
    assert shop.orders["order-2"].status == "WAITING"


def test_failed_withdrawal_returns_the_money(shop, psp_mock, psp_webhooks):
    payout = shop.withdraw(Decimal("30.00"), "ana@example.com")
    assert shop.wallet == Decimal("70.00")

    psp_mock.fail_cash_out(payout)
    shop.on_webhook(psp_webhooks.wait_for("CASHOUT_FAILED", transaction=payout))

    assert shop.payouts[payout] == "FAILED"
    assert shop.wallet == Decimal("100.00")


def test_completed_withdrawal(shop, psp_mock, psp_webhooks):
    payout = shop.withdraw(Decimal("25.00"), "ana@example.com")
    psp_mock.settle_cash_out(payout)
    shop.on_webhook(psp_webhooks.wait_for("CASHOUT_COMPLETED", transaction=payout))
    assert shop.payouts[payout] == "COMPLETED"
    assert shop.wallet == Decimal("75.00")
