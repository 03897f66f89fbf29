"""Contains some shared types for properties"""

import datetime as _datetime
import json as _json
import uuid as _uuid
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass as _dataclass
from decimal import Decimal as _Decimal
from http import HTTPStatus
from json.encoder import encode_basestring_ascii as _quote
from typing import IO, BinaryIO, Generic, Literal, TypeVar
from typing import Any as _Any

from attrs import define
from attrs import field as _attrs_field


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    # The raw body holds payer/payee documents and the headers may echo credentials: out of repr.
    content: bytes = _attrs_field(repr=False)
    headers: MutableMapping[str, str] = _attrs_field(repr=False)
    parsed: T | None


__all__ = [
    "UNSET",
    "Deviation",
    "File",
    "FileTypes",
    "RequestFiles",
    "Response",
    "Unset",
]


# --- connectpsp: exact JSON money and timestamps (D-01) -------------------------------------


def to_decimal(value: _Any) -> _Decimal:
    """A JSON number as an exact Decimal (a float goes through its shortest repr, never binary)."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not an amount")
    if isinstance(value, _Decimal):
        return value
    if isinstance(value, (int, float)):
        return _Decimal(str(value))
    # A string is refused: the spec says JSON number, and a silent type change must be loud.
    raise TypeError(f"expected a JSON number, got {type(value).__name__}")


def _encode(value: _Any) -> str:
    # One pass, no intermediate json.dumps per scalar: this runs on every request body. An
    # object's strings, integers, amounts and nulls (nearly every value of a body) are written
    # right in its loop; only nested containers and rarer scalars recurse.
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            kind = type(item)
            if kind is str:
                text = _quote(item)
            elif kind is int:
                text = int.__repr__(item)
            elif kind is _Decimal and item.is_finite():
                text = format(item, "f")
            elif item is None:
                text = "null"
            else:  # a nested object or array, a boolean, a float, a subclass, or an error
                text = _encode(item)
            parts.append(_quote(str(key)) + ":" + text)
        return "{" + ",".join(parts) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join([_encode(item) for item in value]) + "]"
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, _Decimal):
        if not value.is_finite():
            raise ValueError("amounts must be finite")
        return format(value, "f")
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("JSON numbers must be finite")
        return float.__repr__(value)
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def json_dumps(value: _Any) -> bytes:
    """Encode a JSON body, writing Decimal values as exact JSON numbers."""
    return _encode(value).encode("utf-8")


def json_loads(content: bytes) -> _Any:
    """Decode a JSON body, reading every non-integer number as Decimal."""
    return _json.loads(content, parse_float=_Decimal)


def isoformat(value: _datetime.datetime | str) -> str:
    """ISO 8601, with UTC written as Z as the ConnectPSP docs do. Text a tolerant read kept (a
    timestamp in a shape this version could not parse, D-45) is written back unchanged."""
    if isinstance(value, str):
        return value
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def isoformat_date(value: _datetime.date | str) -> str:
    """YYYY-MM-DD; text a tolerant read kept is written back unchanged."""
    return value if isinstance(value, str) else value.isoformat()


# --- connectpsp: the tolerant reader (issue 10, D-44, D-45) ----------------------------------
# Generated `from_dict` never raises on a surprising response. Each field is read through a
# converter; what does not fit the spec is kept where the field's type allows it (a timestamp in
# another shape stays text, a string amount becomes an exact Decimal) and always stays in
# `model.raw`, and each surprise becomes a `Deviation` on the model (nested ones bubble up with a
# dotted path). A deviation's `detail` never quotes a value: payloads carry personal data.

DEVIATION_KINDS = (
    "missing",
    "null",
    "wrong_type",
    "unknown_enum",
    "bad_format",
    "undocumented",
)


@_dataclass(frozen=True, slots=True)
class Deviation:
    """One way a payload differs from the documented contract."""

    path: str  # dotted JSON path, e.g. "payee.destination.type" or "banks[0].ispb"
    kind: str  # one of DEVIATION_KINDS
    detail: str  # what was expected and what came, never the value itself


class Mismatch(Exception):
    """Raised by a converter for a value it cannot represent in the field's type."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail


