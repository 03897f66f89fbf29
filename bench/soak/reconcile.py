"""Compare what the callers believe (the ledger) with what the mock holds (``GET /_mock/state``).

Pure functions over plain data, so tests can feed them doctored states. Findings:

- **duplicate**: more than one mock transaction for one externalReference (cash-in or cash-out).
- **lost**: a logical call without a definitive outcome; a success whose transaction is missing or
  differs (amount, reference) in the mock; a definitive rejection although the mock committed the
  operation; a mock transaction or refund that no caller knows about; a paid or refunded cash-in
  whose status in the mock disagrees.
- **unexpected rejection**: a 4xx other than the workload's legitimate ones (e.g. a 409
  ``IDEMPOTENCY_KEY_REUSED`` would mean a retry changed its body).
- **settlement**: a cash-out whose final status differs from the one its amount plans
  (``connectpsp_mock.outcomes``: .91 fails, .95 is returned, others complete).
- **balances**: the mock's consolidated total must equal the initial total plus paid cash-ins minus
  refunds minus cash-outs that stayed settled - computed twice, from the ledger and from the mock's
  own transaction list - and after the final rebalance the transactional balance must equal its
  target exactly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .ledger import CallRecord, Kind, Outcome
from .operations import EXPECTED_REJECTIONS

ZERO = Decimal("0.00")
DEBITED_CASH_OUT = frozenset({"PROCESSING", "COMPLETED"})  # others were credited back (D-13)
PAID_CASH_IN = frozenset({"PAID", "REFUNDED"})


def dec(value: Any) -> Decimal:
    """A JSON number (Decimal or int from ``json_loads``) as an exact Decimal."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise TypeError(f"not an exact JSON number: {value!r}")


def planned_cash_out_status(amount: Decimal) -> str:
    cents = int((amount * 100) % 100)
    return {91: "FAILED", 95: "REFUNDED"}.get(cents, "COMPLETED")


@dataclass
class Balances:
    initial_total: Decimal
    expected_total_from_ledger: Decimal
    expected_total_from_mock: Decimal
    actual_total: Decimal
    actual_transactional: Decimal
    actual_proprietary: Decimal
    final_target: Decimal | None
    banks_sum_ok: bool

    @property
    def ok(self) -> bool:
        totals = (
            self.expected_total_from_ledger
            == self.expected_total_from_mock
            == self.actual_total
            == self.actual_transactional + self.actual_proprietary
        )
        target_ok = self.final_target is None or self.actual_transactional == self.final_target
        return totals and target_ok and self.banks_sum_ok

    def as_dict(self) -> dict[str, str | bool | None]:
        return {
            "initial_total": str(self.initial_total),
            "expected_total_from_ledger": str(self.expected_total_from_ledger),
            "expected_total_from_mock": str(self.expected_total_from_mock),
            "actual_total": str(self.actual_total),
            "actual_transactional": str(self.actual_transactional),
            "actual_proprietary": str(self.actual_proprietary),
            "final_rebalance_target": None if self.final_target is None else str(self.final_target),
            "bank_accounts_sum_to_consolidated": self.banks_sum_ok,
            "reconciled": self.ok,
        }


@dataclass
class Reconciliation:
    duplicates: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    unexpected_rejections: list[str] = field(default_factory=list)
    settlement_mismatches: list[str] = field(default_factory=list)
    balances: Balances | None = None

    @property
    def ok(self) -> bool:
        return (
            not self.duplicates
            and not self.lost
            and not self.unexpected_rejections
            and not self.settlement_mismatches
            and self.balances is not None
            and self.balances.ok
        )


def _by_reference(
    transactions: Iterable[Mapping[str, Any]], prefix: str
) -> dict[str, list[Mapping[str, Any]]]:
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for tx in transactions:
        reference = str(tx.get("externalReference", ""))
        if reference.startswith(prefix):
            grouped.setdefault(reference, []).append(tx)
    return grouped


def _check_created(
    kind: Kind,
    records: list[CallRecord],
    mock: dict[str, list[Mapping[str, Any]]],
    out: Reconciliation,
) -> None:
    known = {r.reference for r in records}
    for reference, txs in mock.items():
        if len(txs) > 1:
            out.duplicates.append(f"{kind.value} {reference}: {len(txs)} transactions")
        if reference not in known:
            out.lost.append(f"{kind.value} {reference}: in the mock but unknown to every caller")
    for r in records:
        txs = mock.get(r.reference, [])
        if r.outcome is Outcome.UNKNOWN:
            out.lost.append(f"{kind.value} {r.reference}: outcome never resolved ({r.error_code})")
        elif r.outcome is Outcome.REJECTED and txs:
            out.lost.append(
                f"{kind.value} {r.reference}: rejected ({r.error_code}) but committed in the mock"
            )
        elif r.outcome is Outcome.SUCCESS:
            match = [tx for tx in txs if tx.get("transactionId") == r.transaction_id]
            if not match:
                out.lost.append(f"{kind.value} {r.reference}: succeeded but missing in the mock")
            elif dec(match[0]["amount"]) != r.amount:
                out.lost.append(
                    f"{kind.value} {r.reference}: amount {match[0]['amount']} != {r.amount}"
                )


