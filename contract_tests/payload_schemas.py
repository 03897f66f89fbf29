"""Validate JSON payloads (webhook bodies, responses) against the spec's component schemas.

jsonschema-rs with exact decimals: bodies are parsed with ``parse_float=Decimal``, so the
two-decimal rule of request amounts (``multipleOf: 0.01`` in ``spec.exact_spec``, D-42) is checked
on the number as written, never on a binary float (D-01). Formats are validated, including the
spec's own ``cpf-cnpj``, ``pix-key`` and ``e2e-id`` with the project's PIX helpers.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from typing import Any

import jsonschema_rs

from connectpsp_ext.pix import detect_pix_key_type, is_valid_document, is_valid_end_to_end_id
from connectpsp_ext.redaction import scrub

from .spec import exact_spec

CUSTOM_FORMATS = {
    "cpf-cnpj": is_valid_document,
    "pix-key": lambda value: detect_pix_key_type(value) is not None,
    "e2e-id": is_valid_end_to_end_id,
}


class PayloadInvalid(AssertionError):
    """A payload does not match its schema; the message lists every error with its JSON path."""


@cache
def validator(component: str) -> jsonschema_rs.Draft202012Validator:
    spec = exact_spec()
    if component not in spec["components"]["schemas"]:
        raise KeyError(f"no component schema {component!r} in the spec")
    schema = {"$ref": f"#/components/schemas/{component}", "components": spec["components"]}
    return jsonschema_rs.Draft202012Validator(
        schema, validate_formats=True, formats=CUSTOM_FORMATS, ignore_unknown_formats=False
    )


def parse_exact(raw: bytes) -> Any:
    return json.loads(raw, parse_float=Decimal)


def validate_payload(component: str, payload: Any) -> None:
    # scrub(): error messages quote instance values, and payloads carry payer/payee documents.
    errors = [
        scrub(f"{'/'.join(str(p) for p in error.instance_path) or '<root>'}: {error.message}")
        for error in validator(component).iter_errors(payload)
    ]
    if errors:
        raise PayloadInvalid(f"{component} payload does not match the spec:\n" + "\n".join(errors))


def validate_raw(component: str, raw: bytes) -> Any:
    """Parse ``raw`` exactly and validate it; returns the parsed payload."""
    payload = parse_exact(raw)
    validate_payload(component, payload)
    return payload
