"""The soak's printed table and reports/soak.md + reports/soak.json."""

from __future__ import annotations

from typing import Any

from ..report import Row, text_table, write
from .runner import SoakResult


def rows(result: SoakResult) -> list[Row]:
    s = result.summary()
    bal = s["balances"] or {}
    ok = "PASS"
    bad = "FAIL"
    return [
        Row(
            "logical money-moving calls",
            f"{s['logical_calls']:,}",
            note=", ".join(f"{k} {v}" for k, v in s["calls_by_kind"].items()),
        ),
        Row(
            "outcomes",
            ", ".join(f"{k} {v}" for k, v in s["outcomes"].items()),
            note="rejections: "
            + (", ".join(f"{k} {v}" for k, v in s["rejections_by_code"].items()) or "none"),
        ),
        Row(
            "HTTP attempts (money-moving POSTs)",
            f"{s['money_moving_attempts']:,}",
            note=f"all routes: {sum(s['http_attempts_by_route'].values()):,}",
        ),
        Row(
            "faults injected",
            f"{s['faults_injected']:,} ({s['fault_share_of_attempts']:.1%} of attempts)",
            target=">= 20%",
            verdict=ok if s["fault_share_of_attempts"] >= 0.20 else bad,
            note=", ".join(f"{k} {v}" for k, v in s["faults_injected_by_kind"].items())
            + f"; mock counted {s['faults_counted_by_mock']:,}",
        ),
        Row(
            "client retries",
            f"{s['client_retries']:,}",
            note=f"waited {s['client_retry_wait_s']} s in backoff/Retry-After",
        ),
        Row(
            "re-sent by the soak (same key or target)",
            f"{s['soak_reissues_same_key']:,}",
            note=", ".join(f"{k} {v}" for k, v in s["soak_reissues_by_kind"].items())
            + f"; {s['resolved_after_run_with_faults_off']} resolved after the run; "
            f"mock replayed {s['idempotent_replays_by_mock']:,} idempotent responses",
        ),
        Row(
            "duplicate transactions",
            str(s["duplicates"]),
            target="0",
            verdict=ok if s["duplicates"] == 0 else bad,
        ),
        Row(
            "outcomes lost",
            str(s["lost_outcomes"]),
            target="0",
            verdict=ok if s["lost_outcomes"] == 0 else bad,
        ),
        Row(
            "unexpected rejections",
            str(s["unexpected_rejections"]),
            target="0",
            verdict=ok if s["unexpected_rejections"] == 0 else bad,
        ),
        Row(
            "settlement mismatches",
            str(s["settlement_mismatches"]),
            target="0",
            verdict=ok if s["settlement_mismatches"] == 0 else bad,
        ),
        Row(
            "balances reconcile (exact Decimal)",
            f"total {bal.get('actual_total')}",
            baseline=f"expected {bal.get('expected_total_from_ledger')}",
            target="equal",
            verdict=ok if bal.get("reconciled") else bad,
            note=f"initial {bal.get('initial_total')}; transactional "
            f"{bal.get('actual_transactional')} = final target "
            f"{bal.get('final_rebalance_target')}",
        ),
        Row(
            "token refresh under expiry",
            f"{s['tokens_issued']} tokens issued",
            baseline=f"{s['token_lifetimes_elapsed']} lifetimes of {s['token_lifetime_s']} s",
            note=f"{s['token_expired_401s']} requests answered 401 TOKEN_EXPIRED (replayed)",
        ),
        Row(
            "duration",
            f"{s['duration_s']} s",
            note=f"{result.config.thread_workers} threads (sync client) + "
            f"{result.config.async_workers} asyncio tasks (async client)",
        ),
    ]


def print_and_write(result: SoakResult, extra: dict[str, Any] | None = None) -> str:
    table = rows(result)
    print(text_table(table))
    for finding in result.summary()["findings"] + result.summary()["worker_errors"]:
        print(f"  ! {finding}")
    path = write(
        table,
        "soak",
        "ConnectPSP fault-injection soak",
        extra={"summary": result.summary(), **(extra or {})},
    )
    print(f"{'PASS' if result.ok else 'FAIL'}: report written to {path}")
    return str(path)
