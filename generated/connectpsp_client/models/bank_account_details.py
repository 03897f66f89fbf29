from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.bank_account_type import BankAccountType
from ..types import UNSET, Unset

T = TypeVar("T", bound="BankAccountDetails")


@_attrs_define
class BankAccountDetails:
    """A bank-account destination as a response shows it (no request patterns, D-41)."""

    ispb: None | str | Unset = UNSET
    branch: None | str | Unset = UNSET
    account: None | str | Unset = UNSET
    account_type: BankAccountType | None | Unset = UNSET
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

        account_type: None | str | Unset
        if isinstance(self.account_type, Unset):
            account_type = UNSET
        elif isinstance(self.account_type, BankAccountType):
            account_type = self.account_type.value
        else:
            account_type = self.account_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if ispb is not UNSET:
            field_dict["ispb"] = ispb
        if branch is not UNSET:
            field_dict["branch"] = branch
        if account is not UNSET:
            field_dict["account"] = account
        if account_type is not UNSET:
            field_dict["accountType"] = account_type

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
        account_type = d.get("accountType", UNSET)
        if type(account_type) is str and account_type in _ACCOUNT_TYPE.known:
            account_type = _ACCOUNT_TYPE.known[account_type]
        else:
            r = r or types.Reader(d, _path)
            account_type = r.optional(
                "accountType",
                account_type,
                _ACCOUNT_TYPE,
                types.NULLABLE | types.EXPECTED,
            )
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        bank_account_details = cls.__new__(cls)
        bank_account_details.ispb = ispb
        bank_account_details.branch = branch
        bank_account_details.account = account
        bank_account_details.account_type = account_type
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            bank_account_details.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            bank_account_details.additional_properties = r.rest(_KNOWN, True)
        bank_account_details.raw = d
        bank_account_details.deviations = r.deviations if r is not None else []
        return bank_account_details

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
        "branch",
        "account",
        "accountType",
    }
)
_ISPB = types.STR
_BRANCH = types.STR
_ACCOUNT = types.STR
_ACCOUNT_TYPE = types.EnumOf(BankAccountType)
