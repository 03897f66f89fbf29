"""Verify, parse, deduplicate and run the user's callback exactly once per event.

Exactly once means: among any number of deliveries of one event (retries, replays, concurrent
duplicates, across restarts with a persistent store), the callback *completes* at most once, and
the sender keeps getting a non-2xx answer until it has completed once. The flow per delivery:

1. Verify ``X-Connect-Signature`` over the raw bytes (401 otherwise; nothing is parsed before).
2. Decode the body (400 only if it is not JSON) and read the event: a typed model, or a
   :class:`~connectpsp_ext.webhooks.parsing.GenericEvent` with the raw data when the models cannot
   read it (a signed event is never refused for its content). Derive the stable identity (D-23).
3. Claim the identity in the store:
   - already done -> 200 ``DUPLICATE`` (the sender may stop);
   - claimed by a delivery still running -> 503 ``IN_PROGRESS`` with ``Retry-After``. Not a 2xx
     on purpose: if that first run then fails, the sender must still have a reason to retry;
     acknowledging the duplicate would make it stop and lose the event.
4. Optionally confirm by polling the API (503 ``NOT_CONFIRMED`` if it disagrees).
5. Run the callback while a :class:`~connectpsp_ext.webhooks.lease.LeaseKeeper` renews the claim:
   success -> mark done, 200 ``PROCESSED``; exception -> release the claim, 500 ``FAILED`` (a
   redelivery runs it again). If the process dies, renewals stop and the short lease runs out
   before the sender's next retry (D-90).

A crash between the callback's effect and ``complete`` is the one window no store can close on its
own: the claim's lease expires and a redelivery runs the callback again. Make the effect itself
idempotent on ``received.identity`` (e.g. a unique key in the same database transaction) when that
matters; the :mod:`~connectpsp_ext.webhooks.reducer` also refuses to apply a status twice.
"""

from __future__ import annotations

import asyncio
import dataclasses
import math
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ..redaction import get_logger
from ..secrets import Secret
from .confirm import AsyncPollingConfirmer, Fetched, PollingConfirmation, PollingConfirmer
from .dedup import DEFAULT_LEASE_SECONDS, ClaimResult, ClaimStatus, DedupStore
from .errors import MalformedWebhook, WebhookError, WebhookNotConfirmed, WebhookSignatureError
from .identity import delivery_identity
from .lease import LeaseKeeper
from .parsing import EVENT_MODELS, AnyEvent, GenericEvent, decode_body, event_from_document
from .signature import EVENT_ID_HEADER, SignatureVerifier, header_value

logger = get_logger()
DEFAULT_MAX_BODY_BYTES = 1024 * 1024
# After a polling disagreement give the API time to catch up before the sender retries.
NOT_CONFIRMED_RETRY_AFTER = 60.0


class Outcome(StrEnum):
    PROCESSED = "processed"
    DUPLICATE = "duplicate"
    IN_PROGRESS = "in_progress"
    NOT_CONFIRMED = "not_confirmed"
    FAILED = "failed"
    INVALID_SIGNATURE = "invalid_signature"
    MALFORMED = "malformed"
    TOO_LARGE = "too_large"


HTTP_STATUS: Mapping[Outcome, int] = {
    Outcome.PROCESSED: 200,
    Outcome.DUPLICATE: 200,
    Outcome.IN_PROGRESS: 503,
    Outcome.NOT_CONFIRMED: 503,
    Outcome.FAILED: 500,
    Outcome.INVALID_SIGNATURE: 401,
    Outcome.MALFORMED: 400,
    Outcome.TOO_LARGE: 413,
}


@dataclass(frozen=True, slots=True)
class ReceivedWebhook:
    """What the callback gets: a verified, parsed, claimed event. Its repr leaves the event and the
    body out (the payload holds payer/payee documents)."""

    event: AnyEvent = dataclasses.field(repr=False)
    """The typed model, or a ``GenericEvent`` (unknown type, or not fully readable)."""
    identity: str
    """Stable dedup key (D-23); use it as the idempotency key of your own effect."""
    delivery_id: str | None
    """``X-Event-Id`` of this attempt: for logs only, it changes on every retry."""
    signed_with: int
    """Index of the CryptoToken that matched (0 = newest): watch it to finish a rotation."""
    raw_body: bytes = dataclasses.field(default=b"", repr=False)
    """The exact signed bytes: store them when the event is a ``GenericEvent``."""
    raw: Any = dataclasses.field(default=None, repr=False)
    """The decoded body (exact ``Decimal`` numbers)."""
    confirmation: PollingConfirmation | None = dataclasses.field(default=None, repr=False)

    @property
    def event_type(self) -> str:
        return str(self.event.event_type)

    @property
    def confirmed(self) -> bool:
        """True when polling the API confirmed the event (see ``transaction``)."""
        return self.confirmation is not None and self.confirmation.confirmed

    @property
    def transaction(self) -> Fetched | None:
        """The transaction read back from the API when polling confirmed the event: act on this
        (its ``external_reference``, ``amount``, ...), not on the event's data (D-91)."""
        return self.confirmation.fetched if self.confirmed and self.confirmation else None


