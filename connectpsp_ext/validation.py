"""Checks on caller input, made before anything is sent; each failure is a ``ValidationError``
naming the argument. Messages never quote a document or a PIX key (personal data).

Rules follow the spec: lengths from ``openapi/index.yaml``, documents and PIX keys per D-11
(:mod:`connectpsp_ext.pix`), bank accounts per D-18, path ids per D-21.
"""

from __future__ import annotations

import re
import uuid
from enum import StrEnum
from typing import TypeVar
from uuid import UUID

import httpx

from .config import is_loopback_host
from .errors import ValidationError
from .idempotency import resolve_idempotency_key
from .pix import InvalidPixKey, document_problem, normalize_document, validate_pix_key
from .pix.keys import PixKeyType

E = TypeVar("E", bound=StrEnum)

_ID_RE = re.compile(r"[A-Za-z0-9-]{1,64}")
_ISPB_RE = re.compile(r"[0-9]{8}")
_BRANCH_RE = re.compile(r"[0-9]{1,4}")
_ACCOUNT_RE = re.compile(r"[0-9]{1,20}")
MAX_EXPIRATION_MINUTES = 43200
URL_MAX_LENGTH = 2048


def transaction_id(value: object, field: str = "id") -> str:
    """A path id (transactionId, internalCode or endToEndId): ``[A-Za-z0-9-]{1,64}`` (D-21).
    Also what keeps ``/`` or ``?`` out of the request path."""
    if not isinstance(value, str) or not _ID_RE.fullmatch(value):
        raise ValidationError(
            f"{field} must be 1-64 letters, digits or '-' (a transactionId, internalCode or "
            "endToEndId)",
            field=field,
        )
    return value


def text(value: object, field: str, *, max_length: int, min_length: int = 1) -> str:
    """A string of ``min_length``..``max_length`` characters, not only whitespace."""
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be a str", field=field)
    if len(value) < min_length or (min_length > 0 and not value.strip()):
        raise ValidationError(f"{field} must not be empty", field=field)
    if len(value) > max_length:
        raise ValidationError(f"{field} must be at most {max_length} characters", field=field)
    return value


def webhook_url(value: object, field: str = "webhook_url") -> str:
    """An absolute ``https`` URL (``http`` only for a loopback host: webhooks carry payer data)."""
    url_text = text(value, field, max_length=URL_MAX_LENGTH)
    try:
        url = httpx.URL(url_text)
        host = url.host  # decoded here: idna's errors (host "xn--") are ValueErrors
    except (httpx.InvalidURL, ValueError):
        raise ValidationError(f"{field} is not a valid URL", field=field) from None
    if url.scheme not in ("https", "http") or not host:
        raise ValidationError(f"{field} must be an absolute https URL", field=field)
    if url.scheme == "http" and not is_loopback_host(host):
        raise ValidationError(
            f"{field} must use https (http only for a loopback host)", field=field
        )
    return url_text


def expiration_minutes(value: object, field: str = "expiration_in_minutes") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{field} must be an int", field=field)
    if not 1 <= value <= MAX_EXPIRATION_MINUTES:
        raise ValidationError(
            f"{field} must be between 1 and {MAX_EXPIRATION_MINUTES}", field=field
        )
    return value


def document(value: object, field: str) -> str:
    """A valid CPF or CNPJ, returned in canonical form (punctuation removed, upper case)."""
    if not isinstance(value, str):
        raise ValidationError(f"{field} must be a str", field=field)
    canonical = normalize_document(value)
    problem = document_problem(canonical)
    if problem:
        raise ValidationError(f"{field}: {problem}", field=field)
    return canonical


def pix_key(key_type: object, key: object, field: str = "destination") -> tuple[PixKeyType, str]:
    """A PIX key matching its type (D-11), returned in canonical form."""
    kind = known_member(PixKeyType, key_type, f"{field}.pix_key_type")
    if not isinstance(key, str):
        raise ValidationError(f"{field}.pix_key must be a str", field=f"{field}.pix_key")
    try:
        return kind, validate_pix_key(kind, key)
    except InvalidPixKey as exc:
        raise ValidationError(f"{field}.pix_key: {exc}", field=f"{field}.pix_key") from None


def digits(value: object, field: str, pattern: re.Pattern[str], shape: str) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise ValidationError(f"{field} must be {shape}", field=field)
    return value


def ispb(value: object, field: str) -> str:
    return digits(value, field, _ISPB_RE, "8 digits")


def branch(value: object, field: str) -> str:
    return digits(value, field, _BRANCH_RE, "1 to 4 digits")


def account(value: object, field: str) -> str:
    return digits(value, field, _ACCOUNT_RE, "1 to 20 digits")


def known_member(enum: type[E], value: object, field: str) -> E:
    """A member of ``enum`` that this version knows (unknown values are fine in responses, not
    in requests)."""
    member: E | None = None
    if isinstance(value, str):
        try:
            member = enum(value)
        except ValueError:
            member = None
    if member is None or not getattr(member, "is_known", True):
        allowed = ", ".join(m.value for m in enum)
        raise ValidationError(f"{field} must be one of {allowed}", field=field)
    return member


def idempotency_key(value: object) -> UUID:
    """The caller's key (a UUID or its string form) or a new UUID v4."""
    if value is None:
        return uuid.uuid4()  # new_idempotency_key(), without the extra call on every POST
    try:
        return resolve_idempotency_key(value)  # type: ignore[arg-type]
    except ValueError as exc:
        raise ValidationError(str(exc), field="idempotency_key") from None
