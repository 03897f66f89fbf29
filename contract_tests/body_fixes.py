"""Pure fixes applied to *valid* (positive-mode) generated bodies so that they are valid for real.

The spec cannot express one ConnectPSP rule in JSON Schema, so schemathesis' "valid" data breaks
it: documents, and PIX keys of type CPF or CNPJ, need valid check digits (D-11), while
coverage-phase boundary strings come from ``pattern`` alone. We replace an invalid one by a valid
one of the same kind. (``pixKey`` matching ``pixKeyType`` needs no fix since D-46: the spec ties
each key type to its pattern with ``if``/``then``, so generators send matching pairs; a key of the
wrong shape is left alone and the API's 400 is the finding.)

Plus one representation issue: ``multipleOf: 0.01`` amounts are drawn as binary floats; any value
that is a whole number of centavos up to float noise (e.g. ``0.30000000000000004``) is snapped to
the float whose shortest repr has at most two decimals, so the JSON on the wire reads ``0.3``.
Values that are *not* near a centavo are left alone (they only occur in negative mode anyway).

Replacement values are derived deterministically from the value they replace (``zlib.crc32``), so a
seed still reproduces the exact request. Negative-mode bodies are never touched: their invalidity
is the point of the test.
"""

from __future__ import annotations

import math
import random
import zlib
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from connectpsp_ext.pix import is_valid_document
from connectpsp_ext.pix.keys import is_valid_pix_key

from .formats import cnpj_for, cpf_for, pix_key_for

MONEY_FIELDS = ("amount", "targetAmount")
CENT = Decimal("0.01")
# Float noise tolerated when deciding that a value "is" a whole number of centavos.
_SNAP_TOLERANCE = 1e-6


def _rng_for(value: object) -> random.Random:
    return random.Random(zlib.crc32(repr(value).encode("utf-8")))


def snap_to_cents(value: float) -> float | None:
    """The two-decimal float for ``value`` if within float noise of a centavo, else ``None``."""
    if not math.isfinite(value):
        return None
    cents = value * 100
    nearest = round(cents)
    if abs(cents - nearest) > _SNAP_TOLERANCE * max(1.0, abs(cents)):
        return None
    return float(Decimal(nearest).scaleb(-2))


def fix_money(body: dict[str, Any]) -> None:
    for field in MONEY_FIELDS:
        value = body.get(field)
        if isinstance(value, float):
            snapped = snap_to_cents(value)
            if snapped is not None:
                body[field] = snapped


def cap_money(body: dict[str, Any], cap: Decimal) -> None:
    """Fold positive amounts into ``(0, cap]`` keeping them whole centavos (staging safety)."""
    cap_cents = int((cap / CENT).to_integral_value(ROUND_HALF_EVEN))
    for field in MONEY_FIELDS:
        value = body.get(field)
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if not math.isfinite(value) or value <= 0:
            continue
        cents = round(value * 100)
        if cents > cap_cents:
            folded = (cents - 1) % cap_cents + 1
            body[field] = float(Decimal(folded).scaleb(-2))


def exceeds_cap(body: object, cap: Decimal) -> bool:
    """Whether any money field of ``body`` is a number above ``cap`` (e.g. a negative-mode case)."""
    if not isinstance(body, dict):
        return False
    for field in MONEY_FIELDS:
        value = body.get(field)
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if not math.isfinite(value) or Decimal(repr(value)) > cap:
            return True
    return False


def _fix_document(holder: dict[str, Any]) -> None:
    document = holder.get("document")
    if isinstance(document, str) and not is_valid_document(document):
        rng = _rng_for(document)
        holder["document"] = cnpj_for(rng) if len(document) == 14 else cpf_for(rng)


CHECK_DIGIT_KEY_LENGTHS = {"CPF": 11, "CNPJ": 14}


def _fix_destination(destination: dict[str, Any]) -> None:
    """Check digits of a CPF/CNPJ key that has the right shape; nothing else (D-46)."""
    if destination.get("type") != "PIX":
        return
    key_type = destination.get("pixKeyType")
    key = destination.get("pixKey")
    if key_type not in CHECK_DIGIT_KEY_LENGTHS or not isinstance(key, str):
        return
    if len(key) == CHECK_DIGIT_KEY_LENGTHS[key_type] and not is_valid_pix_key(key_type, key):
        destination["pixKey"] = pix_key_for(key_type, _rng_for((key_type, key)))


def fix_valid_body(body: object) -> None:
    """Apply every fix to a positive-mode JSON body, in place."""
    if not isinstance(body, dict):
        return
    fix_money(body)
    for party in ("payer", "payee"):
        holder = body.get(party)
        if isinstance(holder, dict):
            _fix_document(holder)
            destination = holder.get("destination")
            if isinstance(destination, dict):
                _fix_destination(destination)
