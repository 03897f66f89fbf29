"""The operation table (``connectpsp_ext.operations``) says what ``openapi/index.yaml`` says."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from connectpsp_ext.operations import OPERATIONS, Operation, find_operation

SPEC_PATH = Path(__file__).parents[2] / "openapi" / "index.yaml"
METHODS = ("get", "post", "put", "patch", "delete")


@cache
def _spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text("utf-8"))
    return spec


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        return node
    target: Any = spec
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    resolved: dict[str, Any] = target
    return resolved


def _spec_operations() -> dict[tuple[str, str], dict[str, Any]]:
    spec = _spec()
    found = {}
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                found[(method.upper(), path)] = item[method]
    return found


def _row(method: str, path: str) -> Operation:
    (row,) = [op for op in OPERATIONS if (op.method, op.path) == (method, path)]
    return row


def test_every_spec_operation_has_exactly_one_row() -> None:
    assert {(op.method, op.path) for op in OPERATIONS} == set(_spec_operations())
    assert len(OPERATIONS) == len(_spec_operations())


@pytest.mark.parametrize(("method", "path"), sorted(_spec_operations()))
def test_row_matches_the_spec(method: str, path: str) -> None:
    spec = _spec()
    operation = _spec_operations()[(method, path)]
    row = _row(method, path)
    security = operation.get("security", spec["security"])
    schemes = {name for requirement in security for name in requirement}
    assert row.signed == ("digitalSignature" in schemes)
    assert row.authenticated == ("bearerAuth" in schemes)
    parameters = [_resolve(spec, p) for p in operation.get("parameters", [])]
    assert row.idempotent == any(p["name"] == "X-Idempotency-Key" for p in parameters)
    successes = sorted(code for code in operation["responses"] if code.startswith("2"))
    assert successes == [str(row.status)]
    content = operation["responses"][successes[0]]["content"]["application/json"]
    schema_name = content["schema"]["$ref"].rsplit("/", 1)[-1]
    assert row.model.__name__ == schema_name


def test_requests_are_matched_to_their_row() -> None:
    assert find_operation("POST", "/cash-in/US7B1JQ/refund") is _row("POST", "/cash-in/{id}/refund")
    assert find_operation("GET", "/cash-out/IVKPRMOCDY") is _row("GET", "/cash-out/{id}")
    assert find_operation("GET", "/cash-in/a/b") is None
    assert find_operation("DELETE", "/cash-out") is None


def test_derived_rules() -> None:
    rebalance = _row("POST", "/account/rebalance")
    assert rebalance.mutating and not rebalance.repeatable  # no key: never retried (D-06)
    assert _row("POST", "/cash-out").repeatable
    assert _row("GET", "/cash-in/{id}").repeatable and not _row("GET", "/cash-in/{id}").mutating
