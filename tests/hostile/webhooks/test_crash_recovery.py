"""Issue 11 item 15: a process that dies inside the application's callback must not lose the event
with the shipped defaults. Its claim has to expire before the sender's next retry, and a retry
then runs the callback. The sender here follows the mock's real retry schedule (attempts at 0, 1,
3, 7, 15 and 31 s, each answered within the 5 s delivery timeout); it never honours
``Retry-After``, as ConnectPSP's guide promises nothing about it."""

from __future__ import annotations

import asyncio
import itertools
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from connectpsp_ext.webhooks import (
    AsyncWebhookHandler,
    DedupStore,
    MemoryDedupStore,
    Outcome,
    ReceivedWebhook,
    SQLiteDedupStore,
    WebhookHandler,
)
from connectpsp_ext.webhooks.dedup import DEFAULT_LEASE_SECONDS
from connectpsp_ext.webhooks.postgres_store import PostgresDedupStore
from connectpsp_mock.settings import MockSettings
from tests.support.clock import FakeClock

from ...webhooks.payloads import CRYPTO_TOKEN, DOCS_CASHIN_PAID, headers
from ...webhooks.pg_server import PostgresServer

RETRY_DELAYS = MockSettings().webhook_retry_delays
ATTEMPT_TIMES = tuple(itertools.accumulate(RETRY_DELAYS, initial=0.0))
SENDER_TIMEOUT = MockSettings().webhook_timeout_seconds
WORKER = Path(__file__).with_name("crash_receiver.py")


def test_the_schedule_is_the_one_the_docs_describe() -> None:
    # If the mock's schedule changes, this file's reasoning (and the default lease) must be redone.
    assert ATTEMPT_TIMES == (0.0, 1.0, 3.0, 7.0, 15.0, 31.0)
    assert SENDER_TIMEOUT == 5.0


class ProcessDied(BaseException):
    """Stands in for SIGKILL: nothing after it runs in the dying process."""


class DeadAfterClaim:
    """The dying process's view of the shared store: its claim reached the store, nothing it would
    have sent afterwards (release, complete, renewals) ever does."""

    def __init__(self, store: DedupStore) -> None:
        self._store = store

    def claim(self, key: str, *, lease_seconds: float) -> object:
        return self._store.claim(key, lease_seconds=lease_seconds)

    def complete(self, key: str, token: str) -> None:
        pass

    def release(self, key: str, token: str) -> None:
        pass

    def renew(self, key: str, token: str, *, lease_seconds: float) -> bool:
        return True


def _stores(clock: FakeClock, tmp_path: Path) -> dict[str, Callable[[], DedupStore]]:
    return {
        "memory": lambda: MemoryDedupStore(clock=clock),
        "sqlite": lambda: SQLiteDedupStore(tmp_path / "dedup.sqlite3", clock=clock),
    }


@pytest.mark.parametrize("store_kind", ["memory", "sqlite"])
@pytest.mark.parametrize("crash_attempt", range(len(ATTEMPT_TIMES) - 1))
@pytest.mark.parametrize("ran_for", [0.0, SENDER_TIMEOUT])
def test_a_crash_at_any_attempt_but_the_last_is_recovered_by_a_later_retry(
    store_kind: str, crash_attempt: int, ran_for: float, tmp_path: Path
) -> None:
    clock = FakeClock()
    start = clock()
    shared = _stores(clock, tmp_path)[store_kind]()
    renewed_before_dying: list[bool] = []

    def dies(received: ReceivedWebhook) -> None:
        if ran_for:
            # The callback ran up to the sender's answer deadline, the lease keeper renewing the
            # claim right up to the kill.
            clock.advance(ran_for)
            renewed_before_dying.append(
                shared.renew(received.identity, claims[-1], lease_seconds=DEFAULT_LEASE_SECONDS)
            )
        raise ProcessDied

    claims: list[str] = []

    class Recording(DeadAfterClaim):
        def claim(self, key: str, *, lease_seconds: float) -> object:
            result = super().claim(key, lease_seconds=lease_seconds)
            claims.append(result.token)  # type: ignore[attr-defined]
            return result

    dying = WebhookHandler(crypto_tokens=CRYPTO_TOKEN, store=Recording(shared), callback=dies)  # type: ignore[arg-type]
    effects: list[str] = []
    restarted = WebhookHandler(  # the shipped defaults
        crypto_tokens=CRYPTO_TOKEN, store=shared, callback=lambda r: effects.append(r.identity)
    )
    outcomes = []
    for attempt, at in enumerate(ATTEMPT_TIMES):
        clock.advance(start + at - clock())
        if attempt < crash_attempt:
            continue  # earlier attempts never reached the receiver (it was down)
        if attempt == crash_attempt:
            with pytest.raises(ProcessDied):
                dying.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
            continue
        result = restarted.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
        outcomes.append(result.outcome)
        if result.acknowledged:
            break
    assert renewed_before_dying == ([True] if ran_for else [])
    assert outcomes[-1] is Outcome.PROCESSED, outcomes
    assert len(effects) == 1


