"""The reconciliation on hand-made ledgers and mock states: each kind of finding is detected."""

from __future__ import annotations

import copy
import uuid
from decimal import Decimal
from typing import Any

import pytest

from bench.soak.ledger import CallRecord, Kind, Outcome
from bench.soak.reconcile import planned_cash_out_status, reconcile

PREFIX = "soak-t-"
INITIAL = Decimal("1000.00")


def _balance(transactional: str, proprietary: str) -> dict[str, Any]:
    t, p = Decimal(transactional), Decimal(proprietary)
    return {
        "consolidated": {
            "totalBalance": t + p,
            "transactionalBalance": t,
            "proprietaryBalance": p,
        },
        "banks": [{"accounts": {"transactional": {"balance": t}, "proprietary": {"balance": p}}}],
    }


def _records() -> list[CallRecord]:
    paid = CallRecord(Kind.CASH_IN, f"{PREFIX}ci-1", Decimal("10.07"), uuid.uuid4())
    paid.outcome, paid.transaction_id, paid.paid = Outcome.SUCCESS, "ci1", True
    refunded = CallRecord(Kind.CASH_IN, f"{PREFIX}ci-2", Decimal("5.00"), uuid.uuid4())
    refunded.outcome, refunded.transaction_id, refunded.paid = Outcome.SUCCESS, "ci2", True
    refund = CallRecord(Kind.REFUND, "ci2", Decimal("5.00"), uuid.uuid4())
    refund.outcome, refund.transaction_id = Outcome.SUCCESS, "ci2"
    out = CallRecord(Kind.CASH_OUT, f"{PREFIX}co-1", Decimal("3.10"), uuid.uuid4())
    out.outcome, out.transaction_id = Outcome.SUCCESS, "co1"
    failed = CallRecord(Kind.CASH_OUT, f"{PREFIX}co-2", Decimal("2.91"), uuid.uuid4())
    failed.outcome, failed.transaction_id = Outcome.SUCCESS, "co2"
    refused = CallRecord(Kind.CASH_OUT, f"{PREFIX}co-3", Decimal("9.00"), uuid.uuid4())
    refused.outcome, refused.error_code = Outcome.REJECTED, "INSUFFICIENT_FUNDS"
    rebalance = CallRecord(Kind.REBALANCE, "600.00", Decimal("600.00"), None)
    rebalance.outcome = Outcome.SUCCESS
    return [paid, refunded, refund, out, failed, refused, rebalance]


def _state() -> dict[str, Any]:
    # 1000.00 + 10.07 (paid) - 3.10 (completed cash-out) = 1006.97; the refunded cash-in and the
    # failed cash-out net to zero. After the final rebalance: transactional = 500.00.
    return {
        "cashIns": [
            {
                "transactionId": "ci1",
                "externalReference": f"{PREFIX}ci-1",
                "status": "PAID",
                "amount": Decimal("10.07"),
            },
            {
                "transactionId": "ci2",
                "externalReference": f"{PREFIX}ci-2",
                "status": "REFUNDED",
                "amount": 5,
            },
        ],
        "cashOuts": [
            {
                "transactionId": "co1",
                "externalReference": f"{PREFIX}co-1",
                "status": "COMPLETED",
                "amount": Decimal("3.10"),
            },
            {
                "transactionId": "co2",
                "externalReference": f"{PREFIX}co-2",
                "status": "FAILED",
                "amount": Decimal("2.91"),
            },
        ],
        "balance": _balance("500.00", "506.97"),
    }


def _run(records: list[CallRecord], state: dict[str, Any], target: str | None = "500.00") -> Any:
    return reconcile(
        records,
        state,
        prefix=PREFIX,
        initial_total=INITIAL,
        final_target=None if target is None else Decimal(target),
    )


def test_a_consistent_run_reconciles() -> None:
    result = _run(_records(), _state())
    assert result.ok, result
    assert result.balances.expected_total_from_ledger == Decimal("1006.97")
    assert result.balances.expected_total_from_mock == Decimal("1006.97")


