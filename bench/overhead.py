"""The SDK's own cost, and its per-call overhead over loopback.

The headline is :func:`sdk_cost`: ``ConnectPSP`` versus a bare ``httpx.Client`` in memory (no
network), for ``POST /cash-out`` and ``GET /account/balance``; ``python -m bench.overhead`` runs
it alone. Import time is ``bench/imports.py`` (part ``imports``).

:func:`run` is the loopback comparison: one cash-out each way, both talking to the same mock
process over loopback. After a warm-up (token cached, connections open), iterations alternate
the order (A then B, then B then A, ...) and each call is timed with ``perf_counter_ns``.
Reported: median and p90 of each side and the ratio of the medians.
"""

from __future__ import annotations

import json
import os
import statistics
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx
from connectpsp_client.types import json_dumps

from connectpsp_ext import ConnectPSP

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


# --- the headline: the SDK's own cost, in memory ----------------------------------------------

MEMORY_TARGET = 1.20

_TOKEN = "bench.token.value"
_CASH_OUT_ANSWER = {
    "transactionId": "dd30446e-6cc5-4664-bf3f-6b7f5e55a1a9",
    "internalCode": "IVKPRMOCDY",
    "externalReference": "bench-mem",
    "endToEndId": None,
    "status": "PROCESSING",
    "amount": 1.00,
    "payee": {
        "name": workload.PAYEE_NAME,
        "document": workload.PAYEE_DOCUMENT,
        "destination": {"type": "PIX", "pixKeyType": "CPF", "pixKey": workload.PAYEE_DOCUMENT},
    },
    "requestedAt": "2026-03-10T11:30:00-03:00",
}
_BALANCE_ANSWER = workload.spec_example("/account/balance", "get", "200")  # the docs' example


def _canned_transport() -> httpx.MockTransport:
    """Answers like the mock, from memory: the token, a 202 cash-out, a 200 balance."""
    answers = {
        "/auth/token": (
            200,
            json_dumps(
                {
                    "accessToken": _TOKEN,
                    "tokenType": "Bearer",
                    "expiresIn": 3600,
                    "issuedAt": "2026-03-10T14:00:00Z",
                }
            ),
        ),
        "/cash-out": (202, json_dumps(_CASH_OUT_ANSWER)),
        "/account/balance": (200, json_dumps(_BALANCE_ANSWER)),
    }
    json_type = [(b"Content-Type", b"application/json")]

    def handler(request: httpx.Request) -> httpx.Response:
        status, content = answers[request.url.path]
        return httpx.Response(status, content=content, headers=json_type)

    return httpx.MockTransport(handler)


def _loads(content: bytes) -> Any:
    # The parsing the SDK does (exact Decimal money), so both sides decode the same way.
    return json.loads(content, parse_float=Decimal)


def _in_memory_pairs(
    psp: ConnectPSP, bare: httpx.Client
) -> dict[str, tuple[Callable[[int], None], Callable[[int], None]]]:
    """Per operation: (SDK call, raw httpx call sending the same headers and body bytes)."""
    fixed = workload.bare_headers(_TOKEN)
    get_headers = {k: fixed[k] for k in ("Authorization", "ApplicationToken")}

    def sdk_cash_out(i: int) -> None:
        psp.cash_out.create(**workload.sdk_kwargs(f"mem-{i}"))

    def raw_cash_out(i: int) -> None:
        response = bare.post(
            "/cash-out",
            content=workload.bare_body(f"mem-{i}"),
            headers=workload.bare_request_headers(fixed),
        )
        if response.status_code != 202:
            raise RuntimeError(f"raw cash-out answered {response.status_code}")
        _loads(response.content)

    def sdk_balance(i: int) -> None:
        psp.account.balance()

    def raw_balance(i: int) -> None:
        response = bare.get("/account/balance", headers=get_headers)
        if response.status_code != 200:
            raise RuntimeError(f"raw balance answered {response.status_code}")
        _loads(response.content)

    return {
        "POST /cash-out": (sdk_cash_out, raw_cash_out),
        "GET /account/balance": (sdk_balance, raw_balance),
    }


def _per_call_us(call: Callable[[int], None], calls: int) -> float:
    # CPU time of this process, not wall time: on a shared machine the wall clock also counts
    # the time other processes ran, which is no cost of either side.
    started = time.process_time_ns()
    for i in range(calls):
        call(i)
    return (time.process_time_ns() - started) / calls / 1000


def _spread(values: list[float]) -> str:
    return f"{min(values):,.1f}/{statistics.median(values):,.1f}/{max(values):,.1f}"


def sdk_cost(*, rounds: int = 9, calls: int = 200) -> list[Row]:
    """The SDK's own cost per call, in memory: ``ConnectPSP`` and a bare ``httpx.Client``, both
    over the same ``httpx.MockTransport`` (no sockets, no server), sending the same headers and
    body bytes and decoding the answer with ``json``; process CPU time per call. Each round
    times ``calls`` calls of each side back to back, the order alternating by round; reported
    per side: min/median/max of the rounds' per-call means, and the ratio of the medians (and
    of each round)."""
    url = "http://127.0.0.1:9"
    transport = _canned_transport()
    with (
        workload.sdk_client(url, transport=transport) as psp,
        httpx.Client(base_url=url, transport=transport) as bare,
    ):
        pairs = _in_memory_pairs(psp, bare)
        for sdk, raw in pairs.values():  # warm-up: token cached, caches filled
            _per_call_us(sdk, 50)
            _per_call_us(raw, 50)
        samples: dict[str, dict[str, list[float]]] = {name: {"A": [], "B": []} for name in pairs}
        for r in range(rounds):
            for name, (sdk, raw) in pairs.items():
                for side in ("A", "B") if r % 2 == 0 else ("B", "A"):
                    call = sdk if side == "A" else raw
                    samples[name][side].append(_per_call_us(call, calls))
    return [_cost_row(name, s, rounds, calls) for name, s in samples.items()]


def _cost_row(name: str, s: dict[str, list[float]], rounds: int, calls: int) -> Row:
    sdk_med, raw_med = statistics.median(s["A"]), statistics.median(s["B"])
    r = ratio(sdk_med, raw_med)
    per_round = [ratio(a, b) for a, b in zip(s["A"], s["B"], strict=True)]
    return Row(
        name=f"SDK cost in memory, {name}",
        subject=f"ConnectPSP {_spread(s['A'])} us CPU/call",
        baseline=f"httpx.Client {_spread(s['B'])} us CPU/call",
        ratio=r,
        target=f"<= {MEMORY_TARGET:.2f}x",
        verdict=verdict(r <= MEMORY_TARGET),
        note=f"min/median/max of {rounds} interleaved rounds x {calls} calls; SDK adds "
        f"{sdk_med - raw_med:,.1f} us/call; round ratios {_spread(per_round)}",
        details={
            "connectpsp_us": [round(x, 2) for x in s["A"]],
            "httpx_us": [round(x, 2) for x in s["B"]],
            "median_ratio": round(r, 4),
            "round_ratios": [round(x, 4) for x in per_round],
            "added_median_us": round(sdk_med - raw_med, 1),
        },
    )


def main() -> None:
    """``python -m bench.overhead``: the SDK's own cost alone (no mock, no network)."""
    from .report import text_table

    print(f"load average {os.getloadavg()}", flush=True)
    print(text_table(sdk_cost()))


if __name__ == "__main__":
    main()
