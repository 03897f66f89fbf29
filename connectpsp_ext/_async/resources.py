"""The operation groups of a client: ``cash_in``, ``cash_out``, ``account``.

Each method validates its arguments into the generated request model (nothing is sent when one
is invalid) and hands the operation's row of :mod:`connectpsp_ext.operations` to the requestor.
This file is the async source; ``_sync/resources.py`` is generated from it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid4

from .. import operations as ops
from .. import validation
from ..bodies import (
    cash_in_request,
    cash_out_request,
    check_date,
    rebalance_request,
    refund_request,
)
from ..destinations import Destination
from ..money import Amount
from ..results import Result
from ..types import RefundReasonName
from .requestor import AsyncRequestor, CallOptions

if TYPE_CHECKING:  # annotations only: each model is imported by the call that returns it (D-57)
    from connectpsp_client.models import (
        Balance,
        CashIn,
        CashOut,
        OpenFinanceRequest,
        RebalanceResponse,
        Refund,
        RefundReason,
    )


class _Resource:
    def __init__(self, requestor: AsyncRequestor, options: CallOptions) -> None:
        self._requestor = requestor
        self._options = options

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class AsyncCashInResource(_Resource):
    """Inbound PIX payments (QR code / Copia e Cola, or OpenFinance)."""

    async def create(
        self,
        *,
        amount: Amount,
        external_reference: str,
        payer_name: str,
        payer_document: str,
        expiration_in_minutes: int | None = None,
        webhook_url: str | None = None,
        open_finance: OpenFinanceRequest | Mapping[str, Any] | None = None,
        idempotency_key: UUID | str | None = None,
    ) -> Result[CashIn]:
        """``POST /cash-in``. ``amount`` is a ``Decimal`` (or int / numeric str), > 0, <= 2
        decimals; ``payer_document`` a CPF or CNPJ (punctuation allowed). Returns 201's
        ``CashIn`` with ``pixData`` (or ``paymentUrl`` for OpenFinance)."""
        body = cash_in_request(
            amount=amount,
            external_reference=external_reference,
            payer_name=payer_name,
            payer_document=payer_document,
            expiration_in_minutes=expiration_in_minutes,
            webhook_url=webhook_url,
            open_finance=open_finance,
        )
        key = uuid4() if idempotency_key is None else validation.idempotency_key(idempotency_key)
        return await self._requestor.call(ops.CREATE_CASH_IN, self._options, body=body, key=key)

    async def get(self, id: str) -> Result[CashIn]:
        """``GET /cash-in/{id}`` by transactionId, internalCode or endToEndId."""
        path_id = validation.transaction_id(id)
        return await self._requestor.call(ops.GET_CASH_IN, self._options, path_id=path_id)

    async def refund(
        self,
        id: str,
        reason: RefundReason | RefundReasonName,
        description: str | None = None,
        *,
        idempotency_key: UUID | str | None = None,
    ) -> Result[Refund]:
        """``POST /cash-in/{id}/refund`` (full refund of a PAID cash-in; signed)."""
        path_id = validation.transaction_id(id)
        body = refund_request(reason, description)
        key = uuid4() if idempotency_key is None else validation.idempotency_key(idempotency_key)
        return await self._requestor.call(
            ops.REFUND_CASH_IN, self._options, path_id=path_id, body=body, key=key
        )


class AsyncCashOutResource(_Resource):
    """Outbound PIX payments. Settlement is asynchronous: the 202 result is ``PROCESSING``."""

    async def create(
        self,
        *,
        amount: Amount,
        external_reference: str,
        payee_name: str,
        payee_document: str,
        destination: Destination,
        description: str | None = None,
        webhook_url: str | None = None,
        idempotency_key: UUID | str | None = None,
    ) -> Result[CashOut]:
        """``POST /cash-out`` (signed, always with an idempotency key). ``destination`` comes
        from :func:`~connectpsp_ext.pix_key_destination` or
        :func:`~connectpsp_ext.bank_account_destination`."""
        body = cash_out_request(
            amount=amount,
            external_reference=external_reference,
            payee_name=payee_name,
            payee_document=payee_document,
            destination=destination,
            description=description,
            webhook_url=webhook_url,
        )
        key = uuid4() if idempotency_key is None else validation.idempotency_key(idempotency_key)
        return await self._requestor.call(ops.CREATE_CASH_OUT, self._options, body=body, key=key)

    async def get(self, id: str) -> Result[CashOut]:
        """``GET /cash-out/{id}`` by internalCode, transactionId or endToEndId."""
        path_id = validation.transaction_id(id)
        return await self._requestor.call(ops.GET_CASH_OUT, self._options, path_id=path_id)


class AsyncAccountResource(_Resource):
    """Wallet balances and rebalancing."""

    async def balance(self, date: datetime.date | None = None) -> Result[Balance]:
        """``GET /account/balance``. ``date`` is accepted but the API returns today's (D-16)."""
        query = check_date(date)
        return await self._requestor.call(ops.GET_BALANCE, self._options, query=query)

    async def rebalance(self, target_amount: Amount) -> Result[RebalanceResponse]:
        """``POST /account/rebalance`` (signed). The API takes no idempotency key, so this call
        is never retried automatically (D-06); it sets a target, so repeating it is harmless."""
        body = rebalance_request(target_amount)
        return await self._requestor.call(ops.REBALANCE, self._options, body=body)
