"""The scaled-down soak (500 logical calls, the full fault mix) against an in-process mock with a
2-second token lifetime: no duplicate, no lost outcome, balances reconcile to the centavo."""

from __future__ import annotations

import uuid
from decimal import Decimal

import httpx
import pytest

from bench.soak import SoakConfig, SoakResult, run_soak
from connectpsp_mock.settings import MockSettings
from connectpsp_mock.testing import running_mock

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def soak() -> SoakResult:
    with running_mock(MockSettings(token_ttl_seconds=2)) as mock:
        return run_soak(mock.base_url, SoakConfig(calls=500, thread_workers=4, async_workers=8))


def test_no_duplicate_and_no_lost_outcome(soak: SoakResult) -> None:
    rec = soak.reconciliation
    assert rec.duplicates == []
    assert rec.lost == []
    assert rec.unexpected_rejections == []
    assert rec.settlement_mismatches == []
    assert soak.worker_errors == []
    assert soak.ok


def test_balances_reconcile_exactly(soak: SoakResult) -> None:
    balances = soak.reconciliation.balances
    assert balances is not None and balances.ok
    assert balances.actual_total == balances.expected_total_from_ledger
    assert balances.actual_total == balances.expected_total_from_mock
    assert balances.actual_transactional == balances.final_target
    # Money actually moved: the soak is not reconciling an idle ledger.
    assert balances.actual_total != balances.initial_total
    assert isinstance(balances.actual_total, Decimal)


def test_every_call_made_and_resolved(soak: SoakResult) -> None:
    summary = soak.summary()
    assert summary["logical_calls"] == 500
    assert set(summary["calls_by_kind"]) == {"cash_in", "cash_out", "refund", "rebalance"}
    assert not any(key.endswith(":unknown") for key in summary["outcomes"])
    assert summary["cash_ins_paid"] > 0


def test_faults_were_injected_and_absorbed(soak: SoakResult) -> None:
    summary = soak.summary()
    assert summary["fault_share_of_attempts"] >= 0.20
    # Every configured kind happened, and the mock saw each fault the client side scheduled.
    assert set(summary["faults_injected_by_kind"]) == set(soak.config.fault_mix)
    assert summary["faults_counted_by_mock"] == summary["faults_injected"]
    assert summary["client_retries"] > 0
    # Requests committed before their answer was lost came back as idempotent replays.
    assert summary["idempotent_replays_by_mock"] > 0


def test_tokens_expired_and_were_refreshed(soak: SoakResult) -> None:
    summary = soak.summary()
    assert summary["token_lifetime_s"] == 2
    assert summary["tokens_issued"] >= 2


def test_the_reconciliation_catches_a_client_that_changes_keys_on_retry() -> None:
    """Sabotage: every attempt gets a new X-Idempotency-Key (the classic bug). A retry after a
    dropped-but-committed request is then a new request, refused as a duplicate reference, and
    the soak must report the committed operations as lost outcomes."""

    def fresh_key_per_attempt(request: httpx.Request) -> None:
        if "X-Idempotency-Key" in request.headers:
            request.headers["X-Idempotency-Key"] = str(uuid.uuid4())

    config = SoakConfig(
        calls=120,
        thread_workers=2,
        async_workers=2,
        fault_rate=0.5,
        fault_mix={"drop_after_commit": 1},
        operation_mix={"cash_in": 0.5, "cash_out": 0.5},
    )
    with running_mock(MockSettings(token_ttl_seconds=60)) as mock:
        result = run_soak(mock.base_url, config, sabotage=fresh_key_per_attempt)
    assert not result.ok
    assert any(
        "rejected (DUPLICATE_EXTERNAL_REFERENCE) but committed" in f
        for f in result.reconciliation.lost
    )
    assert any(
        "DUPLICATE_EXTERNAL_REFERENCE" in f for f in result.reconciliation.unexpected_rejections
    )
