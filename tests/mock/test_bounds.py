"""Bounded memory (D-84): past its limits the mock forgets the oldest transactions, webhook events
and idempotency records, answers a clear 404/409 for them, and never loses track of balances."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import httpx
import pytest

from connectpsp_mock.settings import MockSettings
from connectpsp_mock.store import InMemoryStore
from connectpsp_mock.testing import RunningMock, running_mock

from .helpers import Api, assert_problem

LIMIT = 5


@pytest.fixture
def small() -> Iterator[tuple[RunningMock, Api]]:
    settings = MockSettings(
        seed=3,
        settlement_delay_seconds=None,
        max_transactions=LIMIT,
        max_idempotency_records=3,
    )
    with running_mock(settings) as mock, httpx.Client(base_url=mock.base_url) as client:
        yield mock, Api(mock, client)


def test_the_oldest_cash_ins_are_forgotten_with_a_404(small: tuple[RunningMock, Api]) -> None:
    mock, api = small
    created = [api.create_cash_in(externalReference=f"ci-{i}").json() for i in range(LIMIT + 2)]
    for gone in created[:2]:
        assert_problem(api.get_cash_in(gone["transactionId"]), 404, "TRANSACTION_NOT_FOUND")
        assert_problem(api.get_cash_in(gone["internalCode"]), 404, "TRANSACTION_NOT_FOUND")
    for kept in created[2:]:
        assert api.get_cash_in(kept["internalCode"]).status_code == 200
    state = mock.state()
    assert [c["externalReference"] for c in state["cashIns"]] == [
        f"ci-{i}" for i in range(2, LIMIT + 2)
    ]
    assert state["counters"]["store.cash_ins_evicted"] == 2
    # A control call on a forgotten cash-in is a 404 too, never a 500.
    response = mock.control.post(f"/_mock/cash-in/{created[0]['internalCode']}/pay", json={})
    assert response.status_code == 404, response.text


def test_forgotten_cash_outs_keep_their_money_in_the_balance(
    small: tuple[RunningMock, Api],
) -> None:
    mock, api = small
    before = Decimal(str(api.balance()["consolidated"]["transactionalBalance"]))
    created = [
        api.create_cash_out(externalReference=f"co-{i}", amount=1.25).json()
        for i in range(LIMIT + 3)
    ]
    assert_problem(api.get_cash_out(created[0]["transactionId"]), 404, "TRANSACTION_NOT_FOUND")
    assert api.get_cash_out(created[-1]["transactionId"]).status_code == 200
    after = Decimal(str(api.balance()["consolidated"]["transactionalBalance"]))
    assert before - after == Decimal("1.25") * (LIMIT + 3)
    assert len(mock.state()["cashOuts"]) == LIMIT


def test_an_evicted_idempotency_record_gives_a_409_not_a_duplicate(
    small: tuple[RunningMock, Api],
) -> None:
    mock, api = small
    keys = [f"6d1f0c3a-0000-4000-8000-00000000000{i}" for i in range(4)]
    first = [api.create_cash_in(key, externalReference=f"idem-{i}") for i, key in enumerate(keys)]
    assert all(r.status_code == 201 for r in first)
    assert mock.state()["idempotencyRecords"] == 3
    # The newest record still replays byte for byte...
    replay = api.create_cash_in(keys[3], externalReference="idem-3")
    assert replay.status_code == 201 and replay.content == first[3].content
    # ...the oldest was dropped: the retry is processed anew and meets its own reference.
    assert_problem(
        api.create_cash_in(keys[0], externalReference="idem-0"),
        409,
        "DUPLICATE_EXTERNAL_REFERENCE",
    )
    assert len(mock.state()["cashIns"]) == 4


def test_a_cash_out_evicted_before_it_settles_is_frozen_as_it_was() -> None:
    """A forgotten PROCESSING cash-out never settles: its amount stays reserved, no webhook."""
    settings = MockSettings(seed=4, settlement_delay_seconds=0.05, max_transactions=1)
    with running_mock(settings) as mock, httpx.Client(base_url=mock.base_url) as client:
        api = Api(mock, client)
        before = Decimal(str(api.balance()["consolidated"]["transactionalBalance"]))
        first = api.create_cash_out(externalReference="early", amount=2.00).json()
        second = api.create_cash_out(externalReference="late", amount=3.00).json()
        assert mock.wait_idle()
        assert_problem(api.get_cash_out(first["transactionId"]), 404, "TRANSACTION_NOT_FOUND")
        assert api.get_cash_out(second["transactionId"]).json()["status"] == "COMPLETED"
        state = mock.state()
        assert [c["externalReference"] for c in state["cashOuts"]] == ["late"]
        assert state["events"]["total"] == 1  # only the kept one settled
        after = Decimal(str(api.balance()["consolidated"]["transactionalBalance"]))
        assert before - after == Decimal("5.00")


def test_webhook_events_are_bounded_too() -> None:
    settings = MockSettings(seed=5, settlement_delay_seconds=0.0, max_transactions=2)
    with running_mock(settings) as mock, httpx.Client(base_url=mock.base_url) as client:
        api = Api(mock, client)
        for i in range(7):
            assert api.create_cash_out(externalReference=f"ev-{i}").status_code == 202
        assert mock.wait_idle()
        state = mock.state()
        assert state["events"]["total"] == 4
        assert state["counters"]["store.events_evicted"] == 3


def test_the_ttl_purge_drops_only_old_records_and_stops_early() -> None:
    from datetime import UTC, datetime, timedelta

    from connectpsp_mock.records import IdempotencyRecord, StoredResponse
    from connectpsp_mock.settings import DEFAULT_BANKS

    store = InMemoryStore(DEFAULT_BANKS, max_idempotency_records=10)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(6):
        store.put_idempotency_record(
            IdempotencyRecord(
                scope="createCashOut",
                key=f"k{i}",
                fingerprint="f",
                response=StoredResponse(202, b"{}"),
                created_at=start + timedelta(hours=i),
            )
        )
    assert store.drop_idempotency_records(start + timedelta(hours=2, minutes=30)) == 3
    assert store.idempotency_record_count() == 3
    assert store.idempotency_record("createCashOut", "k2") is None
    assert store.idempotency_record("createCashOut", "k3") is not None


@pytest.mark.parametrize("field", ["max_transactions", "max_idempotency_records"])
def test_limits_must_be_positive(field: str) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        MockSettings(**{field: 0})


def test_a_kept_response_body_holds_no_spare_buffer(small: tuple[RunningMock, Api]) -> None:
    """The 201 kept for replays is stored at its own size (orjson's output kept 12 KiB of growth
    buffer per 2 KiB body, which multiplied the mock's memory per cash-in by four)."""
    import tracemalloc

    from connectpsp_mock import encoding

    mock, api = small
    keys = [f"7a0c1f3e-0000-4000-8000-00000000000{i}" for i in range(3)]
    tracemalloc.start()
    try:
        for key in keys:
            assert api.create_cash_in(key).status_code == 201
        snapshot = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    kept = [mock.store.idempotency_record("createCashIn", key) for key in keys]
    body_bytes = sum(len(record.response.body) for record in kept if record is not None)
    allocated = sum(
        stat.size
        for stat in snapshot.filter_traces(
            [tracemalloc.Filter(True, encoding.__file__)]
        ).statistics("filename")
    )
    assert body_bytes > 3 * 1000  # three 201s with their QR image
    assert allocated < 1.5 * body_bytes, (allocated, body_bytes)
