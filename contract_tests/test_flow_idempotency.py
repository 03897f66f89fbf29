"""Idempotent replay: the same X-Idempotency-Key gives the same transaction, and only one exists.

Same key + same body -> the original answer, nothing new (also under concurrent duplicates);
same key + different body -> 409 IDEMPOTENCY_KEY_REUSED (D-07).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest

from connectpsp_ext import ConflictError, ConnectPSP, new_idempotency_key, pix_key_destination
from connectpsp_mock.testing import RunningMock

from .flows import amount_for, transactional_balance, unique_reference
from .target import Target

PAYEE = {"payee_name": "Maria Silva", "payee_document": "12345678909"}


def test_cash_in_replay_returns_the_same_transaction(client: ConnectPSP, target: Target) -> None:
    key = new_idempotency_key()
    request = {
        "amount": amount_for(target.max_amount, "10.00"),
        "external_reference": unique_reference("contract-replay-in"),
        "payer_name": "Test User",
        "payer_document": "12345678909",
    }
    first = client.cash_in.create(**request, idempotency_key=key)  # type: ignore[arg-type]
    second = client.cash_in.create(**request, idempotency_key=key)  # type: ignore[arg-type]
    assert first.idempotency_key == second.idempotency_key == key
    assert second.status_code == 201
    assert second.data.transaction_id == first.data.transaction_id
    assert second.data.internal_code == first.data.internal_code


def test_cash_out_replay_creates_one_transaction_and_debits_once(
    client: ConnectPSP, target: Target, mock: RunningMock
) -> None:
    key = new_idempotency_key()
    reference = unique_reference("contract-replay-out")
    request = {
        "amount": Decimal("33.33"),
        "external_reference": reference,
        "destination": pix_key_destination("EVP", "9f0b8f9e-3c1a-4a8e-9a55-2d7a1c0b6e11"),
        **PAYEE,
    }
    before = transactional_balance(client)
    first = client.cash_out.create(**request, idempotency_key=key)  # type: ignore[arg-type]
    replays = [
        client.cash_out.create(**request, idempotency_key=key)  # type: ignore[arg-type]
        for _ in range(3)
    ]
    assert {str(r.data.transaction_id) for r in replays} == {str(first.data.transaction_id)}
    assert all(r.status_code == 202 for r in replays)
    assert mock.wait_idle()
    matching = [c for c in mock.state()["cashOuts"] if c["externalReference"] == reference]
    assert len(matching) == 1
    after = transactional_balance(client)
    assert before - after == Decimal("33.33")  # debited once


def test_concurrent_duplicates_create_exactly_one_cash_out(
    client: ConnectPSP, target: Target, mock: RunningMock
) -> None:
    key = new_idempotency_key()
    reference = unique_reference("contract-concurrent")
    request = {
        "amount": Decimal("5.55"),
        "external_reference": reference,
        "destination": pix_key_destination("PHONE", "+5511987654321"),
        "idempotency_key": key,
        **PAYEE,
    }
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: client.cash_out.create(**request), range(8)))  # type: ignore[arg-type]
    assert len({str(r.data.transaction_id) for r in results}) == 1
    assert mock.wait_idle()
    assert len([c for c in mock.state()["cashOuts"] if c["externalReference"] == reference]) == 1


def test_same_key_with_a_different_body_is_refused(client: ConnectPSP, target: Target) -> None:
    key = new_idempotency_key()
    request = {
        "amount": amount_for(target.max_amount, "1.00"),
        "external_reference": unique_reference("contract-key-reuse"),
        "payer_name": "Test User",
        "payer_document": "12345678909",
    }
    client.cash_in.create(**request, idempotency_key=key)  # type: ignore[arg-type]
    changed = dict(request, external_reference=unique_reference("contract-key-reuse"))
    with pytest.raises(ConflictError) as reused:
        client.cash_in.create(**changed, idempotency_key=key)  # type: ignore[arg-type]
    assert reused.value.code == "IDEMPOTENCY_KEY_REUSED"
    assert reused.value.idempotency_key == key


def test_refund_replay_refunds_once(client: ConnectPSP, target: Target, mock: RunningMock) -> None:
    created = client.cash_in.create(
        amount=Decimal("42.00"),
        external_reference=unique_reference("contract-replay-refund"),
        payer_name="Test User",
        payer_document="12345678909",
    ).data
    mock.pay_cash_in(created.internal_code)
    key = new_idempotency_key()
    before = transactional_balance(client)
    first = client.cash_in.refund(created.internal_code, "FRAUD", idempotency_key=key)
    second = client.cash_in.refund(created.internal_code, "FRAUD", idempotency_key=key)
    assert second.status_code == 202
    assert second.data.end_to_end_id == first.data.end_to_end_id
    after = transactional_balance(client)
    assert before - after == Decimal("42.00")
