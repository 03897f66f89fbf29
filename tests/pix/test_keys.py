"""PIX key detection, validation and normalisation (D-11)."""

from __future__ import annotations

import random
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connectpsp_ext.pix import (
    InvalidPixKey,
    PixValidationError,
    detect_pix_key_type,
    format_document,
    validate_pix_key,
)
from connectpsp_ext.pix.documents import generate_cnpj, generate_cpf
from connectpsp_ext.pix.keys import PixKeyType, is_valid_pix_key

VALID = [
    ("CPF", "12345678909"),
    ("CNPJ", "11222333000181"),
    ("CNPJ", "12ABC34501DE35"),
    ("EMAIL", "ana.silva+pix@example.com.br"),
    ("PHONE", "+5511987654321"),
    ("PHONE", "+551133334444"),
    ("EVP", "123e4567-e12b-12d1-a456-426655440000"),
]


@pytest.mark.parametrize(("kind", "key"), VALID)
def test_valid_keys_are_canonical_and_detected(kind: str, key: str) -> None:
    assert validate_pix_key(kind, key) == key
    assert validate_pix_key(PixKeyType(kind), key) == key
    assert is_valid_pix_key(kind, key)
    assert detect_pix_key_type(key) == kind


@pytest.mark.parametrize(
    ("kind", "raw", "canonical"),
    [
        ("CPF", "123.456.789-09", "12345678909"),
        ("CNPJ", "12.abc.345/01de-35", "12ABC34501DE35"),
        ("EMAIL", "  Ana.Silva@Example.COM ", "ana.silva@example.com"),
        ("PHONE", "+55 (11) 98765-4321", "+5511987654321"),
        ("EVP", "123E4567-E12B-12D1-A456-426655440000", "123e4567-e12b-12d1-a456-426655440000"),
    ],
)
def test_normalisation(kind: str, raw: str, canonical: str) -> None:
    assert validate_pix_key(kind, raw) == canonical
    assert is_valid_pix_key(kind, raw, canonical=False)
    assert not is_valid_pix_key(kind, raw)  # a server wants the canonical form
    assert detect_pix_key_type(raw) == kind


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("CPF", "12345678900"),  # wrong check digits
        ("CPF", "11111111111"),  # repeated digits
        ("CPF", "11222333000181"),  # a CNPJ under CPF
        ("CNPJ", "12345678909"),
        ("EMAIL", "no-at-sign.example.com"),
        ("EMAIL", "user@localhost"),  # no dot in the domain
        ("EMAIL", "a b@example.com"),
        ("EMAIL", "user@-example.com"),
        ("EMAIL", "x" * 66 + "@example.com"),  # 78 characters
        ("PHONE", "5511987654321"),  # no +
        ("PHONE", "+1 2025550123"),  # not Brazil
        ("PHONE", "+55119876543"),  # 9 digits after +55
        ("PHONE", "+55119876543210"),  # 12 digits
        ("EVP", "123e4567e12b12d1a456426655440000"),  # no hyphens
        ("EVP", "123e4567-e12b-12d1-a456-42665544000g"),
        ("EVP", "{123e4567-e12b-12d1-a456-426655440000}"),
    ],
)
def test_invalid_keys(kind: str, key: str) -> None:
    with pytest.raises(InvalidPixKey) as info:
        validate_pix_key(kind, key)
    assert isinstance(info.value, PixValidationError)
    assert key.strip() not in str(info.value)
    assert kind in str(info.value)
    assert not is_valid_pix_key(kind, key)


def test_email_length_limit_is_77() -> None:
    at_limit = "x" * 65 + "@example.com"
    assert len(at_limit) == 77
    assert validate_pix_key("EMAIL", at_limit) == at_limit


@pytest.mark.parametrize("kind", ["cpf", "RANDOM", "", "UNKNOWN"])
def test_unknown_key_types_are_rejected(kind: str) -> None:
    with pytest.raises(InvalidPixKey, match="unknown PIX key type"):
        validate_pix_key(kind, "12345678909")


def test_unknown_generated_enum_member_is_rejected() -> None:
    # The generated enum is tolerant (D-20): PixKeyType("BOGUS") is a pseudo-member.
    pseudo = PixKeyType("BOGUS")
    assert not pseudo.is_known
    with pytest.raises(InvalidPixKey):
        validate_pix_key(pseudo, "12345678909")


@pytest.mark.parametrize("key", ["", "hello", "12345", "+55", "@", "12345678900", None, 5])
def test_undetectable(key: object) -> None:
    assert detect_pix_key_type(key) is None  # type: ignore[arg-type]


def test_empty_or_non_string_key() -> None:
    with pytest.raises(InvalidPixKey):
        validate_pix_key("EVP", "")
    with pytest.raises(InvalidPixKey):
        validate_pix_key("EVP", None)  # type: ignore[arg-type]


@given(st.integers(min_value=0, max_value=2**32))
def test_generated_keys_detect_and_validate(seed: int) -> None:
    rng = random.Random(seed)
    keys = {
        "CPF": generate_cpf(rng),
        "CNPJ": generate_cnpj(rng, alphanumeric=rng.random() < 0.5),
        "EVP": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "PHONE": "+55" + "".join(rng.choice("0123456789") for _ in range(rng.choice((10, 11)))),
    }
    for kind, key in keys.items():
        assert detect_pix_key_type(key) == kind
        assert validate_pix_key(kind, key) == key
    formatted = format_document(keys["CPF"])
    assert validate_pix_key("CPF", formatted) == keys["CPF"]


@given(st.text(max_size=40))
def test_detection_is_consistent_with_validation(key: str) -> None:
    kind = detect_pix_key_type(key)
    if kind is None:
        assert not any(is_valid_pix_key(k, key, canonical=False) for k in PixKeyType)
    else:
        validate_pix_key(kind, key)
        others = [k for k in PixKeyType if k != kind]
        assert not any(is_valid_pix_key(k, key, canonical=False) for k in others)
