"""Cash-out: accept (202), settle asynchronously, and the bank-side simulations of the control API.

State machine (D-13): PROCESSING -> COMPLETED -> REFUNDED (returned by the receiving bank);
PROCESSING -> FAILED (never settled: ``endToEndId`` null, ``failure``); PROCESSING -> CANCELLED.
The amount is reserved (debited from transactional) at acceptance and credited back on FAILED,
CANCELLED and REFUNDED. How each cash-out settles is decided by :mod:`.outcomes` (D-29).
"""

from __future__ import annotations

import asyncio

from .clock import Clock
from .ids import IdFactory, unused_id
from .ledger import Ledger
from .models import AccountKind, BankAccountDestination, CashOut, CashOutStatus, EventType, Failure
from .money import brl, cents
from .outcomes import SETTLEMENT_FAILED, Plan, planned_outcome
from .payloads import CashOutPayload
from .problems import ProblemError, insufficient_funds, not_found, only_from
from .store import Store
from .tasks import TaskTracker
from .views import cash_out_view
from .webhooks import WebhookDispatcher

# ISPB of the receiving institution when only a PIX key is known (D-30 devolution ids).
UNKNOWN_RECEIVER_ISPB = "00000000"


class CashOutService:
    def __init__(
        self,
        *,
        store: Store,
        ledger: Ledger,
        clock: Clock,
        ids: IdFactory,
        webhooks: WebhookDispatcher,
        tasks: TaskTracker,
        balance_lock: asyncio.Lock,
        settlement_delay_seconds: float | None,
    ) -> None:
        self._store = store
        self._ledger = ledger
        self._clock = clock
        self._ids = ids
        self._webhooks = webhooks
        self._tasks = tasks
        self._lock = balance_lock
        # None: cash-outs stay PROCESSING until a control call settles them.
        self._settlement_delay = settlement_delay_seconds

    # --- public API -----------------------------------------------------------------------

    async def create(self, payload: CashOutPayload) -> CashOut:
        """Accept a cash-out: 409 duplicate reference, 422 insufficient funds, else PROCESSING."""
        amount = cents(payload.amount)
        async with self._lock:
            if self._store.cash_out_reference_taken(payload.external_reference):
                raise ProblemError(
                    409,
                    "DUPLICATE_EXTERNAL_REFERENCE",
                    "externalReference was already used by another cash-out.",
                )
            available = self._ledger.total(AccountKind.TRANSACTIONAL)
            if amount > available:
                self._store.increment("cash_out.insufficient_funds")
                raise insufficient_funds(brl(amount), brl(available))
            allocations = self._ledger.draw_transactional(amount)
            find = self._store.find_cash_out
            cash_out = CashOut(
                transaction_id=unused_id(self._ids.cash_out_transaction_id, find),
                internal_code=unused_id(self._ids.cash_out_internal_code, find),
                external_reference=payload.external_reference,
                amount=amount,
                description=payload.description,
                webhook_url=payload.webhook_url,
                payee_name=payload.payee.name,
                payee_document=payload.payee.document,
                destination=payload.destination,
                requested_at=self._clock.now(),
                allocations=allocations,
            )
            self._store.add_cash_out(cash_out)
            self._store.increment("cash_out.created")
        self._schedule(cash_out)
        return cash_out

    def get(self, lookup: str) -> CashOut:
        cash_out = self._store.find_cash_out(lookup)
        if cash_out is None:
            raise not_found()
        return cash_out

    # --- settlement -------------------------------------------------------------------------

    def _schedule(self, cash_out: CashOut) -> None:
        delay = self._settlement_delay
        outcome = planned_outcome(cash_out.amount, cash_out.destination)
        if delay is None or outcome.plan is Plan.HOLD:
            return
        self._tasks.spawn(
            self._settle_later(cash_out.transaction_id, delay),
            name=f"settle-{cash_out.internal_code}",
        )

    async def _settle_later(self, transaction_id: str, delay: float) -> None:
        await asyncio.sleep(delay)
        cash_out = self._store.find_cash_out(transaction_id)
        if cash_out is None or cash_out.status is not CashOutStatus.PROCESSING:
            return  # reset, or settled/cancelled by a control call meanwhile
        outcome = planned_outcome(cash_out.amount, cash_out.destination)
        try:
            if outcome.plan is Plan.FAIL:
                await self.settle(transaction_id, failure=outcome.failure or SETTLEMENT_FAILED)
                return
            await self.settle(transaction_id, failure=None)
            if outcome.plan is Plan.COMPLETE_THEN_RETURN:
                await self.return_payment(transaction_id)
        except ProblemError:
            pass  # a control call changed its state while this task waited for the lock

    async def settle(self, lookup: str, *, failure: Failure | None) -> CashOut:
        """PROCESSING -> COMPLETED (``failure`` None) or FAILED; the webhook follows."""
        async with self._lock:
            cash_out = self._in_state(lookup, CashOutStatus.PROCESSING, "settled")
            now = self._clock.now()
            if failure is None:
                cash_out.status = CashOutStatus.COMPLETED
                cash_out.end_to_end_id = self._ids.end_to_end_id("E", cash_out.sending_ispb, now)
                cash_out.completed_at = now
                event = EventType.CASHOUT_COMPLETED
                self._store.increment("cash_out.completed")
            else:
                self._ledger.give_back(cash_out.allocations)
                cash_out.status = CashOutStatus.FAILED
                cash_out.failure = failure
                cash_out.failed_at = now
                event = EventType.CASHOUT_FAILED
                self._store.increment("cash_out.failed")
            self._store.save_cash_out(cash_out)
            self._webhooks.emit(event, cash_out_view(cash_out), cash_out.webhook_url)
            return cash_out

    async def return_payment(self, lookup: str) -> CashOut:
        """COMPLETED -> REFUNDED: the receiving bank sent the money back (``D`` E2E id)."""
        async with self._lock:
            cash_out = self._in_state(lookup, CashOutStatus.COMPLETED, "returned")
            now = self._clock.now()
            self._ledger.give_back(cash_out.allocations)
            receiver = (
                cash_out.destination.ispb
                if isinstance(cash_out.destination, BankAccountDestination)
                else UNKNOWN_RECEIVER_ISPB
            )
            cash_out.original_end_to_end_id = cash_out.end_to_end_id
            cash_out.end_to_end_id = self._ids.end_to_end_id("D", receiver, now)
            cash_out.status = CashOutStatus.REFUNDED
            cash_out.refunded_at = now
            self._store.save_cash_out(cash_out)
            self._store.increment("cash_out.returned")
            self._webhooks.emit(
                EventType.CASHOUT_REFUNDED, cash_out_view(cash_out), cash_out.webhook_url
            )
            return cash_out

    async def cancel(self, lookup: str) -> CashOut:
        """PROCESSING -> CANCELLED, funds back; no event exists for it (D-13)."""
        async with self._lock:
            cash_out = self._in_state(lookup, CashOutStatus.PROCESSING, "cancelled")
            self._ledger.give_back(cash_out.allocations)
            cash_out.status = CashOutStatus.CANCELLED
            cash_out.cancelled_at = self._clock.now()
            self._store.save_cash_out(cash_out)
            self._store.increment("cash_out.cancelled")
            return cash_out

    # --- helpers ------------------------------------------------------------------------------

    def _in_state(self, lookup: str, wanted: CashOutStatus, verb: str) -> CashOut:
        cash_out = self.get(lookup)
        if cash_out.status is not wanted:
            raise only_from(f"a {wanted} cash-out", verb, cash_out.status)
        return cash_out
