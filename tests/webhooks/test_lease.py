"""The lease keeper: a callback that is still running keeps its claim past the lease (renewed every
lease/3), the renewing thread goes away when nothing is held, and a lost claim is logged."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from connectpsp_ext.webhooks import (
    AsyncWebhookHandler,
    HandlerResult,
    MemoryDedupStore,
    Outcome,
    ReceivedWebhook,
    WebhookHandler,
)
from tests.support.clock import FakeClock

from .payloads import CRYPTO_TOKEN, DOCS_CASHIN_PAID, headers

LEASE = 0.3  # renewed every 0.1 s of real time; the store's own clock is the fake one


class SpyStore(MemoryDedupStore):
    """Counts renewals made while the fake clock reads a given time."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__(clock=clock)
        self.clock = clock
        self.renewed_at: list[float] = []

    def renew(self, key: str, token: str, *, lease_seconds: float = LEASE) -> bool:
        renewed = super().renew(key, token, lease_seconds=lease_seconds)
        self.renewed_at.append(self.clock())
        return renewed


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def keeper_threads() -> int:
    return sum(t.name == "webhook-lease-keeper" for t in threading.enumerate())


def test_a_running_callback_keeps_its_claim_past_the_lease() -> None:
    clock = FakeClock()
    start = clock()
    store = SpyStore(clock)
    started, gate = threading.Event(), threading.Event()
    runs: list[str] = []

    def slow(received: ReceivedWebhook) -> None:
        runs.append(received.identity)
        started.set()
        assert gate.wait(timeout=60)

    handler = WebhookHandler(
        crypto_tokens=CRYPTO_TOKEN, store=store, callback=slow, lease_seconds=LEASE
    )
    with ThreadPoolExecutor(1) as pool:
        first = pool.submit(handler.handle, DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
        assert started.wait(timeout=60)
        clock.advance(0.25)  # nearly the whole lease has passed
        wait_for(lambda: start + 0.25 in store.renewed_at, "a renewal")
        clock.advance(0.25)  # past the original lease, inside the renewed one
        duplicate = handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID, event_id="e2"))
        assert duplicate.outcome is Outcome.IN_PROGRESS  # not a second run of the callback
        gate.set()
        assert first.result(timeout=60).outcome is Outcome.PROCESSED
    assert len(runs) == 1
    wait_for(lambda: keeper_threads() == 0, "the keeper thread to stop")


def test_the_async_handler_renews_too() -> None:
    clock = FakeClock()
    start = clock()
    store = SpyStore(clock)

    async def scenario() -> tuple[HandlerResult, HandlerResult]:
        started, gate = asyncio.Event(), asyncio.Event()

        async def slow(received: ReceivedWebhook) -> None:
            started.set()
            await gate.wait()

        handler = AsyncWebhookHandler(
            crypto_tokens=CRYPTO_TOKEN, store=store, callback=slow, lease_seconds=LEASE
        )
        first = asyncio.create_task(handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID)))
        await started.wait()
        clock.advance(0.25)
        await asyncio.to_thread(wait_for, lambda: start + 0.25 in store.renewed_at, "a renewal")
        clock.advance(0.25)
        duplicate = await handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
        gate.set()
        return await first, duplicate

    first, duplicate = asyncio.run(scenario())
    assert (first.outcome, duplicate.outcome) == (Outcome.PROCESSED, Outcome.IN_PROGRESS)


def test_a_claim_lost_while_running_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    class Forgetful(MemoryDedupStore):
        def renew(self, key: str, token: str, *, lease_seconds: float = LEASE) -> bool:
            return False  # as if another delivery took the claim over after a stall

    gate = threading.Event()

    def waits(received: ReceivedWebhook) -> None:
        wait_for(lambda: "lost its claim" in caplog.text, "the warning")
        gate.set()

    handler = WebhookHandler(
        crypto_tokens=CRYPTO_TOKEN, store=Forgetful(), callback=waits, lease_seconds=LEASE
    )
    with caplog.at_level(logging.WARNING, logger="connectpsp"):
        assert handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID)).acknowledged
    assert gate.is_set()


def test_no_renewal_after_the_callback_finished() -> None:
    clock = FakeClock()
    store = SpyStore(clock)
    handler = WebhookHandler(
        crypto_tokens=CRYPTO_TOKEN, store=store, callback=lambda r: None, lease_seconds=LEASE
    )
    assert handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID)).outcome is Outcome.PROCESSED
    wait_for(lambda: keeper_threads() == 0, "the keeper thread to stop")
    renewals = len(store.renewed_at)
    time.sleep(3 * LEASE)
    assert len(store.renewed_at) == renewals
