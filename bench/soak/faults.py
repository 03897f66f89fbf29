"""Client-side fault scheduling: a transport wrapper adds the mock's ``X-Mock-Fault`` header to a
random share of the attempts of money-moving POSTs.

Deciding per *attempt* (not per logical call) means a retry can be faulted again, like a real
flaky network. The header is set fresh on every attempt (the retrying client re-sends the same
``httpx.Request`` object). ``POST /auth/token`` and GETs are never faulted: the soak is about
money-moving calls. The mock counts what it injected (``faults.*`` counters in ``/_mock/state``);
the plan's own counts are cross-checked against them.
"""

from __future__ import annotations

import random
import re
import threading
from collections import Counter
from collections.abc import Callable

import httpx

from .config import SoakConfig

HEADER = "X-Mock-Fault"
MONEY_PATHS = re.compile(r"^/(cash-in|cash-out|cash-in/[^/]+/refund|account/rebalance)$")


def route_of(request: httpx.Request) -> str:
    """A low-cardinality name for the request's operation (for the attempt counters)."""
    path = request.url.path
    if path.endswith("/refund"):
        return f"{request.method} /cash-in/{{id}}/refund"
    if path.startswith(("/cash-in/", "/cash-out/")):
        return f"{request.method} /{path.split('/')[1]}/{{id}}"
    return f"{request.method} {path}"


class FaultPlan:
    """Thread-safe: sync threads and the async loop's thread share one plan."""

    def __init__(
        self, config: SoakConfig, sabotage: Callable[[httpx.Request], None] | None = None
    ) -> None:
        # ``sabotage`` alters each request after scheduling: a seam for the soak's own tests,
        # which break the client on purpose to prove the reconciliation notices.
        self._sabotage = sabotage
        self._lock = threading.Lock()
        self._rng = random.Random(config.seed)
        self._rate = config.fault_rate
        self._kinds = [k for k, w in config.fault_mix.items() if w > 0]
        self._weights = [config.fault_mix[k] for k in self._kinds]
        self._headers = {
            "status_5xx": "503",
            "status_5xx_commit": "502,after-commit",
            "rate_limit": f"429,retry-after={config.retry_after}",
            "timeout": f"delay={config.timeout_delay}",
            "drop_after_commit": "drop-after-commit",
            "drop_before_commit": "drop-before-commit",
        }
        self.enabled = True
        self.attempts: Counter[str] = Counter()
        self.faults: Counter[str] = Counter()

    def apply(self, request: httpx.Request) -> None:
        request.headers.pop(HEADER, None)
        if self._sabotage is not None:
            self._sabotage(request)
        eligible = request.method == "POST" and bool(MONEY_PATHS.match(request.url.path))
        with self._lock:
            self.attempts[route_of(request)] += 1
            if not (eligible and self.enabled and self._kinds):
                return
            if self._rng.random() >= self._rate:
                return
            kind = self._rng.choices(self._kinds, self._weights)[0]
            self.faults[kind] += 1
        request.headers[HEADER] = self._headers[kind]

    def money_attempts(self) -> int:
        with self._lock:
            return sum(n for route, n in self.attempts.items() if _is_money_route(route))

    def total_faults(self) -> int:
        with self._lock:
            return sum(self.faults.values())


def _is_money_route(route: str) -> bool:
    method, _, path = route.partition(" ")
    return method == "POST" and path != "/auth/token"


class FaultInjectingTransport(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport, plan: FaultPlan) -> None:
        self._inner = inner
        self._plan = plan

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._plan.apply(request)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


class AsyncFaultInjectingTransport(httpx.AsyncBaseTransport):
    def __init__(self, inner: httpx.AsyncBaseTransport, plan: FaultPlan) -> None:
        self._inner = inner
        self._plan = plan

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self._plan.apply(request)
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()
