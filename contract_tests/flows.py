"""Helpers of the flow tests: unique references, webhook deliveries checked end to end, polling.

A delivery counts only once it is proven: ``X-Connect-Signature`` verified with
``connectpsp_ext.webhooks`` over the raw bytes, the body valid against its component schema
(jsonschema-rs, exact decimals), and parsed by the client's webhook toolkit into its typed model.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from connectpsp_ext import ConnectPSP
from connectpsp_ext.secrets import Secret
from connectpsp_ext.webhooks import AnyEvent, parse_event, verify_webhook_signature
from connectpsp_mock.testing import Delivery

from .deviations import FLOWS, record_model
from .payload_schemas import parse_exact, validate_payload
from .present import present
from .webhook_receiver import WebhookReceiver

EVENT_SCHEMAS = {
    "CASHIN_PAID": "CashInPaidEvent",
    "CASHIN_REFUNDED": "CashInRefundedEvent",
    "CASHOUT_COMPLETED": "CashOutCompletedEvent",
    "CASHOUT_FAILED": "CashOutFailedEvent",
    "CASHOUT_REFUNDED": "CashOutRefundedEvent",
}
WEBHOOK_TIMEOUT = 15.0

T = TypeVar("T")


def unique_reference(prefix: str) -> str:
    """An ``externalReference`` no earlier run used (the API refuses duplicates with 409)."""
    return f"{prefix}-{uuid.uuid4().hex[:16]}"


@dataclass(frozen=True)
class ProvenEvent:
    delivery: Delivery
    payload: dict[str, Any]  # exact: Decimal amounts
    event: AnyEvent  # the client's typed model


def _matches(delivery: Delivery, event_type: str, transaction_id: str) -> bool:
    try:
        payload = parse_exact(delivery.body)
    except ValueError:
        return False
    data = payload.get("data") if isinstance(payload, dict) else None
    return (
        isinstance(data, dict)
        and payload.get("eventType") == event_type
        and data.get("transactionId") == transaction_id
    )


def prove_delivery(delivery: Delivery, crypto_token: Secret) -> ProvenEvent:
    signature = delivery.headers.get("x-connect-signature")  # header names are lower case
    verify_webhook_signature(delivery.body, signature, [crypto_token])
    event_id = delivery.headers.get("x-event-id")
    assert event_id is not None, "X-Event-Id header missing"
    uuid.UUID(event_id)  # a UUID per attempt (Webhooks guide)
    assert delivery.headers.get("content-type", "").startswith("application/json")
    payload = parse_exact(delivery.body)
    event_type = payload["eventType"]
    validate_payload(EVENT_SCHEMAS[event_type], payload)
    event = parse_event(delivery.body)
    record_model(FLOWS, f"webhook {event_type}", event)
    return ProvenEvent(delivery=delivery, payload=payload, event=event)


def await_event(
    receiver: WebhookReceiver,
    event_type: str,
    transaction_id: object,  # a str, or the UUID a cash-out model carries
    crypto_token: Secret,
    *,
    timeout: float = WEBHOOK_TIMEOUT,
) -> ProvenEvent:
    """The first delivery of ``event_type`` for ``transaction_id``, proven genuine and valid."""
    wanted = str(transaction_id)
    (delivery,) = receiver.wait_for(lambda d: _matches(d, event_type, wanted), timeout=timeout)
    return prove_delivery(delivery, crypto_token)


def poll(fetch: Callable[[], T], done: Callable[[T], bool], *, timeout: float = 30.0) -> T:
    """Call ``fetch`` until ``done`` holds (the docs' fallback when a webhook cannot arrive)."""
    deadline = time.monotonic() + timeout
    delay = 0.05
    while True:
        value = fetch()
        if done(value):
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"condition not reached within {timeout}s")
        time.sleep(delay)
        delay = min(delay * 2, 2.0)


def amount_for(target_cap: Decimal | None, wanted: str) -> Decimal:
    """``wanted`` on the mock; never above the staging cap."""
    value = Decimal(wanted)
    return value if target_cap is None else min(value, target_cap)


def transactional_balance(client: ConnectPSP) -> Decimal:
    """The consolidated transactional balance (documented, optional since D-40: see present)."""
    consolidated = present(client.account.balance().data.consolidated, "Balance.consolidated")
    return present(consolidated.transactional_balance, "consolidated.transactionalBalance")
