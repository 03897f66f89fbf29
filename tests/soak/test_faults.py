"""The soak's fault scheduling: which requests get an X-Mock-Fault header, and how often."""

from __future__ import annotations

import httpx

from bench.soak.config import SoakConfig
from bench.soak.faults import HEADER, FaultInjectingTransport, FaultPlan, route_of


def _request(method: str, path: str) -> httpx.Request:
    return httpx.Request(method, f"http://127.0.0.1:1{path}")


def test_only_money_moving_posts_get_faults() -> None:
    plan = FaultPlan(SoakConfig(fault_rate=0.99))
    never = [
        _request("POST", "/auth/token"),
        _request("GET", "/cash-in/ABC"),
        _request("GET", "/account/balance"),
    ]
    for request in never * 50:
        plan.apply(request)
        assert HEADER not in request.headers
    for path in ("/cash-in", "/cash-out", "/cash-in/ABC/refund", "/account/rebalance"):
        hits = 0
        for _ in range(100):
            request = _request("POST", path)
            plan.apply(request)
            hits += HEADER in request.headers
        assert hits > 90
    assert plan.money_attempts() == 400


def test_rate_and_mix_are_respected_and_reproducible() -> None:
    config = SoakConfig(fault_rate=0.25, seed=7)
    first, second = FaultPlan(config), FaultPlan(config)
    values = []
    for plan in (first, second):
        seen = []
        for _ in range(4000):
            request = _request("POST", "/cash-out")
            plan.apply(request)
            seen.append(request.headers.get(HEADER))
        values.append(seen)
    assert values[0] == values[1]
    share = first.total_faults() / 4000
    assert 0.22 < share < 0.28
    assert set(first.faults) == set(config.fault_mix)
    assert {
        "503",
        "502,after-commit",
        "429,retry-after=1",
        "delay=1.0",
        "drop-after-commit",
        "drop-before-commit",
    } == {v for v in values[0] if v}


def test_a_resent_request_is_scheduled_afresh() -> None:
    plan = FaultPlan(SoakConfig(fault_rate=0.5, seed=3))
    request = _request("POST", "/cash-in")
    request.headers[HEADER] = "503"  # left over from the previous attempt
    outcomes = set()
    for _ in range(50):
        plan.apply(request)
        outcomes.add(request.headers.get(HEADER) is None)
    assert outcomes == {True, False}


def test_disabled_plan_injects_nothing_but_still_counts() -> None:
    plan = FaultPlan(SoakConfig(fault_rate=0.9))
    plan.enabled = False
    request = _request("POST", "/cash-out")
    plan.apply(request)
    assert HEADER not in request.headers
    assert plan.attempts["POST /cash-out"] == 1


def test_transport_passes_the_header_to_the_wire() -> None:
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get(HEADER))
        return httpx.Response(202)

    plan = FaultPlan(SoakConfig(fault_rate=0.99, fault_mix={"status_5xx": 1}))
    with httpx.Client(transport=FaultInjectingTransport(httpx.MockTransport(handler), plan)) as c:
        c.post("http://127.0.0.1:1/cash-out")
        c.post("http://127.0.0.1:1/auth/token")
    assert seen == ["503", None]


def test_route_names_are_low_cardinality() -> None:
    assert route_of(_request("POST", "/cash-in/XYZ/refund")) == "POST /cash-in/{id}/refund"
    assert route_of(_request("GET", "/cash-out/ABC")) == "GET /cash-out/{id}"
    assert route_of(_request("POST", "/cash-in")) == "POST /cash-in"
