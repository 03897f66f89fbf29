"""The dashboard in a real headless Chromium: a cash-in created through the SDK appears without a
reload, clicking Pay makes the SDK see PAID and the webhook arrive; cash-out buttons and
Redeliver work the same way. A screenshot is saved as reports/dashboard.png."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from connectpsp_ext import ConnectPSP, pix_key_destination
from connectpsp_testing import MockPSP, WebhookInbox

from .browser import headless_chromium

REPORTS = Path(__file__).resolve().parents[2] / "reports"
WAIT = 30.0  # generous: the machine is shared and slow
T = TypeVar("T")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    with headless_chromium() as driver:
        yield driver


@pytest.fixture
def page(browser: webdriver.Chrome, psp_mock: MockPSP) -> webdriver.Chrome:
    browser.get(psp_mock.base_url + "/_mock/dashboard")
    WebDriverWait(browser, WAIT).until(ec.presence_of_element_located((By.ID, "balances")))
    return browser


def until(check: Callable[[], T | None], what: str, timeout: float = WAIT) -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def click(page: webdriver.Chrome, row_id: str, action: str) -> None:
    """Click a row's button. The page swaps its panels when the state changes, so a button found
    a moment ago may be replaced before the click lands: then find it again."""
    locator = (By.CSS_SELECTOR, f"#{row_id} button[data-action='{action}']")
    deadline = time.monotonic() + WAIT
    while True:
        try:
            WebDriverWait(page, WAIT).until(ec.element_to_be_clickable(locator)).click()
            return
        except StaleElementReferenceException:
            if time.monotonic() > deadline:
                raise


def row_attribute(page: webdriver.Chrome, row_id: str, name: str) -> str | None:
    rows = page.find_elements(By.ID, row_id)
    return rows[0].get_attribute(name) if rows else None


def test_pay_a_cash_in_from_the_page(
    page: webdriver.Chrome, psp: ConnectPSP, psp_mock: MockPSP, psp_webhooks: WebhookInbox
) -> None:
    # created after the page loaded: it must show up without a reload
    created = psp.cash_in.create(
        amount=Decimal("149.90"),
        external_reference="order-2026-0042",
        payer_name="Ana Cliente",
        payer_document="12345678909",
        webhook_url=psp_webhooks.url,
    ).data
    row = f"cash-in-{created.transaction_id}"
    qr = WebDriverWait(page, WAIT).until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, f"#{row} img.qr"))
    )
    until(lambda: page.execute_script("return arguments[0].naturalWidth", qr), "the QR image")
    code = page.find_element(By.CSS_SELECTOR, f"#{row} .code input").get_attribute("value")
    assert code == created.pix_data.copy_and_paste

    click(page, row, "pay")

    paid = until(lambda: str(psp.cash_in.get(created.transaction_id).data.status) == "PAID", "PAID")
    assert paid
    received = psp_webhooks.wait_for("CASHIN_PAID", transaction=created, timeout=WAIT)
    assert received.event.data.amount == Decimal("149.90")
    until(lambda: row_attribute(page, row, "data-status") == "PAID", "the row to say PAID")
    (event,) = psp_mock.events(event_type="CASHIN_PAID", transaction=created)
    until(
        lambda: row_attribute(page, f"event-{event['id']}", "data-state") == "delivered",
        "the delivery to show",
    )

    # for the screenshot: a cash-in still waiting for its payer, a cash-out for the network
    psp.cash_in.create(
        amount=Decimal("35.00"),
        external_reference="order-2026-0043",
        payer_name="Bruno Cliente",
        payer_document="12345678909",
    )
    psp.cash_out.create(
        amount=Decimal("80.00"),
        external_reference="withdrawal-7",
        payee_name="Maria Silva",
        payee_document="12345678909",
        destination=pix_key_destination("EMAIL", "maria@example.com"),
    )
    until(lambda: page.find_elements(By.CSS_SELECTOR, "#cash-outs button"), "the cash-out row")
    until(lambda: len(page.find_elements(By.CSS_SELECTOR, "img.qr")) == 2, "the second cash-in")
    REPORTS.mkdir(exist_ok=True)
    page.find_element(By.TAG_NAME, "body").screenshot(str(REPORTS / "dashboard.png"))


def test_cash_out_buttons(
    page: webdriver.Chrome, psp: ConnectPSP, psp_webhooks: WebhookInbox
) -> None:
    def payout(reference: str) -> str:
        return str(
            psp.cash_out.create(
                amount=Decimal("25.00"),
                external_reference=reference,
                payee_name="Maria Silva",
                payee_document="12345678909",
                destination=pix_key_destination("EMAIL", "maria@example.com"),
                webhook_url=psp_webhooks.url,
            ).data.transaction_id
        )

    settled, failed = payout("w-settle"), payout("w-fail")
    click(page, f"cash-out-{settled}", "settle")
    click(page, f"cash-out-{failed}", "fail")
    assert psp_webhooks.wait_for("CASHOUT_COMPLETED", transaction=settled, timeout=WAIT)
    assert psp_webhooks.wait_for("CASHOUT_FAILED", transaction=failed, timeout=WAIT)

    click(page, f"cash-out-{settled}", "return")
    assert psp_webhooks.wait_for("CASHOUT_REFUNDED", transaction=settled, timeout=WAIT)
    assert str(psp.cash_out.get(settled).data.status) == "REFUNDED"
    assert str(psp.cash_out.get(failed).data.status) == "FAILED"


def test_expire_and_redeliver(
    page: webdriver.Chrome, psp: ConnectPSP, psp_mock: MockPSP, psp_webhooks: WebhookInbox
) -> None:
    def cash_in(reference: str) -> str:
        return psp.cash_in.create(
            amount=Decimal("5.00"),
            external_reference=reference,
            payer_name="Ana",
            payer_document="12345678909",
            webhook_url=psp_webhooks.url,
        ).data.transaction_id

    expiring, paid = cash_in("c-expire"), cash_in("c-paid")
    click(page, f"cash-in-{expiring}", "expire")
    until(lambda: str(psp.cash_in.get(expiring).data.status) == "EXPIRED", "EXPIRED")

    psp_mock.pay_cash_in(paid)
    psp_webhooks.wait_for("CASHIN_PAID", transaction=paid, timeout=WAIT)
    (event,) = psp_mock.events(event_type="CASHIN_PAID", transaction=paid)
    click(page, f"event-{event['id']}", "redeliver")
    results = psp_webhooks.wait_for_results(2, timeout=WAIT)
    assert [str(r.outcome) for r in results] == ["processed", "duplicate"]
    until(
        lambda: len(page.find_elements(By.CSS_SELECTOR, f"#event-{event['id']} .attempt")) == 2,
        "the second attempt on the page",
    )
