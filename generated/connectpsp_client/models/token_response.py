from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.token_type import TokenType
from ..types import UNSET, Unset

T = TypeVar("T", bound="TokenResponse")


@_attrs_define
class TokenResponse:
    """Only `accessToken` and `expiresIn` are required: without them no call can be made (D-40). `tokenType` and `issuedAt`
    are documented and reported as a deviation when absent.

    """

    access_token: str = _attrs_field(repr=False)
    """ JWT to send as `Authorization: Bearer <accessToken>` and to compute DigitalSignature. """
    expires_in: int
    """ Lifetime in seconds. """
    token_type: None | TokenType | Unset = UNSET
    issued_at: datetime.datetime | str | None | Unset = UNSET
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
        access_token = self.access_token

        expires_in = self.expires_in

        token_type: None | str | Unset
        if isinstance(self.token_type, Unset):
            token_type = UNSET
        elif isinstance(self.token_type, TokenType):
            token_type = self.token_type.value
        else:
            token_type = self.token_type

        issued_at: None | str | Unset
        if isinstance(self.issued_at, Unset):
            issued_at = UNSET
        elif isinstance(self.issued_at, datetime.datetime):
            issued_at = types.isoformat(self.issued_at)
        else:
            issued_at = self.issued_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accessToken": access_token,
                "expiresIn": expires_in,
            }
        )
        if token_type is not UNSET:
            field_dict["tokenType"] = token_type
        if issued_at is not UNSET:
            field_dict["issuedAt"] = issued_at

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
        access_token = d.get("accessToken", UNSET)
        if type(access_token) is not str:
            r = r or types.Reader(d, _path)
            access_token = r.required("accessToken", access_token, _ACCESS_TOKEN)
        expires_in = d.get("expiresIn", UNSET)
        if type(expires_in) is not int:
            r = r or types.Reader(d, _path)
            expires_in = r.required("expiresIn", expires_in, _EXPIRES_IN)
        token_type = d.get("tokenType", UNSET)
        if type(token_type) is str and token_type in _TOKEN_TYPE.known:
            token_type = _TOKEN_TYPE.known[token_type]
        else:
            r = r or types.Reader(d, _path)
            token_type = r.optional(
                "tokenType", token_type, _TOKEN_TYPE, types.NULLABLE | types.EXPECTED
            )
        issued_at = d.get("issuedAt", UNSET)
        if (
            type(issued_at) is str
            and (parsed_datetime := types.iso_datetime(issued_at)) is not None
        ):
            issued_at = parsed_datetime
        else:
            r = r or types.Reader(d, _path)
            issued_at = r.optional(
                "issuedAt", issued_at, _ISSUED_AT, types.NULLABLE | types.EXPECTED
            )
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        token_response = cls.__new__(cls)
        token_response.access_token = access_token
        token_response.expires_in = expires_in
        token_response.token_type = token_type
        token_response.issued_at = issued_at
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            token_response.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            token_response.additional_properties = r.rest(_KNOWN, True)
        token_response.raw = d
        token_response.deviations = r.deviations if r is not None else []
        return token_response

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
        "accessToken",
        "expiresIn",
        "tokenType",
        "issuedAt",
    }
)
_ACCESS_TOKEN = types.STR
_EXPIRES_IN = types.INT
_TOKEN_TYPE = types.EnumOf(TokenType)
_ISSUED_AT = types.DATETIME
