"""Flows of the "Your First Cash-In" tutorial and the Refund reference, through the client.

create -> the payer pays (mock control API) -> CASHIN_PAID webhook (signature + schema) -> get shows
PAID; then refund -> 202 with a D... end-to-end id -> CASHIN_REFUNDED webhook -> get shows REFUNDED.
"""

from __future__ import annotations

import base64
import random
from decimal import Decimal

import pytest
from connectpsp_client.models import CashIn, CashInPaidEvent, CashInRefundedEvent, PixData

from connectpsp_ext import BusinessRuleError, ConnectPSP
from connectpsp_ext.pix import parse_brcode, parse_end_to_end_id
from connectpsp_ext.pix.documents import generate_cpf
from connectpsp_mock.testing import RunningMock

from .flows import amount_for, await_event, transactional_balance, unique_reference
from .present import matches, present
from .target import Target
from .webhook_receiver import WebhookReceiver

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def create_cash_in(
    client: ConnectPSP, target: Target, receiver: WebhookReceiver | None, amount: str = "10.00"
) -> tuple[str, str, Decimal]:
    """The tutorial's step 2; returns (internalCode, transactionId, amount)."""
    created = create_cash_in_result(client, target, receiver, amount)
    return created.internal_code, created.transaction_id, present(created.amount, "CashIn.amount")


def create_cash_in_result(
    client: ConnectPSP, target: Target, receiver: WebhookReceiver | None, amount: str
) -> CashIn:
    value = amount_for(target.max_amount, amount)
    created = client.cash_in.create(
        amount=value,
        external_reference=unique_reference("contract-cash-in"),
        expiration_in_minutes=30,
        webhook_url=receiver.url if receiver is not None else None,
        payer_name="Test User",
        payer_document="12345678909",
    )
    assert created.status_code == 201
    assert created.idempotency_key is not None
    data = created.data
    assert data.status == "AWAITING_PAYMENT"
    matches(data.amount, value, "CashIn.amount")
    return data


def test_cash_in_is_created_with_a_payable_br_code(client: ConnectPSP, target: Target) -> None:
    created = create_cash_in_result(client, target, None, "10.07")
    pix = created.pix_data
    assert isinstance(pix, PixData), "the 201 of a QR-code cash-in carries pixData"
    brcode = parse_brcode(
        present(pix.copy_and_paste, "pixData.copyAndPaste")
    )  # framing, PIX GUI and CRC16 checked
    assert brcode.amount is None or brcode.amount == amount_for(target.max_amount, "10.07")
    assert base64.b64decode(
        present(pix.qr_code_image_base_64, "pixData.qrCodeImageBase64")
    ).startswith(PNG_MAGIC)
    # Every documented lookup key finds the same cash-in.
    for lookup in (created.internal_code, created.transaction_id):
        got = client.cash_in.get(lookup).data
        assert (got.internal_code, got.status) == (created.internal_code, "AWAITING_PAYMENT")


def test_open_finance_cash_in_returns_a_payment_link(client: ConnectPSP, target: Target) -> None:
    created = client.cash_in.create(
        amount=amount_for(target.max_amount, "25.00"),
        external_reference=unique_reference("contract-openfinance"),
        payer_name="Test User",
        payer_document="12345678909",
        open_finance={"redirectUrl": "https://shop.example/back"},
    ).data
    assert isinstance(created.payment_url, str) and created.payment_url.startswith("https://")
    assert not isinstance(created.pix_data, PixData), "OpenFinance answers a link, not a QR (D-14)"


def test_first_cash_in_tutorial(
    client: ConnectPSP, target: Target, mock: RunningMock, receiver: WebhookReceiver
) -> None:
    code, transaction_id, amount = create_cash_in(client, target, receiver)
    before = transactional_balance(client)

    mock.pay_cash_in(code)  # step 3: the payer pays
    paid = await_event(receiver, "CASHIN_PAID", transaction_id, target.crypto_token)

    event = paid.event
    assert isinstance(event, CashInPaidEvent)
    assert event.data.status == "PAID"
    matches(event.data.amount, amount, "CASHIN_PAID data.amount")
    assert event.data.internal_code == code
    e2e = parse_end_to_end_id(present(event.data.end_to_end_id, "CASHIN_PAID data.endToEndId"))
    assert e2e.kind == "E"
    got = client.cash_in.get(code).data  # step 5: polling agrees with the webhook
    assert got.status == "PAID"
    assert got.end_to_end_id == event.data.end_to_end_id
    assert client.cash_in.get(str(event.data.end_to_end_id)).data.internal_code == code
    after = transactional_balance(client)
    assert after - before == amount  # credited exactly, in Decimal


def test_refund_of_a_paid_cash_in(
    client: ConnectPSP, target: Target, mock: RunningMock, receiver: WebhookReceiver
) -> None:
    code, transaction_id, amount = create_cash_in(client, target, receiver, "150.50")
    mock.pay_cash_in(code)
    paid = await_event(receiver, "CASHIN_PAID", transaction_id, target.crypto_token).event
    assert isinstance(paid, CashInPaidEvent)
    before = transactional_balance(client)

    refund = client.cash_in.refund(code, "CUSTOMER_REQUEST", "contract test refund")
    assert refund.status_code == 202 and refund.idempotency_key is not None
    matches(refund.data.status, "REFUNDED", "Refund.status")
    matches(refund.data.amount, amount, "Refund.amount")  # full refund only
    assert parse_end_to_end_id(present(refund.data.end_to_end_id, "Refund.endToEndId")).kind == "D"
    matches(
        refund.data.original_end_to_end_id, paid.data.end_to_end_id, "Refund.originalEndToEndId"
    )

    refunded = await_event(receiver, "CASHIN_REFUNDED", transaction_id, target.crypto_token)
    event = refunded.event
    assert isinstance(event, CashInRefundedEvent)
    assert event.data.status == "REFUNDED"
    matches(event.data.end_to_end_id, refund.data.end_to_end_id, "CASHIN_REFUNDED data.endToEndId")
    assert client.cash_in.get(code).data.status == "REFUNDED"
    after = transactional_balance(client)
    assert before - after == amount

    with pytest.raises(BusinessRuleError) as again:
        client.cash_in.refund(code, "CUSTOMER_REQUEST")
    assert again.value.code == "CASH_IN_ALREADY_REFUNDED"


def test_refund_of_an_unpaid_cash_in_is_refused(
    client: ConnectPSP, target: Target, money_movement: None
) -> None:
    code, _, _ = create_cash_in(client, target, None, "5.00")
    with pytest.raises(BusinessRuleError) as refused:
        client.cash_in.refund(code, "MERCHANT_ERROR")
    assert refused.value.status == 422 and refused.value.code == "CASH_IN_NOT_PAID"
    assert client.cash_in.get(code).data.status == "AWAITING_PAYMENT"


def test_payer_documents_of_both_kinds_are_accepted(client: ConnectPSP, target: Target) -> None:
    rng = random.Random(5)
    for document in (generate_cpf(rng), "11222333000181"):
        created = client.cash_in.create(
            amount=amount_for(target.max_amount, "1.00"),
            external_reference=unique_reference("contract-document"),
            payer_name="Empresa Teste",
            payer_document=document,
        ).data
        assert present(created.payer, "CashIn.payer").document == document
