"""WebhookHandler: exactly-once callbacks under duplicated, concurrent, reordered and restarted
deliveries, and the HTTP answers that keep the sender retrying until one run completed."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest
from connectpsp_client.models import CashIn, CashInPaidEvent, CashInRefundedEvent

from connectpsp_ext.webhooks import (
    DedupStore,
    GenericEvent,
    HandlerResult,
    MalformedWebhook,
    MemoryDedupStore,
    Outcome,
    PollingConfirmer,
    ReceivedWebhook,
    SignatureFailure,
    SQLiteDedupStore,
    StatusTracker,
    Verdict,
    WebhookHandler,
    WebhookNotConfirmed,
    WebhookSignatureError,
    parse_event,
)
from connectpsp_ext.webhooks.identity import event_identity
from connectpsp_ext.webhooks.postgres_store import PostgresDedupStore
from tests.support.clock import FakeClock

from .payloads import CRYPTO_TOKEN, DOCS_CASHIN_PAID, OLD_CRYPTO_TOKEN, body, headers
from .pg_server import PostgresServer

THREADS = 50


class Effects:
    """Counts callback runs and completed effects per identity (thread-safe)."""

    def __init__(self, fail_first: int = 0, gate: threading.Event | None = None) -> None:
        self.lock = threading.Lock()
        self.calls = 0
        self.completed: Counter[str] = Counter()
        self.received: list[ReceivedWebhook] = []
        self.fail_first = fail_first
        self.gate = gate

    def __call__(self, received: ReceivedWebhook) -> None:
        with self.lock:
            self.calls += 1
            call = self.calls
        if self.gate is not None:
            assert self.gate.wait(timeout=30)
        if call <= self.fail_first:
            raise RuntimeError("downstream database unavailable")
        with self.lock:
            self.completed[received.identity] += 1
            self.received.append(received)


def make_handler(
    store: DedupStore, callback: Callable[[ReceivedWebhook], object]
) -> WebhookHandler:
    return WebhookHandler(crypto_tokens=[CRYPTO_TOKEN], store=store, callback=callback)


def deliver_until_acknowledged(handler: WebhookHandler, raw: bytes) -> list[HandlerResult]:
    """Behave like ConnectPSP: a new X-Event-Id per attempt, retry until a 2xx answer."""
    results = []
    for _ in range(10_000):
        result = handler.handle(raw, headers(raw, event_id=str(uuid.uuid4())))
        results.append(result)
        if result.acknowledged:
            return results
        time.sleep(0.001)  # stands in for the sender's backoff
    raise AssertionError("never acknowledged")


def test_first_delivery_processes_and_a_retry_is_a_duplicate() -> None:
    effects = Effects()
    handler = make_handler(MemoryDedupStore(), effects)
    first = handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID, event_id="attempt-1"))
    retry = handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID, event_id="attempt-2"))
    assert (first.outcome, first.http_status) == (Outcome.PROCESSED, 200)
    assert (retry.outcome, retry.http_status) == (Outcome.DUPLICATE, 200)
    assert effects.calls == 1
    received = effects.received[0]
    assert isinstance(received.event, CashInPaidEvent)
    assert received.delivery_id == "attempt-1"
    assert received.event.data.amount == Decimal("10.00")


@pytest.mark.parametrize("store_kind", ["memory", "sqlite", "postgres on two hosts"])
def test_concurrent_duplicates_run_the_callback_once(
    store_kind: str, tmp_path: Path, request: pytest.FixtureRequest, pg_table: str
) -> None:
    stores: list[DedupStore]
    if store_kind == "memory":
        stores = [MemoryDedupStore()]
    elif store_kind == "sqlite":
        stores = [SQLiteDedupStore(tmp_path / "d.sqlite3")]
    else:  # two receiver instances sharing nothing but the database
        server: PostgresServer = request.getfixturevalue("postgres")
        stores = [PostgresDedupStore(server.conninfo, table=pg_table) for _ in range(2)]
    gate = threading.Event()
    effects = Effects(gate=gate)
    handlers = [make_handler(store, effects) for store in stores]
    first_attempts: list[HandlerResult] = []
    lock = threading.Condition()
    start = threading.Barrier(THREADS)

    def sender(index: int) -> list[HandlerResult]:
        handler = handlers[index % len(handlers)]
        start.wait()
        raw = DOCS_CASHIN_PAID
        result = handler.handle(raw, headers(raw, event_id=str(uuid.uuid4())))
        with lock:
            first_attempts.append(result)
            lock.notify_all()
        if result.acknowledged:
            return [result]
        return [result, *deliver_until_acknowledged(handler, raw)]

    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(sender, i) for i in range(THREADS)]
        # Hold the one running callback until every other sender has been answered: they must
        # all have been told "retry later", none acknowledged while the first is in flight.
        with lock:
            assert lock.wait_for(lambda: len(first_attempts) == THREADS - 1, timeout=30)
        assert all(r.outcome is Outcome.IN_PROGRESS for r in first_attempts)
        assert all(
            r.http_status == 503 and "Retry-After" in r.response_headers for r in first_attempts
        )
        gate.set()
        histories = [f.result(timeout=60) for f in futures]

    outcomes = Counter(r.outcome for history in histories for r in history)
    assert outcomes[Outcome.PROCESSED] == 1
    assert all(history[-1].acknowledged for history in histories)
    assert effects.calls == 1 and sum(effects.completed.values()) == 1
    for store in stores:
        if isinstance(store, SQLiteDedupStore | PostgresDedupStore):
            store.close()


def test_failed_callback_releases_the_claim_and_a_redelivery_succeeds() -> None:
    effects = Effects(fail_first=1)
    handler = make_handler(MemoryDedupStore(), effects)
    failed = handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
    assert (failed.outcome, failed.http_status) == (Outcome.FAILED, 500)
    assert isinstance(failed.error, RuntimeError)
    again = handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
    assert again.outcome is Outcome.PROCESSED
    assert effects.calls == 2 and sum(effects.completed.values()) == 1


def test_concurrent_senders_with_a_failing_first_run_still_get_exactly_one_effect() -> None:
    effects = Effects(fail_first=1)
    handler = make_handler(MemoryDedupStore(), effects)
    start = threading.Barrier(THREADS)

    def sender(_: int) -> list[HandlerResult]:
        start.wait()
        return deliver_until_acknowledged(handler, DOCS_CASHIN_PAID)

    with ThreadPoolExecutor(THREADS) as pool:
        histories = list(pool.map(sender, range(THREADS)))
    outcomes = Counter(r.outcome for history in histories for r in history)
    assert outcomes[Outcome.FAILED] == 1 and outcomes[Outcome.PROCESSED] == 1
    assert effects.calls == 2 and sum(effects.completed.values()) == 1


def test_sqlite_restart_does_not_run_a_done_event_again(tmp_path: Path) -> None:
    path = tmp_path / "dedup.sqlite3"
    effects = Effects()
    with SQLiteDedupStore(path) as store:
        assert (
            make_handler(store, effects).handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID)).outcome
            is Outcome.PROCESSED
        )
    # the process restarts: new store object, new handler, same file
    with SQLiteDedupStore(path) as store:
        handler = make_handler(store, effects)
        result = handler.handle(
            DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID, event_id="after-restart")
        )
        assert result.outcome is Outcome.DUPLICATE
        other = body("CASHIN_REFUNDED")
        assert handler.handle(other, headers(other)).outcome is Outcome.PROCESSED
    assert effects.calls == 2


def test_sqlite_crash_mid_callback_is_retried_after_the_lease(tmp_path: Path) -> None:
    path = tmp_path / "dedup.sqlite3"
    clock = FakeClock()
    identity = event_identity(parse_event(DOCS_CASHIN_PAID))
    # A process claimed the event, started the callback and died: no complete, no release.
    crashed = SQLiteDedupStore(path, clock=clock)
    assert crashed.claim(identity, lease_seconds=60).token
    crashed.close()

    effects = Effects()
    with SQLiteDedupStore(path, clock=clock) as store:
        handler = WebhookHandler(
            crypto_tokens=CRYPTO_TOKEN, store=store, callback=effects, lease_seconds=60
        )
        blocked = handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
        assert blocked.outcome is Outcome.IN_PROGRESS and not blocked.acknowledged
        clock.advance(61)
        resumed = handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
        assert resumed.outcome is Outcome.PROCESSED
    assert effects.calls == 1


def test_base_exceptions_release_the_claim_and_propagate() -> None:
    store = MemoryDedupStore()
    calls = []

    def interrupted(received: ReceivedWebhook) -> None:
        calls.append(received)
        if len(calls) == 1:
            raise KeyboardInterrupt

    handler = make_handler(store, interrupted)
    with pytest.raises(KeyboardInterrupt):
        handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
    assert handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID)).outcome is Outcome.PROCESSED


# --- rejections -------------------------------------------------------------------------------


def test_bad_signature_is_401_and_claims_nothing() -> None:
    effects = Effects()
    handler = make_handler(MemoryDedupStore(), effects)
    forged = handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID, token="guessed"))
    assert (forged.outcome, forged.http_status) == (Outcome.INVALID_SIGNATURE, 401)
    assert isinstance(forged.error, WebhookSignatureError)
    assert forged.error.reason is SignatureFailure.MISMATCH
    missing = handler.handle(DOCS_CASHIN_PAID, {})
    assert isinstance(missing.error, WebhookSignatureError)
    assert missing.error.reason is SignatureFailure.MISSING_HEADER
    assert effects.calls == 0
    # the genuine delivery is still processed
    assert handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID)).outcome is Outcome.PROCESSED


def test_signature_rotation_through_the_handler() -> None:
    effects = Effects()
    handler = WebhookHandler(
        crypto_tokens=[CRYPTO_TOKEN, OLD_CRYPTO_TOKEN], store=MemoryDedupStore(), callback=effects
    )
    old = body("CASHOUT_COMPLETED")
    new = body("CASHOUT_FAILED")
    assert handler.handle(old, headers(old, token=OLD_CRYPTO_TOKEN)).outcome is Outcome.PROCESSED
    assert handler.handle(new, headers(new)).outcome is Outcome.PROCESSED
    assert [r.signed_with for r in effects.received] == [1, 0]


def test_signed_body_that_is_not_json_is_400() -> None:
    effects = Effects()
    handler = make_handler(MemoryDedupStore(), effects)
    for raw in (b"not json", b'{"eventType": "CASHIN_PAID"', b'{"a": NaN}'):
        result = handler.handle(raw, headers(raw))
        assert (result.outcome, result.http_status) == (Outcome.MALFORMED, 400)
        assert isinstance(result.error, MalformedWebhook)
    assert effects.calls == 0


def test_signed_json_the_models_cannot_read_is_processed_as_generic() -> None:
    effects = Effects()
    handler = make_handler(MemoryDedupStore(), effects)
    for raw in (
        b'{"eventType": "CASHIN_PAID"}',
        b'{"eventType":"X","eventAt":"2026-03-10T14:22:18Z","data":{}}',
    ):
        result = handler.handle(raw, headers(raw))
        assert (result.outcome, result.http_status) == (Outcome.PROCESSED, 200)
        assert handler.handle(raw, headers(raw)).outcome is Outcome.DUPLICATE
    assert effects.calls == 2
    assert all(isinstance(r.event, GenericEvent) for r in effects.received)


def test_oversized_body_is_413_before_any_hmac() -> None:
    handler = WebhookHandler(
        crypto_tokens=CRYPTO_TOKEN, store=MemoryDedupStore(), callback=Effects(), max_body_bytes=100
    )
    result = handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
    assert (result.outcome, result.http_status) == (Outcome.TOO_LARGE, 413)


def test_unknown_event_type_reaches_the_callback_once_as_generic() -> None:
    effects = Effects()
    handler = make_handler(MemoryDedupStore(), effects)
    raw = json.dumps(
        {
            "eventType": "CASHIN_CHARGEBACK",
            "eventAt": "2026-03-10T14:22:18Z",
            "data": {"transactionId": "t1", "status": "X"},
        }
    ).encode()
    assert handler.handle(raw, headers(raw)).outcome is Outcome.PROCESSED
    assert handler.handle(raw, headers(raw)).outcome is Outcome.DUPLICATE
    assert effects.calls == 1
    assert type(effects.received[0].event) is GenericEvent
    assert effects.received[0].event.problem is None


def test_results_and_received_reprs_hold_no_personal_data_or_secrets() -> None:
    effects = Effects()
    handler = make_handler(MemoryDedupStore(), effects)
    result = handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
    signature = headers(DOCS_CASHIN_PAID)["X-Connect-Signature"]
    text = repr(result) + repr(effects.received[0]) + repr(handler.handle(DOCS_CASHIN_PAID, {}))
    for secret in ("12345678909", "Test User", CRYPTO_TOKEN, signature):
        assert secret not in text


# --- reordering and the monotonic reducer ------------------------------------------------------


class Ledger:
    """A minimal consumer: credit on PAID, debit on REFUNDED, only for applied transitions."""

    def __init__(self) -> None:
        self.tracker = StatusTracker()
        self.balance = Decimal(0)
        self.flags: list[Verdict] = []
        self.lock = threading.Lock()

    def __call__(self, received: ReceivedWebhook) -> None:
        transition = self.tracker.apply_event(received.event)
        assert transition is not None
        if not transition.applied:
            self.flags.append(transition.verdict)
            return
        event = received.event
        with self.lock:
            if isinstance(event, CashInPaidEvent):
                self.balance += event.data.amount
            elif isinstance(event, CashInRefundedEvent) and "PAID" not in transition.implied:
                self.balance -= event.data.amount


@pytest.mark.parametrize(
    "order",
    [
        ["CASHIN_PAID", "CASHIN_REFUNDED"],
        ["CASHIN_REFUNDED", "CASHIN_PAID"],
        ["CASHIN_PAID", "CASHIN_PAID", "CASHIN_REFUNDED", "CASHIN_PAID", "CASHIN_REFUNDED"],
        ["CASHIN_REFUNDED", "CASHIN_REFUNDED", "CASHIN_PAID", "CASHIN_PAID"],
    ],
)
def test_reordered_and_duplicated_deliveries_settle_to_the_same_state(order: list[str]) -> None:
    ledger = Ledger()
    handler = make_handler(MemoryDedupStore(), ledger)
    for event_type in order:
        raw = body(event_type)
        assert handler.handle(raw, headers(raw)).acknowledged
    assert ledger.tracker.status("CASH_IN", "kk6g232xel65a0daee4dd13kk2912714964") == "REFUNDED"
    assert ledger.balance == 0
    if order[0] == "CASHIN_REFUNDED":
        assert ledger.flags == [Verdict.STALE]  # the late PAID was seen and ignored


def test_conflicting_cash_out_outcome_is_flagged_not_applied() -> None:
    ledger = Ledger()
    handler = make_handler(MemoryDedupStore(), ledger)
    for event_type in ("CASHOUT_COMPLETED", "CASHOUT_FAILED"):
        raw = body(event_type)
        assert handler.handle(raw, headers(raw)).acknowledged
    assert ledger.tracker.status("CASH_OUT", "dd30446e-6cc5-4664-bf3f-6b7f5e55a1a9") == "COMPLETED"
    assert ledger.flags == [Verdict.ILLEGAL]


# --- confirm by polling -------------------------------------------------------------------------


def _cash_in(**overrides: object) -> CashIn:
    data = json.loads(DOCS_CASHIN_PAID)["data"]
    data.update(overrides)
    data["amount"] = Decimal(str(data["amount"]))
    return CashIn.from_dict(data)


def _no_cash_out(_: str) -> object:
    raise AssertionError("not a cash-out")


def test_polling_confirmation_gates_the_callback() -> None:
    effects = Effects()
    api = {"cash_in": _cash_in(status="AWAITING_PAYMENT", endToEndId=None)}
    looked_up: list[str] = []

    def fetch_cash_in(reference: str) -> CashIn:
        looked_up.append(reference)
        return api["cash_in"]

    handler = WebhookHandler(
        crypto_tokens=CRYPTO_TOKEN,
        store=MemoryDedupStore(),
        callback=effects,
        confirmer=PollingConfirmer(fetch_cash_in=fetch_cash_in, fetch_cash_out=_no_cash_out),  # type: ignore[arg-type]
    )
    first = handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
    assert (first.outcome, first.http_status) == (Outcome.NOT_CONFIRMED, 503)
    assert isinstance(first.error, WebhookNotConfirmed)
    assert effects.calls == 0
    api["cash_in"] = _cash_in()  # the API caught up
    second = handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID))
    assert second.outcome is Outcome.PROCESSED
    assert effects.received[0].confirmation is not None
    assert effects.received[0].confirmation.confirmed
    assert looked_up == ["kk6g232xel65a0daee4dd13kk2912714964"] * 2


def test_polling_error_releases_the_claim() -> None:
    effects = Effects()
    attempts = []

    def flaky(reference: str) -> CashIn:
        attempts.append(reference)
        if len(attempts) == 1:
            raise ConnectionError("API down")
        return _cash_in()

    handler = WebhookHandler(
        crypto_tokens=CRYPTO_TOKEN,
        store=MemoryDedupStore(),
        callback=effects,
        confirmer=PollingConfirmer(fetch_cash_in=flaky, fetch_cash_out=_no_cash_out),  # type: ignore[arg-type]
    )
    assert handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID)).outcome is Outcome.FAILED
    assert handler.handle(DOCS_CASHIN_PAID, headers(DOCS_CASHIN_PAID)).outcome is Outcome.PROCESSED
    assert effects.calls == 1
