"""Deviations from the documented contract, as named findings of a contract run (issue 10).

Every response the run receives (schemathesis' requests, the flow tests' client calls) and every
webhook payload is read through its generated model; the tolerant reader never raises, and lists
how the payload differs from the spec (``connectpsp_client.types.Deviation``: a documented field
left out, a ``null``, an unknown enum value, a timestamp in another shape, ...). Each distinct
(where, path, kind) becomes one finding in ``contract-summary.md`` with the number of payloads that
showed it.

Findings do not fail the run: a documented-optional field left out is allowed by the contract
(D-40). What the contract forbids (a required field missing, a wrong type in a required field) is
already a failure of schemathesis' ``response_schema_conformance``. A nightly run against staging
thus still says when staging stops sending a documented field, without breaking the build.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import connectpsp_client.models as models
from connectpsp_client.types import Deviation, json_loads

from .spec import load_spec, operations


@dataclass
class DeviationFinding:
    source: str  # e.g. "GET /cash-out/{id} 200" or "webhook CASHOUT_COMPLETED"
    path: str
    kind: str
    detail: str
    count: int = 0

    @property
    def name(self) -> str:
        return f"{self.kind} `{self.path}` in {self.source}"


class DeviationLog:
    """Thread-safe tally of deviations by (source, path, kind)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._found: dict[tuple[str, str, str], DeviationFinding] = {}

    def add(self, source: str, deviations: Iterable[Deviation]) -> None:
        with self._lock:
            for deviation in deviations:
                key = (source, deviation.path, deviation.kind)
                finding = self._found.get(key)
                if finding is None:
                    finding = self._found[key] = DeviationFinding(
                        source, deviation.path, deviation.kind, deviation.detail
                    )
                finding.count += 1

    def findings(self) -> list[DeviationFinding]:
        with self._lock:
            found = [
                DeviationFinding(f.source, f.path, f.kind, f.detail, f.count)
                for f in self._found.values()
            ]
        return sorted(found, key=lambda f: (f.source, f.path, f.kind))

    def clear(self) -> None:
        with self._lock:
            self._found.clear()


def merged(*logs: DeviationLog) -> list[DeviationFinding]:
    """The findings of several logs, counts added up."""
    total = DeviationLog()
    for log in logs:
        for finding in log.findings():
            total.add(
                finding.source,
                [Deviation(finding.path, finding.kind, finding.detail)] * finding.count,
            )
    return total.findings()


# The flow tests' log (client responses and webhook payloads); schemathesis' is on its RunResult.
FLOWS = DeviationLog()


def _schema_name(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref.startswith("#/components/schemas/") else None


@cache
def response_models() -> dict[tuple[str, int], type[Any]]:
    """(operation label, HTTP status) -> the generated model of that JSON response body."""
    spec = load_spec()
    found: dict[tuple[str, int], type[Any]] = {}
    for label, info in operations().items():
        definition = spec["paths"][info.path][info.method.lower()]
        for status, response in definition.get("responses", {}).items():
            if "$ref" in response:  # a components/responses reference
                response = spec["components"]["responses"][response["$ref"].rsplit("/", 1)[-1]]
            for media in response.get("content", {}).values():
                schema = _schema_name(media.get("schema", {}))
                model = getattr(models, schema, None) if schema else None
                if model is not None and str(status).isdigit():
                    found[(label, int(status))] = model
    return found


def record_response(log: DeviationLog, label: str, status: int, content: bytes | None) -> None:
    """Read a response body through its model and tally its deviations. A body that is not JSON
    is left to schemathesis' checks (it is a failure there, not a deviation)."""
    model = response_models().get((label, status))
    if model is None or not content:
        return
    try:
        payload = json_loads(content)
    except ValueError:
        return
    log.add(f"{label} {status}", model.from_dict(payload).deviations)


def record_model(log: DeviationLog, source: str, model: Any) -> None:
    """Tally the deviations a model (a client result's data, a webhook event) carries."""
    deviations = getattr(model, "deviations", None)
    if deviations:
        log.add(source, deviations)
