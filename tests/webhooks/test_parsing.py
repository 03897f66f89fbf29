"""Raw body -> typed event models; unknown types and unreadable events are generic events that
keep their data; only bodies that are not JSON fail, clearly."""

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
)

from connectpsp_ext.webhooks import GenericEvent, MalformedWebhook, parse_event
from connectpsp_ext.webhooks.parsing import MAX_DEPTH, event_data

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
    assert type(event) is GenericEvent
    assert event.event_type == "CASHIN_EXPIRED_V3"
    assert event.event_at == "2026-03-10T14:22:18Z"
    assert event.problem is None  # an unknown type is not a problem, only not typed
    assert event.raw["schemaVersion"] == 3
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
        ('{"a": 1}'.encode("utf-16"), "not valid UTF-8 JSON"),
        (b'{"eventType": "X", "eventAt": "2026-03-10T14:22:18Z", "data": {"a": NaN}}', "NaN"),
        (b'{"eventType": "X", "eventAt": "2026-03-10T14:22:18Z", "data": {"a": -Infinity}}', "NaN"),
        (b'{"data": {"amount": 1e999999999}}', "out of range"),
        (b'{"data": ' + b"[" * 40 + b"]" * 40 + b"}", "nested deeper"),
    ],
)
def test_bodies_that_are_not_json_are_malformed(raw: bytes, message: str) -> None:
    with pytest.raises(MalformedWebhook, match=message) as info:
        parse_event(raw)
    assert isinstance(info.value, ValueError)


def test_nesting_up_to_the_limit_is_read() -> None:
    inner = b"[" * (MAX_DEPTH - 2) + b"]" * (MAX_DEPTH - 2)
    event = parse_event(b'{"eventType": "X", "data": {"deep": ' + inner + b"}}")
    assert isinstance(event, GenericEvent)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"[]", "not a JSON object"),
        (b'"CASHIN_PAID"', "not a JSON object"),
        (b'{"eventAt": "2026-03-10T14:22:18Z", "data": {}}', "eventType"),
        (b'{"eventType": 5, "eventAt": "2026-03-10T14:22:18Z", "data": {}}', "eventType"),
        (b'{"eventType": "", "eventAt": "2026-03-10T14:22:18Z", "data": {}}', "eventType"),
        (b'{"eventType": "CASHIN_PAID", "data": {}}', "eventAt"),
        (b'{"eventType": "CASHIN_PAID", "eventAt": "2026-03-10T14:22:18Z"}', "data"),
        (b'{"eventType": "CASHIN_PAID", "eventAt": "2026-03-10T14:22:18Z", "data": []}', "data"),
    ],
)
def test_broken_envelopes_are_generic_events_saying_why(raw: bytes, message: str) -> None:
    event = parse_event(raw)
    assert isinstance(event, GenericEvent)
    assert event.problem is not None and message in event.problem
    assert event.raw == json.loads(raw)
    assert isinstance(event.data, dict)


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
def test_unreadable_known_events_keep_their_data_and_leak_no_values(
    overrides: dict[str, object], message: str
) -> None:
    raw = body("CASHIN_PAID", **overrides)
    event = parse_event(raw)
    assert isinstance(event, GenericEvent)
    assert event.event_type == "CASHIN_PAID"
    assert event.problem is not None and message in event.problem
    assert event.data == json.loads(raw, parse_float=Decimal)["data"]
    assert "12345678909" not in event.problem and "12345678909" not in repr(event)


def test_missing_required_field_is_named() -> None:
    document = json.loads(DOCS_CASHIN_PAID)
    del document["data"]["transactionId"]
    event = parse_event(json.dumps(document).encode())
    assert isinstance(event, GenericEvent)
    assert event.problem is not None and "'transactionId'" in event.problem


def test_missing_optional_field_keeps_the_event_typed_and_says_so() -> None:
    # D-56: the payer's document is documented but not required in a response (D-45); the typed
    # event types it as possibly absent and lists the deviation.
    document = json.loads(DOCS_CASHIN_PAID)
    del document["data"]["payer"]["document"]
    event = parse_event(json.dumps(document).encode())
    assert isinstance(event, CashInPaidEvent)
    assert [(d.path, d.kind) for d in event.deviations] == [("data.payer.document", "missing")]


@pytest.mark.parametrize("event_at", ["2026-03-10T14:22:18", "yesterday"])
def test_event_time_without_offset_is_not_typed(event_at: str) -> None:
    raw = DOCS_CASHIN_PAID.replace(b"2026-03-10T11:22:18Z", event_at.encode())
    event = parse_event(raw)
    assert isinstance(event, GenericEvent)
    assert event.event_at == event_at


def test_known_type_with_wrong_shape_is_generic_with_a_problem() -> None:
    event = parse_event(
        b'{"eventType": "CASHOUT_FAILED", "eventAt": "2026-03-10T14:22:18Z", "data": {}}'
    )
    assert isinstance(event, GenericEvent)
    assert event.problem is not None and "CASHOUT_FAILED" in event.problem
