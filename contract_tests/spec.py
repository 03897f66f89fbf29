"""The vendored OpenAPI description as plain data: operations, their security, their schemas.

Read once from ``openapi/index.yaml`` (the single source of truth). The suite uses it to decide
which headers an operation needs, which operations move money, and to validate webhook payloads.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi" / "index.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

# Operations that move money or change balances: never fuzzed against staging without the opt-in,
# and rebalance never fuzzed against staging at all (it sets the whole transactional balance).
MONEY_MOVING = frozenset({"createCashOut", "refundCashIn", "rebalanceAccount"})
NEVER_FUZZED_ON_STAGING = frozenset({"rebalanceAccount"})


@dataclass(frozen=True)
class OperationInfo:
    method: str  # upper case
    path: str
    operation_id: str
    schemes: frozenset[str]  # security schemes the operation requires (all of them, AND)

    @property
    def label(self) -> str:
        """The label schemathesis uses, e.g. ``POST /cash-out``."""
        return f"{self.method} {self.path}"

    @property
    def moves_money(self) -> bool:
        return self.operation_id in MONEY_MOVING


# The spec writes "at most two decimal places" as `x-connectpsp-decimal-places: 2` instead of
# `multipleOf: 0.01`, which float-based validators (AJV) get wrong (D-42). Exact validators
# (jsonschema-rs, and schemathesis which uses it) read the rule back as `multipleOf` on the
# request-side amounts, so the suite still generates and checks two-decimal amounts; response
# amounts with more decimals are deviations (findings), not failures.
DECIMAL_PLACES = "x-connectpsp-decimal-places"
REQUEST_AMOUNT_SCHEMAS = ("Money", "TargetAmount")


@cache
def load_spec(path: Path = SPEC_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not an OpenAPI document")
    return data


def with_exact_decimal_places(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``document`` whose request amounts carry ``multipleOf`` from the extension."""
    exact = copy.deepcopy(document)
    schemas = exact.get("components", {}).get("schemas", {})
    for name in REQUEST_AMOUNT_SCHEMAS:
        schema = schemas.get(name)
        if isinstance(schema, dict) and isinstance(schema.get(DECIMAL_PLACES), int):
            schema["multipleOf"] = float(Decimal(1).scaleb(-schema[DECIMAL_PLACES]))
    return exact


@cache
def exact_spec() -> dict[str, Any]:
    """The spec as the suite's exact validators and schemathesis read it (see above)."""
    return with_exact_decimal_places(load_spec())


def _schemes(requirements: object) -> frozenset[str]:
    # ConnectPSP declares one requirement object per operation; take the union for safety.
    names: set[str] = set()
    if isinstance(requirements, list):
        for requirement in requirements:
            if isinstance(requirement, dict):
                names.update(str(name) for name in requirement)
    return frozenset(names)


@cache
def operations() -> dict[str, OperationInfo]:
    """Every operation of the spec, by schemathesis label."""
    spec = load_spec()
    default_security = spec.get("security", [])
    found: dict[str, OperationInfo] = {}
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            definition = item.get(method)
            if not isinstance(definition, dict):
                continue
            info = OperationInfo(
                method=method.upper(),
                path=path,
                operation_id=str(definition["operationId"]),
                schemes=_schemes(definition.get("security", default_security)),
            )
            found[info.label] = info
    return found


def operation(label: str) -> OperationInfo | None:
    return operations().get(label)


def by_operation_id(operation_id: str) -> OperationInfo:
    for info in operations().values():
        if info.operation_id == operation_id:
            return info
    raise KeyError(operation_id)
