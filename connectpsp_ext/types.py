"""The types a user of ``connectpsp_ext`` handles, in one import.

- The response models (``result.data``): ``CashIn``, ``CashOut``, ``Refund``, ``Balance``,
  ``RebalanceResponse`` and the models inside them; the request-side models a caller may build.
- ``RefundReasonName``, ``PixKeyTypeName``, ``AccountTypeName``: the accepted values of the
  enum-like arguments as ``Literal`` types, so a typo (``refund(id, "BECAUSE")``) is a mypy
  error. The generated ``StrEnum`` members are accepted too.

``tests/ext/test_typing.py`` keeps each ``Literal`` equal to its generated enum. The models are
read from ``connectpsp_client.models`` on first use (D-57): the client imports this module for the
``Literal`` types, and should not pay for every model at ``from connectpsp_ext import ConnectPSP``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypeAlias

from .results import Result

if TYPE_CHECKING:
    from connectpsp_client.models import (
        Balance,
        BankAccount,
        BankAccountDestination,
        BankAccountType,
        CashIn,
        CashInStatus,
        CashOut,
        CashOutStatus,
        OpenFinanceRequest,
        Payee,
        PixData,
        PixDestination,
        PixKeyType,
        RebalanceResponse,
        Refund,
        RefundReason,
    )


RefundReasonName: TypeAlias = Literal[
    "CUSTOMER_REQUEST", "DUPLICATED_PAYMENT", "FRAUD", "MERCHANT_ERROR"
]
PixKeyTypeName: TypeAlias = Literal["CNPJ", "CPF", "EMAIL", "EVP", "PHONE"]
AccountTypeName: TypeAlias = Literal["CHECKING", "PAYMENT", "SAVINGS"]

__all__ = [
    "AccountTypeName",
    "Balance",
    "BankAccount",
    "BankAccountDestination",
    "BankAccountType",
    "CashIn",
    "CashInStatus",
    "CashOut",
    "CashOutStatus",
    "OpenFinanceRequest",
    "Payee",
    "PixData",
    "PixDestination",
    "PixKeyType",
    "PixKeyTypeName",
    "RebalanceResponse",
    "Refund",
    "RefundReason",
    "RefundReasonName",
    "Result",
]


# The generated models above, by name, imported on first use (type checkers read the imports
# under TYPE_CHECKING; hidden from them so that a misspelt name stays an error there).
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        if name not in __all__:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from connectpsp_client import models

        value = getattr(models, name)
        globals()[name] = value  # from now on a plain module attribute
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
