"""BR Code, the PIX "copia e cola" payload (EMV QR Code Merchant-Presented Mode, as profiled by
BACEN's *Manual de Padrões para Iniciação do Pix*).

A BR Code is a flat string of TLV fields: 2-digit id, 2-digit length (in characters), value.
Fields used here (top level):

==  ======================================================================
00  payload format indicator, ``"01"``; always first
01  point of initiation: ``"12"`` = dynamic/single use (omitted for static codes)
26  merchant account: 00 = GUI ``br.gov.bcb.pix``, then 01 = PIX key (static) or 25 = location
    URL without ``https://`` (dynamic); 02 = optional free text
52  merchant category code, ``"0000"``
53  currency, ``"986"`` (BRL)
54  amount, optional, ``"10.00"``
58  country, ``"BR"``
59  merchant name, at most 25 characters
60  merchant city, at most 15 characters
62  additional data: 05 = txid (1-25 alphanumerics, or ``"***"`` when none)
63  CRC16-CCITT-FALSE of everything before it including ``"6304"``, 4 upper-case hex digits; last
==  ======================================================================
"""

from __future__ import annotations

import binascii
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .errors import InvalidBRCode
from .keys import detect_pix_key_type, validate_pix_key

PIX_GUI = "br.gov.bcb.pix"
MERCHANT_NAME_MAX = 25
MERCHANT_CITY_MAX = 15
TXID_MAX = 25
NO_TXID = "***"

_CENT = Decimal("0.01")
_AMOUNT_RE = re.compile(r"[0-9]{1,10}(\.[0-9]{1,2})?")
_TXID_RE = re.compile(r"[A-Za-z0-9]{1,25}")
_CRC_RE = re.compile(r"[0-9A-Fa-f]{4}")
_MAX_FIELD = 99  # the length is two digits


def crc16_ccitt(data: bytes) -> int:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor), the checksum of
    field 63. ``crc16_ccitt(b"123456789") == 0x29B1``."""
    # binascii.crc_hqx is exactly this polynomial, unreflected, with the initial value given.
    return binascii.crc_hqx(data, 0xFFFF)


def brcode_crc(payload_up_to_6304: str) -> str:
    """The 4 upper-case hex digits that follow ``"6304"``."""
    return f"{crc16_ccitt(payload_up_to_6304.encode('utf-8')):04X}"


@dataclass(frozen=True, slots=True)
class BRCode:
    """A parsed BR Code. ``location_url`` is as carried in the code, without ``https://``. The
    repr leaves out the PIX key and the raw maps: a key may be a person's CPF, e-mail or phone."""

    dynamic: bool
    pix_key: str | None = field(repr=False)
    location_url: str | None
    amount: Decimal | None
    merchant_name: str
    merchant_city: str
    txid: str
    crc: str
    merchant_category_code: str = "0000"
    currency: str = "986"
    country: str = "BR"
    fields: dict[str, str] = field(default_factory=dict, repr=False)
    """Top-level TLV map, id -> raw value (templates unparsed)."""
    merchant_account: dict[str, str] = field(default_factory=dict, repr=False)
    """Sub-fields of the PIX merchant account template (26)."""
    additional_data: dict[str, str] = field(default_factory=dict)
    """Sub-fields of template 62."""


# --- building -------------------------------------------------------------------------------


def _tlv(tag: str, value: str) -> str:
    if not value:
        raise InvalidBRCode(f"field {tag} is empty")
    if len(value) > _MAX_FIELD:
        raise InvalidBRCode(f"field {tag} is longer than {_MAX_FIELD} characters")
    return f"{tag}{len(value):02d}{value}"


