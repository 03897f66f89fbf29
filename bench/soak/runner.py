"""Run the soak against a mock at ``base_url`` and reconcile (see ``bench/soak/__init__``).

The mock must be fresh (or at least untouched by anyone else during the run) and configured with
the short token lifetime the soak is meant to exercise (``--token-ttl 2`` / ``MockSettings(
token_ttl_seconds=2)``). Steps: snapshot the initial state; run the workers (threads with the sync
client and tasks with the async client) with faults on; send every call whose outcome is still
unknown again with faults off (same key / same target); wait until settlements are done; one last
rebalance to a known target; fetch the final state; reconcile.
"""

from __future__ import annotations

import asyncio
import functools
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from connectpsp_client.types import json_loads

from connectpsp_ext import AsyncConnectPSP, ConnectPSP, RetryPolicy, seams

from ..credentials import APPLICATION_TOKEN, CLIENT_ID, CLIENT_SECRET, CRYPTO_TOKEN
from ..progress import progress_bar
from .config import SoakConfig
from .faults import AsyncFaultInjectingTransport, FaultInjectingTransport, FaultPlan
from .ledger import CallRecord, Kind, Ledger, Outcome
from .operations import (
    Planner,
    async_worker_loop,
    execute,
    pay,
    worker_loop,
)
from .reconcile import Reconciliation, dec, reconcile

RESOLUTION_ISSUES = 3


