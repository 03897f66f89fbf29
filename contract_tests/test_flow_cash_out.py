"""Flows of the "Your First Cash-Out" tutorial: to each destination type, ending in a webhook.

202 PROCESSING (amount reserved) -> settlement -> CASHOUT_COMPLETED / CASHOUT_FAILED webhook
(signature + schema) -> get agrees. FAILED outcomes use the mock's documented magic amounts and
keys (D-29).
Against staging (only with CONNECTPSP_CONTRACT_ALLOW_MONEY_MOVEMENT=1) the loopback receiver is
unreachable, so the final state is polled with GET instead, as the docs advise for missed webhooks.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from connectpsp_client.models import (
    BankAccountDestination,
    CashOut,
    CashOutCompletedEvent,
    CashOutFailedEvent,
    CashOutFailure,
    CashOutRefundedEvent,
    PixDestination,
    PixKeyType,
)
from connectpsp_client.types import Unset

from connectpsp_ext import (
    BusinessRuleError,
    ConflictError,
    ConnectPSP,
    bank_account_destination,
    pix_key_destination,
)
from connectpsp_ext.pix import parse_end_to_end_id
from connectpsp_mock.testing import RunningMock

from .flows import amount_for, await_event, poll, transactional_balance, unique_reference
from .formats import PIX_KEY_TYPES, pix_key_for
from .present import matches, present
from .target import Target
from .webhook_receiver import WebhookReceiver

PAYEE_DOCUMENT = "12345678909"
TERMINAL = ("COMPLETED", "FAILED", "REFUNDED", "CANCELLED")
DESTINATIONS = [*PIX_KEY_TYPES, "BANK_ACCOUNT"]


def destination_for(kind: str) -> PixDestination | BankAccountDestination:
    if kind == "BANK_ACCOUNT":  # the tutorial's bank account
        return bank_account_destination(
            ispb="18236120", branch="0001", account="947710840", account_type="PAYMENT"
        )
    return pix_key_destination(PixKeyType(kind), pix_key_for(kind, random.Random(kind)))


def transactional(client: ConnectPSP) -> Decimal:
    return transactional_balance(client)


def destination_of(cash_out: CashOut) -> dict[str, object]:
    payee = present(cash_out.payee, "CashOut.payee")
    return present(payee.destination, "payee.destination").to_dict()


def create_cash_out(
    client: ConnectPSP,
    target: Target,
    destination: PixDestination | BankAccountDestination,
    amount: str,
    receiver: WebhookReceiver | None,
) -> CashOut:
    value = amount_for(target.max_amount, amount)
    created = client.cash_out.create(
        amount=value,
        external_reference=unique_reference("contract-cash-out"),
        payee_name="Maria Silva",
        payee_document=PAYEE_DOCUMENT,
        destination=destination,
        description="Contract test withdrawal",
        webhook_url=receiver.url if receiver is not None and target.is_mock else None,
    )
    assert created.status_code == 202 and created.idempotency_key is not None
    data = created.data
    assert data.status == "PROCESSING"  # accepted, not settled
    matches(data.amount, value, "CashOut.amount")
    assert data.end_to_end_id is None or isinstance(data.end_to_end_id, Unset)
    assert destination_of(data) == destination.to_dict()
    return data


@pytest.mark.parametrize("kind", DESTINATIONS)
def test_cash_out_to_each_destination_completes(
    client: ConnectPSP,
    target: Target,
    receiver: WebhookReceiver,
    money_movement: None,
    kind: str,
) -> None:
    before = transactional(client)
    created = create_cash_out(client, target, destination_for(kind), "12.34", receiver)
    if not target.is_mock:
        final = poll(
            lambda: client.cash_out.get(created.internal_code).data, lambda c: c.status in TERMINAL
        )
        assert final.status in ("COMPLETED", "FAILED")
        return
    proven = await_event(receiver, "CASHOUT_COMPLETED", created.transaction_id, target.crypto_token)
    event = proven.event
    assert isinstance(event, CashOutCompletedEvent)
    assert event.data.status == "COMPLETED"
    matches(event.data.amount, created.amount, "CASHOUT_COMPLETED data.amount")
    e2e = present(event.data.end_to_end_id, "CASHOUT_COMPLETED data.endToEndId")
    assert parse_end_to_end_id(e2e).kind == "E"
    assert destination_of(event.data) == destination_of(created)
    got = client.cash_out.get(created.internal_code).data
    assert got.status == "COMPLETED" and got.end_to_end_id == event.data.end_to_end_id
    assert client.cash_out.get(str(got.end_to_end_id)).data.internal_code == created.internal_code
    assert before - transactional(client) == amount_for(target.max_amount, "12.34")


@pytest.mark.parametrize(
    ("kind", "amount", "key", "failure_code"),
    [
        ("CPF", "12.91", None, "PIX_KEY_NOT_FOUND"),
        ("EVP", "7.92", None, "ACCOUNT_CLOSED"),
        ("EMAIL", "3.00", "not-found@connectpsp.test", "PIX_KEY_NOT_FOUND"),
        ("BANK_ACCOUNT", "4.00", "999999", "ACCOUNT_CLOSED"),
    ],
)
def test_cash_out_failure_ends_in_cashout_failed_and_releases_funds(
    client: ConnectPSP,
    target: Target,
    mock: RunningMock,
    receiver: WebhookReceiver,
    kind: str,
    amount: str,
    key: str | None,
    failure_code: str,
) -> None:
    if kind == "BANK_ACCOUNT":
        destination: PixDestination | BankAccountDestination = bank_account_destination(
            ispb="18236120", branch="0001", account=key or "1", account_type="CHECKING"
        )
    else:
        destination = (
            pix_key_destination(PixKeyType(kind), key) if key is not None else destination_for(kind)
        )
    before = transactional(client)
    created = create_cash_out(client, target, destination, amount, receiver)
    reserved = amount_for(target.max_amount, amount)
    assert before - transactional(client) == reserved  # reserved at acceptance (D-13)

    proven = await_event(receiver, "CASHOUT_FAILED", created.transaction_id, target.crypto_token)
    event = proven.event
    assert isinstance(event, CashOutFailedEvent)
    assert event.data.status == "FAILED" and event.data.end_to_end_id is None
    failure = present(event.data.failure, "CASHOUT_FAILED data.failure")
    assert isinstance(failure, CashOutFailure)
    assert failure.code == failure_code and failure.message
    got = client.cash_out.get(str(created.transaction_id)).data
    assert got.status == "FAILED"
    assert isinstance(present(got.failure, "CashOut.failure"), CashOutFailure)
    assert transactional(client) == before  # credited back, to the centavo


def test_cash_out_returned_by_the_receiving_bank_is_refunded(
    client: ConnectPSP, target: Target, mock: RunningMock, receiver: WebhookReceiver
) -> None:
    before = transactional(client)
    created = create_cash_out(client, target, destination_for("PHONE"), "20.95", receiver)
    tid = created.transaction_id
    completed = await_event(receiver, "CASHOUT_COMPLETED", tid, target.crypto_token).event
    returned = await_event(receiver, "CASHOUT_REFUNDED", tid, target.crypto_token).event
    assert isinstance(completed, CashOutCompletedEvent)
    assert isinstance(returned, CashOutRefundedEvent)
    assert returned.data.status == "REFUNDED"
    returned_e2e = present(returned.data.end_to_end_id, "CASHOUT_REFUNDED data.endToEndId")
    assert parse_end_to_end_id(returned_e2e).kind == "D"
    matches(
        returned.data.original_end_to_end_id,
        completed.data.end_to_end_id,
        "CASHOUT_REFUNDED data.originalEndToEndId",
    )
    assert client.cash_out.get(str(tid)).data.status == "REFUNDED"
    assert transactional(client) == before


def test_cash_out_above_the_balance_is_refused_and_creates_nothing(
    client: ConnectPSP, target: Target, mock: RunningMock
) -> None:
    available = transactional(client)
    reference = unique_reference("contract-too-much")
    with pytest.raises(BusinessRuleError) as refused:
        client.cash_out.create(
            amount=available + Decimal("0.01"),
            external_reference=reference,
            payee_name="Maria Silva",
            payee_document=PAYEE_DOCUMENT,
            destination=destination_for("CPF"),
        )
    assert refused.value.status == 422 and refused.value.code == "INSUFFICIENT_FUNDS"
    assert refused.value.idempotency_key is not None
    assert not [c for c in mock.state()["cashOuts"] if c["externalReference"] == reference]
    assert transactional(client) == available


def test_duplicate_external_reference_is_a_conflict(
    client: ConnectPSP, target: Target, money_movement: None
) -> None:
    reference = unique_reference("contract-duplicate")
    kwargs = {
        "amount": amount_for(target.max_amount, "1.00"),
        "external_reference": reference,
        "payee_name": "Maria Silva",
        "payee_document": PAYEE_DOCUMENT,
        "destination": destination_for("EVP"),
    }
    client.cash_out.create(**kwargs)  # type: ignore[arg-type]
    with pytest.raises(ConflictError) as duplicate:
        client.cash_out.create(**kwargs)  # type: ignore[arg-type]  # a new key: not a replay
    assert duplicate.value.code == "DUPLICATE_EXTERNAL_REFERENCE"
