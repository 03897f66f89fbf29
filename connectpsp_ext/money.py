"""Amounts in BRL reais: exact ``Decimal`` in, exact JSON number out (D-01).

ConnectPSP amounts are JSON numbers with at most two decimal places. A binary float cannot hold
most centavo values (``0.07`` is ``0.0700000000000000066...``), so floats are refused outright
rather than silently rounded; ``Decimal("0.07")`` is written on the wire as ``0.07`` and a
response ``10.07`` is read back as ``Decimal("10.07")``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .errors import ValidationError

Amount = Decimal | int | str
"""What the public API accepts as an amount (never float)."""

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1000000000")  # D-01 sanity cap (R$ 1 bn)


def to_amount(value: object, *, field: str = "amount", allow_zero: bool = False) -> Decimal:
    """``value`` as an exact amount with two decimal places, or a ``ValidationError``.

    Accepts ``Decimal``, ``int`` and numeric ``str`` (``"10.07"``); refuses ``float``, ``bool``,
    NaN/Infinity, more than two decimal places, values <= 0 (< 0 with ``allow_zero``) and values
    above R$ 1,000,000,000.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        hint = " (binary floats cannot hold centavos exactly; use Decimal('10.07'))"
        raise ValidationError(
            f"{field} must be a decimal.Decimal, int or str, not {type(value).__name__}"
            + (hint if isinstance(value, float) else ""),
            field=field,
        )
    try:
        amount = value if isinstance(value, Decimal) else Decimal(value)
    except InvalidOperation:
        raise ValidationError(f"{field} is not a number", field=field) from None
    if not amount.is_finite():
        raise ValidationError(f"{field} must be a finite number", field=field)
    if amount < 0 or (not allow_zero and amount.is_zero()):
        bound = "zero or more" if allow_zero else "greater than zero"
        raise ValidationError(f"{field} must be {bound}", field=field)
    if amount > MAX_AMOUNT:
        raise ValidationError(f"{field} must be at most {MAX_AMOUNT}", field=field)
    cents = amount.quantize(CENT)
    if cents != amount:
        raise ValidationError(f"{field} must have at most two decimal places", field=field)
    return cents.copy_abs() if cents.is_zero() else cents  # never "-0.00" on the wire