def ascii_fold(text: str, max_length: int) -> str:
    """Strip accents (``"São Paulo"`` -> ``"Sao Paulo"``), drop what is not printable ASCII,
    collapse spaces and truncate: the safe character set for fields 59 and 60."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(c if " " <= c <= "~" else " " if c.isspace() else "" for c in decomposed)
    return " ".join(ascii_only.split())[:max_length].rstrip()


def format_amount(amount: Decimal) -> str:
    """Field 54: an exact positive amount with two decimals. Refuses anything needing rounding."""
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int):
        raise InvalidBRCode("amount must be a Decimal (never a float)")
    value = Decimal(amount)
    if not value.is_finite() or value <= 0:
        raise InvalidBRCode("amount must be a positive finite number")
    if value != value.quantize(_CENT):
        raise InvalidBRCode("amount must have at most two decimal places")
    text = f"{value.quantize(_CENT):f}"
    if len(text) > 13:
        raise InvalidBRCode("amount is too large for a BR Code")
    return text


def _location(url: str) -> str:
    value = url.strip()
    if value.lower().startswith("https://"):
        value = value[len("https://") :]
    elif "://" in value:
        raise InvalidBRCode("location URL must use https")
    if not value or any(c.isspace() or not (" " < c <= "~") for c in value):
        raise InvalidBRCode("location URL must be non-empty printable ASCII without spaces")
    return value


def _key(pix_key: str) -> str:
    kind = detect_pix_key_type(pix_key)
    if kind is None or validate_pix_key(kind, pix_key) != pix_key:
        raise InvalidBRCode("PIX key is not a valid key in canonical form")
    return pix_key


def build_brcode(
    *,
    pix_key: str | None = None,
    location_url: str | None = None,
    amount: Decimal | None,
    merchant_name: str,
    merchant_city: str,
    txid: str,
    dynamic: bool = True,
) -> str:
    """Build a BR Code string. Exactly one of ``pix_key`` (static style) and ``location_url``
    (dynamic style; ``https://`` is removed, as BACEN requires) must be given. ``txid`` is 1-25
    alphanumerics or ``"***"``. Name and city are ASCII-folded and truncated to 25 / 15."""
    merchant = brcode_builder(
        pix_key=pix_key,
        location_url=location_url,
        merchant_name=merchant_name,
        merchant_city=merchant_city,
        dynamic=dynamic,
    )
    return merchant(amount, txid)


def brcode_builder(
    *,
    pix_key: str | None = None,
    location_url: str | None = None,
    merchant_name: str,
    merchant_city: str,
    dynamic: bool = True,
) -> Callable[[Decimal | None, str], str]:
    """The BR Codes of one merchant: the arguments of :func:`build_brcode` without ``amount`` and
    ``txid``, checked and encoded once; the returned ``build(amount, txid)`` checks those two and
    writes the code with its CRC, the same string ``build_brcode`` gives for the same arguments.
    For a caller that writes many codes for the same merchant (the mock: one per cash-in)."""
    if (pix_key is None) == (location_url is None):
        raise InvalidBRCode("give exactly one of pix_key and location_url")
    account = _tlv("00", PIX_GUI)
    if pix_key is not None:
        account += _tlv("01", _key(pix_key))
    else:
        assert location_url is not None
        account += _tlv("25", _location(location_url))
    name = ascii_fold(merchant_name, MERCHANT_NAME_MAX)
    city = ascii_fold(merchant_city, MERCHANT_CITY_MAX)
    if not name or not city:
        raise InvalidBRCode("merchant name and city must contain printable characters")
    head = _tlv("00", "01")
    if dynamic:
        head += _tlv("01", "12")
    head += _tlv("26", account) + _tlv("52", "0000") + _tlv("53", "986")
    middle = _tlv("58", "BR") + _tlv("59", name) + _tlv("60", city)

    def build(amount: Decimal | None, txid: str) -> str:
        if txid != NO_TXID and not _TXID_RE.fullmatch(txid):
            raise InvalidBRCode(f"txid must be 1-{TXID_MAX} letters/digits or '***'")
        payload = head
        if amount is not None:
            payload += _tlv("54", format_amount(amount))
        payload += middle + _tlv("62", _tlv("05", txid)) + "6304"
        return payload + brcode_crc(payload)

    return build


# --- parsing --------------------------------------------------------------------------------


def parse_tlv(text: str) -> dict[str, str]:
    """Split one TLV level into ``{id: value}``; raise :class:`InvalidBRCode` on bad framing or a
    repeated id."""
    fields: dict[str, str] = {}
    pos = 0
    while pos < len(text):
        header = text[pos : pos + 4]
        if len(header) < 4 or not header.isdigit() or not header.isascii():
            raise InvalidBRCode(f"bad TLV header at position {pos}")
        tag, length = header[:2], int(header[2:])
        value = text[pos + 4 : pos + 4 + length]
        if length == 0 or len(value) != length:
            raise InvalidBRCode(f"field {tag} length does not match its content")
        if tag in fields:
            raise InvalidBRCode(f"field {tag} appears twice")
        fields[tag] = value
        pos += 4 + length
    return fields


def _pix_account(fields: dict[str, str]) -> dict[str, str]:
    for tag in (f"{n:02d}" for n in range(26, 52)):
        if tag in fields:
            account = parse_tlv(fields[tag])
            if account.get("00", "").lower() == PIX_GUI:
                return account
    raise InvalidBRCode("no merchant account with the br.gov.bcb.pix GUI")


def _parse_amount(text: str | None) -> Decimal | None:
    if text is None:
        return None
    if not _AMOUNT_RE.fullmatch(text):
        raise InvalidBRCode("amount field is not a decimal number")
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex already guarantees a number
        raise InvalidBRCode("amount field is not a decimal number") from None
    if value <= 0:
        raise InvalidBRCode("amount must be positive")
    return value


def _require(fields: dict[str, str], tag: str, expected: str | None = None) -> str:
    value = fields.get(tag)
    if value is None:
        raise InvalidBRCode(f"mandatory field {tag} is missing")
    if expected is not None and value != expected:
        raise InvalidBRCode(f"field {tag} must be {expected!r}")
    return value


def parse_brcode(text: str) -> BRCode:
    """Parse and check a BR Code: framing, mandatory fields, PIX GUI, amount and the CRC."""
    if not isinstance(text, str):
        raise InvalidBRCode("a BR Code must be a string")
    code = text.strip()
    if len(code) < 8 or code[-8:-4] != "6304" or not _CRC_RE.fullmatch(code[-4:]):
        raise InvalidBRCode("a BR Code must end with the CRC field 6304XXXX")
    if brcode_crc(code[:-4]) != code[-4:].upper():
        raise InvalidBRCode("BR Code CRC does not match")
    fields = parse_tlv(code)
    if not code.startswith("000201"):
        raise InvalidBRCode("a BR Code must start with payload format indicator 000201")
    if list(fields)[-1] != "63":
        raise InvalidBRCode("the CRC field 63 must be last")
    initiation = fields.get("01")
    if initiation not in (None, "11", "12"):
        raise InvalidBRCode("point of initiation method must be 11 or 12")
    account = _pix_account(fields)
    if ("01" in account) == ("25" in account):
        raise InvalidBRCode("the PIX account must carry exactly one of a key (01) or a URL (25)")
    additional = parse_tlv(_require(fields, "62"))
    txid = _require(additional, "05")
    if txid != NO_TXID and not _TXID_RE.fullmatch(txid):
        raise InvalidBRCode(f"txid must be 1-{TXID_MAX} letters/digits or '***'")
    name = _require(fields, "59")
    city = _require(fields, "60")
    if len(name) > MERCHANT_NAME_MAX or len(city) > MERCHANT_CITY_MAX:
        raise InvalidBRCode("merchant name or city is too long")
    return BRCode(
        dynamic=initiation == "12",
        pix_key=account.get("01"),
        location_url=account.get("25"),
        amount=_parse_amount(fields.get("54")),
        merchant_name=name,
        merchant_city=city,
        txid=txid,
        crc=code[-4:].upper(),
        merchant_category_code=_require(fields, "52"),
        currency=_require(fields, "53", "986"),
        country=_require(fields, "58", "BR"),
        fields=fields,
        merchant_account=account,
        additional_data=additional,
    )
