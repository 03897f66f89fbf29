"""Generated data is realistic: documents, PIX keys consistent with their type, two-decimal money,
and the staging amount cap."""

from __future__ import annotations

import json
import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from connectpsp_ext.pix import is_valid_document, is_valid_end_to_end_id
from connectpsp_ext.pix.keys import is_valid_pix_key
from contract_tests import body_fixes, formats


@pytest.mark.parametrize("key_type", formats.PIX_KEY_TYPES)
def test_generated_pix_keys_are_valid_for_their_type(key_type: str) -> None:
    rng = random.Random(1)
    for _ in range(300):
        key = formats.pix_key_for(key_type, rng)
        assert is_valid_pix_key(key_type, key), (key_type, key)


@settings(max_examples=200, database=None)
@given(formats.documents, formats.pix_keys, formats.e2e_ids)
def test_format_strategies_draw_valid_values(document: str, key: str, e2e: str) -> None:
    assert is_valid_document(document)
    assert any(is_valid_pix_key(kind, key) for kind in formats.PIX_KEY_TYPES)
    assert is_valid_end_to_end_id(e2e)


def cash_out_body(key_type: str, key: str, document: str = "12345678900") -> dict[str, object]:
    return {
        "amount": 0.1 + 0.2,
        "externalReference": "x",
        "payee": {
            "name": "Maria",
            "document": document,
            "destination": {"type": "PIX", "pixKeyType": key_type, "pixKey": key},
        },
    }


@pytest.mark.parametrize(
    ("key_type", "shaped"), [("CPF", "12345678900"), ("CNPJ", "11222333000100")]
)
def test_check_digits_of_document_keys_and_documents_are_fixed(key_type: str, shaped: str) -> None:
    body = cash_out_body(key_type, shaped)
    body_fixes.fix_valid_body(body)
    payee = body["payee"]
    assert isinstance(payee, dict)
    key = payee["destination"]["pixKey"]
    assert is_valid_pix_key(key_type, key) and len(key) == len(shaped)
    assert is_valid_document(payee["document"])
    assert json.dumps(body["amount"]) == "0.3"


@pytest.mark.parametrize("key_type", formats.PIX_KEY_TYPES)
def test_keys_are_not_redrawn_for_their_type_any_more(key_type: str) -> None:
    """D-46: the spec ties pixKey to pixKeyType; a mismatched pair is not papered over."""
    body = cash_out_body(key_type, "not-a-key-of-any-type")
    body_fixes.fix_valid_body(body)
    payee = body["payee"]
    assert isinstance(payee, dict)
    assert payee["destination"]["pixKey"] == "not-a-key-of-any-type"


def test_fixes_are_deterministic_and_keep_valid_values() -> None:
    first, second = cash_out_body("CPF", "11111111112"), cash_out_body("CPF", "11111111112")
    body_fixes.fix_valid_body(first)
    body_fixes.fix_valid_body(second)
    assert first == second
    valid = cash_out_body("CPF", "52998224725", document="52998224725")
    body_fixes.fix_valid_body(valid)
    payee = valid["payee"]
    assert isinstance(payee, dict)
    assert payee["destination"]["pixKey"] == "52998224725" and payee["document"] == "52998224725"


def test_bank_account_destinations_are_left_alone() -> None:
    destination = {"type": "BANK_ACCOUNT", "bankAccount": {"ispb": "18236120"}}
    body = {"amount": 1.5, "payee": {"document": "52998224725", "destination": dict(destination)}}
    body_fixes.fix_valid_body(body)
    assert body["payee"]["destination"] == destination  # type: ignore[index]


@settings(max_examples=300, database=None)
@given(st.integers(min_value=1, max_value=100_000_000_000))
def test_snapped_amounts_serialise_with_at_most_two_decimals(cents: int) -> None:
    noisy = cents * 0.01  # e.g. 3 * 0.01 -> 0.03, 7 * 0.1 ... binary noise included
    snapped = body_fixes.snap_to_cents(noisy)
    assert snapped is not None
    text = json.dumps(snapped)
    assert Decimal(text) == Decimal(cents).scaleb(-2)
    assert "." not in text or len(text.split(".")[1]) <= 2


@pytest.mark.parametrize("value", [0.005, 1.001, float("inf"), float("nan")])
def test_values_not_near_a_centavo_are_not_snapped(value: float) -> None:
    assert body_fixes.snap_to_cents(value) is None


def test_staging_cap_folds_valid_amounts_and_flags_big_ones() -> None:
    cap = Decimal("1.00")
    body = {"amount": 50.0, "targetAmount": 1000000.0}
    assert body_fixes.exceeds_cap(body, cap)
    body_fixes.cap_money(body, cap)
    assert 0 < body["amount"] <= 1 and 0 < body["targetAmount"] <= 1
    assert not body_fixes.exceeds_cap(body, cap)
    assert body_fixes.exceeds_cap({"amount": 1.01}, cap)
    assert not body_fixes.exceeds_cap({"amount": "1000"}, cap)  # not a number: rejected anyway
    small = {"amount": 0.99}
    body_fixes.cap_money(small, cap)
    assert small == {"amount": 0.99}
