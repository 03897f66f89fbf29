"""Every route of the mock against Prism under the same load, and the bare-Starlette ceiling.

For each of the eight operations, each round measures the mock and Prism back to back (the order
alternates by round), with the same requests from the same number of keep-alive connections; the
bare app is measured once per round. Rounds repeat (>= 5), so background load hits all sides alike;
rows give the median round and the min-max, p50/p99 latency over all rounds, and the ratio of the
median rounds (mock / Prism) against the targets of issue 14.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field

from . import workload
from .loadgen import LoadResult, Request, run_requests
from .prism import PRISM_VERSION, PrismUnavailable, prism_mock
from .report import Row, verdict
from .routes import OPERATIONS, Operation, fetch_auth, prepare
from .servers import BARE_PATH, ServerStartError, bare_server, cpu_seconds
from .stats import percentile, ratio

SPEC = workload.SPEC
# issue 14: every route >= 1x Prism; balance and token >= 2x.
TARGETS = {"GET /account/balance": 2.0, "POST /auth/token": 2.0}
GET_POOL = 200  # transactions a GET round cycles through


@dataclass
class Side:
    """All rounds of one server on one operation."""

    rounds: list[LoadResult] = field(default_factory=list)
    cpu_s: float = 0.0  # server CPU time spent in the recorded rounds

    @property
    def cpu_us_per_request(self) -> float | None:
        done = sum(r.ok for r in self.rounds)
        return self.cpu_s / done * 1e6 if done and self.cpu_s else None

    @property
    def rps(self) -> list[float]:
        return [r.rps for r in self.rounds]

    @property
    def median_rps(self) -> float:
        return statistics.median(self.rps) if self.rounds else 0.0

    def latency(self, pct: float) -> float | None:
        samples = [x for r in self.rounds for x in r.latencies_us]
        return percentile(samples, pct) if samples else None

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.rounds)

    @property
    def statuses(self) -> dict[int, int]:
        merged: dict[int, int] = {}
        for r in self.rounds:
            for status, count in r.statuses.items():
                merged[status] = merged.get(status, 0) + count
        return merged

    def summary(self) -> str:
        if not self.rounds:
            return "not measured"
        p50, p99 = self.latency(50), self.latency(99)
        lat = ""
        if p50 is not None and p99 is not None:
            lat = f", p50 {p50 / 1e3:.1f} ms p99 {p99 / 1e3:.1f} ms"
        return f"{self.median_rps:,.0f} req/s ({min(self.rps):,.0f}-{max(self.rps):,.0f}){lat}"

    def as_dict(self) -> dict[str, object]:
        return {
            "rounds_rps": [round(x, 1) for x in self.rps],
            "median_rps": round(self.median_rps, 1),
            "latency_p50_us": self.latency(50),
            "latency_p99_us": self.latency(99),
            "errors": self.errors,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "server_cpu_us_per_request": self.cpu_us_per_request,
        }


def _loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def routes_vs_prism(
    mock_url: str,
    mock_pid: int | None = None,
    *,
    rounds: int = 5,
    round_s: float = 3.0,
    concurrency: int = 32,
    refunds_per_round: int = 2000,
    with_prism: bool = True,
    operations: Sequence[Operation] = OPERATIONS,
    progress: Callable[[str], None] = print,
) -> list[Row]:
    auth = fetch_auth(mock_url)
    mock = {op.name: Side() for op in operations}
    prism = {op.name: Side() for op in operations}
    bare = Side()
    loads: list[list[float]] = []
    prism_error: str | None = None
    with ExitStack() as stack:
        prism_url: str | None = None
        pids: dict[str, int | None] = {mock_url: mock_pid}
        if with_prism:
            try:
                prism_url, pids[prism_url] = stack.enter_context(
                    prism_mock(SPEC, "/account/balance", dict(auth.headers))
                )
            except (PrismUnavailable, ServerStartError) as exc:
                prism_error = str(exc).splitlines()[0][:200]
        else:
            prism_error = "skipped (--skip-prism)"
        bare_url = stack.enter_context(bare_server())
        for number in range(rounds):
            loads.append(_loadavg())
            progress(f"  round {number + 1}/{rounds}, load average {loads[-1]}")
            for op in operations:
                count = refunds_per_round if op.single_use else GET_POOL
                ids = prepare(mock_url, auth, op, count)
                sides: list[tuple[str, dict[str, Side]]] = [(mock_url, mock)]
                if prism_url is not None:
                    sides.append((prism_url, prism))
                if number % 2:
                    sides.reverse()
                for url, results in sides:
                    is_mock = url == mock_url
                    source = op.source(auth, ids, cycle=not is_mock)
                    # One unrecorded warm-up per side and operation (none on single-use ids).
                    if number == 0 and not (is_mock and op.single_use):
                        run_requests(url, source, concurrency=concurrency, duration_s=0.5)
                    pid = pids.get(url)
                    cpu_before = cpu_seconds(pid) if pid else 0.0
                    results[op.name].rounds.append(
                        run_requests(url, source, concurrency=concurrency, duration_s=round_s)
                    )
                    if pid:
                        results[op.name].cpu_s += cpu_seconds(pid) - cpu_before
            bare.rounds.append(
                run_requests(
                    bare_url,
                    lambda: Request("GET", BARE_PATH),
                    concurrency=concurrency,
                    duration_s=round_s,
                    warmup_s=0.5 if number == 0 else 0.0,
                )
            )
    loads.append(_loadavg())
    load_note = (
        f"{concurrency} keep-alive connections, {rounds} interleaved rounds of {round_s:g} s "
        f"(refunds: {refunds_per_round} PAID cash-ins per round); load average per round "
        + ", ".join(f"{la[0]:.1f}" for la in loads)
    )
    rows: list[Row] = []
    for op in operations:
        ours, theirs = mock[op.name], prism[op.name]
        target = TARGETS.get(op.name, 1.0)
        r = ratio(ours.median_rps, theirs.median_rps) if theirs.rounds else float("nan")
        cpu_ours, cpu_theirs = ours.cpu_us_per_request, theirs.cpu_us_per_request
        cpu_note = (
            f"server CPU per request Prism/mock {cpu_theirs / cpu_ours:.2f}x"
            if cpu_ours and cpu_theirs
            else ""
        )
        errors_note = (
            f"errors mock {ours.errors}, Prism {theirs.errors}"
            if ours.errors or theirs.errors
            else ""
        )
        rows.append(
            Row(
                name=f"mock {op.name}",
                subject=ours.summary(),
                baseline=f"Prism {theirs.summary()}" if theirs.rounds else "Prism n/a",
                ratio=r,
                target=f">= {target:g}x Prism",
                verdict="" if not theirs.rounds else verdict(r >= target),
                note="; ".join(n for n in (cpu_note, errors_note) if n),
                details={"mock": ours.as_dict(), "prism": theirs.as_dict()},
            )
        )
    best = max(mock.values(), key=lambda side: side.median_rps)
    rows.append(
        Row(
            name="bare Starlette ceiling (GET, same server)",
            subject=bare.summary(),
            baseline=f"fastest mock route {best.median_rps:,.0f} req/s",
            ratio=ratio(best.median_rps, bare.median_rps),
            note="ratio: fastest mock route / ceiling",
            details={"bare": bare.as_dict()},
        )
    )
    rows.append(
        Row(
            name="route load",
            subject=f"Prism {PRISM_VERSION}" if prism_error is None else "Prism not available",
            note=load_note + ("" if prism_error is None else f"; Prism: {prism_error}"),
            details={"loadavg_per_round": loads, "concurrency": concurrency, "round_s": round_s},
        )
    )
    return rows
