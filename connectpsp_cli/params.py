"""Parameter types: money as ``Decimal`` (never float), PIX keys and bank accounts."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import click

from connectpsp_ext import ValidationError, bank_account_destination, pix_key_destination
from connectpsp_ext.destinations import Destination
from connectpsp_ext.types import BankAccountType, PixKeyType


class AmountType(click.ParamType[Decimal, Any]):
    """``10.00`` -> ``Decimal("10.00")``; the SDK checks the rules (> 0, two decimals, ...)."""

    name = "amount"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> Decimal:
        if isinstance(value, Decimal):
            return value
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation:
            self.fail("must be a number such as 10.00", param, ctx)
        if not amount.is_finite():
            self.fail("must be a finite number", param, ctx)
        return amount


AMOUNT = AmountType()


def destination(pix_key: str | None, bank_account: str | None) -> Destination:
    """``--pix-key TYPE:KEY`` or ``--bank-account ISPB:BRANCH:ACCOUNT:TYPE`` (exactly one)."""
    if (pix_key is None) == (bank_account is None):
        raise click.UsageError("give exactly one of --pix-key and --bank-account")
    try:
        if pix_key is not None:
            kind, sep, key = pix_key.partition(":")
            if not sep or not key:
                raise click.BadParameter(
                    "use TYPE:KEY, e.g. EMAIL:maria@example.com", param_hint="--pix-key"
                )
            return pix_key_destination(PixKeyType(kind.strip().upper()), key.strip())
        assert bank_account is not None
        parts = [p.strip() for p in bank_account.split(":")]
        if len(parts) != 4:
            raise click.BadParameter(
                "use ISPB:BRANCH:ACCOUNT:TYPE, e.g. 18236120:0001:947710840:PAYMENT",
                param_hint="--bank-account",
            )
        ispb, branch, account, account_type = parts
        return bank_account_destination(
            ispb=ispb,
            branch=branch,
            account=account,
            account_type=BankAccountType(account_type.upper()),
        )
    except ValidationError as exc:
        option = "--pix-key" if pix_key is not None else "--bank-account"
        raise click.BadParameter(str(exc.message), param_hint=option) from None