@dataclass(frozen=True, slots=True)
class HandlerResult:
    outcome: Outcome
    received: ReceivedWebhook | None = None
    error: BaseException | None = dataclasses.field(default=None, repr=False)
    """The signature/parse/confirmation error, or the callback's exception (for your logs)."""
    retry_after: float | None = None

    @property
    def http_status(self) -> int:
        return HTTP_STATUS[self.outcome]

    @property
    def acknowledged(self) -> bool:
        """True when the sender may stop retrying (a 2xx answer)."""
        return 200 <= self.http_status < 300

    @property
    def response_headers(self) -> dict[str, str]:
        if self.retry_after is None:
            return {}
        return {"Retry-After": str(max(1, math.ceil(self.retry_after)))}


Callback = Callable[[ReceivedWebhook], object]
AsyncCallback = Callable[[ReceivedWebhook], Awaitable[object]]
CryptoTokens = str | Secret | Iterable[str | Secret] | SignatureVerifier


class _Pipeline:
    """The parts shared by the sync and async handlers: everything up to the claim."""

    def __init__(
        self,
        crypto_tokens: CryptoTokens,
        store: DedupStore,
        lease_seconds: float,
        max_body_bytes: int,
        in_progress_retry_after: float,
    ) -> None:
        self.verifier = (
            crypto_tokens
            if isinstance(crypto_tokens, SignatureVerifier)
            else SignatureVerifier(crypto_tokens)
        )
        if lease_seconds <= 0 or max_body_bytes <= 0:
            raise ValueError("lease_seconds and max_body_bytes must be positive")
        self.store = store
        self.lease_seconds = lease_seconds
        self.max_body_bytes = max_body_bytes
        self.in_progress_retry_after = in_progress_retry_after

    def receive(
        self, raw_body: bytes, headers: Mapping[str, str]
    ) -> ReceivedWebhook | HandlerResult:
        if len(raw_body) > self.max_body_bytes:
            return HandlerResult(Outcome.TOO_LARGE)
        try:
            signed_with = self.verifier.verify_headers(raw_body, headers)
        except WebhookSignatureError as exc:
            return HandlerResult(Outcome.INVALID_SIGNATURE, error=exc)
        try:
            document = decode_body(raw_body)
        except MalformedWebhook as exc:
            return HandlerResult(Outcome.MALFORMED, error=exc)
        event = event_from_document(document)
        if isinstance(event, GenericEvent) and event.problem is not None:
            # Loud, not fatal (issue 10 item 4): no values, only what could not be read.
            kind = event.event_type if event.event_type in EVENT_MODELS else "unknown"
            logger.warning("signed %s webhook not fully readable: %s", kind, event.problem)
        return ReceivedWebhook(
            event=event,
            identity=delivery_identity(event, raw_body),
            delivery_id=header_value(headers, EVENT_ID_HEADER),
            signed_with=signed_with,
            raw_body=bytes(raw_body),
            raw=document,
        )

    @staticmethod
    def confirmed(received: ReceivedWebhook, confirmation: PollingConfirmation) -> ReceivedWebhook:
        """Attach the confirmation; raise if polling contradicts the event. An event with nothing
        to poll (unknown type, no id) goes through unconfirmed (D-93)."""
        if confirmation.polled and not confirmation.confirmed:
            raise WebhookNotConfirmed(confirmation.reasons)
        return dataclasses.replace(received, confirmation=confirmation)

    def unclaimed(self, received: ReceivedWebhook, claim: ClaimResult) -> HandlerResult | None:
        if claim.status is ClaimStatus.DONE:
            return HandlerResult(Outcome.DUPLICATE, received)
        if claim.status is ClaimStatus.IN_PROGRESS:
            # Ask for a retry soon, not at lease expiry: the running delivery is usually quick.
            retry_after = min(
                claim.retry_after or self.in_progress_retry_after, self.in_progress_retry_after
            )
            return HandlerResult(Outcome.IN_PROGRESS, received, retry_after=retry_after)
        return None


