"""Async throughput: N concurrent cash-outs through ``AsyncConnectPSP`` versus a bare
``httpx.AsyncClient``, same mock process, same connection-pool limits (``workload.LIMITS``).

Rounds run in the order A, B, B, A (so neither side always goes first) after a warm-up round of
each; requests/s = total calls / total wall time of that side's rounds.
"""

from __future__ import annotations

import asyncio
import time
import uuid

from . import workload
from .report import Row, verdict
from .stats import ratio

TARGET = 0.9


async def _sdk_round(base_url: str, n: int, tag: str) -> float:
    async with workload.async_sdk_client(base_url) as psp:
        await psp.account.balance()  # token fetched, one connection open
        started = time.perf_counter()
        await asyncio.gather(
            *(psp.cash_out.create(**workload.sdk_kwargs(f"{tag}-{i}")) for i in range(n))
        )
        return time.perf_counter() - started


async def _bare_round(base_url: str, n: int, tag: str) -> float:
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

        started = time.perf_counter()
        await asyncio.gather(*(one(f"{tag}-{i}") for i in range(n)))
        return time.perf_counter() - started


def run(base_url: str, *, concurrent: int = 2000, warmup: int = 200) -> Row:
    run_id = uuid.uuid4().hex[:8]
    asyncio.run(_sdk_round(base_url, warmup, f"bench-tp-{run_id}-wa"))
    asyncio.run(_bare_round(base_url, warmup, f"bench-tp-{run_id}-wb"))
    elapsed = {"A": 0.0, "B": 0.0}
    rounds = {"A": 0, "B": 0}
    for i, side in enumerate(("A", "B", "B", "A")):
        tag = f"bench-tp-{run_id}-{side}{i}"
        if side == "A":
            seconds = asyncio.run(_sdk_round(base_url, concurrent, tag))
        else:
            seconds = asyncio.run(_bare_round(base_url, concurrent, tag))
        elapsed[side] += seconds
        rounds[side] += 1
    sdk_rps = rounds["A"] * concurrent / elapsed["A"]
    bare_rps = rounds["B"] * concurrent / elapsed["B"]
    r = ratio(sdk_rps, bare_rps)
    return Row(
        name=f"async throughput ({concurrent:,} concurrent cash-outs)",
        subject=f"AsyncConnectPSP {sdk_rps:,.0f} req/s",
        baseline=f"httpx.AsyncClient {bare_rps:,.0f} req/s",
        ratio=r,
        target=f">= {TARGET:.2f}x",
        verdict=verdict(r >= TARGET),
        note=f"rounds A,B,B,A; pool max_connections={workload.LIMITS.max_connections} on both",
        details={
            "connectpsp_rps": round(sdk_rps, 1),
            "httpx_rps": round(bare_rps, 1),
            "ratio": round(r, 4),
            "concurrent": concurrent,
            "rounds_per_side": 2,
            "seconds": {k: round(v, 3) for k, v in elapsed.items()},
        },
    )
