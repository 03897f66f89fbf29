"""Minimal HS256 JSON Web Tokens (RFC 7519) with the standard library.

Only what the mock needs: sign a claims object, and verify one of our own tokens (algorithm pinned
to HS256, constant-time signature check). Expiry is checked by the caller against the mock clock.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from typing import Any

_HEADER = {"alg": "HS256", "typ": "JWT"}
_SEGMENT_RE = re.compile(r"[A-Za-z0-9_-]+")
MAX_TOKEN_LENGTH = 4096


class InvalidJWT(Exception):
    """Malformed, not signed by us, or not HS256. The message never contains the token."""


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(segment: str) -> bytes:
    if not _SEGMENT_RE.fullmatch(segment):
        raise InvalidJWT("segment is not base64url")
    try:
        return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError) as exc:
        raise InvalidJWT("segment is not base64url") from exc


def _sign(signing_input: bytes, key: bytes) -> bytes:
    return hmac.new(key, signing_input, hashlib.sha256).digest()


_HEADER_SEGMENT = _b64encode(json.dumps(_HEADER, separators=(",", ":")).encode())


def encode(claims: Mapping[str, Any], key: bytes) -> str:
    payload = _b64encode(json.dumps(dict(claims), separators=(",", ":")).encode())
    signing_input = f"{_HEADER_SEGMENT}.{payload}".encode("ascii")
    return f"{_HEADER_SEGMENT}.{payload}.{_b64encode(_sign(signing_input, key))}"


def decode(token: str, key: bytes) -> dict[str, Any]:
    """The verified claims of ``token``; raises :class:`InvalidJWT` for anything else."""
    if len(token) > MAX_TOKEN_LENGTH:
        raise InvalidJWT("token too long")
    parts = token.split(".")
    if len(parts) != 3:
        raise InvalidJWT("not three segments")
    header_seg, payload_seg, signature_seg = parts
    expected = _sign(f"{header_seg}.{payload_seg}".encode("ascii", "replace"), key)
    if not hmac.compare_digest(expected, _b64decode(signature_seg)):
        raise InvalidJWT("bad signature")
    try:
        header = json.loads(_b64decode(header_seg))
        claims = json.loads(_b64decode(payload_seg))
    except (ValueError, RecursionError) as exc:  # also deep nesting in a forged payload
        raise InvalidJWT("segment is not JSON") from exc
    if not isinstance(header, dict) or header.get("alg") != "HS256":
        raise InvalidJWT("unsupported algorithm")
    if not isinstance(claims, dict):
        raise InvalidJWT("claims are not an object")
    return claims
