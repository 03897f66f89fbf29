"""The dashboard's HTML, panels and QR images over plain HTTP (the browser test clicks)."""

from __future__ import annotations

import base64
from decimal import Decimal

import httpx
import pytest

from connectpsp_ext import ConnectPSP, pix_key_destination
from connectpsp_testing import MockPSP


@pytest.fixture
def http(psp_mock: MockPSP) -> httpx.Client:
    with httpx.Client(base_url=psp_mock.base_url, trust_env=False, timeout=10) as client:
        yield client


def _cash_in(psp: ConnectPSP, reference: str = "order-1") -> str:
    return psp.cash_in.create(
        amount=Decimal("1234.50"),
        external_reference=reference,
        payer_name="Joao",
        payer_document="12345678909",
    ).data.transaction_id


def test_empty_page(http: httpx.Client) -> None:
    page = http.get("/_mock/dashboard")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "No cash-ins yet" in page.text and "setInterval(refresh, 1000)" in page.text
    assert "DELBANK S.A." in page.text and "500,000.00" in page.text


def test_cash_in_row_has_qr_code_and_buttons(http: httpx.Client, psp: ConnectPSP) -> None:
    transaction = _cash_in(psp)
    created = psp.cash_in.get(transaction).data
    panels = http.get("/_mock/dashboard/panels").text
    assert f'id="cash-in-{transaction}" data-status="AWAITING_PAYMENT"' in panels
    assert f'data-post="/_mock/cash-in/{transaction}/pay">Pay</button>' in panels
    assert f'data-post="/_mock/cash-in/{transaction}/expire">Expire</button>' in panels
    assert "1,234.50" in panels and created.internal_code in panels
    assert "12345678909" not in panels  # the payer's document is never shown


def test_qr_image_is_the_api_png(http: httpx.Client, psp: ConnectPSP) -> None:
    created = psp.cash_in.create(
        amount=Decimal("3.00"),
        external_reference="qr",
        payer_name="J",
        payer_document="12345678909",
    ).data
    panels = http.get("/_mock/dashboard/panels").text
    src = panels.split('class="qr"', 1)[1].split('src="', 1)[1].split('"', 1)[0]
    image = http.get(src)
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert image.content == base64.b64decode(created.pix_data.qr_code_image_base_64)
    assert http.get("/_mock/dashboard/qr/NOSUCH.png").status_code == 404


def test_buttons_follow_the_state(http: httpx.Client, psp: ConnectPSP, psp_mock: MockPSP) -> None:
    transaction = _cash_in(psp)
    psp_mock.pay_cash_in(transaction)
    payout = psp.cash_out.create(
        amount=Decimal("10.00"),
        external_reference="w-1",
        payee_name="Maria",
        payee_document="12345678909",
        destination=pix_key_destination("EMAIL", "maria@example.com"),
    ).data
    panels = http.get("/_mock/dashboard/panels").text
    paid_row = panels.split(f'id="cash-in-{transaction}"', 1)[1].split("</tr>", 1)[0]
    assert 'data-status="PAID"' in paid_row and "Pay</button>" not in paid_row
    out_row = panels.split(f'id="cash-out-{payout.transaction_id}"', 1)[1].split("</tr>", 1)[0]
    assert "Settle</button>" in out_row and "Fail</button>" in out_row
    assert "Return</button>" not in out_row

    psp_mock.settle_cash_out(payout)
    panels = http.get("/_mock/dashboard/panels").text
    out_row = panels.split(f'id="cash-out-{payout.transaction_id}"', 1)[1].split("</tr>", 1)[0]
    assert "Return</button>" in out_row and "Settle</button>" not in out_row


def test_text_from_requests_is_escaped(http: httpx.Client, psp: ConnectPSP) -> None:
    psp.cash_in.create(
        amount=Decimal("1.00"),
        external_reference="<script>alert(1)</script>",
        payer_name="J",
        payer_document="12345678909",
    )
    panels = http.get("/_mock/dashboard/panels").text
    assert "<script>alert(1)</script>" not in panels
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panels


def test_webhook_attempts_and_redeliver_button(
    http: httpx.Client, psp: ConnectPSP, psp_mock: MockPSP
) -> None:
    transaction = psp.cash_in.create(
        amount=Decimal("1.00"),
        external_reference="hook",
        payer_name="J",
        payer_document="12345678909",
        webhook_url="http://127.0.0.1:9/nobody-listens",
    ).data.transaction_id
    psp_mock.pay_cash_in(transaction)
    assert psp_mock.wait_idle()
    (event,) = psp_mock.events(transaction=transaction)
    panels = http.get("/_mock/dashboard/panels").text
    row = panels.split(f'id="event-{event["id"]}"', 1)[1].split("</tr>", 1)[0]
    assert 'data-state="failed"' in row
    assert row.count('class="attempt"') == len(event["attempts"]) == 5
    assert "ConnectError" in row
    assert f'data-post="/_mock/events/{event["id"]}/redeliver">Redeliver</button>' in row
