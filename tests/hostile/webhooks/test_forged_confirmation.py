"""Issue 11 item 16: with a leaked CryptoToken, a forged event that copies a real payment but
changes a field the application acts on (the order, the payer or payee document) must not be
confirmed by polling, and the genuine delivery must still be processed afterwards (not be taken
for a duplicate of the forgery)."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from connectpsp_client.models import CashIn, CashOut

from connectpsp_ext.webhooks import (
    MemoryDedupStore,
    Outcome,
    PollingConfirmer,
    ReceivedWebhook,
    WebhookHandler,
)

from ...webhooks.payloads import CRYPTO_TOKEN, body, headers


def _genuine_data(event_type: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(body(event_type), parse_float=Decimal)["data"]
    return data


def _fetch_cash_in(reference: str) -> CashIn:
    return CashIn.from_dict(_genuine_data("CASHIN_PAID"))


def _fetch_cash_out(reference: str) -> CashOut:
    return CashOut.from_dict(_genuine_data("CASHOUT_COMPLETED"))


def _payer(document: str) -> dict[str, Any]:
    payer: dict[str, Any] = _genuine_data("CASHIN_PAID")["payer"]
    return {**payer, "document": document}


def _payee(document: str) -> dict[str, Any]:
    payee: dict[str, Any] = _genuine_data("CASHOUT_COMPLETED")["payee"]
    return {**payee, "document": document}


FORGERIES: dict[str, Callable[[], bytes]] = {
    "cash-in for another order": lambda: body("CASHIN_PAID", externalReference="order-of-mallory"),
    "cash-in from another payer": lambda: body("CASHIN_PAID", payer=_payer("98765432100")),
    "cash-out for another order": lambda: body(
        "CASHOUT_COMPLETED", externalReference="order-of-mallory"
    ),
    "cash-out to another payee": lambda: body("CASHOUT_COMPLETED", payee=_payee("98765432100")),
}


@pytest.mark.parametrize("name", sorted(FORGERIES))
def test_forged_copy_is_not_confirmed_and_the_genuine_event_still_runs(name: str) -> None:
    forged = FORGERIES[name]()
    genuine = body("CASHIN_PAID" if name.startswith("cash-in") else "CASHOUT_COMPLETED")
    acted_on: list[ReceivedWebhook] = []
    handler = WebhookHandler(
        crypto_tokens=CRYPTO_TOKEN,  # leaked: the forger signs with it
        store=MemoryDedupStore(),
        callback=acted_on.append,
        confirmer=PollingConfirmer(fetch_cash_in=_fetch_cash_in, fetch_cash_out=_fetch_cash_out),
    )
    first = handler.handle(forged, headers(forged))
    assert (first.outcome, first.http_status) == (Outcome.NOT_CONFIRMED, 503)
    assert acted_on == []
    second = handler.handle(genuine, headers(genuine))
    assert second.outcome is Outcome.PROCESSED
    assert len(acted_on) == 1
    assert first.error is not None
    assert "mallory" not in str(first.error) and "98765432100" not in str(first.error)
