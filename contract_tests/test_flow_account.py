"""Balance and rebalance, both directions, checked to the centavo with Decimal.

Rebalance sets the transactional total: above it, funds come from proprietary (top-up, banks in
the order Delbank, Celcoin, StarkBank); below it, the excess is swept back (reverse order), D-17.
Against staging (money movement allowed) only a net-zero round trip of R$ 0.01 is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest
from connectpsp_client.models import Balance, BankAccountBalance

from connectpsp_ext import BusinessRuleError, ConnectPSP
from connectpsp_mock.testing import RunningMock

from .present import present
from .target import Target

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Totals:
    transactional_balance: Decimal
    proprietary_balance: Decimal
    total_balance: Decimal


@dataclass(frozen=True)
class Snapshot:
    """The figures of a balance response the flows compare (each one documented, D-40)."""

    consolidated: Totals
    banks: list[str]  # bank names in the order the response lists them
    per_bank: dict[str, tuple[Decimal, Decimal]]  # name -> (transactional, proprietary)


def _account_balance(account: BankAccountBalance | None, what: str) -> Decimal:
    return present(present(account, what).balance, f"{what}.balance")


def read_snapshot(balance: Balance) -> Snapshot:
    consolidated = present(balance.consolidated, "Balance.consolidated")
    per_bank: dict[str, tuple[Decimal, Decimal]] = {}
    names: list[str] = []
    for bank in present(balance.banks, "Balance.banks"):
        name = present(bank.bank, "banks[].bank")
        accounts = present(bank.accounts, "banks[].accounts")
        per_bank[name] = (
            _account_balance(
                present(accounts.transactional, "accounts.transactional"), "transactional"
            ),
            _account_balance(present(accounts.proprietary, "accounts.proprietary"), "proprietary"),
        )
        names.append(name)
    return Snapshot(
        Totals(
            present(consolidated.transactional_balance, "consolidated.transactionalBalance"),
            present(consolidated.proprietary_balance, "consolidated.proprietaryBalance"),
            present(consolidated.total_balance, "consolidated.totalBalance"),
        ),
        names,
        per_bank,
    )


def snapshot(client: ConnectPSP) -> Snapshot:
    balance = client.account.balance().data
    taken = read_snapshot(balance)
    consolidated = taken.consolidated
    # The consolidated figures are the sums over the banks, exactly.
    transactional = sum((t for t, _ in taken.per_bank.values()), Decimal(0))
    proprietary = sum((p for _, p in taken.per_bank.values()), Decimal(0))
    assert consolidated.transactional_balance == transactional
    assert consolidated.proprietary_balance == proprietary
    assert consolidated.total_balance == transactional + proprietary
    assert present(balance.currency, "Balance.currency") == "BRL"
    return taken


def per_bank(taken: Snapshot) -> dict[str, tuple[Decimal, Decimal]]:
    return taken.per_bank


def test_balance_is_consistent(client: ConnectPSP) -> None:
    balance = snapshot(client)
    assert balance.banks, "the wallet snapshot lists the banking partners"


def test_rebalance_top_up_pulls_from_proprietary_in_bank_order(
    client: ConnectPSP, mock: RunningMock
) -> None:
    before = snapshot(client)
    current = before.consolidated.transactional_balance
    result = client.account.rebalance(current + Decimal("1000.00"))
    assert result.data.success is True and result.idempotency_key is None
    after = snapshot(client)
    assert after.consolidated.transactional_balance == current + Decimal("1000.00")
    assert after.consolidated.proprietary_balance == (
        before.consolidated.proprietary_balance - Decimal("1000.00")
    )
    assert after.consolidated.total_balance == before.consolidated.total_balance
    first_bank = before.banks[0]  # the first bank in order gives the whole top-up
    t0, p0 = per_bank(before)[first_bank]
    assert per_bank(after)[first_bank] == (t0 + Decimal("1000.00"), p0 - Decimal("1000.00"))
    changed = [name for name, value in per_bank(after).items() if per_bank(before)[name] != value]
    assert changed == [first_bank]


def test_rebalance_sweep_returns_excess_in_reverse_bank_order(
    client: ConnectPSP, mock: RunningMock
) -> None:
    before = snapshot(client)
    current = before.consolidated.transactional_balance
    client.account.rebalance(current - Decimal("2000.50"))
    after = snapshot(client)
    assert after.consolidated.transactional_balance == current - Decimal("2000.50")
    assert after.consolidated.total_balance == before.consolidated.total_balance
    last_bank = before.banks[-1]
    t0, p0 = per_bank(before)[last_bank]
    assert per_bank(after)[last_bank] == (t0 - Decimal("2000.50"), p0 + Decimal("2000.50"))


def test_rebalance_to_the_current_amount_moves_nothing(
    client: ConnectPSP, mock: RunningMock
) -> None:
    before = snapshot(client)
    client.account.rebalance(before.consolidated.transactional_balance)
    assert per_bank(snapshot(client)) == per_bank(before)


def test_top_up_beyond_proprietary_funds_is_refused_and_moves_nothing(
    client: ConnectPSP, mock: RunningMock
) -> None:
    before = snapshot(client)
    with pytest.raises(BusinessRuleError) as refused:
        client.account.rebalance(before.consolidated.total_balance + CENT)
    assert refused.value.status == 422 and refused.value.code == "INSUFFICIENT_FUNDS"
    assert per_bank(snapshot(client)) == per_bank(before)


def test_rebalance_round_trip_of_one_centavo(
    client: ConnectPSP, target: Target, money_movement: None
) -> None:
    """Runs on staging too (with the opt-in): +R$ 0.01 then back, balances exact."""
    start = snapshot(client).consolidated
    client.account.rebalance(start.transactional_balance + CENT)
    assert snapshot(client).consolidated.transactional_balance == start.transactional_balance + CENT
    client.account.rebalance(start.transactional_balance)
    end = snapshot(client).consolidated
    assert end.transactional_balance == start.transactional_balance
    assert end.proprietary_balance == start.proprietary_balance
