"""Cash-out flows: acceptance and reservation, asynchronous settlement, magic outcomes (D-29),
insufficient funds, duplicates, lookups, and the settle/return/cancel controls."""

from __future__ import annotations

import re
import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest

from connectpsp_ext.pix import parse_end_to_end_id
from connectpsp_mock.settings import MockSettings
from connectpsp_mock.testing import RunningMock, running_mock

from .helpers import (
    CPF,
    ISPB_DELBANK,
    Api,
    assert_conforms,
    assert_problem,
    bank_account_destination,
)


def _consolidated(api: Api) -> dict[str, Decimal]:
    return {k: Decimal(str(v)) for k, v in api.balance()["consolidated"].items()}


def _settled(api: Api, mock: RunningMock, lookup: str) -> dict[str, Any]:
    assert mock.wait_idle()
    response = api.get_cash_out(lookup)
    body: dict[str, Any] = assert_conforms(response, "/cash-out/{id}")
    return body


def test_accepted_as_processing_with_funds_reserved(api: Api) -> None:
    response = api.create_cash_out(amount=500)
    body = assert_conforms(response, "/cash-out")
    assert response.status_code == 202
    assert body["status"] == "PROCESSING" and body["endToEndId"] is None
    uuid.UUID(body["transactionId"])
    assert re.fullmatch(r"[A-Z]{10}", body["internalCode"])
    assert body["description"] == "User withdrawal"
    assert body["payee"]["destination"] == {"type": "PIX", "pixKeyType": "CPF", "pixKey": CPF}
    assert "completedAt" not in body and "failure" not in body
    # D-13: reserved at acceptance, from Delbank first.
    assert _consolidated(api)["transactionalBalance"] == Decimal("499500.00")
    delbank = api.balance()["banks"][0]
    assert delbank["ispb"] == ISPB_DELBANK
    assert Decimal(str(delbank["accounts"]["transactional"]["balance"])) == Decimal("199500.00")


def test_settles_to_completed_with_e2e_and_webhook_data(api: Api, mock: RunningMock) -> None:
    created = api.create_cash_out(amount=50.00).json()
    body = _settled(api, mock, created["internalCode"])
    assert body["status"] == "COMPLETED"
    e2e = parse_end_to_end_id(body["endToEndId"])
    assert e2e.kind == "E" and e2e.ispb == ISPB_DELBANK
    assert body["completedAt"] == "2026-03-10T11:00:00-03:00"
    for lookup in (created["transactionId"], body["endToEndId"]):
        assert api.get_cash_out(lookup).json()["status"] == "COMPLETED"
    events = mock.events(transaction_id=created["transactionId"])
    assert [e["eventType"] for e in events] == ["CASHOUT_COMPLETED"]
    assert events[0]["state"] == "no_url"
    assert _consolidated(api)["transactionalBalance"] == Decimal("499950.00")


def test_bank_account_destination(api: Api, mock: RunningMock) -> None:
    payee = {"name": "Maria Silva", "document": CPF, "destination": bank_account_destination()}
    created = assert_conforms(api.create_cash_out(payee=payee), "/cash-out")
    assert created["payee"]["destination"] == bank_account_destination()
    assert _settled(api, mock, created["internalCode"])["status"] == "COMPLETED"


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        (10.91, "PIX_KEY_NOT_FOUND"),
        (10.92, "ACCOUNT_CLOSED"),
        (10.93, "INSUFFICIENT_FUNDS"),
    ],
)
def test_magic_amounts_fail_and_return_the_funds(
    api: Api, mock: RunningMock, amount: float, code: str
) -> None:
    before = _consolidated(api)
    created = api.create_cash_out(amount=amount).json()
    assert created["status"] == "PROCESSING"
    body = _settled(api, mock, created["internalCode"])
    assert body["status"] == "FAILED"
    assert body["endToEndId"] is None
    assert body["failure"]["code"] == code and body["failure"]["message"]
    assert "failedAt" in body and "completedAt" not in body
    assert _consolidated(api) == before
    events = mock.events(transaction_id=created["transactionId"])
    assert [e["eventType"] for e in events] == ["CASHOUT_FAILED"]
    assert events[0]["body"]["data"]["failure"]["code"] == code


def test_magic_amount_94_stays_processing_until_a_control_call(api: Api, mock: RunningMock) -> None:
    created = api.create_cash_out(amount=1.94).json()
    assert _settled(api, mock, created["internalCode"])["status"] == "PROCESSING"
    settled = mock.settle_cash_out(created["internalCode"])
    assert settled["status"] == "COMPLETED"
    assert_problem(
        mock.control.post(f"/_mock/cash-out/{created['internalCode']}/settle"), 409, "INVALID_STATE"
    )


