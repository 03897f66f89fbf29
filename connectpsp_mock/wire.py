"""Request bodies in, JSON out: size-limited reading, exact JSON parsing, canonical fingerprints.

Numbers are parsed as ``Decimal`` (integers too: no int-size limits, no float rounding), and
``NaN``/``Infinity`` are refused, so a body can never crash the mock or be misread as money. A body
is UTF-8 and nothing else (no guessing of UTF-16/32, no byte order mark), holds no lone surrogate
(``"\\ud800"``: not a character, cannot be encoded again) and nests at most ``MAX_DEPTH``
levels, so nothing downstream (recursive fingerprints, secret comparison) can trip on it (D-70).
"""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from typing import Any

import orjson
from starlette.requests import ClientDisconnect, Request

from .problems import ProblemError, validation_error

_DIGITS_RE = re.compile(r"[0-9]{1,30}")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
# The deepest request body of the API is 4 levels (payee.destination.bankAccount.ispb); 32 leaves
# room for extension members that are ignored, and stays far below Python's recursion limit.
MAX_DEPTH = 32


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_DECODER = json.JSONDecoder(parse_float=Decimal, parse_int=Decimal, parse_constant=_reject_constant)


def parse_json(raw: bytes) -> Any:
    """Parse a JSON document exactly; any failure is a 400 VALIDATION_ERROR."""
    try:
        # Decoded here, strictly: json.loads(bytes) would guess UTF-16/32 and skip a BOM. Strict
        # UTF-8 also refuses encoded surrogates, so a lone one can only come from a \u escape.
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise validation_error("body", "is not valid UTF-8.") from exc
    try:
        value = _DECODER.decode(text)
    # ValueError: JSONDecodeError and the BOM; RecursionError: nesting beyond the parser's stack;
    # ArithmeticError: decimal.InvalidOperation for an exponent Decimal cannot hold (1e10**19).
    except (ValueError, RecursionError, ArithmeticError) as exc:
        raise validation_error("body", "is not valid JSON.") from exc
    if _may_break_the_shape_rules(text):
        _check_shape(value)
    return value


def _may_break_the_shape_rules(text: str) -> bool:
    """False when the text alone proves the document passes :func:`_check_shape`: no ``\\u``
    escape (so no lone surrogate) and at most MAX_DEPTH brackets in all (so no deeper nesting).
    Brackets inside strings only make this more cautious. Typical bodies skip the walk."""
    return "\\u" in text or text.count("{") + text.count("[") > MAX_DEPTH


def _check_shape(document: Any) -> None:
    """Refuse nesting deeper than MAX_DEPTH and strings (values or keys) with lone surrogates.
    Iterative, so the check itself cannot overflow the stack."""
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if _SURROGATE_RE.search(value):
                raise validation_error("body", "contains a lone surrogate (not valid Unicode).")
        elif isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise validation_error("body", f"must not nest deeper than {MAX_DEPTH} levels.")
            children = value.values() if isinstance(value, dict) else value
            pending.extend((child, depth + 1) for child in children)
            if isinstance(value, dict):
                pending.extend((key, depth) for key in value)


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


async def read_body(request: Request, limit: int) -> bytes:
    """The raw body, refusing anything larger than ``limit`` bytes without buffering it all.

    Read from the ASGI messages directly, as ``Request.stream()`` does without its async
    generator; a client that goes away raises ``ClientDisconnect`` the same way."""
    declared = request.headers.get("content-length")
    if declared is not None and _DIGITS_RE.fullmatch(declared.strip()) and int(declared) > limit:
        raise validation_error("body", f"must not be larger than {limit} bytes.")
    chunks: list[bytes] = []
    size = 0
    receive = request.receive
    while True:
        message = await receive()
        if message["type"] == "http.request":
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise validation_error("body", f"must not be larger than {limit} bytes.")
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        elif message["type"] == "http.disconnect":
            raise ClientDisconnect()
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


async def read_json(request: Request, limit: int) -> Any:
    """The request's JSON body; 400 when the content type is not JSON or the body is invalid."""
    if _media_type(request.headers.get("content-type")) != "application/json":
        raise ProblemError(400, "VALIDATION_ERROR", "Content-Type: must be application/json.")
    raw = await read_body(request, limit)
    if not raw.strip():
        raise validation_error("body", "is required.")
    return parse_json(raw)


async def read_optional_json(request: Request, limit: int) -> Any:
    """Like :func:`read_json` but an empty body (any content type) means ``None``."""
    raw = await read_body(request, limit)
    if not raw.strip():
        return None
    if _media_type(request.headers.get("content-type")) not in ("application/json", ""):
        raise ProblemError(400, "VALIDATION_ERROR", "Content-Type: must be application/json.")
    return parse_json(raw)


def _number_key(value: Decimal) -> str:
    """Same number, same key: 10, 10.0 and 10.00 are one body. Exact (``normalize()`` would round
    to 28 digits) and compact (format "f" would expand 1E+999999 into a million digits)."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # NaN/Infinity never get past parse_json
        return str(value)
    kept = list(digits)
    while len(kept) > 1 and kept[-1] == 0:
        kept.pop()
        exponent += 1
    if kept == [0]:
        return "0"
    return ("-" if sign else "") + "".join(map(str, kept)) + f"E{exponent}"


def _canonical_number(value: Any) -> orjson.Fragment:
    if isinstance(value, Decimal):
        return orjson.Fragment(_number_key(value))
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


def fingerprint(*parts: Any) -> str:
    """SHA-256 over the canonical JSON of ``parts``: keys sorted, numbers by :func:`_number_key`,
    so key order and number spelling are ignored. Written by orjson (D-88): the recursive Python
    writer it replaces cost a sixth of a cash-out. Fingerprints live only in this process's
    idempotency records, so the exact bytes are ours to choose."""
    canonical = orjson.dumps(list(parts), default=_canonical_number, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(canonical).hexdigest()
