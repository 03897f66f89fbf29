from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET

if TYPE_CHECKING:
    from ..models.bank_account import BankAccount


T = TypeVar("T", bound="BankAccountDestination")


@_attrs_define
class BankAccountDestination:
    type_: Literal["BANK_ACCOUNT"]
    bank_account: BankAccount
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

        bank_account = self.bank_account.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "bankAccount": bank_account,
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
        if type_ == "BANK_ACCOUNT":
            type_ = "BANK_ACCOUNT"
        else:
            r = r or types.Reader(d, _path)
            type_ = r.required("type", type_, _TYPE_)
        bank_account = d.get("bankAccount", UNSET)
        if type(bank_account) is dict:
            bank_account = BankAccount.from_dict(
                bank_account, _path + ".bankAccount" if _path else "bankAccount"
            )
            # a nested model's deviations bubble up, with their paths
            if bank_account.deviations:
                r = r or types.Reader(d, _path)
                r.deviations.extend(bank_account.deviations)
        else:
            r = r or types.Reader(d, _path)
            bank_account = r.required("bankAccount", bank_account, _BANK_ACCOUNT)
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        bank_account_destination = cls.__new__(cls)
        bank_account_destination.type_ = type_
        bank_account_destination.bank_account = bank_account
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            bank_account_destination.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            bank_account_destination.additional_properties = r.rest(_KNOWN, True)
        bank_account_destination.raw = d
        bank_account_destination.deviations = r.deviations if r is not None else []
        return bank_account_destination

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
from ..models.bank_account import BankAccount

# connectpsp: one converter per field, built once at import (after the imports above, so models
# that refer to each other are all defined by the time they are read).
_KNOWN: frozenset[str] = frozenset(
    {
        "type",
        "bankAccount",
    }
)
_TYPE_ = types.ConstOf("BANK_ACCOUNT")
_BANK_ACCOUNT = types.ModelOf(BankAccount)
