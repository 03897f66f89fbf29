"""Mock memory under a flood of cash-ins: RSS of a fresh ``python -m connectpsp_mock`` process
(default limits) before and after N cash-ins, each with a fresh idempotency key (the worst case:
every 201, QR image included, is kept for replay), against the documented bound (D-84)."""

from __future__ import annotations

from .loadgen import run_requests
from .report import Row, verdict
from .routes import Operation, counted, fetch_auth
from .servers import mock_server, rss_mib

# docs/benchmarks.md and D-84: what a mock with the default limits stays under, whatever the
# traffic (the limits stop the growth at 20,000 of each kind of record).
RSS_BOUND_MIB = 200.0


def _counted_cash_ins(base_url: str, count: int) -> tuple[int, int, dict[int, int]]:
    auth = fetch_auth(base_url)
    source = counted(Operation("POST /cash-in").source(auth, [], cycle=True), count)
    result = run_requests(base_url, source, concurrency=32, duration_s=900)
    return result.ok, result.errors, result.statuses


def cash_in_memory(count: int = 50_000) -> list[Row]:
    with mock_server("--log-level", "warning") as (base_url, proc):
        start_rss, _ = rss_mib(proc.pid)
        ok, errors, statuses = _counted_cash_ins(base_url, count)
        end_rss, peak_rss = rss_mib(proc.pid)
    per_item_kib = (end_rss - start_rss) * 1024 / max(ok, 1)
    return [
        Row(
            name=f"mock RSS after {count:,} cash-ins",
            subject=f"{end_rss:.0f} MiB (peak {peak_rss:.0f}, start {start_rss:.0f})",
            baseline=f"bound {RSS_BOUND_MIB:.0f} MiB",
            target=f"<= {RSS_BOUND_MIB:.0f} MiB",
            verdict=verdict(peak_rss <= RSS_BOUND_MIB and errors == 0),
            note=f"{ok:,} created with fresh idempotency keys, {errors} errors; "
            f"{per_item_kib:.2f} KiB per cash-in on average (default limits: 20,000 kept)",
            details={
                "start_mib": round(start_rss, 1),
                "end_mib": round(end_rss, 1),
                "peak_mib": round(peak_rss, 1),
                "created": ok,
                "errors": errors,
                "statuses": {str(k): v for k, v in statuses.items()},
            },
        )
    ]
