"""Raw body -> typed event models; unknown types are generic; malformed bodies fail clearly."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from connectpsp_client.models import (
    CashInPaidEvent,
    CashInRefundedEvent,
    CashInStatus,
    CashOutCompletedEvent,
    CashOutFailedEvent,
    CashOutRefundedEvent,
    WebhookEvent,
)

from connectpsp_ext.webhooks import MalformedWebhook, event_data, parse_event

from .payloads import ALL_EVENT_TYPES, CASH_OUT_ID, DOCS_CASHIN_PAID, E2E, REFUND_E2E, body

MODELS = {
    "CASHIN_PAID": CashInPaidEvent,
    "CASHIN_REFUNDED": CashInRefundedEvent,
    "CASHOUT_COMPLETED": CashOutCompletedEvent,
    "CASHOUT_FAILED": CashOutFailedEvent,
    "CASHOUT_REFUNDED": CashOutRefundedEvent,
}


def test_docs_example_parses_with_exact_amount() -> None:
    event = parse_event(DOCS_CASHIN_PAID)
    assert isinstance(event, CashInPaidEvent)
    assert event.data.amount == Decimal("10.00")
    assert str(event.data.amount) == "10.00"  # exact digits, never a float
    assert event.data.status is CashInStatus.PAID
    assert event.data.end_to_end_id == E2E
    assert event.data.external_reference == "test-order-001"
    assert event.event_at.utcoffset() is not None


@pytest.mark.parametrize("event_type", ALL_EVENT_TYPES)
def test_every_known_type_maps_to_its_model(event_type: str) -> None:
    event = parse_event(body(event_type))
    assert type(event) is MODELS[event_type]
    assert event.event_type == event_type


def test_cash_out_details() -> None:
    failed = parse_event(body("CASHOUT_FAILED"))
    assert isinstance(failed, CashOutFailedEvent)
    assert str(failed.data.transaction_id) == CASH_OUT_ID
    assert failed.data.end_to_end_id is None
    assert failed.data.amount == Decimal("50.00")
    refunded = parse_event(body("CASHOUT_REFUNDED"))
    assert isinstance(refunded, CashOutRefundedEvent)
    assert refunded.data.end_to_end_id == REFUND_E2E
    assert refunded.data.original_end_to_end_id == E2E


def test_amount_precision_is_preserved() -> None:
    event = parse_event(body("CASHIN_PAID", amount="0.07"))
    assert isinstance(event, CashInPaidEvent)
    assert event.data.amount == Decimal("0.07")
    assert event.data.amount * 3 == Decimal("0.21")  # 0.07 * 3 != 0.21 in binary floats


def test_unknown_event_type_is_generic_not_an_error() -> None:
    raw = json.dumps(
        {
            "eventType": "CASHIN_EXPIRED_V3",
            "eventAt": "2026-03-10T14:22:18Z",
            "data": {"transactionId": "abc", "status": "EXPIRED", "amount": 1.5},
            "schemaVersion": 3,
        }
    ).encode()
    event = parse_event(raw)
    assert type(event) is WebhookEvent
    assert event.event_type == "CASHIN_EXPIRED_V3"
    assert event.additional_properties == {"schemaVersion": 3}
    assert event_data(event) == {
        "transactionId": "abc",
        "status": "EXPIRED",
        "amount": Decimal("1.5"),
    }


def test_unknown_enum_values_and_extra_fields_are_tolerated() -> None:
    event = parse_event(body("CASHIN_PAID", status="PAID_PARTIALLY", riskScore=3))
    assert isinstance(event, CashInPaidEvent)
    assert not event.data.status.is_known
    assert event.data.status == "PAID_PARTIALLY"
    assert event.data.additional_properties["riskScore"] == 3


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "not valid UTF-8 JSON"),
        (b"{", "not valid UTF-8 JSON"),
        (b"\xff\xfe{}", "not valid UTF-8 JSON"),
        (b"[]", "not a JSON object"),
        (b'"CASHIN_PAID"', "not a JSON object"),
        (b'{"eventAt": "2026-03-10T14:22:18Z", "data": {}}', "eventType"),
        (b'{"eventType": 5, "eventAt": "2026-03-10T14:22:18Z", "data": {}}', "eventType"),
        (b'{"eventType": "", "eventAt": "2026-03-10T14:22:18Z", "data": {}}', "eventType"),
        (b'{"eventType": "CASHIN_PAID", "data": {}}', "eventAt"),
        (b'{"eventType": "CASHIN_PAID", "eventAt": "2026-03-10T14:22:18Z"}', "data"),
        (b'{"eventType": "CASHIN_PAID", "eventAt": "2026-03-10T14:22:18Z", "data": []}', "data"),
        (b'{"eventType": "X", "eventAt": "yesterday", "data": {}}', "schema"),
        (b'{"eventType": "X", "eventAt": "2026-03-10T14:22:18", "data": {}}', "UTC offset"),
        (b'{"eventType": "X", "eventAt": "2026-03-10T14:22:18Z", "data": {"a": NaN}}', "NaN"),
    ],
)
def test_malformed_envelopes(raw: bytes, message: str) -> None:
    with pytest.raises(MalformedWebhook, match=message) as info:
        parse_event(raw)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"amount": {"value": 10}}, "schema"),
        ({"amount": [10]}, "schema"),
        ({"amount": True}, "schema"),
        ({"requestedAt": "not a date"}, "schema"),
        ({"payer": "12345678909"}, "schema"),
    ],
)
def test_malformed_known_events_do_not_leak_values(
    overrides: dict[str, object], message: str
) -> None:
    raw = body("CASHIN_PAID", **overrides)
    with pytest.raises(MalformedWebhook, match=message) as info:
        parse_event(raw)
    assert "12345678909" not in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_missing_required_field_is_named() -> None:
    document = json.loads(DOCS_CASHIN_PAID)
    del document["data"]["payer"]["document"]
    with pytest.raises(MalformedWebhook, match="'document'"):
        parse_event(json.dumps(document).encode())


def test_known_type_with_wrong_shape_is_not_downgraded_to_generic() -> None:
    with pytest.raises(MalformedWebhook):
        parse_event(
            b'{"eventType": "CASHOUT_FAILED", "eventAt": "2026-03-10T14:22:18Z", "data": {}}'
        )
