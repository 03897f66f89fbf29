from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.pix_key_type import PixKeyType

T = TypeVar("T", bound="PixDestination")


@_attrs_define
class PixDestination:
    type_: Literal["PIX"]
    pix_key_type: PixKeyType
    pix_key: str = _attrs_field(repr=False)
    """ The key, matching pixKeyType: CPF 11 digits, CNPJ 14, EMAIL an address, PHONE +55 and 10-11 digits, EVP a
    UUID (D-11). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["PIX"], d.pop("type"))
        if type_ != "PIX":
            raise ValueError(f"type must match const 'PIX', got '{type_}'")

        pix_key_type = PixKeyType(d.pop("pixKeyType"))

        pix_key = d.pop("pixKey")

        pix_destination = cls(
            type_=type_,
            pix_key_type=pix_key_type,
            pix_key=pix_key,
        )

        pix_destination.additional_properties = d
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
