"""BR Code ("copia e cola"): CRC, the BACEN manual vector, build/parse and error handling."""

from __future__ import annotations

import random
import uuid
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connectpsp_ext.pix import InvalidBRCode, build_brcode, parse_brcode
from connectpsp_ext.pix.brcode import ascii_fold, brcode_builder, crc16_ccitt
from connectpsp_ext.pix.documents import generate_cpf

# Static example of BACEN's "Manual de Padrões para Iniciação do Pix" (EVP key, no amount).
BACEN_STATIC = (
    "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000"
    "5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D"
)


def reference_crc16(data: bytes) -> int:
    """Bit-by-bit CRC-16/CCITT-FALSE, written independently of the module's implementation."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def test_crc_check_value() -> None:
    assert crc16_ccitt(b"123456789") == 0x29B1
    assert reference_crc16(b"123456789") == 0x29B1
    assert crc16_ccitt(b"") == 0xFFFF


@given(st.binary(max_size=300))
def test_crc_matches_reference(data: bytes) -> None:
    assert crc16_ccitt(data) == reference_crc16(data)


def test_bacen_manual_vector() -> None:
    assert f"{reference_crc16(BACEN_STATIC[:-4].encode()):04X}" == "1D3D"
    code = parse_brcode(BACEN_STATIC)
    assert code.pix_key == "123e4567-e12b-12d1-a456-426655440000"
    assert code.location_url is None and code.amount is None and not code.dynamic
    assert (code.merchant_name, code.merchant_city, code.txid) == (
        "Fulano de Tal",
        "BRASILIA",
        "***",
    )
    assert code.crc == "1D3D"
    assert code.fields["52"] == "0000" and code.currency == "986" and code.country == "BR"
    rebuilt = build_brcode(
        pix_key=code.pix_key,
        amount=None,
        merchant_name="Fulano de Tal",
        merchant_city="BRASILIA",
        txid="***",
        dynamic=False,
    )
    assert rebuilt == BACEN_STATIC


def test_dynamic_code_layout() -> None:
    code = build_brcode(
        location_url="https://pix.example.com/qr/v2/9d36b84f",
        amount=Decimal("10.5"),
        merchant_name="Loja São João Comércio de Eletrônicos",
        merchant_city="São Paulo",
        txid="US7B1JQ",
    )
    assert code.startswith("000201010212")  # 00=01, 01=12
    assert "2652" + "0014br.gov.bcb.pix" + "2530pix.example.com/qr/v2/9d36b84f" in code
    assert "540510.50" in code
    assert "5925Loja Sao Joao Comercio de" in code
    assert "6009Sao Paulo" in code
    assert "62110507US7B1JQ" in code
    assert code[-8:-4] == "6304"
    assert code[-4:] == f"{reference_crc16(code[:-4].encode()):04X}"
    parsed = parse_brcode(code)
    assert parsed.dynamic and parsed.amount == Decimal("10.50")
    assert parsed.location_url == "pix.example.com/qr/v2/9d36b84f"


def test_ascii_fold() -> None:
    assert ascii_fold("  Açaí   Pão\tde Queijo ", 25) == "Acai Pao de Queijo"
    assert ascii_fold("Ωmega", 25) == "mega"
    assert ascii_fold("ab cd", 3) == "ab"


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (lambda s: s[:-4] + "0000", "CRC does not match"),
        (lambda s: s[:-1] + "E", "CRC does not match"),
        (lambda s: s.replace("Fulano", "Fulana"), "CRC does not match"),
        (lambda s: s[:-8], "must end with the CRC"),
        (lambda s: "", "must end with the CRC"),
    ],
)
def test_tampered_codes_are_rejected(mutation: object, message: str) -> None:
    with pytest.raises(InvalidBRCode, match=message):
        parse_brcode(mutation(BACEN_STATIC))  # type: ignore[operator]


def _with_crc(payload_without_crc: str) -> str:
    head = payload_without_crc + "6304"
    return head + f"{reference_crc16(head.encode()):04X}"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        # wrong payload format indicator
        ("000202" + BACEN_STATIC[6:-8], "payload format indicator"),
        # declared length longer than the data
        ("000201269900", "length does not match"),
        # no PIX GUI
        (
            "0002012622" + "0014br.gov.bcb.xxx0100" + "5204000053039865802BR5901A6001B62070503***",
            "length does not match",
        ),
        (
            "0002012621" + "0011com.example0102ab" + "5204000053039865802BR5901A6001B62070503***",
            "GUI",
        ),
        # currency not BRL
        (BACEN_STATIC[:-8].replace("5303986", "5303840"), "field 53"),
        # missing txid template
        (BACEN_STATIC[:-8].replace("62070503***", ""), "field 62"),
        # amount with three decimals, and not a number
        (BACEN_STATIC[:-8].replace("5802BR", "54051.0005802BR"), "amount"),
        (BACEN_STATIC[:-8].replace("5802BR", "54041,005802BR"), "amount"),
        (BACEN_STATIC[:-8].replace("5802BR", "54040.005802BR"), "positive"),
        # duplicated field
        (BACEN_STATIC[:-8] + "5802BR", "appears twice"),
        # bad point of initiation
        ("000201010213" + BACEN_STATIC[6:-8], "point of initiation"),
    ],
)
def test_structural_errors(payload: str, message: str) -> None:
    with pytest.raises(InvalidBRCode, match=message):
        parse_brcode(_with_crc(payload))


def test_crc_field_must_be_last() -> None:
    head = BACEN_STATIC[:-8] + "6304"
    crc = f"{reference_crc16(head.encode()):04X}"
    # valid CRC but followed by another field
    with pytest.raises(InvalidBRCode):
        parse_brcode(head + crc + "0000")


def test_lower_case_crc_is_accepted() -> None:
    assert parse_brcode(BACEN_STATIC[:-4] + "1d3d").crc == "1D3D"


COMMON: dict[str, Any] = {"merchant_name": "Loja", "merchant_city": "Recife", "txid": "***"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"amount": None}, "exactly one of"),
        ({"amount": None, "pix_key": "12345678909", "location_url": "x.com/a"}, "exactly one of"),
        ({"amount": 10.5, "pix_key": "12345678909"}, "never a float"),
        ({"amount": True, "pix_key": "12345678909"}, "never a float"),
        ({"amount": Decimal("10.005"), "pix_key": "12345678909"}, "two decimal places"),
        ({"amount": Decimal("0"), "pix_key": "12345678909"}, "positive"),
        ({"amount": Decimal("-1"), "pix_key": "12345678909"}, "positive"),
        ({"amount": Decimal("NaN"), "pix_key": "12345678909"}, "positive"),
        ({"amount": Decimal("1e13"), "pix_key": "12345678909"}, "too large"),
        ({"amount": None, "pix_key": "12345678900"}, "PIX key"),
        ({"amount": None, "pix_key": "123.456.789-09"}, "canonical"),
        ({"amount": None, "location_url": "http://x.com/a"}, "https"),
        ({"amount": None, "location_url": "https://x.com/a b"}, "without spaces"),
        ({"amount": None, "location_url": "https://x.com/" + "a" * 80}, "longer than 99"),
        ({"amount": None, "pix_key": "12345678909", "txid": "has space"}, "txid"),
        ({"amount": None, "pix_key": "12345678909", "txid": "x" * 26}, "txid"),
        ({"amount": None, "pix_key": "12345678909", "merchant_name": "ΩΩ"}, "printable"),
    ],
)
def test_build_errors(kwargs: dict[str, object], message: str) -> None:
    args = {**COMMON, **kwargs}
    with pytest.raises(InvalidBRCode, match=message):
        build_brcode(**args)


def test_build_error_messages_do_not_contain_the_key() -> None:
    with pytest.raises(InvalidBRCode) as info:
        build_brcode(pix_key="12345678900", amount=None, **COMMON)
    assert "12345678900" not in str(info.value)


def test_a_builder_checks_the_amount_and_txid_of_every_code() -> None:
    build = brcode_builder(pix_key="12345678909", merchant_name="Loja", merchant_city="Recife")
    assert parse_brcode(build(Decimal("10.50"), "ABC123")).txid == "ABC123"
    with pytest.raises(InvalidBRCode, match="two decimal places"):
        build(Decimal("10.005"), "ABC123")
    with pytest.raises(InvalidBRCode, match="never a float"):
        build(10.5, "ABC123")  # type: ignore[arg-type]
    with pytest.raises(InvalidBRCode, match="txid"):
        build(Decimal("1.00"), "has space")
    with pytest.raises(InvalidBRCode, match="PIX key"):
        brcode_builder(pix_key="12345678900", merchant_name="Loja", merchant_city="Recife")


def test_one_builder_writes_what_build_brcode_writes() -> None:
    """The mock keeps one builder for all its cash-ins: each code must be the one-off build's."""
    merchant: dict[str, Any] = {
        "pix_key": "7d9f0335-8dcc-4054-9bf9-0dbd61d36906",
        "merchant_name": "São Paulo Comércio",
        "merchant_city": "São Paulo",
    }
    build = brcode_builder(**merchant)
    rng = random.Random(7)
    for _ in range(200):
        amount = rng.choice([None, Decimal(rng.randint(1, 10**12)) / 100])
        txid = rng.choice(["***", "".join(rng.choices("ABCxyz0189", k=rng.randint(1, 25)))])
        code = build(amount, txid)
        assert code == build_brcode(amount=amount, txid=txid, **merchant)
        parsed = parse_brcode(code)
        assert (parsed.amount, parsed.txid, parsed.merchant_city) == (amount, txid, "Sao Paulo")


