"""Planning and executing the soak's logical calls, for the sync and the async client.

A logical call keeps its idempotency key (cash-in, cash-out, refund) or its target (rebalance)
for its whole life. When the client gives up with an outcome that is unknown or retryable (its
own retries exhausted: network error, timeout, 5xx, 429), the soak sends the *same* call again -
same key, same body - which the API answers with the original result if the first attempt was
committed (D-07). Rebalance has no key and the client never retries it (D-06); it sets an absolute
target, so sending the same target again is the correct resolution too. Anything else (a 4xx)
is a definitive answer.
"""

from __future__ import annotations

import asyncio
import random
import threading
import time
import uuid
from collections import deque
from decimal import Decimal
from typing import Any

import httpx

from connectpsp_ext import AsyncConnectPSP, ConnectPSP, ConnectPSPError, pix_key_destination
from connectpsp_ext.results import Result

from .config import SoakConfig
from .ledger import CallRecord, Kind, Ledger, Outcome

PAYER_NAME = "Soak Payer"
PAYER_DOCUMENT = "12345678909"
PAYEE_NAME = "Soak Payee"
PAYEE_DOCUMENT = "11144477735"
# 4xx answers the soak's workload can legitimately get; any other rejection is reported as a bug.
EXPECTED_REJECTIONS = frozenset({"INSUFFICIENT_FUNDS"})
REISSUE_PAUSE = 0.05


