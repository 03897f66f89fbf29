"""Every JSON example of the docs validates against its schema and round-trips through the models.

The examples are vendored from the fact sheet (`../shared/reference/connectpsp-docs.md` and
`connectpsp-api.md`) into `fact_sheet_examples/`, so the test runs from a plain clone; when the fact
sheet is present beside the checkout, a second test proves the vendored copies complete and exact.
Validation uses jsonschema-rs, which applies the two-decimal rule (`multipleOf: 0.01` read back from
`x-connectpsp-decimal-places`, D-42) exactly (D-01).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import connectpsp_client.models as models
import jsonschema_rs
import pytest
from connectpsp_client.types import json_dumps, json_loads

from .spec_helpers import SPEC, component_validator

EXAMPLES = Path(__file__).parent / "fact_sheet_examples"
MANIFEST = json.loads((EXAMPLES / "manifest.json").read_text())
# Beside the checkout (../shared/reference), or beside a worktree of it (../../shared/reference).
_REFERENCE = next(
    (
        parent / "shared" / "reference"
        for parent in Path(__file__).resolve().parents[3:5]
        if (parent / "shared" / "reference").is_dir()
    ),
    Path(__file__).resolve().parents[3] / "shared" / "reference",
)
FACT_SHEETS = [_REFERENCE / name for name in ("connectpsp-docs.md", "connectpsp-api.md")]
# The webhook guide's envelope shows `"data": { ... }`: a placeholder, not JSON.
KNOWN_NON_JSON = ('"data": { ... }',)


def _ids(entry: dict[str, str]) -> str:
    return entry["file"]


@pytest.mark.parametrize("entry", MANIFEST, ids=_ids)
def test_example_validates_against_its_schema(entry: dict[str, str]) -> None:
    document = json.loads((EXAMPLES / entry["file"]).read_text())
    validator = component_validator(entry["schema"])
    errors = [e.message for e in validator.iter_errors(document)]
    assert errors == []


@pytest.mark.parametrize("entry", MANIFEST, ids=_ids)
def test_example_round_trips_through_generated_model(entry: dict[str, str]) -> None:
    raw = (EXAMPLES / entry["file"]).read_bytes()
    original = json_loads(raw)
    model_cls = getattr(models, entry["schema"])
    model = model_cls.from_dict(original)
    assert model.to_dict() == original
    # Byte-level: re-encoding keeps every amount's digits ("10.00" stays "10.00", never 10.0).
    reencoded = json_dumps(model.to_dict()).decode()
    for number in re.findall(r":\s*(-?\d+\.\d+)", raw.decode()):
        assert f":{number}" in reencoded


def test_amounts_come_back_as_exact_decimals() -> None:
    model = models.CashIn.from_dict(json_loads((EXAMPLES / "cash-in-201.json").read_bytes()))
    assert model.amount == Decimal("10.00")
    assert isinstance(model.amount, Decimal)
    assert str(model.amount) == "10.00"


def test_two_decimal_places_are_exact_for_values_that_break_float_division() -> None:
    validator = component_validator("Money")
    for good in (0.07, 10.07, 1234567.89, 0.01, 999999999.99):
        assert validator.is_valid(good), good
    for bad in (0.001, 10.075, 0, -1):
        assert not validator.is_valid(bad), bad


def _json_blocks(text: str) -> list[str]:
    return re.findall(r"```json\n(.*?)```", text, re.S)


@pytest.mark.skipif(
    not all(p.is_file() for p in FACT_SHEETS), reason="fact sheet not beside this checkout"
)
def test_vendored_examples_are_every_json_block_of_the_fact_sheet() -> None:
    vendored = {
        json.dumps(json.loads((EXAMPLES / e["file"]).read_text()), sort_keys=True) for e in MANIFEST
    }
    seen: set[str] = set()
    for sheet in FACT_SHEETS:
        for block in _json_blocks(sheet.read_text()):
            if any(marker in block for marker in KNOWN_NON_JSON):
                continue
            canonical = json.dumps(json.loads(block), sort_keys=True)
            assert canonical in vendored, f"{sheet.name} has an example not vendored: {block[:80]}"
            seen.add(canonical)
    assert seen == vendored


def _spec_examples() -> list[tuple[str, dict[str, Any], Any]]:
    """(where, schema, example value) for every `examples` entry on a request or response body."""
    found: list[tuple[str, dict[str, Any], Any]] = []

    def collect(where: str, content: dict[str, Any]) -> None:
        for media_type, media in content.items():
            for name, example in (media.get("examples") or {}).items():
                found.append((f"{where} {media_type} {name}", media["schema"], example["value"]))

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        ref = node.get("$ref", "")
        if ref.startswith("#/components/"):
            _, _, section, name = ref.split("/")
            return SPEC["components"][section][name]
        return node

    for section in ("paths", "webhooks"):
        for path, item in SPEC[section].items():
            for method, op in item.items():
                where = f"{method.upper()} {path}"
                body = op.get("requestBody")
                if body:
                    collect(f"{where} request", resolve(body)["content"])
                for status, response in op.get("responses", {}).items():
                    collect(f"{where} {status}", resolve(response).get("content", {}))
    return found


SPEC_EXAMPLES = _spec_examples()


def test_the_spec_carries_examples() -> None:
    assert len(SPEC_EXAMPLES) >= 15


@pytest.mark.parametrize("where,schema,value", SPEC_EXAMPLES, ids=[e[0] for e in SPEC_EXAMPLES])
def test_spec_example_validates(where: str, schema: dict[str, Any], value: Any) -> None:
    validator = jsonschema_rs.validator_for({**schema, "components": SPEC["components"]})
    errors = [e.message for e in validator.iter_errors(value)]
    assert errors == [], where


def test_a_string_amount_is_read_exactly_and_reported() -> None:
    """Issue 10: a string amount no longer fails the whole response; it is an exact Decimal and a
    deviation (the strict TypeError of D-01 was a crash on a call that may have moved money)."""
    data = json_loads((EXAMPLES / "cash-in-201.json").read_bytes())
    data["amount"] = "10.00"
    model = models.CashIn.from_dict(data)
    assert model.amount == Decimal("10.00") and isinstance(model.amount, Decimal)
    assert [(d.path, d.kind) for d in model.deviations] == [("amount", "wrong_type")]
    assert model.raw is not None and model.raw["amount"] == "10.00"