amounts = st.decimals(
    min_value=Decimal("0.01"), max_value=Decimal("1000000000"), places=2, allow_nan=False
)
names = st.text(min_size=1, max_size=40).filter(lambda s: ascii_fold(s, 25) != "")
cities = st.text(min_size=1, max_size=20).filter(lambda s: ascii_fold(s, 15) != "")


@given(
    seed=st.integers(min_value=0, max_value=2**32),
    use_key=st.booleans(),
    amount=st.none() | amounts,
    name=names,
    city=cities,
    txid=st.just("***") | st.from_regex(r"[A-Za-z0-9]{1,25}", fullmatch=True),
    dynamic=st.booleans(),
)
def test_build_parse_round_trip(
    seed: int,
    use_key: bool,
    amount: Decimal | None,
    name: str,
    city: str,
    txid: str,
    dynamic: bool,
) -> None:
    rng = random.Random(seed)
    key = rng.choice([generate_cpf(rng), str(uuid.UUID(int=rng.getrandbits(128), version=4))])
    url = f"pix.example.com/qr/v2/{rng.getrandbits(64):x}"
    code = build_brcode(
        pix_key=key if use_key else None,
        location_url=None if use_key else "https://" + url,
        amount=amount,
        merchant_name=name,
        merchant_city=city,
        txid=txid,
        dynamic=dynamic,
    )
    assert code.isascii()
    parsed = parse_brcode(code)
    assert parsed.pix_key == (key if use_key else None)
    assert parsed.location_url == (None if use_key else url)
    assert parsed.amount == amount
    assert parsed.merchant_name == ascii_fold(name, 25)
    assert parsed.merchant_city == ascii_fold(city, 15)
    assert parsed.txid == txid
    assert parsed.dynamic is dynamic
    assert code[-4:] == f"{reference_crc16(code[:-4].encode()):04X}"


def test_repr_leaves_out_the_pix_key() -> None:
    code = build_brcode(pix_key="12345678909", amount=None, **COMMON)
    parsed = parse_brcode(code)
    assert parsed.pix_key == "12345678909"
    assert "12345678909" not in repr(parsed)
