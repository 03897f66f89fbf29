"""The handler: verify, parse, claim, confirm, run the callback once (see ``webhooks/handler.py``
for the whole flow and its guarantees)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from ..dedup import DEFAULT_LEASE_SECONDS, DedupStore
from ..errors import WebhookNotConfirmed
from ..lease import LeaseKeeper
from ..pipeline import (
    DEFAULT_MAX_BODY_BYTES,
    NOT_CONFIRMED_RETRY_AFTER,
    AsyncCallback,
    CryptoTokens,
    HandlerResult,
    Outcome,
    Pipeline,
)
from .confirmer import AsyncPollingConfirmer


class AsyncWebhookHandler:
    """Handles one delivery: ``handler.handle(raw_body, headers) -> HandlerResult``.

    Safe to share (the store provides the atomicity). ``callback`` receives a
    :class:`~connectpsp_ext.webhooks.pipeline.ReceivedWebhook`; its return value is ignored, an
    exception means "not processed". The async handler, for ASGI apps (``await
    handler.handle(...)``), runs store calls in a worker thread (``asyncio.to_thread``) so a SQLite
    store never blocks the event loop; its callback and its confirmer are coroutines.
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
        self._pipeline = Pipeline(
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
                    received = Pipeline.confirmed(received, confirmation)
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
            # Interrupted (cancelled, KeyboardInterrupt): release directly, without a worker
            # thread, since awaiting is unsafe while a task is being cancelled.
            store.release(received.identity, claim.token)
            raise
        await asyncio.to_thread(store.complete, received.identity, claim.token)
        return HandlerResult(Outcome.PROCESSED, received)
