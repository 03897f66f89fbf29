"""PIX key type detection, validation and normalisation (D-11).

Key types are the spec's enum (``connectpsp_client.models.PixKeyType``, a ``StrEnum``; plain strings
such as ``"CPF"`` work everywhere). Rules, following BACEN's DICT formats:

- ``CPF`` / ``CNPJ``: valid check digits, canonical form (punctuation is removed on normalisation);
  the alphanumeric CNPJ is accepted.
- ``EMAIL``: a plausible address of at most 77 characters, normalised to lower case (DICT stores
  e-mail keys in lower case).
- ``PHONE``: ``+55`` followed by 10 or 11 digits (spaces, ``-``, ``(`` and ``)`` are removed).
- ``EVP``: a random key, a UUID in its lower-case canonical 8-4-4-4-12 form.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from connectpsp_client.models.pix_key_type import PixKeyType

from .documents import cnpj_problem, cpf_problem, normalize_document
from .errors import InvalidPixKey

__all__ = [
    "EMAIL_KEY_MAX_LENGTH",
    "PixKeyType",
    "detect_pix_key_type",
    "is_valid_pix_key",
    "normalize_pix_key",
    "validate_pix_key",
]

EMAIL_KEY_MAX_LENGTH = 77

# DICT's e-mail pattern (lower case), plus at least one dot in the domain.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_EMAIL_RE = re.compile(rf"[a-z0-9.!#$&'*+/=?^_`{{|}}~-]+@{_LABEL}(?:\.{_LABEL})+")
_PHONE_RE = re.compile(r"\+55[0-9]{10,11}")
_EVP_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_PHONE_SEPARATORS = str.maketrans("", "", " -()")

_KNOWN_TYPES = {t.value: t for t in PixKeyType}
# Detection order; the formats are disjoint, so the order only matters for speed.
_DETECTION_ORDER = (
    PixKeyType.EVP,
    PixKeyType.EMAIL,
    PixKeyType.PHONE,
    PixKeyType.CPF,
    PixKeyType.CNPJ,
)


def _cpf(key: str) -> str:
    value = normalize_document(key)
    problem = cpf_problem(value)
    if problem:
        raise InvalidPixKey(f"PIX key of type CPF: {problem}")
    return value


def _cnpj(key: str) -> str:
    value = normalize_document(key)
    problem = cnpj_problem(value)
    if problem:
        raise InvalidPixKey(f"PIX key of type CNPJ: {problem}")
    return value


def _email(key: str) -> str:
    value = key.strip().lower()
    if len(value) > EMAIL_KEY_MAX_LENGTH:
        raise InvalidPixKey(f"PIX key of type EMAIL: longer than {EMAIL_KEY_MAX_LENGTH} characters")
    if not _EMAIL_RE.fullmatch(value):
        raise InvalidPixKey("PIX key of type EMAIL: not a valid e-mail address")
    return value


def _phone(key: str) -> str:
    value = key.strip().translate(_PHONE_SEPARATORS)
    if not _PHONE_RE.fullmatch(value):
        raise InvalidPixKey("PIX key of type PHONE: must be +55 followed by 10 or 11 digits")
    return value


def _evp(key: str) -> str:
    value = key.strip().lower()
    if not _EVP_RE.fullmatch(value):
        raise InvalidPixKey("PIX key of type EVP: must be a UUID (8-4-4-4-12 hex digits)")
    return value


_NORMALISERS: dict[PixKeyType, Callable[[str], str]] = {
    PixKeyType.CPF: _cpf,
    PixKeyType.CNPJ: _cnpj,
    PixKeyType.EMAIL: _email,
    PixKeyType.PHONE: _phone,
    PixKeyType.EVP: _evp,
}


def validate_pix_key(key_type: str, key: str) -> str:
    """Return ``key`` in its canonical form for ``key_type``; raise :class:`InvalidPixKey`.

    The canonical form is what must go on the wire: e.g. ``("CPF", "123.456.789-09")`` ->
    ``"12345678909"``, ``("EMAIL", " Ana@Example.COM")`` -> ``"ana@example.com"``.
    """
    kind = _KNOWN_TYPES.get(key_type) if isinstance(key_type, str) else None
    if kind is None:
        raise InvalidPixKey(f"unknown PIX key type; expected one of {', '.join(_KNOWN_TYPES)}")
    if not isinstance(key, str) or not key:
        raise InvalidPixKey("a PIX key must be a non-empty string")
    return _NORMALISERS[kind](key)


def normalize_pix_key(key_type: str, key: str) -> str:
    """Alias of :func:`validate_pix_key`, for call sites that read better this way."""
    return validate_pix_key(key_type, key)


def is_valid_pix_key(key_type: str, key: str, *, canonical: bool = True) -> bool:
    """True when ``key`` is a valid key of ``key_type``. With ``canonical=True`` (the default, what
    a server should check) it must also already be in canonical form."""
    try:
        normalised = validate_pix_key(key_type, key)
    except InvalidPixKey:
        return False
    return normalised == key or not canonical


def detect_pix_key_type(key: str) -> PixKeyType | None:
    """The type a key belongs to (``PixKeyType``, a ``str``), or ``None`` when it fits none.

    Uses the same rules as :func:`validate_pix_key`, so ``validate_pix_key(detected, key)``
    always succeeds. The formats are disjoint: a phone needs ``+``, an e-mail ``@``, an EVP
    hyphens in 8-4-4-4-12, and CPF (11) and CNPJ (14) differ in length.
    """
    if not isinstance(key, str) or not key:
        return None
    for kind in _DETECTION_ORDER:
        try:
            _NORMALISERS[kind](key)
        except InvalidPixKey:
            continue
        return kind
    return None
