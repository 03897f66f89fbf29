"""The flow tests' client records the deviations of every response it reads (D-53)."""

from __future__ import annotations

import json

import httpx

from contract_tests.deviations import DeviationLog
from contract_tests.recording import RecordingTransport, operation_label

CASH_IN = {
    "transactionId": "kk6g232xel65a0daee4dd13kk2912714964",
    "internalCode": "US7B1JQ",
    "externalReference": "order_abc123",
    "status": "PAID",
    "payer": {"name": "Test User", "document": "12345678909"},
    "requestedAt": "2026-03-10T11:20:00-03:00",
}


def test_operations_are_found_by_method_and_path() -> None:
    assert operation_label("GET", "/cash-in/US7B1JQ") == "GET /cash-in/{id}"
    assert operation_label("POST", "/cash-in/US7B1JQ/refund") == "POST /cash-in/{id}/refund"
    assert operation_label("POST", "/cash-in") == "POST /cash-in"
    assert operation_label("GET", "/_mock/state") is None


def test_a_response_without_a_documented_field_is_tallied_unchanged() -> None:
    body = json.dumps(CASH_IN).encode()  # no amount
    inner = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    log = DeviationLog()
    with httpx.Client(transport=RecordingTransport(inner, log), base_url="http://x") as client:
        first = client.get("/cash-in/US7B1JQ")
        client.get("/cash-in/US7B1JQ")
        client.get("/_mock/state")  # not an API operation: not read
    assert first.content == body  # the caller still gets the response as sent
    [finding] = log.findings()
    assert (finding.source, finding.path, finding.kind, finding.count) == (
        "GET /cash-in/{id} 200",
        "amount",
        "missing",
        2,
    )
