"""The types a user of ``connectpsp_ext`` handles, in one import.

- The response models (``result.data``): ``CashIn``, ``CashOut``, ``Refund``, ``Balance``,
  ``RebalanceResponse`` and the models inside them; the request-side models a caller may build.
- ``RefundReasonName``, ``PixKeyTypeName``, ``AccountTypeName``: the accepted values of the
  enum-like arguments as ``Literal`` types, so a typo (``refund(id, "BECAUSE")``) is a mypy
  error. The generated ``StrEnum`` members are accepted too.

``tests/ext/test_typing.py`` keeps each ``Literal`` equal to its generated enum.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

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

from .results import Result

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
