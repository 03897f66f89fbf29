"""CPF and CNPJ: normalisation, check digits, validation, formatting and test-data generation.

Canonical (wire) form, as the API wants it (D-11): CPF = 11 digits; CNPJ = 12 characters
``[0-9A-Z]`` + 2 numeric check digits. The letters are the alphanumeric CNPJ that Receita
Federal issues from July 2026 (IN RFB 2.229/2024); a numeric CNPJ is the case with no letters.

Check digits (both documents): modulo 11, ``dv = 0 if r < 2 else 11 - r``. For the CNPJ each
character counts as ``ord(c) - 48`` (so ``"0"``..``"9"`` -> 0..9, ``"A"`` -> 17 .. ``"Z"`` -> 42),
weights 2..9 cycling from the right.

The ``is_valid_*`` and ``validate_*`` functions accept only the canonical form; call
:func:`normalize_document` first to accept user input such as ``"123.456.789-09"``.
"""

from __future__ import annotations

import random
import re
import string
from operator import mul

from .errors import InvalidDocument

CPF_LENGTH = 11
CNPJ_LENGTH = 14

_CPF_RE = re.compile(r"[0-9]{11}")
_CPF_BASE_RE = re.compile(r"[0-9]{9}")
_CNPJ_RE = re.compile(r"[0-9A-Z]{12}[0-9]{2}")
_CNPJ_BASE_RE = re.compile(r"[0-9A-Z]{12}")

