"""CPF/CNPJ: known vectors, error messages and property tests."""

from __future__ import annotations

import random
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connectpsp_ext.pix import (
    InvalidDocument,
    PixValidationError,
    format_document,
    is_valid_cnpj,
    is_valid_cpf,
    is_valid_document,
    mask_document,
    normalize_document,
    validate_document,
)
from connectpsp_ext.pix.documents import (
    cnpj_check_digits,
    cpf_check_digits,
    format_cnpj,
    format_cpf,
    generate_cnpj,
    generate_cpf,
)

seeds = st.integers(min_value=0, max_value=2**32)


# --- known vectors ---------------------------------------------------------------------------


def test_cpf_known_vectors() -> None:
    assert is_valid_cpf("12345678909")  # the docs' example
    assert not is_valid_cpf("12345678900")
    assert cpf_check_digits("123456789") == "09"
    assert is_valid_cpf("52998224725")
    assert cpf_check_digits("529982247") == "25"


def test_cnpj_numeric_known_vector() -> None:
    assert is_valid_cnpj("11222333000181")
    assert cnpj_check_digits("112223330001") == "81"
    assert not is_valid_cnpj("11222333000182")


def test_cnpj_alphanumeric_receita_example() -> None:
    # Receita Federal's published example of the 2026 alphanumeric CNPJ. Worked by hand:
    # values 1,2,17,18,19,3,4,5,0,1,20,21; weights 5432 98765432 -> sum 459, 459 % 11 = 8 -> 3;
    # second pass with 3 appended, weights 65432 98765432 -> sum 424, 424 % 11 = 6 -> 5.
    assert cnpj_check_digits("12ABC34501DE") == "35"
    assert is_valid_cnpj("12ABC34501DE35")
    assert not is_valid_cnpj("12ABC34501DE36")
    assert format_cnpj("12ABC34501DE35") == "12.ABC.345/01DE-35"


@pytest.mark.parametrize("digit", string.digits)
def test_repeated_digits_rejected_although_their_check_digits_match(digit: str) -> None:
    assert not is_valid_cpf(digit * 11)
    assert not is_valid_cnpj(digit * 14)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "1234567890",  # 10 digits
        "123456789091",  # 12 digits
        "123.456.789-09",  # formatted: not canonical
        "1234567890A",  # letter in a CPF
        "12abc34501de35",  # lower-case alphanumeric CNPJ
        "12ABC34501DEA5",  # letter in the check digits
        " 12345678909",
        "\uff11" * 11,  # full-width digits are not ASCII digits
    ],
)
def test_non_canonical_or_malformed_documents_are_invalid(value: str) -> None:
    assert not is_valid_document(value)
    with pytest.raises(InvalidDocument):
        validate_document(value)


def test_non_strings_are_invalid_not_crashes() -> None:
    for value in (None, 12345678909, b"12345678909", ["12345678909"]):
        assert not is_valid_document(value)
        assert not is_valid_cpf(value)
        assert not is_valid_cnpj(value)


def test_normalize_document() -> None:
    assert normalize_document("123.456.789-09") == "12345678909"
    assert normalize_document(" 12.abc.345/01de-35 ") == "12ABC34501DE35"
    assert normalize_document("11 222 333 0001 81") == "11222333000181"


def test_format() -> None:
    assert format_cpf("12345678909") == "123.456.789-09"
    assert format_cpf("123.456.789-09") == "123.456.789-09"
    assert format_cnpj("11222333000181") == "11.222.333/0001-81"
    assert format_document("12345678909") == "123.456.789-09"
    assert format_document("11222333000181") == "11.222.333/0001-81"
    with pytest.raises(InvalidDocument):
        format_cpf("12345678900")


def test_mask_document_never_echoes_the_whole_value() -> None:
    assert mask_document("12345678909") == "***.456.789-**"
    assert mask_document("12ABC34501DE35") == "**.***.345/01DE-**"
    assert mask_document("not-a-document") == "***"
    assert mask_document(None) == "***"


def test_error_messages_are_typed_and_do_not_contain_the_document() -> None:
    for bad in ("12345678900", "11222333000182", "12ABC34501DE36", "98765432101", "1234"):
        with pytest.raises(PixValidationError) as info:
            validate_document(bad)
        assert isinstance(info.value, ValueError)
        assert bad not in str(info.value)
        assert bad[:9] not in str(info.value)
    with pytest.raises(InvalidDocument, match="CPF check digits do not match"):
        validate_document("12345678900")
    with pytest.raises(InvalidDocument, match="CNPJ check digits do not match"):
        validate_document("11222333000182")


