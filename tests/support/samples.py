"""The docs' example documents and transaction bodies (as the API sends them), for fake servers."""

from __future__ import annotations

from typing import Any

PAYER_DOCUMENT = "12345678909"  # the docs' example CPF (valid check digits)
PAYEE_DOCUMENT = "11222333000181"  # a valid CNPJ

CASH_IN: dict[str, Any] = {
    "transactionId": "kk6g232xel65a0daee4dd13kk2912714964",
    "internalCode": "US7B1JQ",
    "externalReference": "test-order-001",
    "status": "AWAITING_PAYMENT",
    "amount": 10.00,
    "payer": {"name": "Test User", "document": PAYER_DOCUMENT},
    "pixData": {"copyAndPaste": "00020101021226...", "qrCodeImageBase64": "iVBORw0KGgo="},
    "requestedAt": "2026-03-10T11:20:00-03:00",
}
CASH_OUT: dict[str, Any] = {
    "transactionId": "dd30446e-6cc5-4664-bf3f-6b7f5e55a1a9",
    "internalCode": "IVKPRMOCDY",
    "externalReference": "withdrawal-user-42-001",
    "endToEndId": None,
    "status": "PROCESSING",
    "amount": 50.00,
    "payee": {
        "name": "Maria Silva",
        "document": PAYEE_DOCUMENT,
        "destination": {"type": "PIX", "pixKeyType": "CPF", "pixKey": PAYER_DOCUMENT},
    },
    "requestedAt": "2026-03-10T11:30:00-03:00",
}


def problem_document(
    status: int, code: str, title: str, detail: str | None = None
) -> dict[str, Any]:
    """An RFC 7807 problem as ConnectPSP writes it (``type`` derived from ``code``)."""
    body: dict[str, Any] = {
        "type": f"https://connect-psp.redocly.app/errors/{code.lower().replace('_', '-')}",
        "title": title,
        "status": status,
        "code": code,
    }
    if detail is not None:
        body["detail"] = detail
    return body
