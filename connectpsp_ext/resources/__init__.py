"""The operation groups of a client: ``cash_in``, ``cash_out`` and ``account`` (sync and async)."""

from .account import AccountResource, AsyncAccountResource
from .cash_in import AsyncCashInResource, CashInResource
from .cash_out import AsyncCashOutResource, CashOutResource

__all__ = [
    "AccountResource",
    "AsyncAccountResource",
    "AsyncCashInResource",
    "AsyncCashOutResource",
    "CashInResource",
    "CashOutResource",
]
