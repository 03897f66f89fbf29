"""Confirm-by-polling: the event must agree with the transaction read back from the API."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from typing import Any

import pytest
from connectpsp_client.models import CashIn, CashOut

from connectpsp_ext.results import Result
from connectpsp_ext.webhooks import (
    AsyncPollingConfirmer,
    PollingConfirmer,
    WebhookNotConfirmed,
    parse_event,
)
from connectpsp_ext.webhooks.confirm import compare_with_fetched

from .payloads import CASH_IN_ID, CASH_OUT_ID, E2E, REFUND_E2E, body


def cash_in(**overrides: Any) -> CashIn:
    data = json.loads(body("CASHIN_PAID"), parse_float=Decimal)["data"]
    data.update(overrides)
    return CashIn.from_dict(data)


def cash_out(**overrides: Any) -> CashOut:
    data = json.loads(body("CASHOUT_COMPLETED"), parse_float=Decimal)["data"]
    data.update(overrides)
    return CashOut.from_dict(data)


PAID = parse_event(body("CASHIN_PAID"))
COMPLETED = parse_event(body("CASHOUT_COMPLETED"))


def test_matching_transaction_confirms() -> None:
    result = compare_with_fetched(PAID, cash_in())
    assert result.confirmed and result.reasons == ()
    result.raise_if_not_confirmed()


def test_a_later_status_on_the_same_path_still_confirms() -> None:
    refunded = cash_in(status="REFUNDED", endToEndId=REFUND_E2E, originalEndToEndId=E2E)
    assert compare_with_fetched(PAID, refunded).confirmed
    assert compare_with_fetched(
        COMPLETED, cash_out(status="REFUNDED", endToEndId=REFUND_E2E, originalEndToEndId=E2E)
    ).confirmed


@pytest.mark.parametrize(
    ("fetched", "reason"),
    [
        (cash_in(status="AWAITING_PAYMENT", endToEndId=None), "does not confirm PAID"),
        (cash_in(status="EXPIRED"), "does not confirm PAID"),
        (cash_in(amount=Decimal("10.01")), "amount differs"),
        (cash_in(amount=Decimal("100.00")), "amount differs"),
        (cash_in(endToEndId="E99999999202603101827cemeFscF6AG"), "end-to-end id differs"),
        (
            cash_in(transactionId="zz6g232xel65a0daee4dd13kk2912714964", internalCode="OTHER01"),
            "different id",
        ),
    ],
)
def test_disagreements_are_reported(fetched: CashIn, reason: str) -> None:
    result = compare_with_fetched(PAID, fetched)
    assert not result.confirmed
    assert any(reason in r for r in result.reasons)
    with pytest.raises(WebhookNotConfirmed) as info:
        result.raise_if_not_confirmed()
    assert "12345678909" not in str(info.value)


def test_amount_equality_is_exact_decimal() -> None:
    # 10.00 and 10.0 are the same amount; 10.001 is not
    assert compare_with_fetched(PAID, cash_in(amount=Decimal("10.0"))).confirmed
    assert not compare_with_fetched(PAID, cash_in(amount=Decimal("10.001"))).confirmed


def test_event_status_must_match_its_type() -> None:
    odd = parse_event(body("CASHIN_PAID", status="REFUNDED"))
    result = compare_with_fetched(odd, cash_in(status="REFUNDED"))
    assert not result.confirmed
    assert any("eventType" in r for r in result.reasons)


def test_failed_cash_out_without_e2e() -> None:
    failed = parse_event(body("CASHOUT_FAILED"))
    assert compare_with_fetched(failed, cash_out(status="FAILED", endToEndId=None)).confirmed
    assert not compare_with_fetched(failed, cash_out(status="COMPLETED")).confirmed


def test_confirmer_polls_the_right_resource_and_unwraps_results() -> None:
    calls: list[tuple[str, str]] = []

    def get_cash_in(reference: str) -> Result[CashIn]:
        calls.append(("in", reference))
        return Result(data=cash_in(), status_code=200, idempotency_key=None, request_id=None)

    def get_cash_out(reference: str) -> CashOut:
        calls.append(("out", reference))
        return cash_out()

    confirmer = PollingConfirmer(fetch_cash_in=get_cash_in, fetch_cash_out=get_cash_out)
    assert confirmer.confirm(PAID).confirmed
    assert confirmer.confirm(COMPLETED).confirmed
    assert calls == [("in", CASH_IN_ID), ("out", CASH_OUT_ID)]


def test_unknown_events_are_never_confirmed() -> None:
    generic = parse_event(
        b'{"eventType":"X","eventAt":"2026-03-10T14:22:18Z","data":{"transactionId":"t"}}'
    )

    def never(_: str) -> CashIn:
        raise AssertionError("must not poll")

    confirmer = PollingConfirmer(fetch_cash_in=never, fetch_cash_out=never)  # type: ignore[arg-type]
    assert not confirmer.confirm(generic).confirmed
    assert not compare_with_fetched(generic, cash_in()).confirmed


def test_async_confirmer() -> None:
    async def get_cash_in(reference: str) -> CashIn:
        assert reference == CASH_IN_ID
        return cash_in(amount=Decimal("9.99"))

    async def get_cash_out(reference: str) -> CashOut:
        return cash_out()

    confirmer = AsyncPollingConfirmer(fetch_cash_in=get_cash_in, fetch_cash_out=get_cash_out)
    assert not asyncio.run(confirmer.confirm(PAID)).confirmed
    assert asyncio.run(confirmer.confirm(COMPLETED)).confirmed