class _CountingSleep:
    """The clients' ``sleep`` seam: every retry the client makes waits through it once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.calls = 0
        self.seconds = 0.0

    def _count(self, seconds: float) -> None:
        with self._lock:
            self.calls += 1
            self.seconds += seconds

    def sync(self, seconds: float) -> None:
        self._count(seconds)
        time.sleep(seconds)

    async def async_(self, seconds: float) -> None:
        self._count(seconds)
        await asyncio.sleep(seconds)


@dataclass
class SoakResult:
    config: SoakConfig
    run_id: str
    duration_s: float
    records: list[CallRecord]
    reconciliation: Reconciliation
    attempts: dict[str, int]
    faults: dict[str, int]
    client_retries: int
    client_retry_wait_s: float
    resolved_after_run: int
    counters: dict[str, int]
    token_ttl_s: int
    worker_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.reconciliation.ok and not self.worker_errors

    @property
    def money_attempts(self) -> int:
        return sum(n for route, n in self.attempts.items() if _money_route(route))

    @property
    def fault_share(self) -> float:
        return sum(self.faults.values()) / self.money_attempts if self.money_attempts else 0.0

    def summary(self) -> dict[str, Any]:
        calls = Counter(r.kind.value for r in self.records)
        outcomes = Counter(f"{r.kind.value}:{r.outcome.value}" for r in self.records)
        rejected = Counter(
            f"{r.kind.value}:{r.error_code}" for r in self.records if r.outcome is Outcome.REJECTED
        )
        faulted_money = sum(self.faults.values())
        rec = self.reconciliation
        return {
            "ok": self.ok,
            "run_id": self.run_id,
            "duration_s": round(self.duration_s, 2),
            "logical_calls": len(self.records),
            "calls_by_kind": dict(sorted(calls.items())),
            "outcomes": dict(sorted(outcomes.items())),
            "rejections_by_code": dict(sorted(rejected.items())),
            "cash_ins_paid": sum(1 for r in self.records if r.paid),
            "http_attempts_by_route": dict(sorted(self.attempts.items())),
            "money_moving_attempts": self.money_attempts,
            "faults_injected_by_kind": dict(sorted(self.faults.items())),
            "faults_injected": faulted_money,
            "fault_share_of_attempts": round(self.fault_share, 4),
            "faults_counted_by_mock": self.counters.get("faults.injected", 0),
            "client_retries": self.client_retries,
            "client_retry_wait_s": round(self.client_retry_wait_s, 2),
            "soak_reissues_same_key": sum(max(r.issues - 1, 0) for r in self.records),
            "soak_reissues_by_kind": dict(
                sorted(
                    Counter(
                        {
                            k.value: sum(max(r.issues - 1, 0) for r in self.records if r.kind is k)
                            for k in Kind
                        }
                    ).items()
                )
            ),
            "resolved_after_run_with_faults_off": self.resolved_after_run,
            "idempotent_replays_by_mock": self.counters.get("idempotency.replays", 0),
            "rebalance_calls_seen_by_mock": self.counters.get("rebalance.calls", 0),
            "token_lifetime_s": self.token_ttl_s,
            "token_lifetimes_elapsed": round(self.duration_s / self.token_ttl_s, 1),
            "tokens_issued": self.counters.get("auth.tokens_issued", 0),
            "token_expired_401s": self.counters.get("auth.token_expired", 0),
            "duplicates": len(rec.duplicates),
            "lost_outcomes": len(rec.lost),
            "unexpected_rejections": len(rec.unexpected_rejections),
            "settlement_mismatches": len(rec.settlement_mismatches),
            "balances": rec.balances.as_dict() if rec.balances else None,
            "findings": (
                rec.duplicates + rec.lost + rec.unexpected_rejections + rec.settlement_mismatches
            )[:50],
            "worker_errors": self.worker_errors[:20],
        }


def _money_route(route: str) -> bool:
    method, _, path = route.partition(" ")
    return method == "POST" and path != "/auth/token"


def _state(control: httpx.Client) -> dict[str, Any]:
    response = control.get("/_mock/state")
    response.raise_for_status()
    state: dict[str, Any] = json_loads(response.content)
    return state


def _wait_idle(control: httpx.Client) -> None:
    response = control.post("/_mock/wait-idle", json={"timeout": 60})
    response.raise_for_status()
    if not json_loads(response.content).get("idle"):
        raise RuntimeError("the mock did not become idle (settlements still pending)")


def _token_ttl(control: httpx.Client) -> int:
    response = control.post(
        "/auth/token", json={"clientId": CLIENT_ID, "clientSecret": CLIENT_SECRET}
    )
    response.raise_for_status()
    ttl: int = json_loads(response.content)["expiresIn"]
    return ttl


def _clients(
    base_url: str, config: SoakConfig, plan: FaultPlan, sleep: _CountingSleep
) -> tuple[ConnectPSP, Callable[[], AsyncConnectPSP]]:
    common: dict[str, Any] = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "application_token": APPLICATION_TOKEN,
        "crypto_token": CRYPTO_TOKEN,
        "base_url": base_url,
        "timeout": httpx.Timeout(connect=2.0, read=config.read_timeout, write=2.0, pool=30.0),
        "retry": RetryPolicy(
            max_retries=config.max_retries,
            backoff_base=config.backoff_base,
            backoff_cap=config.backoff_cap,
            retry_after_cap=5.0,
            deadline=config.call_deadline,
        ),
        "refresh_margin": config.refresh_margin,
    }
    sync_client = seams.install(
        ConnectPSP(**common, transport=FaultInjectingTransport(httpx.HTTPTransport(), plan)),
        sleep=sleep.sync,
    )

    def make_async() -> AsyncConnectPSP:
        return seams.install(
            AsyncConnectPSP(
                **common, transport=AsyncFaultInjectingTransport(httpx.AsyncHTTPTransport(), plan)
            ),
            sleep=sleep.async_,
        )

    return sync_client, make_async


def run_soak(
    base_url: str,
    config: SoakConfig | None = None,
    *,
    sabotage: Callable[[httpx.Request], None] | None = None,
) -> SoakResult:
    """Run the soak; ``sabotage`` (tests only) may alter every request the clients send."""
    config = config or SoakConfig()
    run_id = uuid.uuid4().hex[:10]
    ledger = Ledger()
    planner = Planner(config, ledger, run_id)
    plan = FaultPlan(config, sabotage)
    sleep = _CountingSleep()
    errors: list[str] = []
    with httpx.Client(base_url=base_url, timeout=90.0, trust_env=False) as control:
        token_ttl = _token_ttl(control)
        initial = _state(control)
        initial_consolidated = initial["balance"]["consolidated"]
        sync_client, make_async = _clients(base_url, config, plan, sleep)
        with sync_client:
            started = time.monotonic()
            with progress_bar("soak", config.calls, poll=lambda: len(ledger.snapshot())):
                _run_workers(sync_client, make_async, control, base_url, planner, config, errors)
            duration = time.monotonic() - started

            plan.enabled = False
            unresolved = [r for r in ledger.snapshot() if r.outcome is Outcome.UNKNOWN]
            for record in unresolved:
                execute(sync_client, record, RESOLUTION_ISSUES)
                pay(control, record, planner)
            resolved = sum(1 for r in unresolved if r.outcome is not Outcome.UNKNOWN)

            _wait_idle(control)
            final_target = dec(initial_consolidated["transactionalBalance"])
            sync_client.account.rebalance(final_target)
        _wait_idle(control)
        final = _state(control)
    counters = {
        k: v - initial.get("counters", {}).get(k, 0) for k, v in final.get("counters", {}).items()
    }
    reconciliation = reconcile(
        ledger.snapshot(),
        final,
        prefix=f"soak-{run_id}-",
        initial_total=dec(initial_consolidated["totalBalance"]),
        final_target=final_target,
    )
    return SoakResult(
        config=config,
        run_id=run_id,
        duration_s=duration,
        records=ledger.snapshot(),
        reconciliation=reconciliation,
        attempts=dict(plan.attempts),
        faults=dict(plan.faults),
        client_retries=sleep.calls,
        client_retry_wait_s=sleep.seconds,
        resolved_after_run=resolved,
        counters=counters,
        token_ttl_s=token_ttl,
        worker_errors=errors,
    )


def _run_workers(
    sync_client: ConnectPSP,
    make_async: Callable[[], AsyncConnectPSP],
    control: httpx.Client,
    base_url: str,
    planner: Planner,
    config: SoakConfig,
    errors: list[str],
) -> None:
    def guarded(name: str, target: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                target()
            except Exception as exc:  # a crashed worker fails the soak, with the reason
                errors.append(f"{name}: {type(exc).__name__}: {exc}")

        return run

    async def async_main() -> None:
        async with (
            make_async() as client,
            httpx.AsyncClient(base_url=base_url, timeout=90.0, trust_env=False) as async_control,
        ):
            await asyncio.gather(
                *(
                    async_worker_loop(client, async_control, planner, config, f"async-{i}")
                    for i in range(config.async_workers)
                )
            )

    threads = [
        threading.Thread(
            target=guarded(
                f"thread-{i}",
                functools.partial(
                    worker_loop, sync_client, control, planner, config, f"thread-{i}"
                ),
            ),
            name=f"soak-thread-{i}",
        )
        for i in range(config.thread_workers)
    ]
    if config.async_workers:
        threads.append(
            threading.Thread(
                target=guarded("async", lambda: asyncio.run(async_main())), name="soak-async"
            )
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
