"""Cash-out destinations, validated and built as the generated models.

pix_key_destination("CPF", "123.456.789-09")       # -> PixDestination (canonical key)
bank_account_destination(ispb="18236120", branch="0001", account="947710840",
                         account_type="PAYMENT")  # -> BankAccountDestination
"""

from __future__ import annotations

from typing import Any

from connectpsp_client.models import (
    BankAccount,
    BankAccountDestination,
    BankAccountType,
    PixDestination,
    PixKeyType,
)

from . import validation
from .errors import ValidationError

Destination = PixDestination | BankAccountDestination

# Key types whose canonical key is a valid document (the same CPF/CNPJ rules, D-11).
_DOCUMENT_KEY_TYPES = (PixKeyType.CPF, PixKeyType.CNPJ)


class _VettedExtras(dict[str, Any]):
    """The ``additional_properties`` of a PixDestination made by :func:`pix_key_destination`:
    an ordinary (empty) dict, so the wire form, repr and equality are unchanged, that also
    remembers the key type and key that passed validation. No global state: it lives and dies
    with the destination."""

    __slots__ = ("key", "kind")

    def __init__(self, kind: PixKeyType, key: str) -> None:  # always empty: no dict.__init__
        self.kind = kind
        self.key = key


def vetted_copy(destination: object) -> PixDestination | None:
    """A fresh copy of a destination made by :func:`pix_key_destination` that still holds
    exactly the values it was validated with (validity depends only on them, so they need no
    second check); None for anything else."""
    if not isinstance(destination, PixDestination):
        return None
    extras = destination.additional_properties
    if (
        type(extras) is _VettedExtras
        and destination.pix_key_type is extras.kind
        and destination.pix_key is extras.key
    ):
        # Built from the validated values, not re-read from the (mutable) destination.
        return PixDestination(type_="PIX", pix_key_type=extras.kind, pix_key=extras.key)
    return None


def vetted_document(vetted: PixDestination | None) -> str | None:
    """The CPF or CNPJ that a :func:`vetted_copy` carries as its key (a payee document equal to
    it is valid), else None."""
    if vetted is not None and vetted.pix_key_type in _DOCUMENT_KEY_TYPES:
        return vetted.pix_key
    return None


def pix_key_destination(key_type: PixKeyType | str, key: str) -> PixDestination:
    """A PIX-key destination; the key must match its type (D-11) and is normalised."""
    kind, canonical = validation.pix_key(key_type, key)
    destination = PixDestination(type_="PIX", pix_key_type=kind, pix_key=canonical)
    destination.additional_properties = _VettedExtras(kind, canonical)
    return destination


def bank_account_destination(
    *, ispb: str, branch: str, account: str, account_type: BankAccountType | str
) -> BankAccountDestination:
    """A bank-account destination (D-18: ISPB 8 digits, branch 1-4, account 1-20 digits)."""
    field = "destination.bank_account"
    return BankAccountDestination(
        type_="BANK_ACCOUNT",
        bank_account=BankAccount(
            ispb=validation.ispb(ispb, f"{field}.ispb"),
            branch=validation.branch(branch, f"{field}.branch"),
            account=validation.account(account, f"{field}.account"),
            account_type=validation.known_member(
                BankAccountType, account_type, f"{field}.account_type"
            ),
        ),
    )


def checked_destination(destination: object) -> Destination:
    """Re-validate a destination built by hand from the generated models."""
    if isinstance(destination, PixDestination):
        vetted = vetted_copy(destination)
        if vetted is not None:
            return vetted
        return pix_key_destination(destination.pix_key_type, destination.pix_key)
    if isinstance(destination, BankAccountDestination):
        bank = destination.bank_account
        return bank_account_destination(
            ispb=bank.ispb, branch=bank.branch, account=bank.account, account_type=bank.account_type
        )
    raise ValidationError(
        "destination must be a PixDestination or a BankAccountDestination (see "
        "pix_key_destination() and bank_account_destination())",
        field="destination",
    )
