"""Issue 10 item 4: a correctly signed delivery the parser cannot fully read is accepted (2xx),
handed to the application as a generic event with its raw data (and the raw body), and confirmed
by polling; never a 400. A bad signature keeps its 401 and a body that is not JSON its 400."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from typing import Any

import pytest
from connectpsp_client.models import CashIn, CashOut
from connectpsp_client.types import json_dumps

from connectpsp_ext.webhooks import (
    AsyncPollingConfirmer,
    AsyncWebhookHandler,
    GenericEvent,
    MemoryDedupStore,
    Outcome,
    PollingConfirmer,
    ReceivedWebhook,
    WebhookHandler,
)

from ...webhooks.payloads import CASH_IN_ID, CRYPTO_TOKEN, DOCS_CASHIN_PAID, body, headers


def _document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(DOCS_CASHIN_PAID, parse_float=Decimal)
    return document


def _variant(change: str) -> bytes:
    document = _document()
    data = document["data"]
    if change == "eventAt as epoch seconds":
        document["eventAt"] = 1773141738
    elif change == "eventAt without offset":
        document["eventAt"] = "2026-03-10T11:22:18"
    elif change == "eventAt missing":
        del document["eventAt"]
    elif change == "requestedAt missing":
        del data["requestedAt"]
    elif change == "requestedAt as epoch":
        data["requestedAt"] = 1773141600
    elif change == "payer null":
        data["payer"] = None
    elif change == "payer document missing":
        del data["payer"]["document"]
    elif change == "amount as a string":
        data["amount"] = "10.00"
    elif change == "amount missing":
        del data["amount"]
    elif change == "status unknown":
        data["status"] = "SETTLED"
    elif change == "externalReference null":
        data["externalReference"] = None
    elif change == "transactionId as a number":
        data["transactionId"] = 123456789
    elif change == "data is a list":
        document["data"] = [data]
    elif change == "eventType missing":
        del document["eventType"]
    elif change == "top level is a list":
        return json_dumps([document])  # Decimal amounts stay JSON numbers
    return json_dumps(document)


VARIANTS = [
    "eventAt as epoch seconds",
    "eventAt without offset",
    "eventAt missing",
    "requestedAt missing",
    "requestedAt as epoch",
    "payer null",
    "payer document missing",
    "amount as a string",
    "amount missing",
    "status unknown",
    "externalReference null",
    "transactionId as a number",
    "data is a list",
    "eventType missing",
    "top level is a list",
]


@pytest.mark.parametrize("change", VARIANTS)
def test_a_signed_event_is_never_answered_400(change: str) -> None:
    raw = _variant(change)
    received: list[ReceivedWebhook] = []
    handler = WebhookHandler(
        crypto_tokens=CRYPTO_TOKEN, store=MemoryDedupStore(), callback=received.append
    )
    first = handler.handle(raw, headers(raw))
    assert first.acknowledged, (first.outcome, first.error)
    assert first.outcome is Outcome.PROCESSED
    assert len(received) == 1
    assert received[0].raw_body == raw  # nothing lost: the exact signed bytes
    assert received[0].raw == json.loads(raw, parse_float=Decimal)
    # A retry of the same delivery is recognised, even without a transaction id.
    again = handler.handle(raw, headers(raw, event_id="evt-2"))
    assert again.outcome is Outcome.DUPLICATE
    assert len(received) == 1


# D-56: unreadable means a required field missing or a value of the wrong type or format. An
# optional field left out or null ("payer null", "requestedAt missing") and an unknown status keep
# the event typed (tests/webhooks/test_parsing.py), so they are not in this list.
@pytest.mark.parametrize(
    "change", ["eventAt missing", "amount as a string", "requestedAt as epoch"]
)
def test_an_unreadable_paid_event_reaches_the_callback_as_generic_with_its_raw_data(
    change: str,
) -> None:
    raw = _variant(change)
    received: list[ReceivedWebhook] = []
    handler = WebhookHandler(
        crypto_tokens=CRYPTO_TOKEN, store=MemoryDedupStore(), callback=received.append
    )
    assert handler.handle(raw, headers(raw)).outcome is Outcome.PROCESSED
    event = received[0].event
    assert isinstance(event, GenericEvent)
    assert event.problem  # says what the typed model could not read
    assert event.event_type == "CASHIN_PAID"
    assert event.data["transactionId"] == CASH_IN_ID


def _fetched_cash_in(reference: str) -> CashIn:
    assert reference == CASH_IN_ID
    data = json.loads(body("CASHIN_PAID"), parse_float=Decimal)["data"]
    return CashIn.from_dict(data)


def _no_cash_out(reference: str) -> CashOut:
    raise AssertionError("not a cash-out")


@pytest.mark.parametrize("change", ["eventAt missing", "payer null", "requestedAt missing"])
def test_an_unreadable_known_event_is_confirmed_by_polling(change: str) -> None:
    raw = _variant(change)
    received: list[ReceivedWebhook] = []

    async def callback(event: ReceivedWebhook) -> None:
        received.append(event)

    async def fetch_cash_in(reference: str) -> CashIn:
        return _fetched_cash_in(reference)

    async def fetch_cash_out(reference: str) -> CashOut:
        return _no_cash_out(reference)

    handler = AsyncWebhookHandler(
        crypto_tokens=CRYPTO_TOKEN,
        store=MemoryDedupStore(),
        callback=callback,
        confirmer=AsyncPollingConfirmer(fetch_cash_in=fetch_cash_in, fetch_cash_out=fetch_cash_out),
    )
    result = asyncio.run(handler.handle(raw, headers(raw)))
    assert result.outcome is Outcome.PROCESSED, result.error
    assert received[0].confirmed
    assert isinstance(received[0].transaction, CashIn)  # act on this, not on the raw data
    assert received[0].transaction.external_reference == "test-order-001"


def test_an_unreadable_event_that_polling_contradicts_is_not_confirmed() -> None:
    document = _document()
    del document["eventAt"]
    document["data"]["externalReference"] = "order-of-mallory"
    raw = json.dumps(document, default=str).encode()
    received: list[ReceivedWebhook] = []
    handler = WebhookHandler(
        crypto_tokens=CRYPTO_TOKEN,
        store=MemoryDedupStore(),
        callback=received.append,
        confirmer=PollingConfirmer(fetch_cash_in=_fetched_cash_in, fetch_cash_out=_no_cash_out),
    )
    assert handler.handle(raw, headers(raw)).outcome is Outcome.NOT_CONFIRMED
    assert received == []


@pytest.mark.parametrize(
    "raw",
    [b"not json", b'{"eventType": ', b"\xff\xfe{}", '{"a": "\u00e9"}'.encode("utf-16")],
)
def test_bodies_that_are_not_json_keep_their_400(raw: bytes) -> None:
    handler = WebhookHandler(crypto_tokens=CRYPTO_TOKEN, store=MemoryDedupStore(), callback=print)
    result = handler.handle(raw, headers(raw))
    assert (result.outcome, result.http_status) == (Outcome.MALFORMED, 400)


def test_a_bad_signature_keeps_its_401() -> None:
    raw = _variant("payer null")
    handler = WebhookHandler(crypto_tokens=CRYPTO_TOKEN, store=MemoryDedupStore(), callback=print)
    assert handler.handle(raw, headers(raw, token="someone-else")).http_status == 401
    assert handler.handle(raw, {"X-Connect-Signature": "zz"}).http_status == 401
