"""Webhook delivery exactly as the Webhooks guide describes (D-22).

Each event is ``{eventType, eventAt (UTC Z), data}`` where ``data`` is the GET representation at
that moment. It is POSTed to the transaction's ``webhookUrl`` with ``Content-Type:
application/json``, ``X-Connect-Signature`` = hex HMAC-SHA256 of the raw body keyed with the first
CryptoToken, and a new ``X-Event-Id`` (UUID) on every attempt; a 2xx within the timeout ends it,
anything else is retried after each of ``webhook_retry_delays``.

Safety: only hosts in ``webhook_allowed_hosts`` (loopback by default) are ever contacted, and
never the mock itself (``own_addresses``). Other URLs are recorded as ``skipped``; redirects are
not followed and proxy variables are ignored.

Isolation (D-74): each receiver (scheme, host, port) gets at most ``PER_HOST_CONNECTIONS``
deliveries in flight, and the connection pool itself has no global cap, so receivers that hang
cannot hold up deliveries to others. Waiting for a slot counts against the attempt's timeout. Only
the status line matters: at most ``MAX_RESPONSE_BYTES`` of a receiver's answer are read.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import httpx

from connectpsp_ext.signing import webhook_signature

from . import own_addresses
from .clock import Clock
from .encoding import dump_json_to_keep
from .ids import IdFactory
from .own_addresses import DELIVERY_MARKER_HEADER, OwnAddresses
from .problems import ProblemError
from .receiver_slots import HostSlots
from .records import DeliveryAttempt, WebhookEventRecord
from .settings import MockSettings
from .store import Store
from .tasks import TaskTracker
from .timefmt import utc_time

logger = logging.getLogger("connectpsp_mock.webhooks")
USER_AGENT = "connectpsp-mock/1"
MAX_DUPLICATES = 20
PER_HOST_CONNECTIONS = 16
# The guide needs no body in a receiver's answer; a little is read so small answers leave the
# connection reusable, the rest is never read (a 600 MB answer once cost the mock 1.35 GiB).
MAX_RESPONSE_BYTES = 64 * 1024


def host_allowed(url: str, allowed_hosts: tuple[str, ...]) -> bool:
    """True only for http(s) URLs whose host is literally in the allow-list."""
    try:
        parsed = httpx.URL(url)
        host = parsed.host.lower().strip("[]")  # ``host`` decodes IDNA and may raise
    except (httpx.InvalidURL, ValueError, TypeError):
        return False
    return parsed.scheme in ("http", "https") and host in allowed_hosts


def _unshaped(event_type: str, data: dict[str, Any]) -> dict[str, Any]:
    return data


async def _read_capped(response: httpx.Response, limit: int) -> None:
    """Read (and drop) at most ``limit`` bytes of the body; closing the stream drops the rest."""
    received = 0
    async for chunk in response.aiter_raw():
        received += len(chunk)
        if received >= limit:
            return


class WebhookDispatcher:
    def __init__(
        self,
        settings: MockSettings,
        clock: Clock,
        ids: IdFactory,
        store: Store,
        tasks: TaskTracker,
        own_addresses: OwnAddresses | None = None,
        shape_event_data: Callable[[str, dict[str, Any]], dict[str, Any]] | None = None,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._ids = ids
        self._store = store
        self._tasks = tasks
        self._own = own_addresses if own_addresses is not None else OwnAddresses()
        self._slots = HostSlots(PER_HOST_CONNECTIONS)
        # The response style (D-71): webhook data mirrors the GET representation.
        self._shape = shape_event_data if shape_event_data is not None else _unshaped
        self._client: httpx.AsyncClient | None = None

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=httpx.Timeout(self._settings.webhook_timeout_seconds),
                # No global cap (httpx's default of 100 let one hanging receiver starve every
                # other one): HostSlots bounds the connections per receiver instead.
                limits=httpx.Limits(max_connections=None, max_keepalive_connections=32),
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
        shaped = self._shape(event_type, data)
        # orjson (encoding.py): kept with the event, and written for every settlement and refund.
        body = dump_json_to_keep(
            {"eventType": event_type, "eventAt": utc_time(now), "data": shaped}
        )
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
            self._skip(event, trigger, "host not in webhook_allowed_hosts; not contacted")
            return
        if own_addresses.targets_the_mock_itself(event.url, self._own):
            self._skip(event, trigger, "the URL is the mock itself; not contacted")
            return
        if event.state not in ("delivered",):
            event.state = "pending"
        self._tasks.spawn(self._deliver(event, trigger, retries), name=f"webhook-{event.id}")

    def _skip(self, event: WebhookEventRecord, trigger: str, reason: str) -> None:
        assert event.url is not None
        now = self._clock.now()
        event.attempts.append(
            DeliveryAttempt(
                number=len(event.attempts) + 1,
                trigger=trigger,
                url=event.url,
                headers={},
                started_at=now,
                finished_at=now,
                error=reason,
                outcome="skipped",
            )
        )
        event.state = "skipped"
        self._store.increment("webhooks.skipped")

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
            DELIVERY_MARKER_HEADER: "1",
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
        sending = False
        try:
            # The guide wants an answer within 5 s in total, not per connect/read phase; waiting
            # for one of the receiver's slots is part of it.
            async with (
                asyncio.timeout(self._settings.webhook_timeout_seconds),
                self._slots.hold(event.url),
            ):
                sending = True
                async with self._http().stream(
                    "POST", event.url, content=event.body, headers=headers
                ) as response:
                    attempt.status_code = response.status_code
                    await _read_capped(response, MAX_RESPONSE_BYTES)
        # Once the status line is in, the answer is given: a receiver that then stalls or breaks
        # off its (unneeded) body does not turn a 200 into a failure.
        except TimeoutError:
            seconds = f"{self._settings.webhook_timeout_seconds:g} s"
            if not sending:
                attempt.error = (
                    f"not sent: {PER_HOST_CONNECTIONS} deliveries to this receiver were still "
                    f"in flight after {seconds}"
                )
            elif attempt.status_code is None:
                attempt.error = f"no response within {seconds}"
        except Exception as exc:  # any transport failure is a failed attempt, never a crash
            if attempt.status_code is None:
                attempt.error = f"{type(exc).__name__}: {exc}"[:300]
        attempt.finished_at = self._clock.now()
        delivered = attempt.status_code is not None and 200 <= attempt.status_code < 300
        attempt.outcome = "delivered" if delivered else "failed"
        if delivered:
            event.state = "delivered"
            self._store.increment("webhooks.delivered")
        else:
            self._store.increment("webhooks.failed_attempts")
        return delivered
