from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="PayerBankData")


@_attrs_define
class PayerBankData:
    """The payer's bank account, returned after settlement."""

    ispb: None | str | Unset = UNSET
    bank: None | str | Unset = UNSET
    branch: None | str | Unset = UNSET
    account: None | str | Unset = UNSET
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
        ispb: None | str | Unset
        if isinstance(self.ispb, Unset):
            ispb = UNSET
        else:
            ispb = self.ispb

        bank: None | str | Unset
        if isinstance(self.bank, Unset):
            bank = UNSET
        else:
            bank = self.bank

        branch: None | str | Unset
        if isinstance(self.branch, Unset):
            branch = UNSET
        else:
            branch = self.branch

        account: None | str | Unset
        if isinstance(self.account, Unset):
            account = UNSET
        else:
            account = self.account

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ispb is not UNSET:
            field_dict["ispb"] = ispb
        if bank is not UNSET:
            field_dict["bank"] = bank
        if branch is not UNSET:
            field_dict["branch"] = branch
        if account is not UNSET:
            field_dict["account"] = account

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
        ispb = d.get("ispb", UNSET)
        if type(ispb) is not str:
            r = r or types.Reader(d, _path)
            ispb = r.optional("ispb", ispb, _ISPB, types.NULLABLE | types.EXPECTED)
        bank = d.get("bank", UNSET)
        if type(bank) is not str:
            r = r or types.Reader(d, _path)
            bank = r.optional("bank", bank, _BANK, types.NULLABLE | types.EXPECTED)
        branch = d.get("branch", UNSET)
        if type(branch) is not str:
            r = r or types.Reader(d, _path)
            branch = r.optional(
                "branch", branch, _BRANCH, types.NULLABLE | types.EXPECTED
            )
        account = d.get("account", UNSET)
        if type(account) is not str:
            r = r or types.Reader(d, _path)
            account = r.optional(
                "account", account, _ACCOUNT, types.NULLABLE | types.EXPECTED
            )
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        payer_bank_data = cls.__new__(cls)
        payer_bank_data.ispb = ispb
        payer_bank_data.bank = bank
        payer_bank_data.branch = branch
        payer_bank_data.account = account
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            payer_bank_data.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            payer_bank_data.additional_properties = r.rest(_KNOWN, True)
        payer_bank_data.raw = d
        payer_bank_data.deviations = r.deviations if r is not None else []
        return payer_bank_data

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
        "ispb",
        "bank",
        "branch",
        "account",
    }
)
_ISPB = types.STR
_BANK = types.STR
_BRANCH = types.STR
_ACCOUNT = types.STR
