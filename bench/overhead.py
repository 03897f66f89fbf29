"""Per-call overhead: one cash-out through ``ConnectPSP`` versus a bare ``httpx.Client``.

Both talk to the same mock process over loopback. After a warm-up (token cached, connections
open), iterations alternate the order (A then B, then B then A, ...) and each call is timed with
``perf_counter_ns``. Reported: median and p90 of each side and the ratio of the medians.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import httpx
from connectpsp_client.types import json_dumps

from . import workload
from .report import Row, verdict
from .stats import alternating_order, ratio, summarize_ns

TARGET = 1.10


def run(base_url: str, *, iterations: int = 300, warmup: int = 30) -> Row:
    run_id = uuid.uuid4().hex[:8]
    with workload.sdk_client(base_url) as psp, workload.bare_client(base_url) as bare:
        fixed = workload.bare_headers(workload.bare_token(base_url))

        def sdk(reference: str) -> None:
            psp.cash_out.create(**workload.sdk_kwargs(reference))

        def plain(reference: str) -> None:
            response = bare.post(
                "/cash-out",
                content=workload.bare_body(reference),
                headers=workload.bare_request_headers(fixed),
            )
            workload.check_bare(response)

        calls: dict[str, Callable[[str], None]] = {"A": sdk, "B": plain}
        for i in range(warmup):
            sdk(f"bench-oh-{run_id}-wa-{i}")
            plain(f"bench-oh-{run_id}-wb-{i}")
        samples = _alternate(calls, iterations, f"bench-oh-{run_id}")
    return _row(samples, iterations, warmup)


def _alternate(
    calls: dict[str, Callable[[str], None]], iterations: int, tag: str
) -> dict[str, list[int]]:
    samples: dict[str, list[int]] = {"A": [], "B": []}
    for i, order in enumerate(alternating_order(iterations)):
        for side in order:
            reference = f"{tag}-{side}-{i}"
            started = time.perf_counter_ns()
            calls[side](reference)
            samples[side].append(time.perf_counter_ns() - started)
    return samples


def _paired_median_us(samples: dict[str, list[int]]) -> float:
    diffs = sorted(a - b for a, b in zip(samples["A"], samples["B"], strict=True))
    return diffs[len(diffs) // 2] / 1000


def _row(samples: dict[str, list[int]], iterations: int, warmup: int) -> Row:
    sdk_s, bare_s = summarize_ns(samples["A"]), summarize_ns(samples["B"])
    r = ratio(sdk_s.median_us, bare_s.median_us)
    return Row(
        name="per-call overhead (sync cash-out)",
        subject=f"ConnectPSP median {sdk_s.median_us:,.0f} us, p90 {sdk_s.p90_us:,.0f} us",
        baseline=f"httpx.Client median {bare_s.median_us:,.0f} us, p90 {bare_s.p90_us:,.0f} us",
        ratio=r,
        target=f"<= {TARGET:.2f}x",
        verdict=verdict(r <= TARGET),
        note=f"{iterations} alternating A/B iterations after {warmup} warm-up each; "
        f"p90 ratio {ratio(sdk_s.p90_us, bare_s.p90_us):.3f}x",
        details={
            "connectpsp": sdk_s.as_dict(),
            "httpx": bare_s.as_dict(),
            "median_ratio": round(r, 4),
            "p90_ratio": round(ratio(sdk_s.p90_us, bare_s.p90_us), 4),
            "added_median_us": round(sdk_s.median_us - bare_s.median_us, 1),
            "paired_median_difference_us": round(_paired_median_us(samples), 1),
        },
    )


def run_in_memory(base_url: str, *, iterations: int = 2000, warmup: int = 200) -> Row:
    """The same A/B comparison over ``httpx.MockTransport`` (no sockets, no server): what the
    SDK itself costs per call in CPU, independent of the mock's latency. The canned 202 body
    is a real answer of the mock."""
    with workload.sdk_client(base_url) as psp:
        canned = psp.cash_out.create(**workload.sdk_kwargs(f"bench-mem-{uuid.uuid4().hex}"))
    body = json_dumps(canned.data.to_dict())
    token = json_dumps(
        {
            "accessToken": "bench.token.value",
            "tokenType": "Bearer",
            "expiresIn": 3600,
            "issuedAt": "2026-03-10T14:00:00Z",
        }
    )

    def handler(request: httpx.Request) -> httpx.Response:
        content = token if request.url.path == "/auth/token" else body
        status = 200 if request.url.path == "/auth/token" else 202
        return httpx.Response(status, content=content, headers={"Content-Type": "application/json"})

    url = "http://127.0.0.1:9"
    with (
        workload.sdk_client(url, transport=httpx.MockTransport(handler)) as psp,
        httpx.Client(base_url=url, transport=httpx.MockTransport(handler)) as bare,
    ):
        fixed = workload.bare_headers("bench.token.value")

        def sdk(reference: str) -> None:
            psp.cash_out.create(**workload.sdk_kwargs(reference))

        def plain(reference: str) -> None:
            response = bare.post(
                "/cash-out",
                content=workload.bare_body(reference),
                headers=workload.bare_request_headers(fixed),
            )
            workload.check_bare(response)

        calls: dict[str, Callable[[str], None]] = {"A": sdk, "B": plain}
        for i in range(warmup):
            sdk(f"w{i}")
            plain(f"w{i}")
        samples = _alternate(calls, iterations, "mem")
    sdk_s, bare_s = summarize_ns(samples["A"]), summarize_ns(samples["B"])
    added = _paired_median_us(samples)
    return Row(
        name="SDK CPU cost per call (in-memory transport)",
        subject=f"ConnectPSP median {sdk_s.median_us:,.0f} us",
        baseline=f"httpx.Client median {bare_s.median_us:,.0f} us",
        ratio=ratio(sdk_s.median_us, bare_s.median_us),
        note=f"no network: the SDK adds ~{added:,.0f} us per call (paired median); "
        f"{iterations} alternating iterations",
        details={
            "connectpsp": sdk_s.as_dict(),
            "httpx": bare_s.as_dict(),
            "paired_median_difference_us": round(added, 1),
        },
    )
