from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="CashOutFailure")


@_attrs_define
class CashOutFailure:
    code: None | str | Unset = UNSET
    message: None | str | Unset = UNSET
    # connectpsp: undocumented fields are not printed either: a hostile server may echo a document
    # or a secret in one (they stay reachable, and `deviations` names them without values).
    additional_properties: dict[str, Any] = _attrs_field(
        init=False, factory=dict, repr=False
    )
    raw: dict[str, Any] | None = _attrs_field(
        init=False, default=None, repr=False, eq=False
    )
    """ The JSON object this model was read from, as received (None when built in code). """
    deviations: list[types.Deviation] = _attrs_field(
        init=False, factory=list, repr=False, eq=False
    )
    """ How the payload differed from the spec, this model's and its nested models' (D-44). """

    def to_dict(self) -> dict[str, Any]:
        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any], _path: str = "") -> Self:
        """Read a JSON object; never raises on a surprising payload (D-44, D-45): what does not fit
        is recorded in ``deviations`` and the object itself stays in ``raw``."""
        # A field in its documented shape is read inline, without a call; anything else goes
        # through the field's converter in a `types.Reader`, which records the deviation. The
        # Reader is made for the first field that needs it, so a clean payload makes none.
        r: types.Reader | None = None
        if type(src_dict) is dict:
            d = src_dict
        else:
            r = types.Reader(src_dict, _path)
            d = r.data
        code = d.get("code", UNSET)
        if type(code) is not str:
            r = r or types.Reader(d, _path)
            code = r.optional("code", code, _CODE, types.NULLABLE | types.EXPECTED)
        message = d.get("message", UNSET)
        if type(message) is not str:
            r = r or types.Reader(d, _path)
            message = r.optional(
                "message", message, _MESSAGE, types.NULLABLE | types.EXPECTED
            )
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        cash_out_failure = cls.__new__(cls)
        cash_out_failure.code = code
        cash_out_failure.message = message
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            cash_out_failure.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            cash_out_failure.additional_properties = r.rest(_KNOWN, True)
        cash_out_failure.raw = d
        cash_out_failure.deviations = r.deviations if r is not None else []
        return cash_out_failure

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# connectpsp: one converter per field, built once at import (after the imports above, so models
# that refer to each other are all defined by the time they are read).
_KNOWN: frozenset[str] = frozenset(
    {
        "code",
        "message",
    }
)
_CODE = types.STR
_MESSAGE = types.STR