def _amount(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


class Planner:
    """Hands out the next logical call (thread-safe, deterministic given the seed) and keeps
    the pool of paid cash-ins that refunds draw from."""

    def __init__(self, config: SoakConfig, ledger: Ledger, run_id: str) -> None:
        self._config = config
        self._ledger = ledger
        self._run_id = run_id
        self._lock = threading.Lock()
        self._rng = random.Random(config.seed + 1)
        self._issued = 0
        self._paid: deque[tuple[str, Decimal]] = deque()
        self._kinds = [Kind(k) for k, w in config.operation_mix.items() if w > 0]
        self._weights = [config.operation_mix[k.value] for k in self._kinds]

    def add_paid(self, transaction_id: str, amount: Decimal) -> None:
        with self._lock:
            self._paid.append((transaction_id, amount))

    def next_call(self, worker: str) -> CallRecord | None:
        with self._lock:
            if self._issued >= self._config.calls:
                return None
            n = self._issued
            self._issued += 1
            kind = self._rng.choices(self._kinds, self._weights)[0]
            if kind is Kind.REFUND and not self._paid:
                kind = Kind.CASH_IN
            record = self._plan(kind, n, worker)
        return self._ledger.add(record)

    def _plan(self, kind: Kind, n: int, worker: str) -> CallRecord:
        rng = self._rng
        if kind is Kind.REFUND:
            transaction_id, amount = self._paid.popleft()
            return CallRecord(kind, transaction_id, amount, uuid.uuid4(), worker=worker)
        if kind is Kind.REBALANCE:
            low = int(self._config.rebalance_min * 100)
            high = int(self._config.rebalance_max * 100)
            target = _amount(rng.randrange(low, high + 1, 100))
            return CallRecord(kind, str(target), target, None, worker=worker)
        reference = f"soak-{self._run_id}-{kind.value}-{n}"
        if kind is Kind.CASH_OUT:
            cents = rng.randrange(100, 5000)
            if rng.random() < self._config.failing_cash_out_share:
                cents = cents // 100 * 100 + rng.choice((91, 95))  # fails / is returned
            elif 91 <= cents % 100 <= 95:
                cents -= 10  # keep ordinary cash-outs clear of the mock's magic cents
            return CallRecord(kind, reference, _amount(cents), uuid.uuid4(), worker=worker)
        return CallRecord(
            kind, reference, _amount(rng.randrange(100, 10000)), uuid.uuid4(), worker=worker
        )


def _kwargs(record: CallRecord) -> dict[str, Any]:
    if record.kind is Kind.CASH_IN:
        return {
            "amount": record.amount,
            "external_reference": record.reference,
            "payer_name": PAYER_NAME,
            "payer_document": PAYER_DOCUMENT,
            "idempotency_key": record.idempotency_key,
        }
    if record.kind is Kind.CASH_OUT:
        return {
            "amount": record.amount,
            "external_reference": record.reference,
            "payee_name": PAYEE_NAME,
            "payee_document": PAYEE_DOCUMENT,
            "destination": pix_key_destination("CPF", PAYEE_DOCUMENT),
            "idempotency_key": record.idempotency_key,
        }
    if record.kind is Kind.REFUND:
        return {
            "id": record.reference,
            "reason": "CUSTOMER_REQUEST",
            "idempotency_key": record.idempotency_key,
        }
    return {"target_amount": record.amount}


def _succeeded(record: CallRecord, result: Result[Any]) -> None:
    record.outcome = Outcome.SUCCESS
    record.error_code = None
    transaction_id = getattr(result.data, "transaction_id", None)  # a UUID for cash-outs
    record.transaction_id = None if transaction_id is None else str(transaction_id)


def _failed(record: CallRecord, error: ConnectPSPError) -> bool:
    """Record a failure; True when it is definitive (no point sending the call again)."""
    record.error_code = error.code or type(error).__name__
    if error.retryable or error.outcome_unknown:
        return False
    record.outcome = Outcome.REJECTED
    return True


def _pause(error: ConnectPSPError | None) -> float:
    retry_after = getattr(error, "retry_after", None)
    return float(retry_after) if isinstance(retry_after, int | float) else REISSUE_PAUSE


# --- sync ---------------------------------------------------------------------------------------


def _send(client: ConnectPSP, record: CallRecord) -> Result[Any]:
    kwargs = _kwargs(record)
    if record.kind is Kind.CASH_IN:
        return client.cash_in.create(**kwargs)
    if record.kind is Kind.CASH_OUT:
        return client.cash_out.create(**kwargs)
    if record.kind is Kind.REFUND:
        return client.cash_in.refund(**kwargs)
    return client.account.rebalance(**kwargs)


def execute(client: ConnectPSP, record: CallRecord, max_issues: int) -> None:
    """Send ``record`` until it has a definitive outcome or ``max_issues`` sends were made."""
    for _ in range(max_issues):
        record.issues += 1
        try:
            result = _send(client, record)
        except ConnectPSPError as error:
            if _failed(record, error):
                return
            time.sleep(_pause(error))
            continue
        _succeeded(record, result)
        return


def pay(control: httpx.Client, record: CallRecord, planner: Planner) -> None:
    """The payer pays a created cash-in (control endpoint; never faulted)."""
    if record.kind is not Kind.CASH_IN or record.outcome is not Outcome.SUCCESS:
        return
    assert record.transaction_id is not None
    response = control.post(f"/_mock/cash-in/{record.transaction_id}/pay", json={})
    if response.status_code == 200:
        record.paid = True
        planner.add_paid(record.transaction_id, record.amount)


def worker_loop(
    client: ConnectPSP, control: httpx.Client, planner: Planner, config: SoakConfig, name: str
) -> None:
    while (record := planner.next_call(name)) is not None:
        execute(client, record, config.max_reissues + 1)
        pay(control, record, planner)


# --- async --------------------------------------------------------------------------------------


async def _send_async(client: AsyncConnectPSP, record: CallRecord) -> Result[Any]:
    kwargs = _kwargs(record)
    if record.kind is Kind.CASH_IN:
        return await client.cash_in.create(**kwargs)
    if record.kind is Kind.CASH_OUT:
        return await client.cash_out.create(**kwargs)
    if record.kind is Kind.REFUND:
        return await client.cash_in.refund(**kwargs)
    return await client.account.rebalance(**kwargs)


async def execute_async(client: AsyncConnectPSP, record: CallRecord, max_issues: int) -> None:
    for _ in range(max_issues):
        record.issues += 1
        try:
            result = await _send_async(client, record)
        except ConnectPSPError as error:
            if _failed(record, error):
                return
            await asyncio.sleep(_pause(error))
            continue
        _succeeded(record, result)
        return


async def pay_async(control: httpx.AsyncClient, record: CallRecord, planner: Planner) -> None:
    if record.kind is not Kind.CASH_IN or record.outcome is not Outcome.SUCCESS:
        return
    assert record.transaction_id is not None
    response = await control.post(f"/_mock/cash-in/{record.transaction_id}/pay", json={})
    if response.status_code == 200:
        record.paid = True
        planner.add_paid(record.transaction_id, record.amount)


async def async_worker_loop(
    client: AsyncConnectPSP,
    control: httpx.AsyncClient,
    planner: Planner,
    config: SoakConfig,
    name: str,
) -> None:
    while (record := planner.next_call(name)) is not None:
        await execute_async(client, record, config.max_reissues + 1)
        await pay_async(control, record, planner)
