"""Load the vendored spec once and build exact (jsonschema-rs) validators for its components.

Validators read the spec as the contract suite does (``contract_tests.spec.exact_spec``): the
two-decimal rule of request amounts, written ``x-connectpsp-decimal-places`` (D-42), is applied as
an exact ``multipleOf``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml

from contract_tests.spec import with_exact_decimal_places

ROOT = Path(__file__).resolve().parents[2]
RAW_SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi" / "index.yaml").read_text())
SPEC: dict[str, Any] = with_exact_decimal_places(RAW_SPEC)


def component_validator(name: str) -> jsonschema_rs.Validator:
    schema = {"$ref": f"#/components/schemas/{name}", "components": SPEC["components"]}
    return jsonschema_rs.validator_for(schema)
