"""GET /account/balance (exact consolidated sums) and POST /account/rebalance (D-16, D-17)."""

from __future__ import annotations

from decimal import Decimal

from .helpers import ISPB_CELCOIN, ISPB_DELBANK, ISPB_STARK, Api, assert_conforms, assert_problem


def _accounts(api: Api) -> dict[str, tuple[Decimal, Decimal]]:
    return {
        b["ispb"]: (
            Decimal(str(b["accounts"]["transactional"]["balance"])),
            Decimal(str(b["accounts"]["proprietary"]["balance"])),
        )
        for b in api.balance()["banks"]
    }


def test_balance_snapshot_matches_the_documented_shape(api: Api) -> None:
    response = api.client.get("/account/balance", headers=api.headers)
    body = assert_conforms(response, "/account/balance")
    assert body["currency"] == "BRL"
    assert body["referenceDate"] == "2026-03-10"
    assert body["updatedAt"] == "2026-03-10T14:00:00Z"
    assert [b["ispb"] for b in body["banks"]] == [ISPB_DELBANK, ISPB_CELCOIN, ISPB_STARK]
    celcoin = body["banks"][1]
    assert celcoin["bank"] == "CELCOIN IP S.A."
    assert celcoin["accounts"]["transactional"] == {
        "branch": "0001",
        "account": "123456",
        "balance": 200000.0,
    }
    assert celcoin["accounts"]["proprietary"]["account"] == "654321"
    assert body["consolidated"] == {
        "totalBalance": 1500000.0,
        "transactionalBalance": 500000.0,
        "proprietaryBalance": 1000000.0,
    }
    assert '"totalBalance":1500000.00' in response.text


def test_consolidated_totals_are_exact_sums(api: Api) -> None:
    api.create_cash_out(amount=0.07)
    api.create_cash_out(amount=0.01)
    body = api.balance()
    transactional = sum(
        Decimal(str(b["accounts"]["transactional"]["balance"])) for b in body["banks"]
    )
    proprietary = sum(Decimal(str(b["accounts"]["proprietary"]["balance"])) for b in body["banks"])
    consolidated = {k: Decimal(str(v)) for k, v in body["consolidated"].items()}
    assert consolidated["transactionalBalance"] == transactional == Decimal("499999.92")
    assert consolidated["proprietaryBalance"] == proprietary
    assert consolidated["totalBalance"] == transactional + proprietary


def test_top_up_pulls_from_proprietary_in_bank_order(api: Api) -> None:
    response = api.rebalance(900000)
    body = assert_conforms(response, "/account/rebalance")
    assert body == {"success": True, "message": "Rebalancing completed successfully."}
    assert _accounts(api) == {
        ISPB_DELBANK: (Decimal("600000.00"), Decimal("0.00")),
        ISPB_CELCOIN: (Decimal("200000.00"), Decimal("400000.00")),
        ISPB_STARK: (Decimal("100000.00"), Decimal("200000.00")),
    }


def test_sweep_moves_excess_in_reverse_bank_order(api: Api) -> None:
    assert api.rebalance(250000.50).status_code == 200
    assert _accounts(api) == {
        ISPB_DELBANK: (Decimal("200000.00"), Decimal("400000.00")),
        ISPB_CELCOIN: (Decimal("50000.50"), Decimal("549999.50")),
        ISPB_STARK: (Decimal("0.00"), Decimal("300000.00")),
    }
    assert Decimal(str(api.balance()["consolidated"]["transactionalBalance"])) == Decimal(
        "250000.50"
    )


def test_rebalance_to_the_current_amount_moves_nothing(api: Api) -> None:
    before = _accounts(api)
    assert api.rebalance(500000).status_code == 200
    assert _accounts(api) == before


def test_top_up_beyond_proprietary_is_refused_and_moves_nothing(api: Api) -> None:
    before = _accounts(api)
    response = api.rebalance(1500000.01)
    assert_conforms(response, "/account/rebalance")
    body = assert_problem(response, 422, "INSUFFICIENT_FUNDS")
    assert body["detail"] == (
        "The requested amount of R$ 1000000.01 exceeds available balance of R$ 1000000.00."
    )
    assert _accounts(api) == before
    assert api.rebalance(1500000).status_code == 200  # all proprietary funds is the limit
