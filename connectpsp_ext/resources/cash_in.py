"""``client.cash_in``: create, get, refund."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from connectpsp_client import AuthenticatedClient
from connectpsp_client.api.cash_in import create_cash_in, get_cash_in, refund_cash_in
from connectpsp_client.models import CashIn, OpenFinanceRequest, Refund, RefundReason

from .. import validation
from ..money import Amount
from ..results import Result
from ._invoke import invoke, invoke_async, require_signing
from ._requests import cash_in_request, refund_request


class _CashInBase:
    def __init__(self, api: AuthenticatedClient, *, can_sign: bool) -> None:
        self._api = api
        self._can_sign = can_sign

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class CashInResource(_CashInBase):
    """Inbound PIX payments (QR code / Copia e Cola, or OpenFinance)."""

    def create(
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
        key = validation.idempotency_key(idempotency_key)
        return invoke(
            lambda: create_cash_in.sync_detailed(
                client=self._api, body=body, x_idempotency_key=key
            ),
            CashIn,
            operation="POST /cash-in",
            key=key,
            mutating=True,
        )

    def get(self, id: str) -> Result[CashIn]:
        """``GET /cash-in/{id}`` by transactionId, internalCode or endToEndId."""
        checked = validation.transaction_id(id)
        return invoke(
            lambda: get_cash_in.sync_detailed(checked, client=self._api),
            CashIn,
            operation="GET /cash-in/{id}",
            key=None,
            mutating=False,
        )

    def refund(
        self,
        id: str,
        reason: RefundReason | str,
        description: str | None = None,
        *,
        idempotency_key: UUID | str | None = None,
    ) -> Result[Refund]:
        """``POST /cash-in/{id}/refund`` (full refund of a PAID cash-in; signed)."""
        checked = validation.transaction_id(id)
        body = refund_request(reason, description)
        key = validation.idempotency_key(idempotency_key)
        require_signing(self._can_sign, "cash_in.refund")
        return invoke(
            lambda: refund_cash_in.sync_detailed(
                checked, client=self._api, body=body, x_idempotency_key=key
            ),
            Refund,
            operation="POST /cash-in/{id}/refund",
            key=key,
            mutating=True,
        )


class AsyncCashInResource(_CashInBase):
    """Async :class:`CashInResource`."""

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
        body = cash_in_request(
            amount=amount,
            external_reference=external_reference,
            payer_name=payer_name,
            payer_document=payer_document,
            expiration_in_minutes=expiration_in_minutes,
            webhook_url=webhook_url,
            open_finance=open_finance,
        )
        key = validation.idempotency_key(idempotency_key)
        return await invoke_async(
            lambda: create_cash_in.asyncio_detailed(
                client=self._api, body=body, x_idempotency_key=key
            ),
            CashIn,
            operation="POST /cash-in",
            key=key,
            mutating=True,
        )

    async def get(self, id: str) -> Result[CashIn]:
        checked = validation.transaction_id(id)
        return await invoke_async(
            lambda: get_cash_in.asyncio_detailed(checked, client=self._api),
            CashIn,
            operation="GET /cash-in/{id}",
            key=None,
            mutating=False,
        )

    async def refund(
        self,
        id: str,
        reason: RefundReason | str,
        description: str | None = None,
        *,
        idempotency_key: UUID | str | None = None,
    ) -> Result[Refund]:
        checked = validation.transaction_id(id)
        body = refund_request(reason, description)
        key = validation.idempotency_key(idempotency_key)
        require_signing(self._can_sign, "cash_in.refund")
        return await invoke_async(
            lambda: refund_cash_in.asyncio_detailed(
                checked, client=self._api, body=body, x_idempotency_key=key
            ),
            Refund,
            operation="POST /cash-in/{id}/refund",
            key=key,
            mutating=True,
        )
