"""Cash-in flows: create (QR and OpenFinance), lookups, expiry, pay, refund and its 422 codes."""

from __future__ import annotations

import base64
import re
from decimal import Decimal

import pytest
from connectpsp_client.types import json_loads

from connectpsp_ext.pix import parse_brcode, parse_end_to_end_id
from connectpsp_ext.pix.brcode import crc16_ccitt
from connectpsp_mock.testing import RunningMock

from .helpers import ISPB_CELCOIN, ISPB_DELBANK, ISPB_STARK, Api, assert_conforms, assert_problem

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _transactional(api: Api, ispb: str) -> Decimal:
    bank = next(b for b in api.balance()["banks"] if b["ispb"] == ispb)
    return Decimal(str(bank["accounts"]["transactional"]["balance"]))


def test_create_returns_201_with_a_real_br_code_and_png(api: Api) -> None:
    response = api.create_cash_in(amount=10.00, externalReference="test-order-001")
    body = assert_conforms(response, "/cash-in")
    assert response.status_code == 201
    assert body["status"] == "AWAITING_PAYMENT"
    assert re.fullmatch(r"[a-z0-9]{35}", body["transactionId"])
    assert re.fullmatch(r"[A-Z0-9]{7}", body["internalCode"])
    assert body["externalReference"] == "test-order-001"
    assert body["payer"] == {"name": "Test User", "document": "12345678909"}
    assert "10.00" in response.text  # exact money on the wire
    assert body["requestedAt"] == "2026-03-10T11:00:00-03:00"  # seeded clock, -03:00 (D-19)
    assert body["expiresAt"] == "2026-03-10T11:30:00-03:00"  # + expirationInMinutes (D-15)
    assert "paymentUrl" not in body and "endToEndId" not in body

    code = body["pixData"]["copyAndPaste"]
    parsed = parse_brcode(code)  # raises on a bad CRC or structure
    assert parsed.amount == Decimal("10.00")
    assert parsed.txid == body["internalCode"]
    assert code[-4:] == f"{crc16_ccitt(code[:-4].encode()):04X}"
    png = base64.b64decode(body["pixData"]["qrCodeImageBase64"], validate=True)
    assert png.startswith(PNG_MAGIC)
    assert not body["pixData"]["qrCodeImageBase64"].startswith("data:")


def test_open_finance_variant_has_a_payment_url_and_no_pix_data(api: Api) -> None:
    response = api.create_cash_in(openFinance={"redirectUrl": "https://shop.example/back"})
    body = assert_conforms(response, "/cash-in")
    assert "pixData" not in body
    assert body["paymentUrl"] == (
        "https://openfinance.mock.connectpsp.local/authorize/" + body["transactionId"]
    )
    assert api.create_cash_in(openFinance={}).json()["paymentUrl"].startswith("https://")


def test_get_by_internal_code_transaction_id_and_e2e(api: Api, mock: RunningMock) -> None:
    created = api.create_cash_in().json()
    for lookup in (created["internalCode"], created["transactionId"]):
        body = assert_conforms(api.get_cash_in(lookup), "/cash-in/{id}")
        assert body["transactionId"] == created["transactionId"]
        assert "pixData" not in body  # only the 201 carries the QR (D-31)
    paid = mock.pay_cash_in(created["internalCode"])
    assert api.get_cash_in(paid["endToEndId"]).json()["status"] == "PAID"
    refund = api.refund(created["internalCode"]).json()
    for lookup in (refund["endToEndId"], refund["originalEndToEndId"]):
        assert api.get_cash_in(lookup).json()["status"] == "REFUNDED"


def test_unknown_id_is_404_and_cash_out_ids_are_not_cash_ins(api: Api) -> None:
    assert_problem(api.get_cash_in("US7B1JQ"), 404, "TRANSACTION_NOT_FOUND")
    cash_out = api.create_cash_out().json()
    assert_problem(api.get_cash_in(cash_out["internalCode"]), 404, "TRANSACTION_NOT_FOUND")
    assert_conforms(api.get_cash_in("NOPE123"), "/cash-in/{id}")


def test_duplicate_external_reference_is_409(api: Api) -> None:
    assert api.create_cash_in(externalReference="order-1").status_code == 201
    response = api.create_cash_in(externalReference="order-1", amount=20)
    body = assert_problem(response, 409, "DUPLICATE_EXTERNAL_REFERENCE")
    assert "order-1" not in body["detail"]
    assert len(api.mock.state()["cashIns"]) == 1


def test_pay_credits_the_receiving_bank_and_sets_e2e(api: Api, mock: RunningMock) -> None:
    created = api.create_cash_in(amount=123.45).json()
    bank_ispb = next(
        c["mock"]["bankIspb"]
        for c in mock.state()["cashIns"]
        if c["internalCode"] == created["internalCode"]
    )
    before = _transactional(api, bank_ispb)
    bank_data = {
        "ispb": "60701190",
        "bank": "Itau Unibanco S.A.",
        "branch": "0042",
        "account": "998877",
    }
    paid = mock.pay_cash_in(created["internalCode"], bank_data=bank_data)
    assert paid["status"] == "PAID"
    assert paid["payer"]["bankData"] == bank_data
    e2e = parse_end_to_end_id(paid["endToEndId"])
    assert e2e.kind == "E" and e2e.ispb == "60701190"
    assert paid["paidAt"] == "2026-03-10T11:00:00-03:00"
    assert _transactional(api, bank_ispb) == before + Decimal("123.45")
    response = api.get_cash_in(created["transactionId"])
    assert_conforms(response, "/cash-in/{id}")
    assert json_loads(response.content) == paid


