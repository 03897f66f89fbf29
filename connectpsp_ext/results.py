"""``Result``: what every client method returns - the generated model plus call metadata.

``result.data`` is the generated model (``CashIn``, ``CashOut``, ``Refund``, ``Balance``,
``RebalanceResponse``); ``result.idempotency_key`` is the key the call used (None for GETs and for
rebalance, which takes none): store it with your payment record. The same key is on any exception
(``ConnectPSPError.idempotency_key``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from uuid import UUID

T = TypeVar("T")


@dataclass(frozen=True, slots=True, repr=False)
class Result(Generic[T]):
    data: T
    status_code: int
    idempotency_key: UUID | None
    request_id: str | None
    deviations: tuple[Any, ...] = ()
    """Where the response differed from the documented contract (``Deviation(path, kind,
    detail)``, never a value): the call succeeded; each (operation, path, kind) is also logged
    once per client as a warning."""

    def __repr__(self) -> str:
        # The data's own repr is left out: generated models print payer/payee documents.
        return (
            f"Result[{type(self.data).__name__}](status_code={self.status_code}, "
            f"idempotency_key={self.idempotency_key}, request_id={self.request_id}, "
            f"deviations={len(self.deviations)})"
        )
