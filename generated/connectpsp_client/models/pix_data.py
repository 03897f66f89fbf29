from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PixData")


@_attrs_define
class PixData:
    copy_and_paste: str
    """ PIX "Copia e Cola" (BR Code EMV payload with CRC16). """
    qr_code_image_base_64: str
    """ PNG image of the QR code, Base64-encoded. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        copy_and_paste = self.copy_and_paste

        qr_code_image_base_64 = self.qr_code_image_base_64

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "copyAndPaste": copy_and_paste,
                "qrCodeImageBase64": qr_code_image_base_64,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        copy_and_paste = d.pop("copyAndPaste")

        qr_code_image_base_64 = d.pop("qrCodeImageBase64")

        pix_data = cls(
            copy_and_paste=copy_and_paste,
            qr_code_image_base_64=qr_code_image_base_64,
        )

        pix_data.additional_properties = d
        return pix_data

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