def test_receiving_banks_take_turns(api: Api, mock: RunningMock) -> None:
    for _ in range(3):
        api.create_cash_in()
    assert [c["mock"]["bankIspb"] for c in mock.state()["cashIns"]] == [
        ISPB_DELBANK,
        ISPB_CELCOIN,
        ISPB_STARK,
    ]


def test_pay_refuses_amount_override_and_non_awaiting(api: Api, mock: RunningMock) -> None:
    created = api.create_cash_in().json()
    response = mock.control.post(
        f"/_mock/cash-in/{created['internalCode']}/pay", json={"amount": 1}
    )
    assert_problem(response, 400, "VALIDATION_ERROR")
    mock.pay_cash_in(created["internalCode"])
    again = mock.control.post(f"/_mock/cash-in/{created['internalCode']}/pay")
    assert_problem(again, 409, "INVALID_STATE")


def test_expiry_after_expiration_minutes_by_the_mock_clock(api: Api, mock: RunningMock) -> None:
    created = api.create_cash_in(expirationInMinutes=1).json()
    mock.advance_clock(59)
    assert api.get_cash_in(created["internalCode"]).json()["status"] == "AWAITING_PAYMENT"
    mock.advance_clock(1)
    body = assert_conforms(api.get_cash_in(created["internalCode"]), "/cash-in/{id}")
    assert body["status"] == "EXPIRED"
    assert body["expiredAt"] == "2026-03-10T11:01:00-03:00"
    assert_problem(
        mock.control.post(f"/_mock/cash-in/{created['internalCode']}/pay"), 409, "INVALID_STATE"
    )
    assert_problem(api.refund(created["internalCode"]), 422, "CASH_IN_EXPIRED")
    assert mock.events() == []  # no event exists for EXPIRED (D-13)


def test_default_expiration_is_24_hours(api: Api) -> None:
    body = api.create_cash_in(expirationInMinutes=1440).json()
    created = api.client.post(
        "/cash-in",
        json={
            "amount": 1,
            "externalReference": "no-expiry",
            "payer": {"name": "A", "document": "12345678909"},
        },
        headers=api.headers,
    ).json()
    assert created["expiresAt"] == body["expiresAt"] == "2026-03-11T11:00:00-03:00"


def test_refund_flow(api: Api, mock: RunningMock) -> None:
    created = api.create_cash_in(amount=10.07).json()
    paid = mock.pay_cash_in(created["internalCode"])
    bank = next(c["mock"]["bankIspb"] for c in mock.state()["cashIns"])
    before = _transactional(api, bank)
    response = api.refund(
        created["transactionId"], reason="DUPLICATED_PAYMENT", description="ticket #1"
    )
    body = assert_conforms(response, "/cash-in/{id}/refund")
    assert response.status_code == 202
    assert body["status"] == "REFUNDED" and body["reason"] == "DUPLICATED_PAYMENT"
    assert body["originalEndToEndId"] == paid["endToEndId"]
    devolution = parse_end_to_end_id(body["endToEndId"])
    assert devolution.kind == "D" and devolution.ispb == bank
    assert Decimal(str(body["amount"])) == Decimal("10.07")
    assert _transactional(api, bank) == before - Decimal("10.07")
    got = api.get_cash_in(created["internalCode"]).json()
    assert got["status"] == "REFUNDED" and got["refundedAt"] == body["refundedAt"]
    assert_problem(api.refund(created["internalCode"]), 422, "CASH_IN_ALREADY_REFUNDED")


@pytest.mark.parametrize(
    ("prepare", "code"),
    [
        (lambda mock, code: None, "CASH_IN_NOT_PAID"),
        (lambda mock, code: mock.expire_cash_in(code), "CASH_IN_EXPIRED"),
        (lambda mock, code: mock.cancel_cash_in(code), "CASH_IN_CANCELLED"),
        (
            lambda mock, code: mock.pay_cash_in(code, without_end_to_end_id=True),
            "MISSING_END_TO_END_ID",
        ),
    ],
)
def test_refund_refusals(api: Api, mock: RunningMock, prepare: object, code: str) -> None:
    created = api.create_cash_in().json()
    prepare(mock, created["internalCode"])  # type: ignore[operator]
    before = api.balance()
    response = api.refund(created["internalCode"])
    assert_conforms(response, "/cash-in/{id}/refund")
    assert_problem(response, 422, code)
    assert api.balance() == before


def test_refund_with_insufficient_transactional_funds(api: Api, mock: RunningMock) -> None:
    created = api.create_cash_in(amount=10).json()
    mock.pay_cash_in(created["internalCode"])
    assert api.rebalance(0).status_code == 200  # sweep everything to proprietary
    body = assert_problem(api.refund(created["internalCode"]), 422, "INSUFFICIENT_FUNDS")
    assert body["detail"] == (
        "The requested amount of R$ 10.00 exceeds available balance of R$ 0.00."
    )
    assert api.get_cash_in(created["internalCode"]).json()["status"] == "PAID"


def test_cancel_and_expire_controls_only_from_awaiting(api: Api, mock: RunningMock) -> None:
    created = api.create_cash_in().json()
    assert mock.cancel_cash_in(created["internalCode"])["status"] == "CANCELLED"
    response = mock.control.post(f"/_mock/cash-in/{created['internalCode']}/expire")
    assert_problem(response, 409, "INVALID_STATE")
    assert_problem(mock.control.post("/_mock/cash-in/UNKNOWN/cancel"), 404, "TRANSACTION_NOT_FOUND")