def test_check_digit_functions_reject_bad_bases() -> None:
    with pytest.raises(InvalidDocument):
        cpf_check_digits("12345678")
    with pytest.raises(InvalidDocument):
        cnpj_check_digits("12abc34501de")


# --- properties ------------------------------------------------------------------------------


@given(seeds)
def test_generated_cpfs_validate(seed: int) -> None:
    cpf = generate_cpf(random.Random(seed))
    assert is_valid_cpf(cpf) and is_valid_document(cpf)
    assert not is_valid_cnpj(cpf)


@given(seeds, st.booleans())
def test_generated_cnpjs_validate(seed: int, alphanumeric: bool) -> None:
    cnpj = generate_cnpj(random.Random(seed), alphanumeric=alphanumeric)
    assert is_valid_cnpj(cnpj) and is_valid_document(cnpj)
    assert cnpj[12:].isdigit()
    assert cnpj.isdigit() is (not alphanumeric)


def test_generation_is_reproducible() -> None:
    assert generate_cpf(random.Random(7)) == generate_cpf(random.Random(7))
    assert generate_cnpj(random.Random(7), True) == generate_cnpj(random.Random(7), True)


def _reference_dv(values: list[int]) -> int:
    # Independent textbook form: weights 2, 3, ... from the right (cycling after 9 for the CNPJ,
    # up to 11 for the CPF), dv = (10 * sum % 11) % 10, which equals "0 if r < 2 else 11 - r".
    cycle = 8 if len(values) >= 12 else 99
    total = sum(v * (2 + i % cycle) for i, v in enumerate(reversed(values)))
    return (total * 10 % 11) % 10


def _reference_valid(doc: str) -> bool:
    values = [ord(c) - 48 for c in doc]
    body = values[:-2]
    first = _reference_dv(body)
    return values[-2:] == [first, _reference_dv([*body, first])] and len(set(doc)) > 1


def test_reference_agrees_on_known_vectors() -> None:
    for doc in ("12345678909", "52998224725", "11222333000181", "12ABC34501DE35"):
        assert _reference_valid(doc)
    assert not _reference_valid("12345678900")


@given(seeds, st.integers(min_value=0, max_value=10), st.integers(min_value=1, max_value=9))
def test_one_changed_cpf_digit(seed: int, position: int, delta: int) -> None:
    cpf = generate_cpf(random.Random(seed))
    changed = cpf[:position] + str((int(cpf[position]) + delta) % 10) + cpf[position + 1 :]
    if position >= 9:  # a changed check digit can never validate
        assert not is_valid_cpf(changed)
    # In the base, mod 11 misses about 0.2% of substitutions (remainders 0 and 1 both give 0);
    # the validator must agree with the independent reference on every one.
    assert is_valid_cpf(changed) is _reference_valid(changed)


@given(seeds, st.booleans(), st.integers(min_value=0, max_value=13), st.data())
def test_one_changed_cnpj_character(
    seed: int, alphanumeric: bool, position: int, data: st.DataObject
) -> None:
    cnpj = generate_cnpj(random.Random(seed), alphanumeric=alphanumeric)
    alphabet = string.digits if position >= 12 else string.digits + string.ascii_uppercase
    replacement = data.draw(st.sampled_from([c for c in alphabet if c != cnpj[position]]))
    changed = cnpj[:position] + replacement + cnpj[position + 1 :]
    if position >= 12:
        assert not is_valid_cnpj(changed)
    # Alphanumeric blind spot: characters whose values differ by 11 (e.g. "A" = 17, "L" = 28)
    # leave both check digits unchanged. Compare with the reference instead of assuming.
    assert is_valid_cnpj(changed) is _reference_valid(changed)


def test_single_digit_errors_are_overwhelmingly_detected() -> None:
    rng = random.Random(2026)
    undetected = total = 0
    for _ in range(200):
        cpf = generate_cpf(rng)
        for i in range(11):
            for d in string.digits.replace(cpf[i], ""):
                total += 1
                undetected += is_valid_cpf(cpf[:i] + d + cpf[i + 1 :])
    assert undetected / total < 0.01


@given(seeds, st.sampled_from(["cpf", "cnpj", "cnpj-alnum"]))
def test_format_normalize_round_trip(seed: int, kind: str) -> None:
    rng = random.Random(seed)
    doc = (
        generate_cpf(rng)
        if kind == "cpf"
        else generate_cnpj(rng, alphanumeric=kind == "cnpj-alnum")
    )
    formatted = format_document(doc)
    assert formatted != doc
    assert normalize_document(formatted) == doc
    assert normalize_document(formatted.lower()) == doc
    assert format_document(formatted) == formatted
