"""Monotonic status reducer (D-13)."""

from __future__ import annotations

import itertools
import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from connectpsp_client.models import CashInStatus, CashOutStatus
from hypothesis import given
from hypothesis import strategies as st

from connectpsp_ext.webhooks import (
    StatusTracker,
    TransactionKind,
    Verdict,
    parse_event,
    reduce_status,
)
from connectpsp_ext.webhooks.reducer import INITIAL_STATUS, TRANSITIONS, event_transition_target

from .payloads import body

CASH_IN = TransactionKind.CASH_IN
CASH_OUT = TransactionKind.CASH_OUT


@pytest.mark.parametrize(
    ("kind", "current", "new", "verdict", "status", "implied"),
    [
        (CASH_IN, None, "PAID", Verdict.APPLIED, "PAID", ()),
        (CASH_IN, None, "REFUNDED", Verdict.APPLIED, "REFUNDED", ("PAID",)),
        (CASH_IN, "AWAITING_PAYMENT", "PAID", Verdict.APPLIED, "PAID", ()),
        (CASH_IN, "AWAITING_PAYMENT", "REFUNDED", Verdict.APPLIED, "REFUNDED", ("PAID",)),
        (CASH_IN, "AWAITING_PAYMENT", "EXPIRED", Verdict.APPLIED, "EXPIRED", ()),
        (CASH_IN, "PAID", "PAID", Verdict.DUPLICATE, "PAID", ()),
        (CASH_IN, "PAID", "AWAITING_PAYMENT", Verdict.STALE, "PAID", ()),
        (CASH_IN, "REFUNDED", "PAID", Verdict.STALE, "REFUNDED", ()),
        (CASH_IN, "EXPIRED", "PAID", Verdict.ILLEGAL, "EXPIRED", ()),
        (CASH_IN, "PAID", "EXPIRED", Verdict.ILLEGAL, "PAID", ()),
        (CASH_IN, "CANCELLED", "REFUNDED", Verdict.ILLEGAL, "CANCELLED", ()),
        (CASH_IN, "PAID", "COMPLETED", Verdict.UNKNOWN_STATUS, "PAID", ()),
        (CASH_OUT, "PROCESSING", "COMPLETED", Verdict.APPLIED, "COMPLETED", ()),
        (CASH_OUT, "PROCESSING", "REFUNDED", Verdict.APPLIED, "REFUNDED", ("COMPLETED",)),
        (CASH_OUT, "COMPLETED", "FAILED", Verdict.ILLEGAL, "COMPLETED", ()),
        (CASH_OUT, "FAILED", "COMPLETED", Verdict.ILLEGAL, "FAILED", ()),
        (CASH_OUT, "FAILED", "REFUNDED", Verdict.ILLEGAL, "FAILED", ()),
        (CASH_OUT, "COMPLETED", "PROCESSING", Verdict.STALE, "COMPLETED", ()),
        (CASH_OUT, "REFUNDED", "COMPLETED", Verdict.STALE, "REFUNDED", ()),
        (CASH_OUT, None, "PAID", Verdict.UNKNOWN_STATUS, "PAID", ()),
    ],
)
def test_transitions(
    kind: TransactionKind,
    current: str | None,
    new: str,
    verdict: Verdict,
    status: str,
    implied: tuple[str, ...],
) -> None:
    result = reduce_status(kind, current, new)
    assert result.verdict is verdict
    assert result.applied is (verdict is Verdict.APPLIED)
    assert result.implied == implied
    assert result.status == (new if result.applied else current)
    assert result.status == (status if result.applied or current is not None else None)
    assert result.needs_attention is (verdict in (Verdict.ILLEGAL, Verdict.UNKNOWN_STATUS))


def test_generated_enums_are_accepted() -> None:
    result = reduce_status("CASH_IN", CashInStatus.PAID, CashInStatus.REFUNDED)
    assert result.applied and result.status == "REFUNDED"
    assert (
        reduce_status(CASH_OUT, CashOutStatus.COMPLETED, CashOutStatus("FAILED")).verdict
        is Verdict.ILLEGAL
    )
    unknown = CashOutStatus("ON_HOLD")
    assert reduce_status(CASH_OUT, "PROCESSING", unknown).verdict is Verdict.UNKNOWN_STATUS


