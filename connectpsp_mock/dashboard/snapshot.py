"""What the dashboard shows, read from a running mock (read-only, in the mock's event loop)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models import CashIn, CashInStatus, CashOutStatus
from ..runtime import MockRuntime
from ..timefmt import utc_time
from ..views import balance_view, cash_in_view, cash_out_view

MAX_ROWS = 50  # newest first; older rows stay in GET /_mock/state

# Which control calls make sense in which state (the control API refuses the others with 409).
CASH_IN_ACTIONS = {CashInStatus.AWAITING_PAYMENT: ("pay", "expire")}
CASH_OUT_ACTIONS = {
    CashOutStatus.PROCESSING: ("settle", "fail"),
    CashOutStatus.COMPLETED: ("return",),
}


@dataclass(frozen=True)
class Snapshot:
    now: str
    cash_ins: list[dict[str, Any]]
    cash_outs: list[dict[str, Any]]
    balance: dict[str, Any]
    events: list[dict[str, Any]]
    totals: dict[str, int]


def _qr_version(cash_in: CashIn) -> str:
    # The BR Code ends with its CRC16: a new code (e.g. a seeded id reused after a reset) gets a
    # new image URL, so browsers may cache images for good.
    return (cash_in.copy_and_paste or "")[-4:]


def take(mock: MockRuntime) -> Snapshot:
    cash_ins = mock.store.cash_ins()
    for cash_in in cash_ins:
        mock.cash_in.expire_if_due(cash_in)  # as every read of the mock does
    cash_outs = mock.store.cash_outs()
    events = mock.store.events()
    return Snapshot(
        now=utc_time(mock.clock.now()),
        cash_ins=[
            {
                **cash_in_view(c),
                "copyAndPaste": c.copy_and_paste,
                "paymentUrl": c.payment_url,
                "qrVersion": _qr_version(c) if c.copy_and_paste else None,
                "actions": CASH_IN_ACTIONS.get(c.status, ()),
            }
            for c in reversed(cash_ins[-MAX_ROWS:])
        ],
        cash_outs=[
            {**cash_out_view(c), "actions": CASH_OUT_ACTIONS.get(c.status, ())}
            for c in reversed(cash_outs[-MAX_ROWS:])
        ],
        balance=balance_view(mock.settings.banks, mock.store.balances(), mock.clock.now()),
        events=[e.to_json() for e in reversed(events[-MAX_ROWS:])],
        totals={"cashIns": len(cash_ins), "cashOuts": len(cash_outs), "events": len(events)},
    )
