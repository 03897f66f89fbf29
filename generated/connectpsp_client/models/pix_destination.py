from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.pix_key_type import PixKeyType
from ..types import UNSET

T = TypeVar("T", bound="PixDestination")


@_attrs_define
class PixDestination:
    """A PIX-key destination. `pixKey` must have the shape of `pixKeyType` (D-11, D-28): the `if`/`then` chain below says
    so in JSON Schema, so generic generators send matching pairs (D-46). Check digits of CPF/CNPJ keys cannot be
    expressed in JSON Schema.

    """

    type_: Literal["PIX"]
    pix_key_type: PixKeyType
    pix_key: str = _attrs_field(repr=False)
    """ The key, matching pixKeyType: CPF 11 digits, CNPJ 14, EMAIL an address, PHONE +55 and 10-11 digits, EVP a
    UUID (D-11). """
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
        type_ = self.type_

        pix_key_type = self.pix_key_type.value

        pix_key = self.pix_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "pixKeyType": pix_key_type,
                "pixKey": pix_key,
            }
        )

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
        # the documented constant is stored as the constant itself, as ConstOf does
        if type_ == "PIX":
            type_ = "PIX"
        else:
            r = r or types.Reader(d, _path)
            type_ = r.required("type", type_, _TYPE_)
        pix_key_type = d.get("pixKeyType", UNSET)
        if type(pix_key_type) is str and pix_key_type in _PIX_KEY_TYPE.known:
            pix_key_type = _PIX_KEY_TYPE.known[pix_key_type]
        else:
            r = r or types.Reader(d, _path)
            pix_key_type = r.required("pixKeyType", pix_key_type, _PIX_KEY_TYPE)
        pix_key = d.get("pixKey", UNSET)
        if type(pix_key) is not str:
            r = r or types.Reader(d, _path)
            pix_key = r.required("pixKey", pix_key, _PIX_KEY)
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        pix_destination = cls.__new__(cls)
        pix_destination.type_ = type_
        pix_destination.pix_key_type = pix_key_type
        pix_destination.pix_key = pix_key
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            pix_destination.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            pix_destination.additional_properties = r.rest(_KNOWN, True)
        pix_destination.raw = d
        pix_destination.deviations = r.deviations if r is not None else []
        return pix_destination

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
        "pixKeyType",
        "pixKey",
    }
)
_TYPE_ = types.ConstOf("PIX")
_PIX_KEY_TYPE = types.EnumOf(PixKeyType)
_PIX_KEY = types.STR
