"""Fault injection for client testing: what a fault is, how it is requested, and the queue.

Two ways to ask for faults (the public API only; ``/_mock/`` is never faulted):
- ``POST /_mock/faults`` queues faults for the next matching requests, e.g.
  ``{"faults": [{"kind": "status", "status": 503, "count": 2,
  "match": {"method": "POST", "path": "/cash-out"}}]}``;
- the request header ``X-Mock-Fault`` applies to that request only, e.g. ``503``,
  ``429``, ``delay=0.2``, ``drop-after-commit``, or several comma-separated
  (``delay=0.2,503``). The header is removed before the request is processed or stored.

Kinds: ``status`` (answer with that 4xx/5xx problem without processing; ``after_commit`` processes
first and then answers the error), ``rate_limit`` (429 + ``Retry-After``), ``delay`` (sleep, then
process normally; longer than a client timeout = a timeout after commit), ``drop_after_commit``
(process fully, then break the connection mid-response), ``drop_before_commit`` (break the
connection without processing).
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, replace
from typing import Any

from .problems import ProblemError
from .validation import Fields

KINDS = ("status", "rate_limit", "delay", "drop_after_commit", "drop_before_commit")
HEADER = "x-mock-fault"
MAX_COUNT = 1_000_000
_STATUS_RE = re.compile(r"[0-9]{3}")
_SECONDS_RE = re.compile(r"[0-9]{1,4}")


@dataclass(frozen=True)
class Fault:
    kind: str
    count: int = 1
    status: int | None = None
    retry_after: int | None = None
    seconds: float = 0.0
    after_commit: bool = False
    method: str | None = None
    path: str | None = None

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method.upper():
            return False
        return self.path is None or fnmatch.fnmatchcase(path, self.path)

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"kind": self.kind, "count": self.count}
        if self.status is not None:
            body["status"] = self.status
        if self.retry_after is not None:
            body["retry_after"] = self.retry_after
        if self.kind == "delay":
            body["seconds"] = self.seconds
        if self.after_commit:
            body["after_commit"] = True
        match = {k: v for k, v in (("method", self.method), ("path", self.path)) if v is not None}
        if match:
            body["match"] = match
        return body


def _bad(detail: str) -> ProblemError:
    return ProblemError(400, "VALIDATION_ERROR", detail)


def parse_fault(raw: Any, max_delay: float, where: str = "fault") -> Fault:
    fields = Fields.root(raw) if isinstance(raw, dict) else None
    if fields is None:
        raise _bad(f"{where}: must be an object.")
    kind = fields.required_enum("kind", KINDS)
    count = fields.optional_int("count", minimum=1, maximum=MAX_COUNT) or 1
    match = fields.optional_object("match")
    method = match.optional_str("method", min_length=1, max_length=16) if match else None
    path = match.optional_str("path", min_length=1, max_length=256) if match else None
    status: int | None = None
    retry_after: int | None = None
    seconds = 0.0
    after_commit = bool(fields.optional_bool("after_commit"))
    if kind == "status":
        status = fields.optional_int("status", minimum=400, maximum=599)
        if status is None:
            raise _bad(f"{where}.status: is required for kind status.")
        retry_after = fields.optional_int("retry_after", minimum=0, maximum=3600)
        if status == 429 and retry_after is None:
            retry_after = 1
    elif kind == "rate_limit":
        status = 429
        retry_after = fields.optional_int("retry_after", minimum=0, maximum=3600)
        retry_after = 1 if retry_after is None else retry_after
    elif kind == "delay":
        value = fields.required_number("seconds")
        if not 0 <= value <= max_delay:
            raise _bad(f"{where}.seconds: must be from 0 to {max_delay:g}.")
        seconds = float(value)
    return Fault(
        kind=kind,
        count=count,
        status=status,
        retry_after=retry_after,
        seconds=seconds,
        after_commit=after_commit and kind in ("status", "rate_limit"),
        method=method.upper() if method else None,
        path=path,
    )


def parse_fault_list(body: Any, max_delay: float) -> list[Fault]:
    """``{"faults": [...]}`` (or a bare list) -> faults; 400 on anything malformed."""
    items = body.get("faults") if isinstance(body, dict) else body
    if not isinstance(items, list) or not items:
        raise _bad("faults: must be a non-empty array.")
    if len(items) > 100:
        raise _bad("faults: at most 100 per call.")
    return [parse_fault(item, max_delay, f"faults[{i}]") for i, item in enumerate(items)]


def parse_fault_header(value: str, max_delay: float) -> list[Fault]:
    """``"delay=0.2,503"`` -> a delay then a 503; 400 on an unknown token."""
    faults: list[Fault] = []
    retry_after: int | None = None
    after_commit = False
    for part in (t.strip().lower() for t in value.split(",")):
        if not part:
            continue
        if _STATUS_RE.fullmatch(part) and 400 <= int(part) <= 599:
            status = int(part)
            faults.append(Fault(kind="rate_limit" if status == 429 else "status", status=status))
        elif part.startswith("delay="):
            seconds = _seconds(part[len("delay=") :], max_delay)
            faults.append(Fault(kind="delay", seconds=seconds))
        elif part.startswith("retry-after="):
            number = part[len("retry-after=") :]
            if not _SECONDS_RE.fullmatch(number) or int(number) > 3600:
                raise _bad("X-Mock-Fault: retry-after must be 0..3600 seconds.")
            retry_after = int(number)
        elif part in ("drop-after-commit", "drop-before-commit"):
            faults.append(Fault(kind=part.replace("-", "_")))
        elif part == "after-commit":
            after_commit = True
        else:
            raise _bad(
                "X-Mock-Fault: parts are a 4xx/5xx status, delay=SECONDS, retry-after=SECONDS, "
                "after-commit, drop-after-commit or drop-before-commit."
            )
    check_total_delay(faults, max_delay)
    result = []
    for fault in faults:
        if fault.kind in ("status", "rate_limit"):
            default_retry = 1 if fault.status == 429 else None
            fault = replace(
                fault,
                retry_after=retry_after if retry_after is not None else default_retry,
                after_commit=after_commit,
            )
        result.append(fault)
    return result


def check_total_delay(faults: list[Fault], max_delay: float) -> None:
    """The cap bounds a request's delay as a whole, not each ``delay=`` part (issue 11 item 14)."""
    if sum(f.seconds for f in faults if f.kind == "delay") > max_delay:
        raise _bad(
            f"X-Mock-Fault: the delays of one request must add up to at most {max_delay:g} s."
        )


def _seconds(text: str, max_delay: float) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= max_delay:  # also rejects nan
        raise _bad(f"X-Mock-Fault: delay must be 0..{max_delay:g} seconds.")
    return seconds


class FaultQueue:
    """Queued faults, consumed in order by the requests they match."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(self, faults: list[Fault]) -> None:
        self._faults.extend(faults)

    def clear(self) -> None:
        self._faults.clear()

    def take(self, method: str, path: str) -> Fault | None:
        for index, fault in enumerate(self._faults):
            if fault.matches(method, path):
                if fault.count <= 1:
                    del self._faults[index]
                else:
                    self._faults[index] = replace(fault, count=fault.count - 1)
                return replace(fault, count=1)
        return None

    def snapshot(self) -> list[dict[str, Any]]:
        return [f.to_json() for f in self._faults]
