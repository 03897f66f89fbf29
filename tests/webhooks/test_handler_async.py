"""AsyncWebhookHandler: the same guarantees inside an event loop."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from connectpsp_ext.webhooks import (
    AsyncWebhookHandler,
    DedupStore,
    MemoryDedupStore,
    Outcome,
    ReceivedWebhook,
    SQLiteDedupStore,
)

from .payloads import CRYPTO_TOKEN, DOCS_CASHIN_PAID, headers

DELIVERIES = 50


@pytest.mark.parametrize("store_kind", ["memory", "sqlite"])
def test_concurrent_deliveries_run_the_callback_once(store_kind: str, tmp_path: Path) -> None:
    store: DedupStore = (
        MemoryDedupStore() if store_kind == "memory" else SQLiteDedupStore(tmp_path / "d.sqlite3")
    )
    calls: list[ReceivedWebhook] = []

    async def scenario() -> list[Outcome]:
        release = asyncio.Event()

        async def callback(received: ReceivedWebhook) -> None:
            calls.append(received)
            await release.wait()  # stay "in progress" while the duplicates arrive

        handler = AsyncWebhookHandler(crypto_tokens=CRYPTO_TOKEN, store=store, callback=callback)
        raw = DOCS_CASHIN_PAID
        tasks = [
            asyncio.create_task(handler.handle(raw, headers(raw, event_id=str(i))))
            for i in range(DELIVERIES)
        ]
        while len(calls) < 1 or sum(t.done() for t in tasks) < DELIVERIES - 1:
            await asyncio.sleep(0.001)
        release.set()
        first = [r.outcome for r in await asyncio.gather(*tasks)]
        # the sender retries the non-acknowledged ones
        retries = [await handler.handle(raw, headers(raw)) for _ in range(3)]
        return first + [r.outcome for r in retries]

    outcomes = asyncio.run(scenario())
    assert outcomes[:DELIVERIES].count(Outcome.PROCESSED) == 1
    assert outcomes[:DELIVERIES].count(Outcome.IN_PROGRESS) == DELIVERIES - 1
    assert outcomes[DELIVERIES:] == [Outcome.DUPLICATE] * 3
    assert len(calls) == 1
    if isinstance(store, SQLiteDedupStore):
        store.close()


def test_failure_releases_and_redelivery_processes() -> None:
    attempts: list[str | None] = []

    async def callback(received: ReceivedWebhook) -> None:
        attempts.append(received.delivery_id)
        if len(attempts) == 1:
            raise RuntimeError("ledger unavailable")

    async def scenario() -> list[Outcome]:
        handler = AsyncWebhookHandler(
            crypto_tokens=[CRYPTO_TOKEN], store=MemoryDedupStore(), callback=callback
        )
        raw = DOCS_CASHIN_PAID
        return [
            (await handler.handle(raw, headers(raw, event_id=f"a{i}"))).outcome for i in range(3)
        ]

    assert asyncio.run(scenario()) == [Outcome.FAILED, Outcome.PROCESSED, Outcome.DUPLICATE]
    assert attempts == ["a0", "a1"]


def test_cancellation_mid_callback_releases_the_claim() -> None:
    store = MemoryDedupStore()

    async def scenario() -> Outcome:
        started = asyncio.Event()

        async def slow(_: ReceivedWebhook) -> None:
            started.set()
            await asyncio.Event().wait()  # never finishes

        handler = AsyncWebhookHandler(crypto_tokens=CRYPTO_TOKEN, store=store, callback=slow)
        task = asyncio.create_task(handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID)))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

        async def quick(_: ReceivedWebhook) -> None:
            return None

        again = AsyncWebhookHandler(crypto_tokens=CRYPTO_TOKEN, store=store, callback=quick)
        return (await again.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))).outcome

    assert asyncio.run(scenario()) is Outcome.PROCESSED


def test_rejections_do_not_touch_the_store() -> None:
    async def never(_: ReceivedWebhook) -> None:
        raise AssertionError("must not run")

    async def scenario() -> list[int]:
        handler = AsyncWebhookHandler(
            crypto_tokens=CRYPTO_TOKEN, store=MemoryDedupStore(), callback=never
        )
        bad_sig = await handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID, token="x"))
        malformed = await handler.handle(b"{", headers(b"{"))
        return [bad_sig.http_status, malformed.http_status]

    assert asyncio.run(scenario()) == [401, 400]