def test_magic_amount_95_completes_then_is_returned(api: Api, mock: RunningMock) -> None:
    before = _consolidated(api)
    created = api.create_cash_out(amount=7.95).json()
    body = _settled(api, mock, created["internalCode"])
    assert body["status"] == "REFUNDED"
    assert parse_end_to_end_id(body["endToEndId"]).kind == "D"
    assert parse_end_to_end_id(body["originalEndToEndId"]).kind == "E"
    assert _consolidated(api) == before
    types = [e["eventType"] for e in mock.events(transaction_id=created["transactionId"])]
    assert types == ["CASHOUT_COMPLETED", "CASHOUT_REFUNDED"]


def test_magic_keys_fail(api: Api, mock: RunningMock) -> None:
    email = {"type": "PIX", "pixKeyType": "EMAIL", "pixKey": "not-found@connectpsp.test"}
    closed = bank_account_destination(account="999999")
    codes = []
    for destination in (email, closed):
        payee = {"name": "M", "document": CPF, "destination": destination}
        created = api.create_cash_out(payee=payee).json()
        codes.append(_settled(api, mock, created["internalCode"])["failure"]["code"])
    assert codes == ["PIX_KEY_NOT_FOUND", "ACCOUNT_CLOSED"]


def test_insufficient_funds_uses_the_documented_wording(api: Api) -> None:
    assert api.rebalance(100).status_code == 200
    response = api.create_cash_out(amount=500)
    body = assert_problem(response, 422, "INSUFFICIENT_FUNDS")
    assert_conforms(response, "/cash-out")
    assert body["detail"] == (
        "The requested amount of R$ 500.00 exceeds available balance of R$ 100.00."
    )
    assert api.mock.state()["cashOuts"] == []
    assert api.create_cash_out(amount=100).status_code == 202  # exactly the balance is fine


def test_amount_is_drawn_across_banks_in_order(api: Api, mock: RunningMock) -> None:
    created = api.create_cash_out(amount=250000).json()
    state = mock.state()
    allocations = state["cashOuts"][0]["mock"]["allocations"]
    assert [(a["ispb"], Decimal(str(a["amount"]))) for a in allocations] == [
        (ISPB_DELBANK, Decimal("200000.00")),
        ("13935893", Decimal("50000.00")),
    ]
    assert created["status"] == "PROCESSING"


def test_duplicate_external_reference_is_409(api: Api) -> None:
    assert api.create_cash_out(externalReference="withdraw_xyz789").status_code == 202
    response = api.create_cash_out(externalReference="withdraw_xyz789")
    assert_problem(response, 409, "DUPLICATE_EXTERNAL_REFERENCE")
    assert_conforms(response, "/cash-out")
    assert len(api.mock.state()["cashOuts"]) == 1


def test_unknown_cash_out_is_404(api: Api) -> None:
    response = api.get_cash_out("IVKPRMOCDY")
    assert_problem(response, 404, "TRANSACTION_NOT_FOUND")
    assert_conforms(response, "/cash-out/{id}")
    cash_in = api.create_cash_in().json()
    assert_problem(api.get_cash_out(cash_in["internalCode"]), 404, "TRANSACTION_NOT_FOUND")


def test_manual_settlement_failure_return_and_cancel() -> None:
    settings = MockSettings(seed=11, settlement_delay_seconds=None)
    with running_mock(settings) as mock, httpx.Client(base_url=mock.base_url) as client:
        api = Api(mock, client)
        before = _consolidated(api)
        first = api.create_cash_out(amount=10).json()
        assert (
            mock.wait_idle()
            and api.get_cash_out(first["internalCode"]).json()["status"] == "PROCESSING"
        )
        failed = mock.settle_cash_out(
            first["internalCode"], "FAILED", {"code": "ACCOUNT_BLOCKED", "message": "Blocked."}
        )
        assert failed["failure"] == {"code": "ACCOUNT_BLOCKED", "message": "Blocked."}

        second = api.create_cash_out(amount=20).json()
        assert mock.settle_cash_out(second["internalCode"])["status"] == "COMPLETED"
        returned = mock.return_cash_out(second["internalCode"])
        assert returned["status"] == "REFUNDED" and returned["refundedAt"]
        response = mock.control.post(f"/_mock/cash-out/{second['internalCode']}/return")
        assert_problem(response, 409, "INVALID_STATE")

        third = api.create_cash_out(amount=30).json()
        assert mock.cancel_cash_out(third["internalCode"])["status"] == "CANCELLED"
        assert _consolidated(api) == before
        types = [e["eventType"] for e in mock.events()]
        assert types == ["CASHOUT_FAILED", "CASHOUT_COMPLETED", "CASHOUT_REFUNDED"]
