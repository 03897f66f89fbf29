from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.error_code import ErrorCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="ProblemDetails")


@_attrs_define
class ProblemDetails:
    """RFC 7807 Problem Details, on every 4xx/5xx (media type application/problem+json). RFC 7807 makes every member
    optional; the four documented ones are expected (D-40).

    """

    type_: None | str | Unset = UNSET
    title: None | str | Unset = UNSET
    status: int | None | Unset = UNSET
    code: ErrorCode | None | str | Unset = UNSET
    """ Machine-readable code: an open enum (D-48). Known values are `ErrorCode`; a code this version does not know
    is kept as it came. """
    detail: None | str | Unset = UNSET
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
        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        status: int | None | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        elif isinstance(self.code, ErrorCode):
            code = self.code.value
        else:
            code = self.code

        detail: None | str | Unset
        if isinstance(self.detail, Unset):
            detail = UNSET
        else:
            detail = self.detail

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if title is not UNSET:
            field_dict["title"] = title
        if status is not UNSET:
            field_dict["status"] = status
        if code is not UNSET:
            field_dict["code"] = code
        if detail is not UNSET:
            field_dict["detail"] = detail

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
        type_ = d.get("type", UNSET)
        if type(type_) is not str:
            r = r or types.Reader(d, _path)
            type_ = r.optional("type", type_, _TYPE_, types.NULLABLE | types.EXPECTED)
        title = d.get("title", UNSET)
        if type(title) is not str:
            r = r or types.Reader(d, _path)
            title = r.optional("title", title, _TITLE, types.NULLABLE | types.EXPECTED)
        status = d.get("status", UNSET)
        if type(status) is not int:
            r = r or types.Reader(d, _path)
            status = r.optional(
                "status", status, _STATUS, types.NULLABLE | types.EXPECTED
            )
        code = d.get("code", UNSET)
        r = r or types.Reader(d, _path)
        code = r.optional("code", code, _CODE, types.NULLABLE | types.EXPECTED)
        detail = d.get("detail", UNSET)
        if type(detail) is not str and detail is not UNSET:
            r = r or types.Reader(d, _path)
            detail = r.optional("detail", detail, _DETAIL, types.NULLABLE)
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        problem_details = cls.__new__(cls)
        problem_details.type_ = type_
        problem_details.title = title
        problem_details.status = status
        problem_details.code = code
        problem_details.detail = detail
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            problem_details.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            problem_details.additional_properties = r.rest(_KNOWN, True)
        problem_details.raw = d
        problem_details.deviations = r.deviations if r is not None else []
        return problem_details

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
        "type",
        "title",
        "status",
        "code",
        "detail",
    }
)
_TYPE_ = types.STR
_TITLE = types.STR
_STATUS = types.INT
_CODE = types.OneOf(types.EnumOf(ErrorCode), types.STR)
_DETAIL = types.STR
