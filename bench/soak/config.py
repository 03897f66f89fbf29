"""Soak parameters. Defaults are the full `nox -s soak` run; tests scale ``calls`` down."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# Fault kind -> relative weight; each kind is one ``X-Mock-Fault`` value (connectpsp_mock.faults).
#   status_5xx         503 before processing (nothing committed)
#   status_5xx_commit  502 after the request was processed and committed (a gateway error)
#   rate_limit         429 with Retry-After: 1 (the smallest whole-second value)
#   timeout            the mock sleeps longer than the client's read timeout, then commits
#   drop_after_commit  processed and committed, then the connection breaks mid-response
#   drop_before_commit the connection breaks before anything is processed
DEFAULT_FAULT_MIX: dict[str, float] = {
    "status_5xx": 3,
    "status_5xx_commit": 2,
    "rate_limit": 2,
    "timeout": 2,
    "drop_after_commit": 3,
    "drop_before_commit": 1,
}

# Operation -> relative weight (a refund needs a paid cash-in; without one a cash-in is made).
DEFAULT_OPERATION_MIX: dict[str, float] = {
    "cash_in": 0.36,
    "cash_out": 0.36,
    "refund": 0.20,
    "rebalance": 0.08,
}


@dataclass(frozen=True)
class SoakConfig:
    calls: int = 10_000
    """Logical money-moving calls made through the client (cash-in, cash-out, refund, rebalance)."""
    thread_workers: int = 6
    """Threads sharing one sync ``ConnectPSP``."""
    async_workers: int = 10
    """Tasks sharing one ``AsyncConnectPSP`` in an event loop of its own thread."""
    fault_rate: float = 0.25
    """Probability that one attempt of a money-moving POST gets a fault."""
    fault_mix: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_FAULT_MIX))
    operation_mix: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_OPERATION_MIX))
    read_timeout: float = 0.6
    """Client read timeout; the ``timeout`` fault delays the mock by ``timeout_delay``."""
    timeout_delay: float = 1.0
    retry_after: int = 1
    max_retries: int = 6
    backoff_base: float = 0.02
    backoff_cap: float = 0.4
    call_deadline: float = 30.0
    token_ttl: int = 2
    """Must match the mock's token lifetime (``--token-ttl``); used for the expiry count."""
    refresh_margin: float = 0.3
    max_reissues: int = 5
    """How often the soak sends a logical call again (same key / same target) when the client
    gave up with an unknown outcome, before the final resolution pass."""
    failing_cash_out_share: float = 0.05
    """Share of cash-outs with a "magic" amount that fails (.91) or is returned (.95) at
    settlement, so the credit-back paths are reconciled too."""
    seed: int = 20260310
    # Rebalance targets. Sweeps empty the banks in reverse order (D-17): staying above 450,000 of
    # the mock's 500,000 keeps every bank's transactional account funded for refunds.
    rebalance_min: Decimal = Decimal("450000.00")
    rebalance_max: Decimal = Decimal("700000.00")

    def __post_init__(self) -> None:
        if self.calls < 1:
            raise ValueError("calls must be >= 1")
        if self.thread_workers < 0 or self.async_workers < 0:
            raise ValueError("worker counts must be >= 0")
        if self.thread_workers + self.async_workers == 0:
            raise ValueError("at least one worker is required")
        if not 0 <= self.fault_rate < 1:
            raise ValueError("fault_rate must be in [0, 1)")
        if self.timeout_delay <= self.read_timeout:
            raise ValueError("timeout_delay must exceed read_timeout, or no timeout happens")
        unknown = set(self.fault_mix) - set(DEFAULT_FAULT_MIX)
        if unknown:
            raise ValueError(f"unknown fault kinds: {sorted(unknown)}")
        unknown = set(self.operation_mix) - set(DEFAULT_OPERATION_MIX)
        if unknown:
            raise ValueError(f"unknown operations: {sorted(unknown)}")