def test_every_documented_status_is_in_the_graphs() -> None:
    assert set(TRANSITIONS[CASH_IN]) == {s.value for s in CashInStatus}
    assert set(TRANSITIONS[CASH_OUT]) == {s.value for s in CashOutStatus}


def test_event_targets() -> None:
    assert event_transition_target(parse_event(body("CASHIN_PAID"))) == (CASH_IN, "PAID")
    assert event_transition_target(parse_event(body("CASHOUT_FAILED"))) == (CASH_OUT, "FAILED")
    generic = json.dumps({"eventType": "X", "eventAt": "2026-03-10T14:22:18Z", "data": {}}).encode()
    assert event_transition_target(parse_event(generic)) is None


PATHS = {
    CASH_IN: [
        ["AWAITING_PAYMENT", "PAID", "REFUNDED"],
        ["AWAITING_PAYMENT", "EXPIRED"],
        ["AWAITING_PAYMENT", "CANCELLED"],
    ],
    CASH_OUT: [
        ["PROCESSING", "COMPLETED", "REFUNDED"],
        ["PROCESSING", "FAILED"],
        ["PROCESSING", "CANCELLED"],
    ],
}


@st.composite
def path_deliveries(draw: st.DrawFn) -> tuple[TransactionKind, list[str], list[str]]:
    kind = draw(st.sampled_from([CASH_IN, CASH_OUT]))
    path = draw(st.sampled_from(PATHS[kind]))
    # every status of the path delivered one or more times, in any order
    deliveries = draw(st.lists(st.sampled_from(path), min_size=1, max_size=12))
    deliveries = draw(st.permutations([*deliveries, path[-1]]))
    return kind, path, deliveries


@given(path_deliveries())
def test_any_order_of_one_path_ends_at_its_last_status_and_never_goes_back(
    case: tuple[TransactionKind, list[str], list[str]],
) -> None:
    kind, path, deliveries = case
    status: str | None = None
    for new in deliveries:
        result = reduce_status(kind, status, new)
        assert not result.needs_attention  # statuses of one path never conflict
        assert result.status is not None
        if status is not None:
            assert path.index(result.status) >= path.index(status)  # monotonic
        status = result.status
    assert status == path[-1]


@given(
    st.sampled_from([CASH_IN, CASH_OUT]),
    st.lists(st.sampled_from(sorted({s for k in TRANSITIONS.values() for s in k})), max_size=12),
)
def test_arbitrary_sequences_only_follow_edges_of_the_machine(
    kind: TransactionKind, deliveries: list[str]
) -> None:
    graph = TRANSITIONS[kind]
    status: str | None = None
    for new in deliveries:
        result = reduce_status(kind, status, new)
        if result.applied:
            # the move is a chain of real edges: status (or the initial one) -> *implied -> new
            origin = status if status is not None else INITIAL_STATUS[kind]
            chain = [origin, *result.implied, new]
            if chain[0] == chain[1]:  # first sighting is the initial status itself
                chain = chain[1:]
            assert all(b in graph[a] for a, b in itertools.pairwise(chain))
            status = new
        else:
            assert result.status == status


def test_tracker_is_thread_safe_and_applies_each_status_once() -> None:
    tracker = StatusTracker()
    applied = []
    lock = threading.Lock()
    barrier = threading.Barrier(50)

    def deliver(index: int) -> None:
        barrier.wait()
        result = tracker.apply(CASH_OUT, "t1", "COMPLETED" if index % 2 else "REFUNDED")
        if result.applied:
            with lock:
                applied.append(result.requested)

    with ThreadPoolExecutor(50) as pool:
        list(pool.map(deliver, range(50)))
    assert tracker.status(CASH_OUT, "t1") == "REFUNDED"
    assert applied in (["REFUNDED"], ["COMPLETED", "REFUNDED"])
