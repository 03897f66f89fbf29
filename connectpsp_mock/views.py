"""JSON representations exactly as the spec's schemas describe them (D-31).

Transaction times are written in ``-03:00`` and token/event/snapshot times in UTC ``Z`` (D-19),
to the second, as in the docs. Unset optional fields are omitted (the docs' examples omit them),
except a cash-out's ``endToEndId``, which is ``null`` until settlement as getcashout.md says.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from .models import AccountKind, CashIn, CashOut
from .money import ZERO, cents
from .pixcode import qr_png_base64
from .settings import BankSeed
from .timefmt import local_date, local_time, utc_time


def cash_in_view(cash_in: CashIn, *, include_payment_data: bool = False) -> dict[str, Any]:
    """GET /cash-in/{id} (and webhook ``data``); the 201 adds pixData or paymentUrl (D-14)."""
    body: dict[str, Any] = {
        "transactionId": cash_in.transaction_id,
        "internalCode": cash_in.internal_code,
        "externalReference": cash_in.external_reference,
    }
    if cash_in.end_to_end_id is not None:
        body["endToEndId"] = cash_in.end_to_end_id
    if cash_in.original_end_to_end_id is not None:
        body["originalEndToEndId"] = cash_in.original_end_to_end_id
    body["status"] = cash_in.status.value
    body["amount"] = cents(cash_in.amount)
    payer: dict[str, Any] = {"name": cash_in.payer_name, "document": cash_in.payer_document}
    if cash_in.payer_bank is not None:
        payer["bankData"] = {
            "ispb": cash_in.payer_bank.ispb,
            "bank": cash_in.payer_bank.bank,
            "branch": cash_in.payer_bank.branch,
            "account": cash_in.payer_bank.account,
        }
    body["payer"] = payer
    if include_payment_data:
        if cash_in.payment_url is not None:
            body["paymentUrl"] = cash_in.payment_url
        if cash_in.copy_and_paste is not None:
            body["pixData"] = {
                "copyAndPaste": cash_in.copy_and_paste,
                # Rendered here, never stored: only the 201 carries the image (D-82).
                "qrCodeImageBase64": qr_png_base64(cash_in.copy_and_paste),
            }
    body["requestedAt"] = local_time(cash_in.requested_at)
    body["expiresAt"] = local_time(cash_in.expires_at)
    for key, value in (
        ("paidAt", cash_in.paid_at),
        ("refundedAt", cash_in.refunded_at),
        ("expiredAt", cash_in.expired_at),
    ):
        if value is not None:
            body[key] = local_time(value)
    return body


def refund_view(cash_in: CashIn) -> dict[str, Any]:
    """The 202 of POST /cash-in/{id}/refund (D-09)."""
    assert cash_in.end_to_end_id is not None and cash_in.refunded_at is not None
    body: dict[str, Any] = {
        "transactionId": cash_in.transaction_id,
        "internalCode": cash_in.internal_code,
        "externalReference": cash_in.external_reference,
        "endToEndId": cash_in.end_to_end_id,
    }
    if cash_in.original_end_to_end_id is not None:
        body["originalEndToEndId"] = cash_in.original_end_to_end_id
    body["status"] = cash_in.status.value
    body["amount"] = cents(cash_in.amount)
    if cash_in.refund_reason is not None:
        body["reason"] = cash_in.refund_reason
    body["refundedAt"] = local_time(cash_in.refunded_at)
    return body


def cash_out_view(cash_out: CashOut) -> dict[str, Any]:
    """The 202 of POST /cash-out, GET /cash-out/{id} and webhook ``data``."""
    body: dict[str, Any] = {
        "transactionId": cash_out.transaction_id,
        "internalCode": cash_out.internal_code,
        "externalReference": cash_out.external_reference,
        "endToEndId": cash_out.end_to_end_id,
    }
    if cash_out.original_end_to_end_id is not None:
        body["originalEndToEndId"] = cash_out.original_end_to_end_id
    body["status"] = cash_out.status.value
    body["amount"] = cents(cash_out.amount)
    if cash_out.description is not None:
        body["description"] = cash_out.description
    if cash_out.failure is not None:
        body["failure"] = {"code": cash_out.failure.code, "message": cash_out.failure.message}
    body["payee"] = {
        "name": cash_out.payee_name,
        "document": cash_out.payee_document,
        "destination": cash_out.destination.to_json(),
    }
    body["requestedAt"] = local_time(cash_out.requested_at)
    for key, value in (
        ("completedAt", cash_out.completed_at),
        ("failedAt", cash_out.failed_at),
        ("refundedAt", cash_out.refunded_at),
    ):
        if value is not None:
            body[key] = local_time(value)
    return body


def balance_view(
    banks: Sequence[BankSeed],
    balances: Mapping[tuple[str, AccountKind], Decimal],
    now: datetime,
) -> dict[str, Any]:
    """GET /account/balance: per-bank accounts and exact consolidated sums (D-16)."""

    def account(bank: BankSeed, kind: AccountKind) -> dict[str, Any]:
        seed = bank.transactional if kind is AccountKind.TRANSACTIONAL else bank.proprietary
        return {
            "branch": seed.branch,
            "account": seed.account,
            "balance": cents(balances[(bank.ispb, kind)]),
        }

    transactional = sum((balances[(b.ispb, AccountKind.TRANSACTIONAL)] for b in banks), ZERO)
    proprietary = sum((balances[(b.ispb, AccountKind.PROPRIETARY)] for b in banks), ZERO)
    return {
        "currency": "BRL",
        "referenceDate": local_date(now),
        "consolidated": {
            "totalBalance": cents(transactional + proprietary),
            "transactionalBalance": cents(transactional),
            "proprietaryBalance": cents(proprietary),
        },
        "banks": [
            {
                "ispb": bank.ispb,
                "bank": bank.name,
                "accounts": {
                    "transactional": account(bank, AccountKind.TRANSACTIONAL),
                    "proprietary": account(bank, AccountKind.PROPRIETARY),
                },
            }
            for bank in banks
        ],
        "updatedAt": utc_time(now),
    }