def test_a_duplicate_transaction_is_found() -> None:
    state = _state()
    state["cashOuts"].append({**state["cashOuts"][0], "transactionId": "co1-bis"})
    result = _run(_records(), state)
    assert result.duplicates == [f"cash_out {PREFIX}co-1: 2 transactions"]
    assert not result.ok


def test_an_unresolved_call_is_a_lost_outcome() -> None:
    records = _records()
    records[3].outcome, records[3].error_code = Outcome.UNKNOWN, "NetworkError"
    result = _run(records, _state())
    assert any("outcome never resolved (NetworkError)" in f for f in result.lost)


def test_a_success_missing_in_the_mock_is_lost() -> None:
    state = _state()
    del state["cashIns"][0]
    result = _run(_records(), state)
    assert any(f"{PREFIX}ci-1: succeeded but missing" in f for f in result.lost)


def test_a_rejection_that_was_committed_is_lost() -> None:
    state = _state()
    state["cashOuts"].append(
        {
            "transactionId": "co3",
            "externalReference": f"{PREFIX}co-3",
            "status": "COMPLETED",
            "amount": Decimal("9.00"),
        }
    )
    result = _run(_records(), state)
    assert any("rejected (INSUFFICIENT_FUNDS) but committed" in f for f in result.lost)


def test_a_transaction_nobody_asked_for_is_lost() -> None:
    state = _state()
    state["cashIns"].append(
        {
            "transactionId": "ci9",
            "externalReference": f"{PREFIX}ci-9",
            "status": "AWAITING_PAYMENT",
            "amount": Decimal("1.00"),
        }
    )
    result = _run(_records(), state)
    assert any("unknown to every caller" in f for f in result.lost)


def test_a_different_amount_is_lost() -> None:
    state = _state()
    state["cashOuts"][0]["amount"] = Decimal("3.01")
    result = _run(_records(), state)
    assert any("amount 3.01 != 3.10" in f for f in result.lost)


def test_refund_mismatches_in_both_directions() -> None:
    state = _state()
    state["cashIns"][1]["status"] = "PAID"
    assert any("succeeded but the mock says PAID" in f for f in _run(_records(), state).lost)
    records = [r for r in _records() if r.kind is not Kind.REFUND]
    assert any("no caller knows" in f for f in _run(records, _state()).lost)


def test_an_unexpected_rejection_is_reported() -> None:
    records = _records()
    records[5].error_code = "IDEMPOTENCY_KEY_REUSED"
    result = _run(records, _state())
    assert result.unexpected_rejections == [f"cash_out {PREFIX}co-3: IDEMPOTENCY_KEY_REUSED"]
    assert not result.ok


def test_a_settlement_that_differs_from_the_plan_is_reported() -> None:
    state = _state()
    state["cashOuts"][1]["status"] = "COMPLETED"
    result = _run(_records(), state)
    assert result.settlement_mismatches == [f"cash_out {PREFIX}co-2: COMPLETED, planned FAILED"]


@pytest.mark.parametrize(
    ("transactional", "proprietary", "target"),
    [
        ("500.00", "506.96", "500.00"),  # one centavo missing
        ("500.01", "506.96", "500.00"),  # right total, wrong split after the final rebalance
    ],
)
def test_balances_must_match_to_the_centavo(
    transactional: str, proprietary: str, target: str
) -> None:
    state = _state()
    state["balance"] = _balance(transactional, proprietary)
    result = _run(_records(), state, target)
    assert result.balances is not None and not result.balances.ok
    assert not result.ok


def test_bank_accounts_must_add_up_to_the_consolidated_balance() -> None:
    state = copy.deepcopy(_state())
    state["balance"]["banks"][0]["accounts"]["proprietary"]["balance"] = Decimal("0.00")
    result = _run(_records(), state)
    assert result.balances is not None and not result.balances.banks_sum_ok


@pytest.mark.parametrize(
    ("amount", "status"),
    [("2.91", "FAILED"), ("12.95", "REFUNDED"), ("3.10", "COMPLETED"), ("7.00", "COMPLETED")],
)
def test_planned_cash_out_status_follows_the_mock_magic_cents(amount: str, status: str) -> None:
    assert planned_cash_out_status(Decimal(amount)) == status
