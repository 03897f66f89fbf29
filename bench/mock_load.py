"""Mock throughput: requests/s of our stateful mock and of Prism (same spec) under the same load.

Both servers get the same authenticated ``GET /account/balance`` from the same number of keep-alive
connections, in interleaved rounds (mock, Prism, mock, Prism) so background load hits both alike.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from .credentials import APPLICATION_TOKEN, CLIENT_ID, CLIENT_SECRET
from .loadgen import LoadResult, run_load
from .prism import PRISM_VERSION, PrismUnavailable, prism_mock
from .report import Row
from .servers import ServerStartError
from .stats import ratio

SPEC = Path(__file__).resolve().parent.parent / "openapi" / "index.yaml"
PATH = "/account/balance"


def fetch_token(base_url: str) -> str:
    response = httpx.post(
        f"{base_url}/auth/token",
        json={"clientId": CLIENT_ID, "clientSecret": CLIENT_SECRET},
        timeout=10.0,
    )
    response.raise_for_status()
    token: str = response.json()["accessToken"]
    return token


def _merge(results: list[LoadResult]) -> LoadResult:
    merged = LoadResult(duration_s=0.0, concurrency=results[0].concurrency)
    for r in results:
        merged.duration_s += r.duration_s
        merged.ok += r.ok
        merged.errors += r.errors
        merged.latencies_us.extend(r.latencies_us)
        for status, count in r.statuses.items():
            merged.statuses[status] = merged.statuses.get(status, 0) + count
    return merged


def mock_throughput(
    mock_url: str,
    *,
    concurrency: int = 32,
    round_s: float = 5.0,
    rounds: int = 2,
    with_prism: bool = True,
) -> list[Row]:
    token = fetch_token(mock_url)
    headers = [("Authorization", f"Bearer {token}"), ("ApplicationToken", APPLICATION_TOKEN)]
    load = f"{concurrency} keep-alive connections, GET {PATH}, {rounds}x{round_s:.0f}s"
    mock_runs: list[LoadResult] = []
    prism_runs: list[LoadResult] = []
    prism_error: str | None = None
    try:
        if not with_prism:
            raise PrismUnavailable("skipped (--skip-prism)")
        with prism_mock(SPEC, PATH, dict(headers)) as prism_url:
            for _ in range(rounds):
                mock_runs.append(
                    run_load(mock_url + PATH, headers, concurrency=concurrency, duration_s=round_s)
                )
                prism_runs.append(
                    run_load(prism_url + PATH, headers, concurrency=concurrency, duration_s=round_s)
                )
    except (PrismUnavailable, ServerStartError) as exc:
        prism_error = str(exc).splitlines()[0][:200]
    if not mock_runs:  # Prism failed before the first round: measure the mock alone
        mock_runs = [
            run_load(mock_url + PATH, headers, concurrency=concurrency, duration_s=round_s)
            for _ in range(rounds)
        ]
    mock = _merge(mock_runs)
    rows = [
        Row(
            name="mock throughput",
            subject=f"{mock.rps:,.0f} req/s",
            note=f"{load}; {mock.errors} errors",
            verdict="" if mock.errors == 0 else "ERRORS",
            details={"mock": mock.as_dict()},
        )
    ]
    if prism_error is not None or not prism_runs:
        rows.append(
            Row(
                name="Prism throughput",
                subject="not available",
                note=f"Prism could not be run: {prism_error}",
                details={"error": prism_error},
            )
        )
        return rows
    prism = _merge(prism_runs)
    rows.append(
        Row(
            name="Prism throughput (same spec, same load)",
            subject=f"{prism.rps:,.0f} req/s",
            baseline=f"mock {mock.rps:,.0f} req/s",
            ratio=ratio(prism.rps, mock.rps),
            note=f"Prism {PRISM_VERSION} static examples, stateless; {prism.errors} errors",
            details={"prism": prism.as_dict()},
        )
    )
    return rows
