"""A user's ``mypy --strict`` sees typed results and rejects misspelt enum-like arguments."""

from __future__ import annotations

import textwrap
import typing
from pathlib import Path

import pytest
from connectpsp_client.models import BankAccountType, PixKeyType, RefundReason

from connectpsp_ext import types
from tests.support.mypy_run import mypy_strict

USER_SCRIPT = textwrap.dedent(
    """
    from decimal import Decimal

    from connectpsp_ext import ConnectPSP, bank_account_destination, pix_key_destination
    from connectpsp_ext.types import CashOut

    with ConnectPSP.from_env() as psp:
        result = psp.cash_out.create(
            amount=Decimal("1.00"),
            external_reference="order-1",
            payee_name="Maria",
            payee_document="11222333000181",
            destination=pix_key_destination("CPF", "12345678909"),
        )
        reveal_type(result.data)
        cash_out: CashOut = result.data
        psp.cash_in.refund("US7B1JQ", "FRAUD")
        psp.cash_in.refund("US7B1JQ", "BECAUSE")  # line 18
        pix_key_destination("CPFF", "12345678909")  # line 19
        bank_account_destination(
            ispb="1", branch="1", account="1", account_type="SAVING"  # line 21
        )
    """
)


@pytest.mark.slow
def test_users_mypy_sees_the_models_and_rejects_typos(tmp_path: Path) -> None:
    lines, output = mypy_strict(tmp_path, USER_SCRIPT)
    assert 'user.py:15: note: Revealed type is "connectpsp_client.models.cash_out.CashOut"' in lines
    errors = sorted(line.split(":")[1] for line in lines if ": error:" in line)
    assert errors == ["18", "19", "21"], output
    assert "missing library stubs or py.typed marker" not in output


@pytest.mark.parametrize(
    ("alias", "enum"),
    [
        (types.RefundReasonName, RefundReason),
        (types.PixKeyTypeName, PixKeyType),
        (types.AccountTypeName, BankAccountType),
    ],
)
def test_literal_types_list_the_generated_enum_values(alias: object, enum: type) -> None:
    assert set(typing.get_args(alias)) == {member.value for member in enum}
