"""The mock's notion of "now": real UTC time, or a frozen seeded instant; both can be advanced."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class Clock:
    """``now()`` is ``frozen_at`` (seeded mocks) or the system time, plus everything advanced.

    Token expiry, cash-in expiry, idempotency TTL and every timestamp the mock writes read this
    clock, so tests can expire things deterministically with :meth:`advance`.
    """

    def __init__(self, frozen_at: datetime | None = None) -> None:
        if frozen_at is not None and frozen_at.tzinfo is None:
            raise ValueError("frozen_at must be timezone-aware")
        self._frozen_at = frozen_at
        self._offset = timedelta()

    @property
    def frozen(self) -> bool:
        return self._frozen_at is not None

    def now(self) -> datetime:
        base = self._frozen_at if self._frozen_at is not None else datetime.now(UTC)
        return (base + self._offset).astimezone(UTC)

    def advance(self, seconds: float) -> datetime:
        """Move the clock forward (never backward) and return the new now."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self._offset += timedelta(seconds=seconds)
        return self.now()

    def reset(self) -> None:
        self._offset = timedelta()
