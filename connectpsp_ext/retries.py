"""Retry policy: which failures are retried, how long to wait, and when to give up.

- Retried: connection errors and timeouts, 408, 429, 500, 502, 503, 504 (D-12).
- Only for requests that are safe to repeat: GETs, and POSTs carrying an ``X-Idempotency-Key``
  (the server then answers a repeat with the original result). A POST without a key (rebalance) is
  never retried: a timeout there leaves the outcome unknown and only the caller can decide.
- Wait: exponential backoff with full jitter, ``uniform(0, min(cap, base * 2**n))`` (base 0.5 s,
  cap 8 s); a ``Retry-After`` from the server replaces it, capped at 60 s.
- At most ``max_retries`` (2) retries, and never past the overall ``deadline`` of the logical call:
  a wait that would end after it is not started, and each attempt's timeouts are cut to the time
  left.

The clock, the sleep and the random source are injected (see ``httpclient``), so tests never
sleep.
"""

from __future__ import annotations

import email.utils
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import repeat
from typing import cast

import httpx

from .errors import SAFE_METHODS, ConfigurationError, ConnectPSPError
from .idempotency import IDEMPOTENCY_HEADER

Clock = Callable[[], float]
Random = Callable[[], float]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Retry settings of a client. All durations in seconds."""

    max_retries: int = 2
    backoff_base: float = 0.5
    backoff_cap: float = 8.0
    retry_after_cap: float = 60.0
    deadline: float = 90.0
    """Budget of one logical call: every attempt, token fetch and wait included."""

    def __post_init__(self) -> None:
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int):
            raise ConfigurationError("max_retries must be an int")
        if self.max_retries < 0:
            raise ConfigurationError("max_retries must be >= 0")
        for name in ("backoff_base", "backoff_cap", "retry_after_cap", "deadline"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
                raise ConfigurationError(f"{name} must be a finite number >= 0")
        if self.deadline == 0:
            raise ConfigurationError("deadline must be > 0")

    def backoff(self, retry_number: int, rng: Random) -> float:
        """Full-jitter wait before retry ``retry_number`` (0 for the first retry)."""
        ceiling = min(self.backoff_cap, self.backoff_base * (2.0**retry_number))
        return float(rng() * ceiling)

    def delay(self, retry_number: int, retry_after: float | None, rng: Random) -> float:
        """The wait before a retry: the server's ``Retry-After`` (capped) when given."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.retry_after_cap)
        return self.backoff(retry_number, rng)


def request_is_repeatable(request: httpx.Request) -> bool:
    """True for safe methods, and for other methods carrying an idempotency key."""
    return request.method in SAFE_METHODS or bool(request.headers.get(IDEMPOTENCY_HEADER))


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """``Retry-After`` in seconds (delta-seconds or HTTP-date); None when absent or unreadable."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether to retry after a failed attempt, and why (for the log)."""

    delay: float | None
    reason: str


class RetryBudget:
    """Bookkeeping for one logical call; the sync and async clients share it."""

    __slots__ = (
        "_attempt_started",
        "_clock",
        "_policy",
        "_request",
        "_rng",
        "attempt",
        "deadline",
        "max_attempts",
    )

    def __init__(
        self,
        policy: RetryPolicy,
        request: httpx.Request,
        *,
        clock: Clock,
        rng: Random,
        outer_deadline: float | None = None,
    ) -> None:
        self._policy = policy
        self._clock = clock
        self._rng = rng
        self._request = request  # whether it may be repeated is only asked after a failure
        deadline = clock() + policy.deadline
        # A call made on behalf of another (the token fetch inside an operation) shares its budget.
        self.deadline = deadline if outer_deadline is None else min(deadline, outer_deadline)
        self.attempt = 0
        self._attempt_started = 0.0
        self.max_attempts = policy.max_retries + 1

    def start_attempt(self, timeout: dict[str, float | None]) -> dict[str, float | None]:
        """Begin the next attempt; returns its httpx timeouts: ``timeout`` cut down to what is
        left of the deadline."""
        self.attempt += 1
        now = self._attempt_started = self._clock()
        left = max(self.deadline - now, 0.001)
        if None not in timeout.values():  # the usual case, in C: min(value, left) per entry
            seconds = cast("dict[str, float]", timeout)
            return dict(zip(seconds, map(min, seconds.values(), repeat(left)), strict=True))
        return {
            name: left if value is None else min(value, left) for name, value in timeout.items()
        }

    def attempt_elapsed(self) -> float:
        """Seconds since the current attempt started (for the attempt log)."""
        return self._clock() - self._attempt_started

    def decide(self, error: ConnectPSPError) -> Decision:
        """Retry ``error``? Returns the wait, or None with the reason not to."""
        if not error.retryable:
            return Decision(None, "not retryable")
        if not request_is_repeatable(self._request):
            return Decision(None, "a POST without an idempotency key is never retried")
        if self.attempt >= self.max_attempts:
            return Decision(None, f"no retries left ({self._policy.max_retries} allowed)")
        retry_after = getattr(error, "retry_after", None)
        delay = self._policy.delay(self.attempt - 1, retry_after, self._rng)
        if self._clock() + delay >= self.deadline:
            return Decision(None, f"the {self._policy.deadline:g}s deadline would be exceeded")
        return Decision(delay, "retrying")
