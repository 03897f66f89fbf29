"""A small path-aware reader over parsed JSON objects, raising 400 VALIDATION_ERROR.

Messages name the field (``payee.destination.pixKey``) and the rule, never the value, so documents,
keys and secrets cannot leak through an error body. Constraints mirror ``openapi/index.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from decimal import Decimal
from typing import Any

import httpx

from .money import MAX_AMOUNT, has_at_most_two_places
from .problems import ProblemError, validation_error

UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, Decimal):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "an unsupported value"


class Fields:
    """Typed access to the members of one JSON object at ``path``."""

    def __init__(self, data: Mapping[str, Any], path: str = "") -> None:
        self._data = data
        self._path = path

    @classmethod
    def root(cls, value: Any) -> Fields:
        if not isinstance(value, dict):
            raise validation_error("body", f"must be a JSON object, not {type_name(value)}.")
        return cls(value)

    def name(self, key: str) -> str:
        return f"{self._path}.{key}" if self._path else key

    def error(self, key: str, message: str) -> ProblemError:
        return validation_error(self.name(key), message)

    def has(self, key: str) -> bool:
        return key in self._data

    def _get(self, key: str, required: bool) -> Any:
        if key not in self._data:
            if required:
                raise self.error(key, "is required.")
            return None
        value = self._data[key]
        if value is None:
            # No field of the spec is nullable in a request.
            raise self.error(key, "must not be null.")
        return value

    # --- strings ---------------------------------------------------------------------------

    def optional_str(
        self,
        key: str,
        *,
        min_length: int = 0,
        max_length: int | None = None,
        pattern: re.Pattern[str] | None = None,
        pattern_hint: str = "has an invalid format.",
    ) -> str | None:
        value = self._get(key, required=False)
        if value is None:
            return None
        return self._check_str(key, value, min_length, max_length, pattern, pattern_hint)

    def required_str(
        self,
        key: str,
        *,
        min_length: int = 1,
        max_length: int | None = None,
        pattern: re.Pattern[str] | None = None,
        pattern_hint: str = "has an invalid format.",
    ) -> str:
        value = self._get(key, required=True)
        return self._check_str(key, value, min_length, max_length, pattern, pattern_hint)

    def _check_str(
        self,
        key: str,
        value: Any,
        min_length: int,
        max_length: int | None,
        pattern: re.Pattern[str] | None,
        pattern_hint: str,
    ) -> str:
        if not isinstance(value, str):
            raise self.error(key, f"must be a string, not {type_name(value)}.")
        if len(value) < min_length:
            raise self.error(
                key,
                "must not be empty."
                if min_length == 1
                else f"must have at least {min_length} characters.",
            )
        if max_length is not None and len(value) > max_length:
            raise self.error(key, f"must have at most {max_length} characters.")
        if pattern is not None and not pattern.fullmatch(value):
            raise self.error(key, pattern_hint)
        return value

    def required_enum(self, key: str, allowed: Collection[str]) -> str:
        value = self.required_str(key)
        if value not in allowed:
            raise self.error(key, f"must be one of {', '.join(sorted(allowed))}.")
        return value

    def optional_url(self, key: str, *, max_length: int = 2048) -> str | None:
        """An absolute ``http``/``https`` URL with a host (``format: uri``)."""
        value = self.optional_str(key, min_length=1, max_length=max_length)
        if value is None:
            return None
        if _CONTROL_OR_SPACE.search(value):
            raise self.error(key, "must be an absolute http(s) URL.")
        try:
            url = httpx.URL(value)
            # ``host`` decodes IDNA: a malformed A-label such as ``xn--`` raises here, not above.
            host = url.host
        except (httpx.InvalidURL, ValueError, TypeError) as exc:  # idna.IDNAError is a ValueError
            raise self.error(key, "must be an absolute http(s) URL.") from exc
        if url.scheme not in ("http", "https") or not host:
            raise self.error(key, "must be an absolute http(s) URL.")
        return value

    # --- numbers ---------------------------------------------------------------------------

    def _number(self, key: str, required: bool) -> Decimal | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, Decimal):  # booleans and numeric strings are not numbers
            raise self.error(key, f"must be a number, not {type_name(value)}.")
        return value

    def required_number(self, key: str) -> Decimal:
        value = self._number(key, required=True)
        assert value is not None
        return value

    def required_money(self, key: str, *, allow_zero: bool = False) -> Decimal:
        """D-01: a number > 0 (>= 0 when ``allow_zero``), <= 1,000,000,000, two decimals at most."""
        value = self._number(key, required=True)
        assert value is not None
        rule = (
            "must be between 0 and 1000000000 with at most two decimal places."
            if allow_zero
            else "must be greater than 0 and at most 1000000000 with at most two decimal places."
        )
        too_small = value < 0 if allow_zero else value <= 0
        if too_small or value > MAX_AMOUNT or not has_at_most_two_places(value):
            raise self.error(key, rule)
        return value

    def optional_int(self, key: str, *, minimum: int, maximum: int) -> int | None:
        value = self._number(key, required=False)
        if value is None:
            return None
        if value != value.to_integral_value() or not minimum <= value <= maximum:
            raise self.error(key, f"must be an integer from {minimum} to {maximum}.")
        return int(value)

    # --- objects ---------------------------------------------------------------------------

    def _object(self, key: str, required: bool) -> Fields | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.error(key, f"must be an object, not {type_name(value)}.")
        return Fields(value, self.name(key))

    def required_object(self, key: str) -> Fields:
        obj = self._object(key, required=True)
        assert obj is not None
        return obj

    def optional_object(self, key: str) -> Fields | None:
        return self._object(key, required=False)

    def optional_bool(self, key: str) -> bool | None:
        value = self._get(key, required=False)
        if value is None:
            return None
        if not isinstance(value, bool):
            raise self.error(key, f"must be a boolean, not {type_name(value)}.")
        return value