class WebhookHandler:
    """Synchronous handler: ``handler.handle(raw_body, headers) -> HandlerResult``.

    Thread-safe (the store provides the atomicity). ``callback`` receives a
    :class:`ReceivedWebhook`; its return value is ignored, an exception means "not processed".
    """

    def __init__(
        self,
        *,
        crypto_tokens: CryptoTokens,
        store: DedupStore,
        callback: Callback,
        confirmer: PollingConfirmer | None = None,
        lease_seconds: float = DEFAULT_LEASE_SECONDS,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        in_progress_retry_after: float = 5.0,
    ) -> None:
        self._pipeline = _Pipeline(
            crypto_tokens, store, lease_seconds, max_body_bytes, in_progress_retry_after
        )
        self._callback = callback
        self._confirmer = confirmer
        self._lease_keeper = LeaseKeeper(store, lease_seconds)

    def handle(self, raw_body: bytes, headers: Mapping[str, str]) -> HandlerResult:
        received = self._pipeline.receive(raw_body, headers)
        if isinstance(received, HandlerResult):
            return received
        store = self._pipeline.store
        claim = store.claim(received.identity, lease_seconds=self._pipeline.lease_seconds)
        early = self._pipeline.unclaimed(received, claim)
        if early is not None:
            return early
        assert claim.token is not None
        try:
            with self._lease_keeper.hold(received.identity, claim.token):
                if self._confirmer is not None:
                    confirmation = self._confirmer.confirm(received.event)
                    received = _Pipeline.confirmed(received, confirmation)
                self._callback(received)
        except WebhookNotConfirmed as exc:
            store.release(received.identity, claim.token)
            return HandlerResult(
                Outcome.NOT_CONFIRMED, received, exc, retry_after=NOT_CONFIRMED_RETRY_AFTER
            )
        except Exception as exc:
            store.release(received.identity, claim.token)
            return HandlerResult(Outcome.FAILED, received, exc)
        except BaseException:
            store.release(received.identity, claim.token)
            raise
        store.complete(received.identity, claim.token)
        return HandlerResult(Outcome.PROCESSED, received)


class AsyncWebhookHandler:
    """Async twin of :class:`WebhookHandler` for ASGI apps: ``await handler.handle(...)``.

    Store calls run in a worker thread (``asyncio.to_thread``) so a SQLite store never blocks the
    event loop; the callback and the optional confirmer are coroutines.
    """

    def __init__(
        self,
        *,
        crypto_tokens: CryptoTokens,
        store: DedupStore,
        callback: AsyncCallback,
        confirmer: AsyncPollingConfirmer | None = None,
        lease_seconds: float = DEFAULT_LEASE_SECONDS,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        in_progress_retry_after: float = 5.0,
    ) -> None:
        self._pipeline = _Pipeline(
            crypto_tokens, store, lease_seconds, max_body_bytes, in_progress_retry_after
        )
        self._callback = callback
        self._confirmer = confirmer
        self._lease_keeper = LeaseKeeper(store, lease_seconds)

    async def handle(self, raw_body: bytes, headers: Mapping[str, str]) -> HandlerResult:
        received = self._pipeline.receive(raw_body, headers)
        if isinstance(received, HandlerResult):
            return received
        store = self._pipeline.store
        claim = await asyncio.to_thread(
            store.claim, received.identity, lease_seconds=self._pipeline.lease_seconds
        )
        early = self._pipeline.unclaimed(received, claim)
        if early is not None:
            return early
        assert claim.token is not None
        try:
            with self._lease_keeper.hold(received.identity, claim.token):
                if self._confirmer is not None:
                    confirmation = await self._confirmer.confirm(received.event)
                    received = _Pipeline.confirmed(received, confirmation)
                await self._callback(received)
        except WebhookNotConfirmed as exc:
            await asyncio.to_thread(store.release, received.identity, claim.token)
            return HandlerResult(
                Outcome.NOT_CONFIRMED, received, exc, retry_after=NOT_CONFIRMED_RETRY_AFTER
            )
        except Exception as exc:
            await asyncio.to_thread(store.release, received.identity, claim.token)
            return HandlerResult(Outcome.FAILED, received, exc)
        except BaseException:
            # Cancelled mid-callback: release synchronously, awaiting is unsafe while cancelling.
            store.release(received.identity, claim.token)
            raise
        await asyncio.to_thread(store.complete, received.identity, claim.token)
        return HandlerResult(Outcome.PROCESSED, received)


__all__ = [
    "HTTP_STATUS",
    "AsyncCallback",
    "AsyncWebhookHandler",
    "Callback",
    "HandlerResult",
    "Outcome",
    "ReceivedWebhook",
    "WebhookError",
    "WebhookHandler",
]
