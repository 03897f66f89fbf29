"""Order statistics for latency samples and throughput runs.

Percentiles use the nearest-rank method on the sorted samples: no interpolation, so a reported
p90 is always a latency that was actually observed.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    """Latency summary in microseconds."""

    n: int
    median_us: float
    p90_us: float
    p99_us: float
    min_us: float
    mean_us: float

    def as_dict(self) -> dict[str, float | int]:
        return {
            "n": self.n,
            "median_us": round(self.median_us, 1),
            "p90_us": round(self.p90_us, 1),
            "p99_us": round(self.p99_us, 1),
            "min_us": round(self.min_us, 1),
            "mean_us": round(self.mean_us, 1),
        }


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (0 < pct <= 100) of a non-empty sample."""
    if not samples:
        raise ValueError("percentile of an empty sample")
    if not 0 < pct <= 100:
        raise ValueError(f"percentile must be in (0, 100], got {pct}")
    ordered = sorted(samples)
    rank = math.ceil(pct / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]


def summarize_ns(samples_ns: Sequence[int]) -> Summary:
    """Summary of durations measured with time.perf_counter_ns()."""
    us = [s / 1000 for s in samples_ns]
    return Summary(
        n=len(us),
        median_us=statistics.median(us),
        p90_us=percentile(us, 90),
        p99_us=percentile(us, 99),
        min_us=min(us),
        mean_us=statistics.fmean(us),
    )


def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator; NaN when the denominator is 0 (nothing was measured)."""
    return numerator / denominator if denominator else math.nan


def alternating_order(iterations: int) -> list[tuple[str, str]]:
    """A/B order per iteration: AB, BA, AB, BA... so that neither side always runs first
    (cache warmth, connection reuse, clock drift and background load are shared evenly)."""
    return [("A", "B") if i % 2 == 0 else ("B", "A") for i in range(iterations)]
