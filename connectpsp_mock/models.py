"""The mock's domain records: cash-ins, cash-outs and their state machines (D-13).

Records are plain mutable dataclasses owned by the store; every change goes through a service in
``cash_in.py`` / ``cash_out.py`` under the balance lock. Documents are kept out of ``repr``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any


class CashInStatus(StrEnum):
    AWAITING_PAYMENT = "AWAITING_PAYMENT"
    PAID = "PAID"
    EXPIRED = "EXPIRED"
    REFUNDED = "REFUNDED"
    CANCELLED = "CANCELLED"


class CashOutStatus(StrEnum):
    PROCESSING = "PROCESSING"
    COMPLETED = "COMPLETED"
    FAILED = "FAILED"
    REFUNDED = "REFUNDED"
    CANCELLED = "CANCELLED"


class EventType(StrEnum):
    CASHIN_PAID = "CASHIN_PAID"
    CASHIN_REFUNDED = "CASHIN_REFUNDED"
    CASHOUT_COMPLETED = "CASHOUT_COMPLETED"
    CASHOUT_FAILED = "CASHOUT_FAILED"
    CASHOUT_REFUNDED = "CASHOUT_REFUNDED"


class AccountKind(StrEnum):
    TRANSACTIONAL = "transactional"
    PROPRIETARY = "proprietary"


@dataclass(frozen=True)
class PayerBank:
    """Where a cash-in payment came from (``payer.bankData``)."""

    ispb: str
    bank: str
    branch: str
    account: str


@dataclass
class CashIn:
    transaction_id: str
    internal_code: str
    external_reference: str
    amount: Decimal
    payer_name: str
    payer_document: str = field(repr=False)
    requested_at: datetime
    expires_at: datetime
    webhook_url: str | None
    # The banking partner whose transactional account receives the payment.
    bank_ispb: str
    copy_and_paste: str | None = field(default=None, repr=False)
    payment_url: str | None = None
    status: CashInStatus = CashInStatus.AWAITING_PAYMENT
    end_to_end_id: str | None = None
    original_end_to_end_id: str | None = None
    payer_bank: PayerBank | None = None
    paid_at: datetime | None = None
    refunded_at: datetime | None = None
    expired_at: datetime | None = None
    cancelled_at: datetime | None = None
    refund_reason: str | None = None
    refund_description: str | None = None


@dataclass(frozen=True)
class Allocation:
    """Part of a cash-out drawn from one bank's transactional account."""

    ispb: str
    amount: Decimal


@dataclass(frozen=True)
class Failure:
    code: str
    message: str


# Where a cash-out goes: parsed from the request (payloads.py), kept on the record, written back
# by the views, and read by the outcome rules (outcomes.py).
@dataclass(frozen=True)
class PixDestination:
    pix_key_type: str
    pix_key: str = field(repr=False)

    def to_json(self) -> dict[str, Any]:
        return {"type": "PIX", "pixKeyType": self.pix_key_type, "pixKey": self.pix_key}


@dataclass(frozen=True)
class BankAccountDestination:
    ispb: str
    branch: str
    account: str
    account_type: str

    def to_json(self) -> dict[str, Any]:
        return {
            "type": "BANK_ACCOUNT",
            "bankAccount": {
                "ispb": self.ispb,
                "branch": self.branch,
                "account": self.account,
                "accountType": self.account_type,
            },
        }


Destination = PixDestination | BankAccountDestination


@dataclass
class CashOut:
    transaction_id: str
    internal_code: str
    external_reference: str
    amount: Decimal
    description: str | None
    webhook_url: str | None
    payee_name: str
    payee_document: str = field(repr=False)
    destination: Destination
    requested_at: datetime
    allocations: tuple[Allocation, ...]
    status: CashOutStatus = CashOutStatus.PROCESSING
    end_to_end_id: str | None = None
    original_end_to_end_id: str | None = None
    failure: Failure | None = None
    completed_at: datetime | None = None
    failed_at: datetime | None = None
    refunded_at: datetime | None = None
    cancelled_at: datetime | None = None

    @property
    def sending_ispb(self) -> str:
        """The bank that sends the PIX (the first one its amount was drawn from)."""
        return self.allocations[0].ispb
