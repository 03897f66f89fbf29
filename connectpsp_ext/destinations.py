"""Cash-out destinations, validated and built as the generated models.

pix_key_destination("CPF", "123.456.789-09")       # -> PixDestination (canonical key)
bank_account_destination(ispb="18236120", branch="0001", account="947710840",
                         account_type="PAYMENT")  # -> BankAccountDestination
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from connectpsp_client import models

from . import validation
from .errors import ValidationError
from .types import AccountTypeName, PixKeyTypeName

# The models are reached through ``models.`` at run time, so that each is imported by the first
# call that builds one, not with the client (D-57); annotations name them directly.
if TYPE_CHECKING:
    from connectpsp_client.models import (
        BankAccountDestination,
        BankAccountType,
        PixDestination,
        PixKeyType,
    )

Destination: TypeAlias = "PixDestination | BankAccountDestination"


def pix_key_destination(key_type: PixKeyType | PixKeyTypeName, key: str) -> PixDestination:
    """A PIX-key destination; the key must match its type (D-11) and is normalised."""
    kind, canonical = validation.pix_key(key_type, key)
    return models.PixDestination(type_="PIX", pix_key_type=kind, pix_key=canonical)


def bank_account_destination(
    *,
    ispb: str,
    branch: str,
    account: str,
    account_type: BankAccountType | AccountTypeName,
) -> BankAccountDestination:
    """A bank-account destination (D-18: ISPB 8 digits, branch 1-4, account 1-20 digits)."""
    field = "destination.bank_account"
    return models.BankAccountDestination(
        type_="BANK_ACCOUNT",
        bank_account=models.BankAccount(
            ispb=validation.ispb(ispb, f"{field}.ispb"),
            branch=validation.branch(branch, f"{field}.branch"),
            account=validation.account(account, f"{field}.account"),
            account_type=validation.known_member(
                models.BankAccountType, account_type, f"{field}.account_type"
            ),
        ),
    )


def checked_destination(destination: object) -> Destination:
    """Re-validate a destination built by hand from the generated models."""
    if isinstance(destination, models.PixDestination):
        kind, canonical = validation.pix_key(destination.pix_key_type, destination.pix_key)
        if kind == destination.pix_key_type and canonical == destination.pix_key:
            return destination  # already canonical (built by pix_key_destination)
        return models.PixDestination(type_="PIX", pix_key_type=kind, pix_key=canonical)
    if isinstance(destination, models.BankAccountDestination):
        bank = destination.bank_account
        return bank_account_destination(
            ispb=bank.ispb, branch=bank.branch, account=bank.account, account_type=bank.account_type
        )
    raise ValidationError(
        "destination must be a PixDestination or a BankAccountDestination (see "
        "pix_key_destination() and bank_account_destination())",
        field="destination",
    )