_CPF_WEIGHTS_1 = tuple(range(10, 1, -1))  # 10..2 over 9 digits
_CPF_WEIGHTS_2 = tuple(range(11, 1, -1))  # 11..2 over 10 digits
_CNPJ_WEIGHTS_1 = (5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
_CNPJ_WEIGHTS_2 = (6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)

_PUNCTUATION = str.maketrans("", "", ".-/")
_CNPJ_ALPHABET = string.digits + string.ascii_uppercase


class _Mod11:
    """One modulo-11 scheme, precomputed so a check costs two C-level ``sum(map(mul, ...))``.

    The input is the base's ASCII bytes, so each value is ``ord(c)``; the ``- 48`` of the scheme
    is applied once per sum as ``48 * sum(weights)`` (exact: only the remainder mod 11 is used).
    The second digit's last weight (2) applies to the first check digit.
    """

    __slots__ = ("bias_1", "bias_2", "weights_1", "weights_2")

    def __init__(self, weights_1: tuple[int, ...], weights_2: tuple[int, ...]) -> None:
        self.weights_1 = weights_1
        self.weights_2 = weights_2[:-1]  # over the base; the first digit gets weights_2[-1]
        self.bias_1 = 48 * sum(self.weights_1)
        self.bias_2 = 48 * sum(self.weights_2)

    def digits(self, base: bytes) -> tuple[int, int]:
        """The two check digits of ``base`` (ASCII ``[0-9A-Z]``; longer input is cut to the
        base's length by ``map``)."""
        remainder = (sum(map(mul, base, self.weights_1)) - self.bias_1) % 11
        first = 0 if remainder < 2 else 11 - remainder
        remainder = (sum(map(mul, base, self.weights_2)) - self.bias_2 + 2 * first) % 11
        return first, 0 if remainder < 2 else 11 - remainder


_CPF_MOD11 = _Mod11(_CPF_WEIGHTS_1, _CPF_WEIGHTS_2)
_CNPJ_MOD11 = _Mod11(_CNPJ_WEIGHTS_1, _CNPJ_WEIGHTS_2)


def normalize_document(value: str) -> str:
    """Strip ``.``, ``-``, ``/`` and whitespace and upper-case: ``"12.abc.345/01de-35"`` ->
    ``"12ABC34501DE35"``. Does not validate."""
    if value.isascii() and value.isalnum():  # nothing to strip (the common, canonical case)
        return value.upper()
    return "".join(value.translate(_PUNCTUATION).split()).upper()


def cpf_check_digits(base9: str) -> str:
    """The two check digits of a CPF whose first nine digits are ``base9``."""
    if not isinstance(base9, str) or not _CPF_BASE_RE.fullmatch(base9):
        raise InvalidDocument("a CPF base must be exactly 9 digits")
    first, second = _CPF_MOD11.digits(base9.encode("ascii"))
    return f"{first}{second}"


def cnpj_check_digits(base12: str) -> str:
    """The two numeric check digits of a CNPJ (numeric or alphanumeric) whose first twelve
    characters are ``base12``."""
    if not isinstance(base12, str) or not _CNPJ_BASE_RE.fullmatch(base12):
        raise InvalidDocument("a CNPJ base must be exactly 12 characters 0-9 or A-Z")
    first, second = _CNPJ_MOD11.digits(base12.encode("ascii"))
    return f"{first}{second}"


def cpf_problem(value: object) -> str | None:
    """Why ``value`` is not a canonical valid CPF, or ``None`` when it is one."""
    # [0-9]{11} (isascii: isdigit alone also accepts other scripts' digits).
    if (
        not isinstance(value, str)
        or len(value) != CPF_LENGTH
        or not (value.isascii() and value.isdigit())
    ):
        return "a CPF must be exactly 11 digits, without punctuation"
    if value == value[0] * CPF_LENGTH:
        return "a CPF with all digits equal is not valid"
    raw = value.encode("ascii")
    if _CPF_MOD11.digits(raw) != (raw[9] - 48, raw[10] - 48):
        return "CPF check digits do not match"
    return None


def cnpj_problem(value: object) -> str | None:
    """Why ``value`` is not a canonical valid CNPJ, or ``None`` when it is one."""
    if not isinstance(value, str) or not _CNPJ_RE.fullmatch(value):
        return (
            "a CNPJ must be 12 characters 0-9 or A-Z followed by 2 check digits, "
            "upper-case, without punctuation"
        )
    if value == value[0] * CNPJ_LENGTH:
        return "a CNPJ with all characters equal is not valid"
    raw = value.encode("ascii")
    if _CNPJ_MOD11.digits(raw) != (raw[12] - 48, raw[13] - 48):
        return "CNPJ check digits do not match"
    return None


def document_problem(value: object) -> str | None:
    """Why ``value`` is neither a valid CPF nor a valid CNPJ, or ``None``."""
    if isinstance(value, str) and len(value) == CPF_LENGTH:
        return cpf_problem(value)
    if isinstance(value, str) and len(value) == CNPJ_LENGTH:
        return cnpj_problem(value)
    return "a document must be a CPF (11 digits) or a CNPJ (14 characters), without punctuation"


def is_valid_cpf(value: object) -> bool:
    return cpf_problem(value) is None


def is_valid_cnpj(value: object) -> bool:
    return cnpj_problem(value) is None


def is_valid_document(value: object) -> bool:
    """True for a canonical valid CPF or CNPJ."""
    return document_problem(value) is None


def validate_cpf(value: str) -> str:
    """Return ``value`` when it is a canonical valid CPF; raise :class:`InvalidDocument`."""
    problem = cpf_problem(value)
    if problem:
        raise InvalidDocument(problem)
    return value


def validate_cnpj(value: str) -> str:
    """Return ``value`` when it is a canonical valid CNPJ; raise :class:`InvalidDocument`."""
    problem = cnpj_problem(value)
    if problem:
        raise InvalidDocument(problem)
    return value


def validate_document(value: str) -> str:
    """Return ``value`` when it is a canonical valid CPF or CNPJ; raise :class:`InvalidDocument`."""
    problem = document_problem(value)
    if problem:
        raise InvalidDocument(problem)
    return value


def format_cpf(value: str) -> str:
    """``"12345678909"`` (or already formatted) -> ``"123.456.789-09"``; must be valid."""
    d = validate_cpf(normalize_document(value))
    return f"{d[:3]}.{d[3:6]}.{d[6:9]}-{d[9:]}"


def format_cnpj(value: str) -> str:
    """``"11222333000181"`` -> ``"11.222.333/0001-81"`` (alphanumeric too); must be valid."""
    d = validate_cnpj(normalize_document(value))
    return f"{d[:2]}.{d[2:5]}.{d[5:8]}/{d[8:12]}-{d[12:]}"


def format_document(value: str) -> str:
    """Format a valid CPF or CNPJ with its usual punctuation."""
    d = validate_document(normalize_document(value))
    return format_cpf(d) if len(d) == CPF_LENGTH else format_cnpj(d)


def mask_document(value: object) -> str:
    """A log-safe rendering: CPF ``"***.456.789-**"`` (the usual LGPD mask), CNPJ
    ``"**.***.345/01DE-**"``; anything else ``"***"``. Never echoes a malformed value."""
    d = normalize_document(value) if isinstance(value, str) else ""
    if _CPF_RE.fullmatch(d):
        return f"***.{d[3:6]}.{d[6:9]}-**"
    if _CNPJ_RE.fullmatch(d):
        return f"**.***.{d[5:8]}/{d[8:12]}-**"
    return "***"


def generate_cpf(rng: random.Random) -> str:
    """A random valid CPF (canonical form), reproducible from ``rng``. For tests and the mock."""
    while True:
        base = "".join(rng.choice(string.digits) for _ in range(9))
        if len(set(base)) > 1:  # 111111111 + its check digits is the repeated-digit CPF
            return base + cpf_check_digits(base)


def generate_cnpj(rng: random.Random, alphanumeric: bool = False) -> str:
    """A random valid CNPJ (canonical form). With ``alphanumeric=True`` the 12-character base
    draws from ``[0-9A-Z]`` and always contains at least one letter."""
    alphabet = _CNPJ_ALPHABET if alphanumeric else string.digits
    while True:
        base = "".join(rng.choice(alphabet) for _ in range(12))
        if len(set(base)) == 1:
            continue
        if alphanumeric and base.isdigit():
            continue
        return base + cnpj_check_digits(base)
