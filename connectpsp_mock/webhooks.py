"""Webhook delivery exactly as the Webhooks guide describes (D-22).

Each event is ``{eventType, eventAt (UTC Z), data}`` where ``data`` is the GET representation at
that moment. It is POSTed to the transaction's ``webhookUrl`` with ``Content-Type:
application/json``, ``X-Connect-Signature`` = hex HMAC-SHA256 of the raw body keyed with the first
CryptoToken, and a new ``X-Event-Id`` (UUID) on every attempt; a 2xx within the timeout ends it,
anything else is retried after each of ``webhook_retry_delays``.

Safety: only hosts in ``webhook_allowed_hosts`` (loopback by default) are ever contacted. Other
URLs are recorded as ``skipped``; redirects are not followed and proxy variables are ignored.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
from connectpsp_client.types import json_dumps

from connectpsp_ext.signing import webhook_signature

from .clock import Clock
from .ids import IdFactory
from .problems import ProblemError
from .records import DeliveryAttempt, WebhookEventRecord
from .settings import MockSettings
from .store import Store
from .tasks import TaskTracker
from .views import utc_time

logger = logging.getLogger("connectpsp_mock.webhooks")
USER_AGENT = "connectpsp-mock/1"
MAX_DUPLICATES = 20


def host_allowed(url: str, allowed_hosts: tuple[str, ...]) -> bool:
    """True only for http(s) URLs whose host is literally in the allow-list."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError):
        return False
    host = parsed.host.lower().strip("[]")
    return parsed.scheme in ("http", "https") and host in allowed_hosts


class WebhookDispatcher:
    def __init__(
        self,
        settings: MockSettings,
        clock: Clock,
        ids: IdFactory,
        store: Store,
        tasks: TaskTracker,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._ids = ids
        self._store = store
        self._tasks = tasks
        self._client: httpx.AsyncClient | None = None

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=httpx.Timeout(self._settings.webhook_timeout_seconds),
                follow_redirects=False,
                trust_env=False,  # never route through a proxy from the environment
                headers={"User-Agent": USER_AGENT},
            )
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            await client.aclose()

    # --- events -----------------------------------------------------------------------------

    def emit(
        self,
        event_type: str,
        data: dict[str, Any],
        url: str | None,
    ) -> WebhookEventRecord:
        """Record an event and start delivering it (in the background)."""
        now = self._clock.now()
        body = json_dumps({"eventType": event_type, "eventAt": utc_time(now), "data": data})
        event = WebhookEventRecord(
            id=self._ids.event_id(),
            event_type=event_type,
            transaction_id=str(data.get("transactionId", "")),
            internal_code=str(data.get("internalCode", "")),
            url=url,
            body=body,
            created_at=now,
        )
        self._store.add_event(event)
        self._store.increment("webhooks.events")
        self._start(event, "initial", retries=True)
        return event

    def redeliver(self, event_id: str) -> WebhookEventRecord:
        """Send the same body again, with a new X-Event-Id and the full retry schedule."""
        event = self.event(event_id)
        self._start(event, "redeliver", retries=True)
        return event

    def duplicate(self, event_id: str, copies: int) -> WebhookEventRecord:
        """Send the same body ``copies`` times at once, no retries (duplicate delivery test)."""
        if not 1 <= copies <= MAX_DUPLICATES:
            raise ProblemError(
                400, "VALIDATION_ERROR", f"copies: must be an integer from 1 to {MAX_DUPLICATES}."
            )
        event = self.event(event_id)
        for _ in range(copies):
            self._start(event, "duplicate", retries=False)
        return event

    def event(self, event_id: str) -> WebhookEventRecord:
        event = self._store.find_event(event_id)
        if event is None:
            raise ProblemError(404, "EVENT_NOT_FOUND", "No webhook event has this id.")
        return event

    def _start(self, event: WebhookEventRecord, trigger: str, *, retries: bool) -> None:
        if event.url is None:
            event.state = "no_url"
            return
        if not host_allowed(event.url, self._settings.webhook_allowed_hosts):
            now = self._clock.now()
            event.attempts.append(
                DeliveryAttempt(
                    number=len(event.attempts) + 1,
                    trigger=trigger,
                    url=event.url,
                    headers={},
                    started_at=now,
                    finished_at=now,
                    error="host not in webhook_allowed_hosts; not contacted",
                    outcome="skipped",
                )
            )
            event.state = "skipped"
            self._store.increment("webhooks.skipped")
            return
        if event.state not in ("delivered",):
            event.state = "pending"
        self._tasks.spawn(self._deliver(event, trigger, retries), name=f"webhook-{event.id}")

    async def _deliver(self, event: WebhookEventRecord, trigger: str, retries: bool) -> None:
        delays = self._settings.webhook_retry_delays if retries else ()
        if await self._attempt(event, trigger):
            return
        for delay in delays:
            await asyncio.sleep(delay)
            if await self._attempt(event, "retry"):
                return
        if event.state != "delivered":
            event.state = "failed"

    async def _attempt(self, event: WebhookEventRecord, trigger: str) -> bool:
        assert event.url is not None
        headers = {
            "Content-Type": "application/json",
            "X-Connect-Signature": webhook_signature(event.body, self._settings.crypto_tokens[0]),
            "X-Event-Id": self._ids.uuid4(),
        }
        attempt = DeliveryAttempt(
            number=len(event.attempts) + 1,
            trigger=trigger,
            url=event.url,
            headers=headers,
            started_at=self._clock.now(),
        )
        event.attempts.append(attempt)
        self._store.increment("webhooks.attempts")
        try:
            # The guide wants an answer within 5 s in total, not per connect/read phase.
            async with asyncio.timeout(self._settings.webhook_timeout_seconds):
                response = await self._http().post(event.url, content=event.body, headers=headers)
        except TimeoutError:
            attempt.error = f"no response within {self._settings.webhook_timeout_seconds:g} s"
        except Exception as exc:  # any transport failure is a failed attempt, never a crash
            attempt.error = f"{type(exc).__name__}: {exc}"[:300]
        else:
            attempt.status_code = response.status_code
        attempt.finished_at = self._clock.now()
        delivered = attempt.status_code is not None and 200 <= attempt.status_code < 300
        attempt.outcome = "delivered" if delivered else "failed"
        if delivered:
            event.state = "delivered"
            self._store.increment("webhooks.delivered")
        else:
            self._store.increment("webhooks.failed_attempts")
        return delivered
