"""Spec portability (issue 10 item 6): a plain `st run` sends PIX keys that match their type.

The schemathesis CLI runs over `openapi/index.yaml` against the mock with nothing but the
authentication headers: no project hooks, no custom formats, no body fixes. Before D-46 the spec
did not tie `pixKey` to `pixKeyType` (one `format: pix-key` for all five types), so a generic
generator sent e-mail keys typed CPF and got 400s. Now an `if`/`then` chain gives each type its
pattern, and no positive request may carry a key whose shape differs from its declared type, nor
get a 400 for it.

(CPF/CNPJ check digits cannot be written in JSON Schema, so a shape-valid key with wrong check
digits may still get a 400; that is a check-digit finding, not a type mismatch, and is counted
separately here.)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from connectpsp_ext.signing import digital_signature
from connectpsp_mock.testing import running_mock

from .spec_helpers import RAW_SPEC, ROOT

ST = Path(sys.executable).parent / "st"
SHAPES = {
    "CPF": re.compile(r"[0-9]{11}"),
    "CNPJ": re.compile(r"[0-9A-Z]{12}[0-9]{2}"),
    "EMAIL": re.compile(
        r"[a-z0-9.!#$&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
        r"(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+"
    ),
    "PHONE": re.compile(r"\+55[0-9]{10,11}"),
    "EVP": re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
}


def test_the_spec_shapes_are_the_ones_tested_here() -> None:
    """The spec's if/then patterns are SHAPES (so the test judges what the spec says)."""
    found: dict[str, str] = {}
    node: dict[str, Any] = RAW_SPEC["components"]["schemas"]["PixDestination"]
    while "if" in node:
        key_type = node["if"]["properties"]["pixKeyType"]["const"]
        found[key_type] = node["then"]["properties"]["pixKey"]["pattern"]
        node = node["else"]
    found["EVP"] = node["properties"]["pixKey"]["pattern"]
    assert {k: v.strip("^$") for k, v in found.items()} == {k: p.pattern for k, p in SHAPES.items()}


def _entries(har: Path) -> list[dict[str, Any]]:
    return list(json.loads(har.read_text())["log"]["entries"])


def _body(text: str | None) -> Any:
    try:
        return json.loads(text or "null")
    except ValueError:
        return None


@pytest.mark.slow
def test_plain_st_run_sends_no_mismatched_pix_key(tmp_path: Path) -> None:
    assert ST.is_file(), f"the schemathesis CLI is installed with the dev extras ({ST})"
    with running_mock() as mock:
        settings = mock.settings
        token = httpx.post(
            f"{mock.base_url}/auth/token",
            json={"clientId": settings.client_id, "clientSecret": settings.client_secret},
        ).json()["accessToken"]
        signature = digital_signature(token, settings.crypto_tokens[0])
        har = tmp_path / "run.har"
        command = [
            str(ST),
            "run",
            str(ROOT / "openapi" / "index.yaml"),
            "--url",
            mock.base_url,
            "-H",
            f"Authorization: Bearer {token}",
            "-H",
            f"ApplicationToken: {settings.application_token}",
            "-H",
            f"DigitalSignature: {signature}",
            "--include-operation-id",
            "createCashOut",
            "--mode",
            "positive",
            "--phases",
            "examples,coverage,fuzzing",
            "--max-examples",
            "60",
            "--seed",
            "1",
            "--continue-on-failure",
            "--report",
            "har",
            "--report-har-path",
            str(har),
        ]
        env = {**os.environ, "SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"}
        done = subprocess.run(
            command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600
        )
    assert har.is_file(), done.stdout[-2000:] + done.stderr[-2000:]

    pix_requests = mismatched = refused_for_mismatch = check_digit_refusals = 0
    for entry in _entries(har):
        request, response = entry["request"], entry["response"]
        if request["method"] != "POST" or not request["url"].endswith("/cash-out"):
            continue
        body = _body((request.get("postData") or {}).get("text"))
        destination = (((body or {}).get("payee") or {}) if isinstance(body, dict) else {}).get(
            "destination"
        )
        if not isinstance(destination, dict) or destination.get("type") != "PIX":
            continue
        key_type, key = destination.get("pixKeyType"), destination.get("pixKey")
        if key_type not in SHAPES or not isinstance(key, str):
            continue
        pix_requests += 1
        matches = SHAPES[key_type].fullmatch(key) is not None and len(key) <= 77
        mismatched += not matches
        problem = _body((response.get("content") or {}).get("text"))
        blames_key = (
            response["status"] == 400
            and isinstance(problem, dict)
            and "pixKey" in str(problem.get("detail"))
        )
        if blames_key and not matches:
            refused_for_mismatch += 1
        elif blames_key:
            check_digit_refusals += 1  # CPF/CNPJ check digits: not expressible in JSON Schema

    assert pix_requests >= 20, f"too few PIX cash-outs sent ({pix_requests}): {done.stdout[-1500:]}"
    assert mismatched == 0, f"{mismatched} of {pix_requests} PIX keys did not match their type"
    assert refused_for_mismatch == 0
    assert check_digit_refusals <= pix_requests  # reported, not a mismatch (see module doc)