def json_kind(value: object) -> str:
    """The JSON type name of a decoded value (for deviation details, never the value)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (int, float, _Decimal)):
        return "number"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, (list, tuple)):
        return "array"
    return type(value).__name__


# Every deviation of a required field (absent, null, unreadable: the model holds a placeholder)
# starts its detail with this, so callers can tell a broken response from a surprising one.
REQUIRED_FIELD = "required field"


def lacks_required(deviations: "list[Deviation] | tuple[Deviation, ...]") -> bool:
    """Whether a required field could not be read: the model then holds a placeholder there
    (D-45) and the response is not usable as the documented answer."""
    return any(d.detail.startswith(REQUIRED_FIELD) for d in deviations)


# Flags of Reader.optional, fixed at generation time from the spec.
NULLABLE = 1  # the spec allows null
EXPECTED = 2  # documented field (x-connectpsp-expected): its absence is a deviation
NULL_DOCUMENTED = 4  # the docs themselves show null here (x-connectpsp-null-documented)


class Reader:
    """Reads one JSON object into a model's fields, recording deviations.

    Generated ``from_dict`` reads a field with ``dict.get`` and takes a value in its documented
    shape inline (exact type, known enum value, amount with at most two decimals, nested object,
    ISO 8601 timestamp, absent optional field): the common case costs no call and makes no
    Reader. Anything else goes through ``required``/``optional`` with the field's converter, on a
    Reader made for the first such field."""

    __slots__ = ("data", "deviations", "prefix", "raw")

    def __init__(self, src: object, prefix: str) -> None:
        self.prefix = prefix
        self.deviations: list[Deviation] = []
        if isinstance(src, dict):
            self.raw: dict[str, _Any] = src
        elif isinstance(src, Mapping):
            self.raw = dict(src)
        else:
            self.raw = {}
            self.deviations.append(
                Deviation(
                    prefix or "$",
                    "wrong_type",
                    f"expected object, got {json_kind(src)}",
                )
            )
        self.data = self.raw  # read-only: the fields are looked up, never popped

    def note(self, key: str, kind: str, detail: str) -> None:
        """Record a deviation of the field ``key`` (a name or ``name[i]``) of this object."""
        self.deviations.append(Deviation(self.path(key), kind, detail))

    def path(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def required(self, key: str, value: _Any, conv: "Converter") -> _Any:
        """A field the spec requires: when it is absent, null or unreadable the field holds the
        converter's placeholder (its type's empty value, D-45) and a deviation says so."""
        if type(value) is conv.exact:
            return value
        if value is UNSET:
            self.note(key, "missing", f"{REQUIRED_FIELD} absent")
            return conv.placeholder(self.path(key))
        if value is None:
            self.note(key, "null", f"{REQUIRED_FIELD} is null")
            return conv.placeholder(self.path(key))
        try:
            return conv.read(value, self, key)
        except Mismatch as exc:
            self.note(key, exc.kind, f"{REQUIRED_FIELD} unreadable: {exc.detail}")
            return conv.placeholder(self.path(key))

    def optional(self, key: str, value: _Any, conv: "Converter", flags: int) -> _Any:
        if type(value) is conv.exact:
            return value
        if value is UNSET:
            if flags & EXPECTED:
                self.note(key, "missing", "documented field absent")
            return UNSET
        if value is None:
            if not flags & NULL_DOCUMENTED:
                self.note(key, "null", "null where the docs show a value")
            return None if flags & NULLABLE else UNSET
        try:
            return conv.read(value, self, key)
        except Mismatch as exc:
            self.note(key, exc.kind, exc.detail)
            return UNSET

    def rest(self, known: "frozenset[str]", report: bool) -> dict[str, _Any]:
        """The fields the spec does not describe (kept; reported when the schema is closed)."""
        raw = self.raw
        if raw.keys() <= known:
            return {}
        extra = {key: value for key, value in raw.items() if key not in known}
        if report:
            for key in extra:
                self.note(str(key), "undocumented", "field not in the spec")
        return extra


# Inline fast paths of generated from_dict (each agrees with the converter it short-cuts).
CENTS = _Decimal(
    "0.01"
)  # an amount with exactly two decimals (`same_quantum`: no tuple made)
TENTHS = _Decimal(
    "0.1"
)  # or one; any other exponent goes through MONEY, which checks it


def iso_datetime(text: str) -> "_datetime.datetime | None":
    """``text`` as DATETIME reads it without a deviation (ISO 8601 with a UTC offset), else None:
    the caller then hands the value to DATETIME, which keeps other shapes and says why."""
    try:
        parsed = _datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def iso_date(text: str) -> "_datetime.date | None":
    """``text`` as DATE reads it without a deviation (YYYY-MM-DD), else None."""
    if len(text) == 10:
        try:
            return _datetime.date.fromisoformat(text)
        except ValueError:
            pass
    return None


class Converter:
    """Turns one decoded JSON value into a field value, or raises Mismatch. ``exact``: a value of
    exactly this type is taken as it is, without a call (the fast path)."""

    exact: type | None = None

    def read(self, value: _Any, reader: Reader, key: str) -> _Any:
        raise NotImplementedError

    def placeholder(self, path: str) -> _Any:
        return None


class _Str(Converter):
    exact = str

    def read(self, value: _Any, reader: Reader, key: str) -> _Any:
        if isinstance(value, str):
            return str(value)
        if isinstance(value, (int, _Decimal)) and not isinstance(value, bool):
            reader.note(key, "wrong_type", "expected string, got number; kept as text")
            return str(value)
        raise Mismatch("wrong_type", f"expected string, got {json_kind(value)}")

    def placeholder(self, path: str) -> _Any:
        return ""


class _Int(Converter):
    exact = int

    def read(self, value: _Any, reader: Reader, key: str) -> _Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return int(value)
        if (
            isinstance(value, _Decimal)
            and value.is_finite()
            and value == value.to_integral_value()
        ):
            reader.note(key, "wrong_type", "expected integer, got a decimal number")
            return int(value)
        if isinstance(value, str):
            try:
                number = int(value)
            except ValueError:
                raise Mismatch(
                    "wrong_type", "expected integer, got non-numeric string"
                ) from None
            reader.note(
                key, "wrong_type", "expected integer, got string; read as a number"
            )
            return number
        raise Mismatch("wrong_type", f"expected integer, got {json_kind(value)}")

    def placeholder(self, path: str) -> _Any:
        return 0


class _Bool(Converter):
    exact = bool

    def read(self, value: _Any, reader: Reader, key: str) -> _Any:
        if isinstance(value, str) and value in ("true", "false"):
            reader.note(
                key, "wrong_type", "expected boolean, got string; read as boolean"
            )
            return value == "true"
        raise Mismatch("wrong_type", f"expected boolean, got {json_kind(value)}")

    def placeholder(self, path: str) -> _Any:
        return False


class _Money(Converter):
    """An amount: an exact Decimal, whatever JSON shape it came in (D-01, D-45)."""

    def read(self, value: _Any, reader: Reader, key: str) -> _Any:
        if isinstance(value, bool):
            raise Mismatch("wrong_type", "expected number, got boolean")
        if isinstance(value, _Decimal):
            amount = value
        elif isinstance(value, int):
            return _Decimal(value)
        elif isinstance(value, float):
            amount = _Decimal(repr(value))  # shortest repr, never the binary expansion
        elif isinstance(value, str):
            try:
                amount = _Decimal(value.strip())
            except ArithmeticError:
                raise Mismatch(
                    "wrong_type", "expected number, got non-numeric string"
                ) from None
            reader.note(
                key, "wrong_type", "expected number, got string; read as exact decimal"
            )
        else:
            raise Mismatch("wrong_type", f"expected number, got {json_kind(value)}")
        if not amount.is_finite():
            raise Mismatch("bad_format", "amount is not a finite number")
        exponent = amount.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -2:
            reader.note(key, "bad_format", "more than two decimal places; kept exact")
        return amount

    def placeholder(self, path: str) -> _Any:
        # NaN, not 0: an amount that never came must not pass for zero (arithmetic on it fails
        # loudly, and json_dumps refuses to send it).
        return _Decimal("NaN")


def _epoch(value: _Decimal | int) -> _datetime.datetime:
    seconds = _Decimal(value)
    if (
        abs(seconds) > 100_000_000_000
    ):  # milliseconds (later than the year 5138 in seconds)
        seconds = seconds / 1000
    return _datetime.datetime.fromtimestamp(float(seconds), tz=_datetime.UTC)


class _DateTime(Converter):
    def read(self, value: _Any, reader: Reader, key: str) -> _Any:
        if isinstance(value, str):
            try:
                parsed = _datetime.datetime.fromisoformat(value)
            except ValueError:
                reader.note(
                    key, "bad_format", "not an ISO 8601 date-time; kept as text"
                )
                return value
            if parsed.tzinfo is None:
                reader.note(key, "bad_format", "date-time without UTC offset")
            return parsed
        if isinstance(value, (int, _Decimal)) and not isinstance(value, bool):
            try:
                parsed = _epoch(value)
            except (ArithmeticError, ValueError, OverflowError, OSError):
                raise Mismatch(
                    "bad_format", "number is not a plausible epoch time"
                ) from None
            reader.note(
                key, "bad_format", "epoch number instead of ISO 8601; read as UTC"
            )
            return parsed
        raise Mismatch(
            "wrong_type", f"expected date-time string, got {json_kind(value)}"
        )

    def placeholder(self, path: str) -> _Any:
        return ""


class _Date(Converter):
    def read(self, value: _Any, reader: Reader, key: str) -> _Any:
        if isinstance(value, str):
            if len(value) == 10:
                try:
                    return _datetime.date.fromisoformat(value)
                except ValueError:
                    pass
            reader.note(
                key, "bad_format", "not an ISO 8601 date (YYYY-MM-DD); kept as text"
            )
            return value
        raise Mismatch("wrong_type", f"expected date string, got {json_kind(value)}")

    def placeholder(self, path: str) -> _Any:
        return ""


class _Uuid(Converter):
    def read(self, value: _Any, reader: Reader, key: str) -> _Any:
        if isinstance(value, str):
            try:
                return _uuid.UUID(value)
            except ValueError:
                reader.note(key, "bad_format", "not a UUID; kept as text")
                return value
        raise Mismatch("wrong_type", f"expected UUID string, got {json_kind(value)}")

    def placeholder(self, path: str) -> _Any:
        return ""


class _AnyValue(Converter):
    def read(self, value: _Any, reader: Reader, key: str) -> _Any:
        return value


class EnumOf(Converter):
    """A generated StrEnum; an unknown value is kept as its pseudo-member (D-20)."""

    def __init__(self, cls: _Any) -> None:
        self.cls = cls
        self.known = {member.value: member for member in cls}

    def read(self, value: _Any, reader: Reader, key: str) -> _Any:
        member = self.known.get(value) if isinstance(value, str) else None
        if member is not None:
            return member
        if not isinstance(value, str):
            raise Mismatch("wrong_type", f"expected string, got {json_kind(value)}")
        reader.note(key, "unknown_enum", f"value not in {self.cls.__name__}; kept")
        return self.cls(value)

    def placeholder(self, path: str) -> _Any:
        return self.cls("")


class ConstOf(Converter):
    def __init__(self, value: _Any) -> None:
        self.value = value

    def read(self, value: _Any, reader: Reader, key: str) -> _Any:
        if value != self.value:
            reader.note(
                key, "unknown_enum", "value differs from the documented constant"
            )
        return self.value

    def placeholder(self, path: str) -> _Any:
        return self.value


class ModelOf(Converter):
    def __init__(self, cls: _Any) -> None:
        self.cls = cls

    def read(self, value: _Any, reader: Reader, key: str) -> _Any:
        if not isinstance(value, Mapping):
            raise Mismatch("wrong_type", f"expected object, got {json_kind(value)}")
        model = self.cls.from_dict(value, reader.path(key))
        if model.deviations:
            reader.deviations.extend(model.deviations)
        return model

    def placeholder(self, path: str) -> _Any:
        model = self.cls.from_dict({}, path)
        model.deviations.clear()  # the parent already says the whole object is missing
        return model


class ListOf(Converter):
    def __init__(self, item: Converter) -> None:
        self.item = item

    def read(self, value: _Any, reader: Reader, key: str) -> _Any:
        if not isinstance(value, list):
            raise Mismatch("wrong_type", f"expected array, got {json_kind(value)}")
        items = []
        exact = self.item.exact
        for index, element in enumerate(value):
            if type(element) is exact:
                items.append(element)
                continue
            where = f"{key}[{index}]"
            if element is None:
                reader.note(where, "null", "null array item; dropped (kept in raw)")
                continue
            try:
                items.append(self.item.read(element, reader, where))
            except Mismatch as exc:
                reader.note(where, exc.kind, exc.detail + "; dropped (kept in raw)")
        return items

    def placeholder(self, path: str) -> _Any:
        return []


class OneOf(Converter):
    """The first alternative that reads the value without a deviation, else the one with fewest."""

    def __init__(self, *alternatives: Converter) -> None:
        self.alternatives = alternatives

    def read(self, value: _Any, reader: Reader, key: str) -> _Any:
        best: tuple[int, _Any, list[Deviation]] | None = None
        for alternative in self.alternatives:
            if alternative.exact is not None and type(value) is alternative.exact:
                return value
            trial = Reader({}, reader.prefix)
            try:
                result = alternative.read(value, trial, key)
            except Mismatch as exc:
                trial.note(key, exc.kind, exc.detail)
                continue
            if not trial.deviations:
                return result
            if best is None or len(trial.deviations) < best[0]:
                best = (len(trial.deviations), result, trial.deviations)
        if best is None:
            raise Mismatch(
                "wrong_type", f"no documented alternative accepts {json_kind(value)}"
            )
        reader.deviations.extend(best[2])
        return best[1]

    def placeholder(self, path: str) -> _Any:
        return self.alternatives[0].placeholder(path)


STR = _Str()
INT = _Int()
BOOL = _Bool()
MONEY = _Money()
DATETIME = _DateTime()
DATE = _Date()
UUID = _Uuid()
ANY = _AnyValue()
