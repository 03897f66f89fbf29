"""Stable event identity (D-23): equal across retries, distinct across events."""

from __future__ import annotations

import json

import pytest

from connectpsp_ext.webhooks import (
    MalformedWebhook,
    parse_event,
)
from connectpsp_ext.webhooks.identity import event_identity, transaction_reference

from .payloads import ALL_EVENT_TYPES, CASH_IN_ID, CASH_OUT_ID, E2E, body


def test_docs_example_identity() -> None:
    identity = event_identity(parse_event(body("CASHIN_PAID")))
    assert json.loads(identity) == ["CASHIN_PAID", CASH_IN_ID, "PAID", E2E]


def test_retries_share_an_identity_whatever_the_formatting_and_event_at() -> None:
    compact = body("CASHIN_PAID")
    pretty = json.dumps(json.loads(compact), indent=2).encode()
    later = compact.replace(b"2026-03-10T14:22:18Z", b"2026-03-10T14:25:18Z")
    identities = {event_identity(parse_event(raw)) for raw in (compact, pretty, later)}
    assert len(identities) == 1


def test_all_event_types_have_distinct_identities() -> None:
    identities = [event_identity(parse_event(body(t))) for t in ALL_EVENT_TYPES]
    assert len(set(identities)) == len(identities)


def test_cash_out_failed_identity_has_null_e2e() -> None:
    identity = json.loads(event_identity(parse_event(body("CASHOUT_FAILED"))))
    assert identity == ["CASHOUT_FAILED", CASH_OUT_ID, "FAILED", None]


def test_internal_code_fallback() -> None:
    raw = json.dumps(
        {
            "eventType": "NEW_EVENT",
            "eventAt": "2026-03-10T14:22:18Z",
            "data": {"internalCode": "US7B1JQ"},
        }
    ).encode()
    event = parse_event(raw)
    assert json.loads(event_identity(event)) == ["NEW_EVENT", "US7B1JQ", None, None]
    assert transaction_reference(event) == "US7B1JQ"


def test_identity_is_injective_against_separator_tricks() -> None:
    def generic(transaction: str, status: str) -> str:
        raw = json.dumps(
            {
                "eventType": "X",
                "eventAt": "2026-03-10T14:22:18Z",
                "data": {"transactionId": transaction, "status": status},
            }
        ).encode()
        return event_identity(parse_event(raw))

    assert generic("a|b", "c") != generic("a", "b|c")
    assert generic('a","b', "c") != generic("a", 'b","c')


def test_event_without_transaction_cannot_be_deduplicated() -> None:
    raw = b'{"eventType": "X", "eventAt": "2026-03-10T14:22:18Z", "data": {"status": "PAID"}}'
    with pytest.raises(MalformedWebhook, match="transactionId"):
        event_identity(parse_event(raw))
