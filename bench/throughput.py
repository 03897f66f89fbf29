"""Async throughput: N concurrent cash-outs through ``AsyncConnectPSP`` versus a bare
``httpx.AsyncClient``, same mock process, same requests, same pool limits (``workload.LIMITS``).

Three sides, in rotating order (ABC, BCA, CAB, ...) after a warm-up round of each:

- A: ``AsyncConnectPSP`` as users get it: at most ``max_connections`` requests handed to httpx
  (the in-flight gate, D-65), each on its own single-connection pool (lanes, D-67);
- B: a bare ``httpx.AsyncClient``: all N requests go into httpx's one pool;
- C: ``AsyncConnectPSP`` over one httpx pool (its own ``transport``): the gate alone, as before
  D-67; shows what the lanes add.

Per round: requests/s (calls / wall time of the gather), the client's CPU per call
(``time.process_time`` of this process) and the mock's CPU per call (``/proc/<pid>/stat``, when
its pid is known). CPU per call is steadier than requests/s on a shared machine. Reported: the
median round per side and the ratio of the medians A/B (target >= 1.2x, issue 14).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
import uuid
from collections.abc import Callable, Coroutine
from typing import Any

import httpx

from connectpsp_ext import AsyncConnectPSP, RetryPolicy

from . import workload
from .credentials import APPLICATION_TOKEN, CLIENT_ID, CLIENT_SECRET, CRYPTO_TOKEN
from .progress import progress_bar
from .report import Row, verdict
from .servers import cpu_seconds
from .stats import ratio

TARGET = 1.2  # issue 14: the client keeps what it cannot send yet out of httpx's pool
SIDES = {
    "A": "AsyncConnectPSP",
    "B": "httpx.AsyncClient",
    "C": "AsyncConnectPSP, one httpx pool",
}
Round = Callable[[str, int, str], Coroutine[Any, Any, tuple[float, float]]]


async def _gather_cash_outs(psp: AsyncConnectPSP, n: int, tag: str) -> tuple[float, float]:
    await psp.account.balance()  # token fetched, one connection open
    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(
        *(psp.cash_out.create(**workload.sdk_kwargs(f"{tag}-{i}")) for i in range(n))
    )
    return time.perf_counter() - started, time.process_time() - cpu


async def _sdk_round(base_url: str, n: int, tag: str) -> tuple[float, float]:
    async with workload.async_sdk_client(base_url) as psp:
        return await _gather_cash_outs(psp, n, tag)


async def _one_pool_round(base_url: str, n: int, tag: str) -> tuple[float, float]:
    async with AsyncConnectPSP(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        application_token=APPLICATION_TOKEN,
        crypto_token=CRYPTO_TOKEN,
        base_url=base_url,
        timeout=workload.TIMEOUT,
        retry=RetryPolicy(),
        transport=httpx.AsyncHTTPTransport(limits=workload.LIMITS),
        limits=workload.LIMITS,  # the gate, as side A
    ) as psp:
        return await _gather_cash_outs(psp, n, tag)


async def _bare_round(base_url: str, n: int, tag: str) -> tuple[float, float]:
    fixed = workload.bare_headers(workload.bare_token(base_url))
    async with workload.async_bare_client(base_url) as bare:
        await bare.get("/account/balance", headers=fixed)  # one connection open

        async def one(reference: str) -> None:
            response = await bare.post(
                "/cash-out",
                content=workload.bare_body(reference),
                headers=workload.bare_request_headers(fixed),
            )
            workload.check_bare(response)

        started, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(one(f"{tag}-{i}") for i in range(n)))
        return time.perf_counter() - started, time.process_time() - cpu


ROUNDS: dict[str, Round] = {"A": _sdk_round, "B": _bare_round, "C": _one_pool_round}


def _spread(values: list[float]) -> str:
    return f"{min(values):,.0f}/{statistics.median(values):,.0f}/{max(values):,.0f}"


def _order(rounds: int, sides: str = "ABC") -> list[str]:
    """ABC, BCA, CAB, ...: each side goes first (and last) equally often."""
    return [sides[(i + j) % len(sides)] for i in range(rounds) for j in range(len(sides))]


def run(
    base_url: str,
    *,
    server_pid: int | None = None,
    concurrent: int = 1000,
    warmup: int = 200,
    rounds: int = 3,
) -> Row:
    run_id = uuid.uuid4().hex[:8]
    rps: dict[str, list[float]] = {side: [] for side in SIDES}
    client_us: dict[str, list[float]] = {side: [] for side in SIDES}  # this process, per call
    mock_us: dict[str, list[float]] = {side: [] for side in SIDES}  # the mock process, per call
    load = [os.getloadavg()[0]]
    lines: list[str] = []
    # Counted per round, outside the timed gathers: the bar must not cost the SDK or httpx time.
    with progress_bar("bench async", len(SIDES) * (warmup + rounds * concurrent)) as advance:
        for side, one_round in ROUNDS.items():
            asyncio.run(one_round(base_url, warmup, f"bench-tp-{run_id}-w{side}"))
            advance(warmup)
        for i, side in enumerate(_order(rounds)):
            mock_before = None if server_pid is None else cpu_seconds(server_pid)
            seconds, cpu = asyncio.run(
                ROUNDS[side](base_url, concurrent, f"bench-tp-{run_id}-{side}{i}")
            )
            advance(concurrent)
            rps[side].append(concurrent / seconds)
            client_us[side].append(cpu / concurrent * 1e6)
            if server_pid is not None and mock_before is not None:
                mock_us[side].append((cpu_seconds(server_pid) - mock_before) / concurrent * 1e6)
            load.append(os.getloadavg()[0])
            lines.append(
                f"  round {i + 1} {side} ({SIDES[side]}): {rps[side][-1]:,.0f} req/s, client "
                f"{client_us[side][-1]:,.0f} us CPU/call, mock "
                f"{_last(mock_us[side])} us CPU/call, load {load[-1]:.2f}"
            )
    print("bench async: " + f"{concurrent:,} concurrent cash-outs per round", flush=True)
    print("\n".join(lines), flush=True)
    med = {side: statistics.median(values) for side, values in rps.items()}
    cpu_med = {side: statistics.median(values) for side, values in client_us.items()}
    mock_med = {side: statistics.median(v) if v else None for side, v in mock_us.items()}
    r = ratio(med["A"], med["B"])
    return Row(
        name=f"async throughput ({concurrent:,} concurrent cash-outs)",
        subject=f"AsyncConnectPSP {_spread(rps['A'])} req/s, {_cpu(cpu_med, mock_med, 'A')}",
        baseline=f"httpx.AsyncClient {_spread(rps['B'])} req/s, {_cpu(cpu_med, mock_med, 'B')}",
        ratio=r,
        target=f">= {TARGET:.2f}x",
        verdict=verdict(r >= TARGET),
        note=f"req/s min/median/max of {rounds} rotating rounds per side, ratio of medians; "
        f"pool max_connections={workload.LIMITS.max_connections} on all sides; one httpx pool "
        f"under the SDK (before D-67): {_spread(rps['C'])} req/s, {_cpu(cpu_med, mock_med, 'C')}, "
        f"{ratio(med['C'], med['B']):.2f}x; load {min(load):.2f}-{max(load):.2f}",
        details={
            "connectpsp_rps": round(med["A"], 1),
            "httpx_rps": round(med["B"], 1),
            "one_pool_rps": round(med["C"], 1),
            "ratio": round(r, 4),
            "ratio_one_pool": round(ratio(med["C"], med["B"]), 4),
            "concurrent": concurrent,
            "sides": SIDES,
            "rounds_rps": {k: [round(x, 1) for x in v] for k, v in rps.items()},
            "rounds_client_cpu_us_per_call": _rounded(client_us),
            "rounds_mock_cpu_us_per_call": _rounded(mock_us),
            "loadavg_1min": [round(x, 2) for x in load],
        },
    )


def _rounded(per_side: dict[str, list[float]]) -> dict[str, list[int]]:
    return {side: [round(x) for x in values] for side, values in per_side.items()}


def _last(values: list[float]) -> str:
    return f"{values[-1]:,.0f}" if values else "?"


def _cpu(client: dict[str, float], mock: dict[str, float | None], side: str) -> str:
    shown = f"client {client[side]:,.0f} us CPU/call"
    value = mock[side]
    return shown if value is None else f"{shown}, mock {value:,.0f} us CPU/call"
