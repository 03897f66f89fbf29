from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.bank_account_type import BankAccountType
from ..types import UNSET

T = TypeVar("T", bound="BankAccount")


@_attrs_define
class BankAccount:
    ispb: str
    """ 8-digit ISPB of a bank. """
    branch: str
    account: str
    account_type: BankAccountType
    """ Only PAYMENT is shown by the docs; CHECKING and SAVINGS are the other SPI account kinds (D-18). """
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
        ispb = self.ispb

        branch = self.branch

        account = self.account

        account_type = self.account_type.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ispb": ispb,
                "branch": branch,
                "account": account,
                "accountType": account_type,
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
        ispb = d.get("ispb", UNSET)
        if type(ispb) is not str:
            r = r or types.Reader(d, _path)
            ispb = r.required("ispb", ispb, _ISPB)
        branch = d.get("branch", UNSET)
        if type(branch) is not str:
            r = r or types.Reader(d, _path)
            branch = r.required("branch", branch, _BRANCH)
        account = d.get("account", UNSET)
        if type(account) is not str:
            r = r or types.Reader(d, _path)
            account = r.required("account", account, _ACCOUNT)
        account_type = d.get("accountType", UNSET)
        if type(account_type) is str and account_type in _ACCOUNT_TYPE.known:
            account_type = _ACCOUNT_TYPE.known[account_type]
        else:
            r = r or types.Reader(d, _path)
            account_type = r.required("accountType", account_type, _ACCOUNT_TYPE)
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        bank_account = cls.__new__(cls)
        bank_account.ispb = ispb
        bank_account.branch = branch
        bank_account.account = account
        bank_account.account_type = account_type
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            bank_account.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            bank_account.additional_properties = r.rest(_KNOWN, True)
        bank_account.raw = d
        bank_account.deviations = r.deviations if r is not None else []
        return bank_account

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
