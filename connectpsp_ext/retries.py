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

Pure functions: the requestor (``_async/requestor.py``) gives them its clock readings and random
source, so tests never sleep.
"""

from __future__ import annotations

import email.utils
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from .errors import ConfigurationError, ConnectPSPError

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


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """``Retry-After`` in seconds (delta-seconds or HTTP-date); None when absent, unreadable or
    out of range (a year 99999999999 is ignored, not an error)."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():  # "²" is a digit to str.isdigit, not to float()
        seconds = float(text)
        return seconds if math.isfinite(seconds) else None
    try:
        when = email.utils.parsedate_to_datetime(text)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
    except (TypeError, ValueError, OverflowError, IndexError):
        return None


def attempt_timeouts(timeout: httpx.Timeout, left: float) -> dict[str, float | None]:
    """One attempt's httpx timeouts: each of ``timeout`` cut down to the ``left`` seconds of the
    call's deadline (an unbounded one becomes ``left``)."""
    left = max(left, 0.001)
    timeouts = timeout.as_dict()
    for name, value in timeouts.items():
        timeouts[name] = left if value is None else min(value, left)
    return timeouts


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether to retry after a failed attempt, and why (for the log)."""

    delay: float | None
    reason: str


def decide(
    error: ConnectPSPError,
    *,
    repeatable: bool,
    attempt: int,
    policy: RetryPolicy,
    left: float,
    rng: Random,
) -> Decision:
    """Retry after ``error`` (attempt number ``attempt``, ``left`` seconds before the deadline)?
    ``repeatable``: the request may be sent again even if it was applied (a GET, a keyed POST)."""
    if not error.retryable:
        return Decision(None, "not retryable")
    if not repeatable:
        return Decision(None, "a POST without an idempotency key is never retried")
    if attempt > policy.max_retries:
        return Decision(None, f"no retries left ({policy.max_retries} allowed)")
    delay = policy.delay(attempt - 1, getattr(error, "retry_after", None), rng)
    if delay >= left:
        return Decision(None, f"the {policy.deadline:g}s deadline would be exceeded")
    return Decision(delay, "retrying")