def reconcile(
    records: list[CallRecord],
    state: Mapping[str, Any],
    *,
    prefix: str,
    initial_total: Decimal,
    final_target: Decimal | None,
) -> Reconciliation:
    out = Reconciliation()
    by_kind: dict[Kind, list[CallRecord]] = {k: [] for k in Kind}
    for r in records:
        by_kind[r.kind].append(r)
        if r.outcome is Outcome.REJECTED and r.error_code not in EXPECTED_REJECTIONS:
            out.unexpected_rejections.append(f"{r.kind.value} {r.reference}: {r.error_code}")

    cash_ins = _by_reference(state.get("cashIns", []), prefix)
    cash_outs = _by_reference(state.get("cashOuts", []), prefix)
    _check_created(Kind.CASH_IN, by_kind[Kind.CASH_IN], cash_ins, out)
    _check_created(Kind.CASH_OUT, by_kind[Kind.CASH_OUT], cash_outs, out)

    # Refunds: exactly the cash-ins with a successful refund are REFUNDED in the mock.
    refunded_ok = Counter(r.reference for r in by_kind[Kind.REFUND] if r.outcome is Outcome.SUCCESS)
    for r in by_kind[Kind.REFUND]:
        if r.outcome is Outcome.UNKNOWN:
            out.lost.append(f"refund of {r.reference}: outcome never resolved ({r.error_code})")
    mock_cash_in_by_id = {str(tx["transactionId"]): tx for txs in cash_ins.values() for tx in txs}
    for transaction_id, n in refunded_ok.items():
        if n > 1:
            out.duplicates.append(f"refund of {transaction_id}: {n} successful refunds")
        status = mock_cash_in_by_id.get(transaction_id, {}).get("status")
        if status != "REFUNDED":
            out.lost.append(f"refund of {transaction_id}: succeeded but the mock says {status}")
    for transaction_id, tx in mock_cash_in_by_id.items():
        if tx.get("status") == "REFUNDED" and transaction_id not in refunded_ok:
            out.lost.append(f"refund of {transaction_id}: refunded in the mock, no caller knows")

    # Payments (control endpoint): a paid cash-in is PAID or REFUNDED, an unpaid one is not.
    for r in by_kind[Kind.CASH_IN]:
        if r.outcome is not Outcome.SUCCESS or r.transaction_id not in mock_cash_in_by_id:
            continue
        status = mock_cash_in_by_id[r.transaction_id].get("status")
        if r.paid != (status in PAID_CASH_IN):
            out.lost.append(f"cash_in {r.reference}: paid={r.paid} but the mock says {status}")

    # Settlement: each accepted cash-out ends as its amount plans.
    mock_cash_out_by_id = {str(tx["transactionId"]): tx for txs in cash_outs.values() for tx in txs}
    for r in by_kind[Kind.CASH_OUT]:
        cash_out = mock_cash_out_by_id.get(r.transaction_id or "")
        if r.outcome is Outcome.SUCCESS and cash_out is not None:
            planned = planned_cash_out_status(r.amount)
            if cash_out.get("status") != planned:
                out.settlement_mismatches.append(
                    f"cash_out {r.reference}: {cash_out.get('status')}, planned {planned}"
                )

    out.balances = _balances(
        by_kind, state, cash_ins, cash_outs, initial_total=initial_total, final_target=final_target
    )
    return out


def _balances(
    by_kind: Mapping[Kind, list[CallRecord]],
    state: Mapping[str, Any],
    cash_ins: Mapping[str, list[Mapping[str, Any]]],
    cash_outs: Mapping[str, list[Mapping[str, Any]]],
    *,
    initial_total: Decimal,
    final_target: Decimal | None,
) -> Balances:
    ledger_total = initial_total
    ledger_total += sum((r.amount for r in by_kind[Kind.CASH_IN] if r.paid), ZERO)
    ledger_total -= sum(
        (r.amount for r in by_kind[Kind.REFUND] if r.outcome is Outcome.SUCCESS), ZERO
    )
    ledger_total -= sum(
        (
            r.amount
            for r in by_kind[Kind.CASH_OUT]
            if r.outcome is Outcome.SUCCESS and planned_cash_out_status(r.amount) == "COMPLETED"
        ),
        ZERO,
    )
    # The same total from the mock's own transactions (a refunded cash-in nets to zero).
    mock_total = initial_total
    mock_total += sum(
        (dec(tx["amount"]) for txs in cash_ins.values() for tx in txs if tx["status"] == "PAID"),
        ZERO,
    )
    mock_total -= sum(
        (
            dec(tx["amount"])
            for txs in cash_outs.values()
            for tx in txs
            if tx["status"] in DEBITED_CASH_OUT
        ),
        ZERO,
    )
    balance = state["balance"]
    consolidated = balance["consolidated"]
    transactional = dec(consolidated["transactionalBalance"])
    proprietary = dec(consolidated["proprietaryBalance"])
    bank_t = sum((dec(b["accounts"]["transactional"]["balance"]) for b in balance["banks"]), ZERO)
    bank_p = sum((dec(b["accounts"]["proprietary"]["balance"]) for b in balance["banks"]), ZERO)
    return Balances(
        initial_total=initial_total,
        expected_total_from_ledger=ledger_total,
        expected_total_from_mock=mock_total,
        actual_total=dec(consolidated["totalBalance"]),
        actual_transactional=transactional,
        actual_proprietary=proprietary,
        final_target=final_target,
        banks_sum_ok=bank_t == transactional and bank_p == proprietary,
    )
