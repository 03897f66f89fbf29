"""The operation table: every rule about an API operation, in one place.

One row per operation of ``openapi/index.yaml``: method, path, whether it carries
``DigitalSignature`` (its ``security`` lists ``digitalSignature``), whether it takes an
``X-Idempotency-Key`` (and may therefore be retried after it may have been applied), whether it
moves money, the documented 2xx status and the generated model that status carries.
``tests/ext/test_operations.py`` reads the spec and checks this table against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from connectpsp_client import models


@dataclass(frozen=True, slots=True)
class Operation:
    """How to call one API operation."""

    name: str
    """What error messages and logs call it, e.g. ``"POST /cash-out"``."""
    method: str
    path: str
    """The path template, ``{id}`` for the transaction id."""
    response_model: str | type[Any]
    """The generated model of the success body: its name in ``connectpsp_client.models`` (so that
    it is imported by the first call that reads one, not with the client: D-57), or the class."""
    status: int
    """The documented success status."""
    authenticated: bool = True
    """Sends ``Authorization`` and ``ApplicationToken`` (everything but the token request)."""
    signed: bool = False
    """Sends ``DigitalSignature``."""
    idempotent: bool = False
    """Takes ``X-Idempotency-Key``: the server answers a repeat with the original result."""

    @property
    def model(self) -> type[Any]:
        """The model class of the success body."""
        if isinstance(self.response_model, str):
            model: type[Any] = getattr(models, self.response_model)
            return model
        return self.response_model

    @property
    def mutating(self) -> bool:
        """A non-GET: a failure after sending may leave it applied (``outcome_unknown``)."""
        return self.method != "GET"

    @property
    def repeatable(self) -> bool:
        """Safe to send again after it may have been applied: a GET, or a keyed POST."""
        return not self.mutating or self.idempotent


TOKEN = Operation(
    "POST /auth/token", "POST", "/auth/token", "TokenResponse", 200, authenticated=False
)
CREATE_CASH_IN = Operation("POST /cash-in", "POST", "/cash-in", "CashIn", 201, idempotent=True)
GET_CASH_IN = Operation("GET /cash-in/{id}", "GET", "/cash-in/{id}", "CashIn", 200)
REFUND_CASH_IN = Operation(
    "POST /cash-in/{id}/refund",
    "POST",
    "/cash-in/{id}/refund",
    "Refund",
    202,
    signed=True,
    idempotent=True,
)
CREATE_CASH_OUT = Operation(
    "POST /cash-out", "POST", "/cash-out", "CashOut", 202, signed=True, idempotent=True
)
GET_CASH_OUT = Operation("GET /cash-out/{id}", "GET", "/cash-out/{id}", "CashOut", 200)
GET_BALANCE = Operation("GET /account/balance", "GET", "/account/balance", "Balance", 200)
REBALANCE = Operation(
    "POST /account/rebalance", "POST", "/account/rebalance", "RebalanceResponse", 200, signed=True
)

OPERATIONS: tuple[Operation, ...] = (
    TOKEN,
    CREATE_CASH_IN,
    GET_CASH_IN,
    REFUND_CASH_IN,
    CREATE_CASH_OUT,
    GET_CASH_OUT,
    GET_BALANCE,
    REBALANCE,
)

_PATTERNS = tuple(
    (re.compile(re.escape(op.path).replace(r"\{id\}", "[^/]+")), op) for op in OPERATIONS
)


def find_operation(method: str, api_path: str) -> Operation | None:
    """The operation a request is for (``api_path`` without the base URL's path), if any."""
    for pattern, op in _PATTERNS:
        if op.method == method and pattern.fullmatch(api_path):
            return op
    return None
