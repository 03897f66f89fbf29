"""``client.cash_out``: create (to a PIX key or a bank account), get."""

from __future__ import annotations

from uuid import UUID

from connectpsp_client import AuthenticatedClient
from connectpsp_client.api.cash_out import create_cash_out, get_cash_out
from connectpsp_client.models import CashOut

from .. import validation
from ..destinations import Destination
from ..money import Amount
from ..results import Result
from ._invoke import invoke, invoke_async, require_signing
from ._requests import cash_out_request


class _CashOutBase:
    def __init__(self, api: AuthenticatedClient, *, can_sign: bool) -> None:
        self._api = api
        self._can_sign = can_sign

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class CashOutResource(_CashOutBase):
    """Outbound PIX payments. Settlement is asynchronous: the 202 result is ``PROCESSING``."""

    def create(
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
        key = validation.idempotency_key(idempotency_key)
        require_signing(self._can_sign, "cash_out.create")
        return invoke(
            lambda: create_cash_out.sync_detailed(
                client=self._api, body=body, x_idempotency_key=key
            ),
            CashOut,
            operation="POST /cash-out",
            key=key,
            mutating=True,
        )

    def get(self, id: str) -> Result[CashOut]:
        """``GET /cash-out/{id}`` by internalCode, transactionId or endToEndId."""
        checked = validation.transaction_id(id)
        return invoke(
            lambda: get_cash_out.sync_detailed(checked, client=self._api),
            CashOut,
            operation="GET /cash-out/{id}",
            key=None,
            mutating=False,
        )


class AsyncCashOutResource(_CashOutBase):
    """Async :class:`CashOutResource`."""

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
        body = cash_out_request(
            amount=amount,
            external_reference=external_reference,
            payee_name=payee_name,
            payee_document=payee_document,
            destination=destination,
            description=description,
            webhook_url=webhook_url,
        )
        key = validation.idempotency_key(idempotency_key)
        require_signing(self._can_sign, "cash_out.create")
        return await invoke_async(
            lambda: create_cash_out.asyncio_detailed(
                client=self._api, body=body, x_idempotency_key=key
            ),
            CashOut,
            operation="POST /cash-out",
            key=key,
            mutating=True,
        )

    async def get(self, id: str) -> Result[CashOut]:
        checked = validation.transaction_id(id)
        return await invoke_async(
            lambda: get_cash_out.asyncio_detailed(checked, client=self._api),
            CashOut,
            operation="GET /cash-out/{id}",
            key=None,
            mutating=False,
        )
