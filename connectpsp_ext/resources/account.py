"""``client.account``: balance, rebalance."""

from __future__ import annotations

import datetime

from connectpsp_client import AuthenticatedClient
from connectpsp_client.api.account import get_balance, rebalance_account
from connectpsp_client.models import Balance, RebalanceResponse
from connectpsp_client.types import UNSET, Unset

from ..errors import ValidationError
from ..money import Amount
from ..results import Result
from ._invoke import invoke, invoke_async, require_signing
from ._requests import rebalance_request


def _date(value: datetime.date | None) -> datetime.date | Unset:
    if value is None:
        return UNSET
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise ValidationError("date must be a datetime.date", field="date")
    return value


class _AccountBase:
    def __init__(self, api: AuthenticatedClient, *, can_sign: bool) -> None:
        self._api = api
        self._can_sign = can_sign

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class AccountResource(_AccountBase):
    """Wallet balances and rebalancing."""

    def balance(self, date: datetime.date | None = None) -> Result[Balance]:
        """``GET /account/balance``. ``date`` is accepted but the API returns today's (D-16)."""
        when = _date(date)
        return invoke(
            lambda: get_balance.sync_detailed(client=self._api, date=when),
            Balance,
            operation="GET /account/balance",
            key=None,
            mutating=False,
        )

    def rebalance(self, target_amount: Amount) -> Result[RebalanceResponse]:
        """``POST /account/rebalance`` (signed). The API takes no idempotency key, so this call
        is never retried automatically (D-06); it sets a target, so repeating it is harmless."""
        body = rebalance_request(target_amount)
        require_signing(self._can_sign, "account.rebalance")
        return invoke(
            lambda: rebalance_account.sync_detailed(client=self._api, body=body),
            RebalanceResponse,
            operation="POST /account/rebalance",
            key=None,
            mutating=True,
        )


class AsyncAccountResource(_AccountBase):
    """Async :class:`AccountResource`."""

    async def balance(self, date: datetime.date | None = None) -> Result[Balance]:
        when = _date(date)
        return await invoke_async(
            lambda: get_balance.asyncio_detailed(client=self._api, date=when),
            Balance,
            operation="GET /account/balance",
            key=None,
            mutating=False,
        )

    async def rebalance(self, target_amount: Amount) -> Result[RebalanceResponse]:
        body = rebalance_request(target_amount)
        require_signing(self._can_sign, "account.rebalance")
        return await invoke_async(
            lambda: rebalance_account.asyncio_detailed(client=self._api, body=body),
            RebalanceResponse,
            operation="POST /account/rebalance",
            key=None,
            mutating=True,
        )
