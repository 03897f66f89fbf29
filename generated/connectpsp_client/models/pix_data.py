from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="PixData")


@_attrs_define
class PixData:
    copy_and_paste: None | str | Unset = UNSET
    """ PIX "Copia e Cola" (BR Code EMV payload with CRC16). """
    qr_code_image_base_64: None | str | Unset = UNSET
    """ PNG image of the QR code, Base64-encoded. """
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
        copy_and_paste: None | str | Unset
        if isinstance(self.copy_and_paste, Unset):
            copy_and_paste = UNSET
        else:
            copy_and_paste = self.copy_and_paste

        qr_code_image_base_64: None | str | Unset
        if isinstance(self.qr_code_image_base_64, Unset):
            qr_code_image_base_64 = UNSET
        else:
            qr_code_image_base_64 = self.qr_code_image_base_64

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if copy_and_paste is not UNSET:
            field_dict["copyAndPaste"] = copy_and_paste
        if qr_code_image_base_64 is not UNSET:
            field_dict["qrCodeImageBase64"] = qr_code_image_base_64

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
        copy_and_paste = d.get("copyAndPaste", UNSET)
        if type(copy_and_paste) is not str:
            r = r or types.Reader(d, _path)
            copy_and_paste = r.optional(
                "copyAndPaste",
                copy_and_paste,
                _COPY_AND_PASTE,
                types.NULLABLE | types.EXPECTED,
            )
        qr_code_image_base_64 = d.get("qrCodeImageBase64", UNSET)
        if type(qr_code_image_base_64) is not str:
            r = r or types.Reader(d, _path)
            qr_code_image_base_64 = r.optional(
                "qrCodeImageBase64",
                qr_code_image_base_64,
                _QR_CODE_IMAGE_BASE_64,
                types.NULLABLE | types.EXPECTED,
            )
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        pix_data = cls.__new__(cls)
        pix_data.copy_and_paste = copy_and_paste
        pix_data.qr_code_image_base_64 = qr_code_image_base_64
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            pix_data.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            pix_data.additional_properties = r.rest(_KNOWN, True)
        pix_data.raw = d
        pix_data.deviations = r.deviations if r is not None else []
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


# connectpsp: one converter per field, built once at import (after the imports above, so models
# that refer to each other are all defined by the time they are read).
_KNOWN: frozenset[str] = frozenset(
    {
        "copyAndPaste",
        "qrCodeImageBase64",
    }
)
_COPY_AND_PASTE = types.STR
_QR_CODE_IMAGE_BASE_64 = types.STR
