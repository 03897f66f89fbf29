"""Bookkeeping records the store keeps besides transactions: idempotency and webhook events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from connectpsp_client.types import json_loads

from .timefmt import utc_time


@dataclass(frozen=True)
class StoredResponse:
    """A response as sent, so an idempotent replay is byte-identical (D-07)."""

    status: int
    body: bytes
    media_type: str = "application/json"


@dataclass(frozen=True)
class IdempotencyRecord:
    scope: str  # the operation, e.g. "createCashOut" (key scope = application + operation)
    key: str  # lower-cased UUID
    fingerprint: str  # method + path + canonical body
    response: StoredResponse
    created_at: datetime


@dataclass
class DeliveryAttempt:
    """One HTTP POST of a webhook event (or the decision not to send it)."""

    number: int
    trigger: str  # "initial" | "retry" | "redeliver" | "duplicate"
    url: str
    headers: dict[str, str]
    started_at: datetime
    finished_at: datetime | None = None
    status_code: int | None = None
    error: str | None = None
    outcome: str = "pending"  # "delivered" | "failed" | "skipped" | "pending"

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "trigger": self.trigger,
            "url": self.url,
            "headers": dict(self.headers),
            "startedAt": utc_time(self.started_at),
            "finishedAt": utc_time(self.finished_at) if self.finished_at else None,
            "statusCode": self.status_code,
            "error": self.error,
            "outcome": self.outcome,
        }


@dataclass
class WebhookEventRecord:
    """A webhook event and every attempt to deliver it."""

    id: str
    event_type: str
    transaction_id: str
    internal_code: str
    url: str | None
    body: bytes = field(repr=False)
    created_at: datetime
    attempts: list[DeliveryAttempt] = field(default_factory=list)
    # "pending" | "delivered" | "failed" | "skipped" (host not allowed) | "no_url"
    state: str = "pending"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "eventType": self.event_type,
            "transactionId": self.transaction_id,
            "internalCode": self.internal_code,
            "url": self.url,
            "state": self.state,
            "createdAt": utc_time(self.created_at),
            "body": json_loads(self.body),
            "rawBody": self.body.decode("utf-8"),
            "attempts": [a.to_json() for a in self.attempts],
        }
