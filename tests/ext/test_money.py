"""Amounts: Decimal in, checked before sending, exact on the wire and back."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from connectpsp_ext import ValidationError, to_amount

from .fakes import FakeConnectPSP, body_of, cash_in_kwargs, make_client


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0.07"), "0.07"),
        (Decimal("10"), "10.00"),
        (Decimal("10.5"), "10.50"),
        (Decimal("10.000"), "10.00"),
        (Decimal("1E+3"), "1000.00"),
        (7, "7.00"),
        ("150.5", "150.50"),
        (Decimal("1000000000"), "1000000000.00"),
    ],
)
def test_accepted_amounts_are_exact(value: object, expected: str) -> None:
    assert str(to_amount(value)) == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (0.07, "not float"),
        (True, "not bool"),
        (None, "not NoneType"),
        (Decimal("NaN"), "finite"),
        (Decimal("Infinity"), "finite"),
        ("abc", "not a number"),
        ("10,07", "not a number"),
        (Decimal("0"), "greater than zero"),
        (Decimal("-1.00"), "greater than zero"),
        (Decimal("0.001"), "two decimal places"),
        (Decimal("10.075"), "two decimal places"),
        (Decimal("1000000000.01"), "at most"),
    ],
)
def test_rejected_amounts(value: object, fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        to_amount(value)
    assert fragment in str(info.value)
    assert info.value.field == "amount"
    assert info.value.status is None


def test_float_error_explains_why() -> None:
    with pytest.raises(ValidationError, match=r"Decimal\('10.07'\)"):
        to_amount(10.07)


def test_zero_allowed_for_targets_and_never_negative_zero() -> None:
    assert str(to_amount(Decimal("-0"), allow_zero=True)) == "0.00"
    with pytest.raises(ValidationError):
        to_amount(Decimal("-0.01"), allow_zero=True)


def test_decimal_round_trip_on_the_wire(server: FakeConnectPSP) -> None:
    # The response carries 10.07 as a JSON number, written by hand to control the bytes.
    raw = (
        b'{"transactionId":"kk6g","internalCode":"US7B1JQ","externalReference":"r",'
        b'"status":"AWAITING_PAYMENT","amount":10.07,'
        b'"payer":{"name":"Test User","document":"12345678909"},'
        b'"requestedAt":"2026-03-10T11:20:00-03:00"}'
    )
    server.queue("POST /cash-in", httpx.Response(201, content=raw))
    with make_client(server) as psp:
        result = psp.cash_in.create(**cash_in_kwargs(amount=Decimal("0.07")))
    sent = server.api_requests[0].content
    assert b'"amount":0.07,' in sent
    assert body_of(server.api_requests[0])["amount"] == Decimal("0.07")
    assert result.data.amount == Decimal("10.07")
    assert isinstance(result.data.amount, Decimal)
    assert str(result.data.amount) == "10.07"


def test_integer_amount_response_is_decimal(server: FakeConnectPSP) -> None:
    with make_client(server) as psp:
        balance = psp.account.balance().data
    assert balance.consolidated.total_balance == Decimal(1500000)
    assert isinstance(balance.consolidated.total_balance, Decimal)


def test_float_in_a_response_becomes_the_decimal_it_prints_as(server: FakeConnectPSP) -> None:
    # CASH_IN is encoded by json.dumps from the float 10.0: the client reads it as Decimal.
    with make_client(server) as psp:
        amount = psp.cash_in.get("US7B1JQ").data.amount
    assert isinstance(amount, Decimal)
    assert amount == Decimal("10.0")


def test_float_amount_sends_nothing(server: FakeConnectPSP) -> None:
    with make_client(server) as psp, pytest.raises(ValidationError):
        psp.cash_in.create(**cash_in_kwargs(amount=0.07))
    assert server.requests == []
