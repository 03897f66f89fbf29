"""Contains some shared types for properties"""

import datetime as _datetime
import json as _json
from collections.abc import Mapping, MutableMapping
from decimal import Decimal as _Decimal
from http import HTTPStatus
from json.encoder import encode_basestring_ascii as _quote
from typing import IO, BinaryIO, Generic, Literal, TypeVar
from typing import Any as _Any

from attrs import define


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
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset"]


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
    # One pass, no intermediate json.dumps per scalar: this runs on every request body.
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, _Decimal):
        if not value.is_finite():
            raise ValueError("amounts must be finite")
        return format(value, "f")
    if isinstance(value, dict):
        return (
            "{"
            + ",".join([_quote(str(k)) + ":" + _encode(v) for k, v in value.items()])
            + "}"
        )
    if isinstance(value, (list, tuple)):
        return "[" + ",".join([_encode(v) for v in value]) + "]"
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


def isoformat(value: _datetime.datetime) -> str:
    """ISO 8601, with UTC written as Z as the ConnectPSP docs do."""
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text
