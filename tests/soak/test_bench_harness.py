"""The benchmark harness's own pieces: statistics, A/B order, report files, the load generator."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bench import report
from bench.loadgen import run_load, run_requests
from bench.report import Row
from bench.routes import OPERATIONS, counted, fetch_auth, prepare
from bench.stats import alternating_order, percentile, ratio, summarize_ns
from connectpsp_mock.testing import running_mock


def test_nearest_rank_percentiles() -> None:
    samples = list(range(1, 101))
    assert percentile(samples, 50) == 50
    assert percentile(samples, 90) == 90
    assert percentile(samples, 100) == 100
    assert percentile([7.0], 90) == 7.0
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile(samples, 0)


def test_summary_in_microseconds() -> None:
    summary = summarize_ns([1000, 2000, 3000, 4000])
    assert summary.median_us == 2.5
    assert summary.min_us == 1.0
    assert summary.p90_us == 4.0
    assert summary.n == 4


def test_ab_order_alternates_so_neither_side_always_goes_first() -> None:
    order = alternating_order(4)
    assert order == [("A", "B"), ("B", "A"), ("A", "B"), ("B", "A")]


def test_ratio_of_nothing_is_nan() -> None:
    assert math.isnan(ratio(1.0, 0.0))
    assert ratio(3.0, 2.0) == 1.5


def test_reports_are_written_as_markdown_and_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report, "REPORTS", tmp_path)
    rows = [
        Row(
            "overhead",
            "1 us",
            "1 us",
            ratio=1.05,
            target="<= 1.10x",
            verdict="PASS",
            details={"n": 3},
        ),
        Row("prism", "not available", note="npm | missing"),
    ]
    path = report.write(rows, "bench", "Title")
    text = path.read_text()
    assert "| overhead | 1 us | 1 us | 1.050x | <= 1.10x | PASS |" in text
    assert "npm \\| missing" in text
    data = json.loads((tmp_path / "bench.json").read_text())
    assert data["rows"][0]["ratio"] == 1.05
    assert data["rows"][1]["ratio"] is None
    assert "cpus" in data["machine"]
    assert "overhead" in report.text_table(rows)


def test_load_generator_counts_answers_from_a_real_server() -> None:
    with running_mock() as mock:
        headers = list(mock.auth_headers().items())
        ok = run_load(
            mock.base_url + "/account/balance",
            headers,
            concurrency=4,
            duration_s=0.3,
            warmup_s=0.05,
        )
        unauthenticated = run_load(
            mock.base_url + "/account/balance", concurrency=2, duration_s=0.2, warmup_s=0
        )
    assert ok.ok > 10 and ok.errors == 0 and set(ok.statuses) == {200}
    assert ok.rps > 0 and ok.as_dict()["latency_p50_us"] is not None
    assert unauthenticated.ok == 0 and set(unauthenticated.statuses) == {401}


def test_every_benchmarked_operation_sends_valid_requests() -> None:
    """The route bench measures successes: each of the eight operations must get its 2xx from the
    mock, with fresh keys and references (so nothing is a replay) and single-use refund ids."""
    assert len(OPERATIONS) == 8
    with running_mock() as mock:
        auth = fetch_auth(mock.base_url)
        for operation in OPERATIONS:
            ids = prepare(mock.base_url, auth, operation, 6)
            source = operation.source(auth, ids, cycle=False)
            result = run_requests(mock.base_url, counted(source, 12), concurrency=2, duration_s=30)
            expected = 6 if operation.single_use else 12
            assert result.errors == 0, (operation.name, result.statuses)
            assert result.ok == expected, (operation.name, result.statuses)
            assert all(200 <= status < 300 for status in result.statuses), operation.name
        state = mock.state()
        # Every create was new: no idempotent replay, no duplicate reference.
        assert state["counters"].get("idempotency.replays", 0) == 0
        assert state["counters"]["cash_in.refunded"] == 6
