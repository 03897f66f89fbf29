"""Contains all the data models used in inputs/outputs

connectpsp: each model's module is imported on first use of its name (a module ``__getattr__``,
PEP 562), not all of them at ``import connectpsp_client.models``: building the attrs classes
is most of the SDK's import time (D-57). ``from connectpsp_client.models import CashOut``,
``models.CashOut``, ``dir()`` and ``import *`` work as before; type checkers read the imports
under ``TYPE_CHECKING``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .balance import Balance
    from .bank_account import BankAccount
    from .bank_account_balance import BankAccountBalance
    from .bank_account_destination import BankAccountDestination
    from .bank_account_details import BankAccountDetails
    from .bank_account_type import BankAccountType
    from .bank_accounts import BankAccounts
    from .bank_balance import BankBalance
    from .cash_in import CashIn
    from .cash_in_paid_event import CashInPaidEvent
    from .cash_in_payer import CashInPayer
    from .cash_in_refunded_event import CashInRefundedEvent
    from .cash_in_request import CashInRequest
    from .cash_in_status import CashInStatus
    from .cash_out import CashOut
    from .cash_out_completed_event import CashOutCompletedEvent
    from .cash_out_failed_event import CashOutFailedEvent
    from .cash_out_failure import CashOutFailure
    from .cash_out_refunded_event import CashOutRefundedEvent
    from .cash_out_request import CashOutRequest
    from .cash_out_status import CashOutStatus
    from .consolidated_balance import ConsolidatedBalance
    from .currency import Currency
    from .destination_details import DestinationDetails
    from .destination_type import DestinationType
    from .error_code import ErrorCode
    from .event_type import EventType
    from .open_finance_request import OpenFinanceRequest
    from .payee import Payee
    from .payee_details import PayeeDetails
    from .payer import Payer
    from .payer_bank_data import PayerBankData
    from .pix_data import PixData
    from .pix_destination import PixDestination
    from .pix_key_type import PixKeyType
    from .problem_details import ProblemDetails
    from .rebalance_request import RebalanceRequest
    from .rebalance_response import RebalanceResponse
    from .refund import Refund
    from .refund_reason import RefundReason
    from .refund_request import RefundRequest
    from .token_request import TokenRequest
    from .token_response import TokenResponse
    from .token_type import TokenType
    from .webhook_event import WebhookEvent
    from .webhook_event_data import WebhookEventData

__all__ = (
    "Balance",
    "BankAccount",
    "BankAccountBalance",
    "BankAccountDestination",
    "BankAccountDetails",
    "BankAccountType",
    "BankAccounts",
    "BankBalance",
    "CashIn",
    "CashInPaidEvent",
    "CashInPayer",
    "CashInRefundedEvent",
    "CashInRequest",
    "CashInStatus",
    "CashOut",
    "CashOutCompletedEvent",
    "CashOutFailedEvent",
    "CashOutFailure",
    "CashOutRefundedEvent",
    "CashOutRequest",
    "CashOutStatus",
    "ConsolidatedBalance",
    "Currency",
    "DestinationDetails",
    "DestinationType",
    "ErrorCode",
    "EventType",
    "OpenFinanceRequest",
    "Payee",
    "PayeeDetails",
    "Payer",
    "PayerBankData",
    "PixData",
    "PixDestination",
    "PixKeyType",
    "ProblemDetails",
    "RebalanceRequest",
    "RebalanceResponse",
    "Refund",
    "RefundReason",
    "RefundRequest",
    "TokenRequest",
    "TokenResponse",
    "TokenType",
    "WebhookEvent",
    "WebhookEventData",
)

# Name -> the module (relative to this package) that defines it.
_MODULES = {
    "Balance": ".balance",
    "BankAccount": ".bank_account",
    "BankAccountBalance": ".bank_account_balance",
    "BankAccountDestination": ".bank_account_destination",
    "BankAccountDetails": ".bank_account_details",
    "BankAccountType": ".bank_account_type",
    "BankAccounts": ".bank_accounts",
    "BankBalance": ".bank_balance",
    "CashIn": ".cash_in",
    "CashInPaidEvent": ".cash_in_paid_event",
    "CashInPayer": ".cash_in_payer",
    "CashInRefundedEvent": ".cash_in_refunded_event",
    "CashInRequest": ".cash_in_request",
    "CashInStatus": ".cash_in_status",
    "CashOut": ".cash_out",
    "CashOutCompletedEvent": ".cash_out_completed_event",
    "CashOutFailedEvent": ".cash_out_failed_event",
    "CashOutFailure": ".cash_out_failure",
    "CashOutRefundedEvent": ".cash_out_refunded_event",
    "CashOutRequest": ".cash_out_request",
    "CashOutStatus": ".cash_out_status",
    "ConsolidatedBalance": ".consolidated_balance",
    "Currency": ".currency",
    "DestinationDetails": ".destination_details",
    "DestinationType": ".destination_type",
    "ErrorCode": ".error_code",
    "EventType": ".event_type",
    "OpenFinanceRequest": ".open_finance_request",
    "Payee": ".payee",
    "PayeeDetails": ".payee_details",
    "Payer": ".payer",
    "PayerBankData": ".payer_bank_data",
    "PixData": ".pix_data",
    "PixDestination": ".pix_destination",
    "PixKeyType": ".pix_key_type",
    "ProblemDetails": ".problem_details",
    "RebalanceRequest": ".rebalance_request",
    "RebalanceResponse": ".rebalance_response",
    "Refund": ".refund",
    "RefundReason": ".refund_reason",
    "RefundRequest": ".refund_request",
    "TokenRequest": ".token_request",
    "TokenResponse": ".token_response",
    "TokenType": ".token_type",
    "WebhookEvent": ".webhook_event",
    "WebhookEventData": ".webhook_event_data",
}

# Hidden from type checkers, so that a misspelt name stays an error there.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        from importlib import import_module

        if (
            f".{name}" in _MODULES.values()
        ):  # a model's module, e.g. ``models.cash_out``
            return import_module(f".{name}", __name__)
        module = _MODULES.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(module, __name__), name)
        globals()[name] = value  # from now on a plain module attribute
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