def test_async_handler_recovers_with_the_shipped_defaults() -> None:
    clock = FakeClock()
    start = clock()
    shared = MemoryDedupStore(clock=clock)

    async def dies(received: ReceivedWebhook) -> None:
        raise ProcessDied

    effects: list[str] = []

    async def runs(received: ReceivedWebhook) -> None:
        effects.append(received.identity)

    dying = AsyncWebhookHandler(
        crypto_tokens=CRYPTO_TOKEN,
        store=DeadAfterClaim(shared),  # type: ignore[arg-type]
        callback=dies,
    )
    restarted = AsyncWebhookHandler(crypto_tokens=CRYPTO_TOKEN, store=shared, callback=runs)

    async def sender() -> list[Outcome]:
        with pytest.raises(ProcessDied):
            await dying.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
        outcomes = []
        for at in ATTEMPT_TIMES[1:]:
            clock.advance(start + at - clock())
            result = await restarted.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
            outcomes.append(result.outcome)
            if result.acknowledged:
                break
        return outcomes

    outcomes = asyncio.run(sender())
    assert outcomes[-1] is Outcome.PROCESSED, outcomes
    assert effects == [effects[0]]


@pytest.mark.slow
@pytest.mark.parametrize("store_kind", ["sqlite", "postgres"])
def test_a_receiver_process_killed_mid_callback_loses_nothing(
    store_kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """A real process is SIGKILLed inside its callback; a restarted receiver sharing the store
    (the SQLite file, or the PostgreSQL database as a receiver on another host would) gets the
    sender's retries in real time and must run the callback before the schedule ends. Takes about
    15 s each (the shipped lease must run out)."""
    if store_kind == "sqlite":
        target, table = str(tmp_path / "dedup.sqlite3"), ""
    else:
        server: PostgresServer = request.getfixturevalue("postgres")
        target, table = server.conninfo, f"crash_{uuid.uuid4().hex[:12]}"
    body_file = tmp_path / "body.json"
    body_file.write_bytes(DOCS_CASHIN_PAID)
    started = tmp_path / "callback-started"
    env = {**os.environ, "CRASH_TOKEN": CRYPTO_TOKEN}
    child = subprocess.Popen(
        [sys.executable, str(WORKER), store_kind, target, str(body_file), str(started), table],
        env=env,
    )
    try:
        deadline = time.monotonic() + 120
        while not started.exists():
            assert child.poll() is None, "the receiver exited before its callback ran"
            assert time.monotonic() < deadline, "the receiver never started its callback"
            time.sleep(0.05)
        first_attempt = time.monotonic()  # the claim was taken just before the marker
        os.kill(child.pid, signal.SIGKILL)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL

    effects: list[str] = []
    outcomes: list[Outcome] = []
    store = (
        SQLiteDedupStore(target)
        if store_kind == "sqlite"
        else PostgresDedupStore(target, table=table)
    )
    with store:
        restarted = WebhookHandler(
            crypto_tokens=CRYPTO_TOKEN, store=store, callback=lambda r: effects.append(r.identity)
        )
        for at in ATTEMPT_TIMES[1:]:
            time.sleep(max(0.0, first_attempt + at - time.monotonic()))
            result = restarted.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
            outcomes.append(result.outcome)
            if result.acknowledged:
                break
    # The kill left the claim behind (early retries are told to wait), then it expired in time.
    assert outcomes[0] is Outcome.IN_PROGRESS, outcomes
    assert outcomes[-1] is Outcome.PROCESSED, outcomes
    assert len(effects) == 1
