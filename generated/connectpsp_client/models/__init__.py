"""Contains all the data models used in inputs/outputs"""

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
