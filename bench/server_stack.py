"""The mock on uvicorn's pure-Python stack (h11 + asyncio) vs its default fast stack (httptools +
uvloop, D-81): two mock processes, the same routes and load, interleaved rounds; throughput and
server CPU per request (the steadier number on a shared machine)."""

from __future__ import annotations

import statistics
from contextlib import ExitStack

from .loadgen import run_requests
from .report import Row
from .routes import OPERATIONS, fetch_auth
from .servers import cpu_seconds, mock_server
from .stats import ratio

STACKS = {"h11 + asyncio": ("h11", "asyncio"), "httptools + uvloop": ("httptools", "uvloop")}
ROUTES = ("GET /account/balance", "POST /auth/token", "POST /cash-out")


def stack_ab(*, rounds: int = 5, round_s: float = 2.0, concurrency: int = 32) -> list[Row]:
    operations = [op for op in OPERATIONS if op.name in ROUTES]
    rps: dict[tuple[str, str], list[float]] = {}
    cpu: dict[tuple[str, str], list[float]] = {}
    with ExitStack() as stack:
        servers = {
            name: stack.enter_context(
                mock_server("--log-level", "warning", "--http", http, "--loop", loop)
            )
            for name, (http, loop) in STACKS.items()
        }
        auths = {name: fetch_auth(url) for name, (url, _) in servers.items()}
        for number in range(rounds):
            order = list(STACKS) if number % 2 == 0 else list(reversed(STACKS))
            for op in operations:
                for name in order:
                    url, proc = servers[name]
                    source = op.source(auths[name], [], cycle=True)
                    if number == 0:
                        run_requests(url, source, concurrency=concurrency, duration_s=0.5)
                    before = cpu_seconds(proc.pid)
                    result = run_requests(url, source, concurrency=concurrency, duration_s=round_s)
                    used = cpu_seconds(proc.pid) - before
                    rps.setdefault((name, op.name), []).append(result.rps)
                    cpu.setdefault((name, op.name), []).append(used / max(result.ok, 1) * 1e6)
    rows = []
    slow, fast = list(STACKS)
    for op in operations:
        before = statistics.median(rps[(slow, op.name)])
        after = statistics.median(rps[(fast, op.name)])
        cpu_before = statistics.median(cpu[(slow, op.name)])
        cpu_after = statistics.median(cpu[(fast, op.name)])
        rows.append(
            Row(
                name=f"server stack, {op.name}",
                subject=f"{fast}: {after:,.0f} req/s, CPU {cpu_after:,.0f} us/req",
                baseline=f"{slow}: {before:,.0f} req/s, CPU {cpu_before:,.0f} us/req",
                ratio=ratio(after, before),
                note=f"ratio: req/s fast/slow; CPU per request {cpu_before / cpu_after:.2f}x less",
                details={
                    "rps": {name: rps[(name, op.name)] for name in STACKS},
                    "cpu_us_per_request": {name: cpu[(name, op.name)] for name in STACKS},
                },
            )
        )
    return rows
