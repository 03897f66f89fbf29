"""Issue 11 item 17: a correctly signed body that is nested absurdly deep or carries a number whose
exponent overflows ``Decimal`` is the toolkit's typed ``MalformedWebhook`` (HTTP 400), never a raw
``RecursionError`` or ``decimal.InvalidOperation`` escaping from the handler."""

from __future__ import annotations

import asyncio

import pytest

from connectpsp_ext.webhooks import (
    AsyncWebhookHandler,
    MalformedWebhook,
    MemoryDedupStore,
    Outcome,
    ReceivedWebhook,
    WebhookHandler,
    parse_event,
)

from ...webhooks.payloads import CRYPTO_TOKEN, DOCS_CASHIN_PAID, headers


def _nested(depth: int) -> bytes:
    """The docs' CASHIN_PAID with an extra member nested ``depth`` arrays deep inside ``data``."""
    inner = b"[" * depth + b"]" * depth
    return DOCS_CASHIN_PAID.replace(b'"status": "PAID",', b'"status": "PAID", "x": ' + inner + b",")


HOSTILE = {
    "nested_100k": _nested(100_000),
    "nested_10k": _nested(10_000),
    "nested_990": _nested(990),
    "nested_top_level": b"[" * 50_000 + b"]" * 50_000,
    "overflowing_amount": DOCS_CASHIN_PAID.replace(b"10.00", b"1e1000000000000000000"),
    "overflowing_negative_exponent": DOCS_CASHIN_PAID.replace(b"10.00", b"1e-1000000000000000000"),
    "overflowing_ignored_member": DOCS_CASHIN_PAID.replace(
        b'"status": "PAID",', b'"status": "PAID", "x": 1E+999999999999999999999,'
    ),
}


def _callback_must_not_run(received: ReceivedWebhook) -> None:
    raise AssertionError("a hostile body reached the callback")


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_parse_event_raises_the_typed_error(name: str) -> None:
    with pytest.raises(MalformedWebhook) as info:
        parse_event(HOSTILE[name])
    assert "1e" not in str(info.value).lower()  # the message names the problem, not the value


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_sync_handler_answers_400_malformed(name: str) -> None:
    raw = HOSTILE[name]
    handler = WebhookHandler(
        crypto_tokens=CRYPTO_TOKEN, store=MemoryDedupStore(), callback=_callback_must_not_run
    )
    result = handler.handle(raw, headers(raw))
    assert (result.outcome, result.http_status) == (Outcome.MALFORMED, 400)
    assert isinstance(result.error, MalformedWebhook)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_async_handler_answers_400_malformed(name: str) -> None:
    raw = HOSTILE[name]

    async def never(received: ReceivedWebhook) -> None:
        _callback_must_not_run(received)

    handler = AsyncWebhookHandler(
        crypto_tokens=CRYPTO_TOKEN, store=MemoryDedupStore(), callback=never
    )
    result = asyncio.run(handler.handle(raw, headers(raw)))
    assert (result.outcome, result.http_status) == (Outcome.MALFORMED, 400)
    assert isinstance(result.error, MalformedWebhook)
