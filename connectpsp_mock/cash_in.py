"""Cash-in: create (201), read, refund (D-09), and the payer/time simulations of the control API.

State machine (D-13): AWAITING_PAYMENT -> PAID -> REFUNDED; AWAITING_PAYMENT -> EXPIRED (after
``expirationInMinutes`` by the mock clock, applied lazily on every read and action) or CANCELLED.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from .clock import Clock
from .ids import IdFactory, unused_id
from .ledger import Ledger
from .models import AccountKind, CashIn, CashInStatus, EventType, PayerBank
from .money import brl, cents
from .payloads import CashInPayload, RefundPayload
from .pixcode import copy_and_paste
from .problems import ProblemError, insufficient_funds, not_found, only_from
from .store import Store
from .views import cash_in_view
from .webhooks import WebhookDispatcher

DEFAULT_PAYER_BANK = PayerBank(
    ispb="00000000", bank="Banco do Brasil S.A.", branch="0001", account="123456"
)
OPEN_FINANCE_BASE = "https://openfinance.mock.connectpsp.local/authorize/"
_T = AccountKind.TRANSACTIONAL

_REFUND_REFUSALS: dict[CashInStatus, tuple[str, str]] = {
    CashInStatus.AWAITING_PAYMENT: ("CASH_IN_NOT_PAID", "The cash-in has not been paid."),
    CashInStatus.REFUNDED: ("CASH_IN_ALREADY_REFUNDED", "The cash-in was already refunded."),
    CashInStatus.EXPIRED: ("CASH_IN_EXPIRED", "The cash-in expired without payment."),
    CashInStatus.CANCELLED: ("CASH_IN_CANCELLED", "The cash-in was cancelled."),
}


class CashInService:
    def __init__(
        self,
        *,
        store: Store,
        ledger: Ledger,
        clock: Clock,
        ids: IdFactory,
        webhooks: WebhookDispatcher,
        balance_lock: asyncio.Lock,
    ) -> None:
        self._store = store
        self._ledger = ledger
        self._clock = clock
        self._ids = ids
        self._webhooks = webhooks
        self._lock = balance_lock

    # --- public API -----------------------------------------------------------------------

    def create(self, payload: CashInPayload) -> CashIn:
        """A new AWAITING_PAYMENT cash-in; 409 for a used externalReference (D-08)."""
        if self._store.cash_in_reference_taken(payload.external_reference):
            raise ProblemError(
                409,
                "DUPLICATE_EXTERNAL_REFERENCE",
                "externalReference was already used by another cash-in.",
            )
        now = self._clock.now()
        transaction_id = unused_id(self._ids.cash_in_transaction_id, self._store.find_cash_in)
        internal_code = unused_id(self._ids.cash_in_internal_code, self._store.find_cash_in)
        amount = cents(payload.amount)
        banks = self._ledger.banks
        cash_in = CashIn(
            transaction_id=transaction_id,
            internal_code=internal_code,
            external_reference=payload.external_reference,
            amount=amount,
            payer_name=payload.payer.name,
            payer_document=payload.payer.document,
            requested_at=now,
            expires_at=now + timedelta(minutes=payload.expiration_minutes),
            webhook_url=payload.webhook_url,
            # Receiving banks take turns, so every partner sees traffic.
            bank_ispb=banks[self._store.counter("cash_in.created") % len(banks)].ispb,
        )
        if payload.open_finance:
            cash_in.payment_url = OPEN_FINANCE_BASE + transaction_id
        else:
            cash_in.copy_and_paste = copy_and_paste(amount, internal_code)
        self._store.add_cash_in(cash_in)
        self._store.increment("cash_in.created")
        return cash_in

    def get(self, lookup: str) -> CashIn:
        cash_in = self._store.find_cash_in(lookup)
        if cash_in is None:
            raise not_found()
        self.expire_if_due(cash_in)
        return cash_in

    async def refund(self, lookup: str, payload: RefundPayload) -> CashIn:
        """Full refund of a PAID cash-in: REFUNDED now, a ``D`` E2E id, funds debited (D-09)."""
        async with self._lock:
            cash_in = self.get(lookup)
            refusal = _REFUND_REFUSALS.get(cash_in.status)
            if refusal is not None:
                raise ProblemError(422, *refusal)
            if cash_in.end_to_end_id is None:
                raise ProblemError(
                    422,
                    "MISSING_END_TO_END_ID",
                    "The settlement proof (endToEndId) of this cash-in is not available yet.",
                )
            available = self._store.balance(cash_in.bank_ispb, _T)
            if cash_in.amount > available:
                raise insufficient_funds(brl(cash_in.amount), brl(available))
            self._ledger.debit(cash_in.bank_ispb, _T, cash_in.amount)
            now = self._clock.now()
            cash_in.original_end_to_end_id = cash_in.end_to_end_id
            cash_in.end_to_end_id = self._ids.end_to_end_id("D", cash_in.bank_ispb, now)
            cash_in.status = CashInStatus.REFUNDED
            cash_in.refunded_at = now
            cash_in.refund_reason = payload.reason
            cash_in.refund_description = payload.description
            self._store.save_cash_in(cash_in)
            self._store.increment("cash_in.refunded")
            self._webhooks.emit(
                EventType.CASHIN_REFUNDED, cash_in_view(cash_in), cash_in.webhook_url
            )
            return cash_in

    # --- simulations (control API) ----------------------------------------------------------

    async def pay(
        self, lookup: str, payer_bank: PayerBank | None, *, with_end_to_end_id: bool = True
    ) -> CashIn:
        """The payer pays: PAID, an ``E`` E2E id from the payer's bank, funds credited."""
        async with self._lock:
            cash_in = self._awaiting(lookup, "paid")
            bank = payer_bank or DEFAULT_PAYER_BANK
            now = self._clock.now()
            self._ledger.credit(cash_in.bank_ispb, _T, cash_in.amount)
            cash_in.status = CashInStatus.PAID
            cash_in.payer_bank = bank
            cash_in.paid_at = now
            if with_end_to_end_id:
                cash_in.end_to_end_id = self._ids.end_to_end_id("E", bank.ispb, now)
            self._store.save_cash_in(cash_in)
            self._store.increment("cash_in.paid")
            self._webhooks.emit(EventType.CASHIN_PAID, cash_in_view(cash_in), cash_in.webhook_url)
            return cash_in

    async def expire(self, lookup: str) -> CashIn:
        async with self._lock:
            cash_in = self._awaiting(lookup, "expired")
            cash_in.status = CashInStatus.EXPIRED
            cash_in.expired_at = self._clock.now()
            self._store.save_cash_in(cash_in)
            return cash_in

    async def cancel(self, lookup: str) -> CashIn:
        async with self._lock:
            cash_in = self._awaiting(lookup, "cancelled")
            cash_in.status = CashInStatus.CANCELLED
            cash_in.cancelled_at = self._clock.now()
            self._store.save_cash_in(cash_in)
            return cash_in

    # --- helpers ------------------------------------------------------------------------------

    def expire_if_due(self, cash_in: CashIn) -> None:
        """Lazy expiry by the mock clock (no webhook: no EXPIRED event exists, D-13)."""
        if (
            cash_in.status is CashInStatus.AWAITING_PAYMENT
            and self._clock.now() >= cash_in.expires_at
        ):
            cash_in.status = CashInStatus.EXPIRED
            cash_in.expired_at = cash_in.expires_at
            self._store.save_cash_in(cash_in)

    def _awaiting(self, lookup: str, verb: str) -> CashIn:
        cash_in = self.get(lookup)
        if cash_in.status is not CashInStatus.AWAITING_PAYMENT:
            raise only_from("an AWAITING_PAYMENT cash-in", verb, cash_in.status)
        return cash_in
