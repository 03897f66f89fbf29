"""Webhook bodies for the tests: the docs' CASHIN_PAID example and its siblings (D-13 shapes)."""

from __future__ import annotations

import copy
import json
from typing import Any

from connectpsp_ext.signing import webhook_signature
from tests.support.credentials import CRYPTO_TOKEN

OLD_CRYPTO_TOKEN = "previous-crypto-token"

CASH_IN_ID = "kk6g232xel65a0daee4dd13kk2912714964"
CASH_OUT_ID = "dd30446e-6cc5-4664-bf3f-6b7f5e55a1a9"
E2E = "E00416968202603101827cemeFscF6AG"
REFUND_E2E = "D00416968202603111200refundAbc12"

# The docs' example, byte for byte as a JSON text ("amount": 10.00 must stay 10.00).
DOCS_CASHIN_PAID = b"""{
  "eventType": "CASHIN_PAID",
  "eventAt": "2026-03-10T11:22:18Z",
  "data": {
    "transactionId": "kk6g232xel65a0daee4dd13kk2912714964",
    "internalCode": "US7B1JQ",
    "externalReference": "test-order-001",
    "endToEndId": "E00416968202603101827cemeFscF6AG",
    "status": "PAID",
    "amount": 10.00,
    "payer": {
      "name": "Test User",
      "document": "12345678909",
      "bankData": {
        "ispb": "00000000",
        "bank": "Banco do Brasil S.A.",
        "branch": "0001",
        "account": "123456"
      }
    },
    "requestedAt": "2026-03-10T11:20:00-03:00",
    "paidAt": "2026-03-10T11:22:15-03:00"
  }
}"""

_CASH_IN: dict[str, Any] = json.loads(DOCS_CASHIN_PAID)["data"]

_CASH_OUT: dict[str, Any] = {
    "transactionId": CASH_OUT_ID,
    "internalCode": "IVKPRMOCDY",
    "externalReference": "withdrawal-user-42-001",
    "endToEndId": None,
    "status": "PROCESSING",
    "amount": "50.00",  # replaced by a raw number when encoded
    "description": "User withdrawal",
    "payee": {
        "name": "Maria Silva",
        "document": "12345678909",
        "destination": {"type": "PIX", "pixKeyType": "CPF", "pixKey": "12345678909"},
    },
    "requestedAt": "2026-03-10T11:30:00-03:00",
}


def _encode(envelope: dict[str, Any]) -> bytes:
    # Amounts are written as raw JSON numbers with their exact digits.
    amount = envelope["data"].get("amount")
    text = json.dumps(envelope, separators=(",", ":"))
    if isinstance(amount, str):
        text = text.replace(f'"amount":"{amount}"', f'"amount":{amount}')
    return text.encode()


def body(event_type: str, **data_overrides: Any) -> bytes:
    """A delivery body of ``event_type`` with consistent status/E2E, overridable per field."""
    cash_in = event_type.startswith("CASHIN")
    data = copy.deepcopy(_CASH_IN if cash_in else _CASH_OUT)
    if cash_in:
        data["amount"] = "10.00"
    if event_type == "CASHIN_REFUNDED":
        data.update(
            status="REFUNDED",
            endToEndId=REFUND_E2E,
            originalEndToEndId=E2E,
            refundedAt="2026-03-11T09:00:00-03:00",
        )
    elif event_type == "CASHOUT_COMPLETED":
        data.update(status="COMPLETED", endToEndId=E2E, completedAt="2026-03-10T11:31:00-03:00")
    elif event_type == "CASHOUT_FAILED":
        data.update(
            status="FAILED",
            failure={
                "code": "PIX_KEY_NOT_FOUND",
                "message": "The provided PIX key did not resolve to a valid account.",
            },
            failedAt="2026-03-10T11:31:00-03:00",
        )
    elif event_type == "CASHOUT_REFUNDED":
        data.update(
            status="REFUNDED",
            endToEndId=REFUND_E2E,
            originalEndToEndId=E2E,
            refundedAt="2026-03-12T10:00:00-03:00",
        )
    data.update(data_overrides)
    return _encode({"eventType": event_type, "eventAt": "2026-03-10T14:22:18Z", "data": data})


def headers(raw: bytes, token: str = CRYPTO_TOKEN, event_id: str = "evt-1") -> dict[str, str]:
    return {"X-Connect-Signature": webhook_signature(raw, token), "X-Event-Id": event_id}


ALL_EVENT_TYPES = (
    "CASHIN_PAID",
    "CASHIN_REFUNDED",
    "CASHOUT_COMPLETED",
    "CASHOUT_FAILED",
    "CASHOUT_REFUNDED",
)
