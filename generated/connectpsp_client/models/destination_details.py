from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.destination_type import DestinationType
from ..models.pix_key_type import PixKeyType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bank_account_details import BankAccountDetails


T = TypeVar("T", bound="DestinationDetails")


@_attrs_define
class DestinationDetails:
    """A cash-out destination as a response shows it: one object for every `type`, so a type this version does not know
    still loads (D-44).

    """

    type_: DestinationType | None | Unset = UNSET
    pix_key_type: None | PixKeyType | Unset = UNSET
    pix_key: None | str | Unset = _attrs_field(default=UNSET, repr=False)
    bank_account: BankAccountDetails | None | Unset = UNSET
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
        elif isinstance(self.type_, DestinationType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        pix_key_type: None | str | Unset
        if isinstance(self.pix_key_type, Unset):
            pix_key_type = UNSET
        elif isinstance(self.pix_key_type, PixKeyType):
            pix_key_type = self.pix_key_type.value
        else:
            pix_key_type = self.pix_key_type

        pix_key: None | str | Unset
        if isinstance(self.pix_key, Unset):
            pix_key = UNSET
        else:
            pix_key = self.pix_key

        bank_account: dict[str, Any] | None | Unset
        if isinstance(self.bank_account, Unset):
            bank_account = UNSET
        elif isinstance(self.bank_account, BankAccountDetails):
            bank_account = self.bank_account.to_dict()
        else:
            bank_account = self.bank_account

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if pix_key_type is not UNSET:
            field_dict["pixKeyType"] = pix_key_type
        if pix_key is not UNSET:
            field_dict["pixKey"] = pix_key
        if bank_account is not UNSET:
            field_dict["bankAccount"] = bank_account

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
        if type(type_) is str and type_ in _TYPE_.known:
            type_ = _TYPE_.known[type_]
        else:
            r = r or types.Reader(d, _path)
            type_ = r.optional("type", type_, _TYPE_, types.NULLABLE | types.EXPECTED)
        pix_key_type = d.get("pixKeyType", UNSET)
        if type(pix_key_type) is str and pix_key_type in _PIX_KEY_TYPE.known:
            pix_key_type = _PIX_KEY_TYPE.known[pix_key_type]
        elif pix_key_type is not UNSET:
            r = r or types.Reader(d, _path)
            pix_key_type = r.optional(
                "pixKeyType", pix_key_type, _PIX_KEY_TYPE, types.NULLABLE
            )
        pix_key = d.get("pixKey", UNSET)
        if type(pix_key) is not str and pix_key is not UNSET:
            r = r or types.Reader(d, _path)
            pix_key = r.optional("pixKey", pix_key, _PIX_KEY, types.NULLABLE)
        bank_account = d.get("bankAccount", UNSET)
        if type(bank_account) is dict:
            bank_account = BankAccountDetails.from_dict(
                bank_account, _path + ".bankAccount" if _path else "bankAccount"
            )
            # a nested model's deviations bubble up, with their paths
            if bank_account.deviations:
                r = r or types.Reader(d, _path)
                r.deviations.extend(bank_account.deviations)
        elif bank_account is not UNSET:
            r = r or types.Reader(d, _path)
            bank_account = r.optional(
                "bankAccount", bank_account, _BANK_ACCOUNT, types.NULLABLE
            )
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        destination_details = cls.__new__(cls)
        destination_details.type_ = type_
        destination_details.pix_key_type = pix_key_type
        destination_details.pix_key = pix_key
        destination_details.bank_account = bank_account
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            destination_details.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            destination_details.additional_properties = r.rest(_KNOWN, True)
        destination_details.raw = d
        destination_details.deviations = r.deviations if r is not None else []
        return destination_details

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


# connectpsp: the models this one refers to, imported once here at the end of the module (where
# an import cycle between models cannot bite) instead of on every to_dict/from_dict call.
from ..models.bank_account_details import BankAccountDetails

# connectpsp: one converter per field, built once at import (after the imports above, so models
# that refer to each other are all defined by the time they are read).
_KNOWN: frozenset[str] = frozenset(
    {
        "type",
        "pixKeyType",
        "pixKey",
        "bankAccount",
    }
)
_TYPE_ = types.EnumOf(DestinationType)
_PIX_KEY_TYPE = types.EnumOf(PixKeyType)
_PIX_KEY = types.STR
_BANK_ACCOUNT = types.ModelOf(BankAccountDetails)
