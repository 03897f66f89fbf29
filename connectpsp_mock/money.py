"""Exact money (D-01): amounts are ``Decimal`` with at most two places; never binary floats."""

from __future__ import annotations

from decimal import Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_AMOUNT = Decimal("1000000000")  # D-01 sanity cap (R$ 1 bn)


def has_at_most_two_places(value: Decimal) -> bool:
    """Exact check of ``multipleOf: 0.01``. Call only on values already bounded by MAX_AMOUNT."""
    return value.is_finite() and value.quantize(CENT) == value


def cents(value: Decimal) -> Decimal:
    """The canonical stored form: quantised to two places (the value must already be exact)."""
    return value.quantize(CENT)


def brl(value: Decimal) -> str:
    """``Decimal("500")`` -> ``"500.00"``, as in the docs' INSUFFICIENT_FUNDS detail."""
    return format(value.quantize(CENT), "f")


def cents_part(value: Decimal) -> int:
    """The centavos of an amount: ``Decimal("10.91")`` -> 91 (magic settlement amounts)."""
    return int((value.quantize(CENT) * 100) % 100)
