from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bank_account_balance import BankAccountBalance


T = TypeVar("T", bound="BankAccounts")


@_attrs_define
class BankAccounts:
    transactional: BankAccountBalance | None | Unset = UNSET
    proprietary: BankAccountBalance | None | Unset = UNSET
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
        transactional: dict[str, Any] | None | Unset
        if isinstance(self.transactional, Unset):
            transactional = UNSET
        elif isinstance(self.transactional, BankAccountBalance):
            transactional = self.transactional.to_dict()
        else:
            transactional = self.transactional

        proprietary: dict[str, Any] | None | Unset
        if isinstance(self.proprietary, Unset):
            proprietary = UNSET
        elif isinstance(self.proprietary, BankAccountBalance):
            proprietary = self.proprietary.to_dict()
        else:
            proprietary = self.proprietary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if transactional is not UNSET:
            field_dict["transactional"] = transactional
        if proprietary is not UNSET:
            field_dict["proprietary"] = proprietary

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
        transactional = d.get("transactional", UNSET)
        if type(transactional) is dict:
            transactional = BankAccountBalance.from_dict(
                transactional, _path + ".transactional" if _path else "transactional"
            )
            # a nested model's deviations bubble up, with their paths
            if transactional.deviations:
                r = r or types.Reader(d, _path)
                r.deviations.extend(transactional.deviations)
        else:
            r = r or types.Reader(d, _path)
            transactional = r.optional(
                "transactional",
                transactional,
                _TRANSACTIONAL,
                types.NULLABLE | types.EXPECTED,
            )
        proprietary = d.get("proprietary", UNSET)
        if type(proprietary) is dict:
            proprietary = BankAccountBalance.from_dict(
                proprietary, _path + ".proprietary" if _path else "proprietary"
            )
            # a nested model's deviations bubble up, with their paths
            if proprietary.deviations:
                r = r or types.Reader(d, _path)
                r.deviations.extend(proprietary.deviations)
        else:
            r = r or types.Reader(d, _path)
            proprietary = r.optional(
                "proprietary",
                proprietary,
                _PROPRIETARY,
                types.NULLABLE | types.EXPECTED,
            )
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        bank_accounts = cls.__new__(cls)
        bank_accounts.transactional = transactional
        bank_accounts.proprietary = proprietary
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            bank_accounts.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            bank_accounts.additional_properties = r.rest(_KNOWN, True)
        bank_accounts.raw = d
        bank_accounts.deviations = r.deviations if r is not None else []
        return bank_accounts

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
from ..models.bank_account_balance import BankAccountBalance

# connectpsp: one converter per field, built once at import (after the imports above, so models
# that refer to each other are all defined by the time they are read).
_KNOWN: frozenset[str] = frozenset(
    {
        "transactional",
        "proprietary",
    }
)
_TRANSACTIONAL = types.ModelOf(BankAccountBalance)
_PROPRIETARY = types.ModelOf(BankAccountBalance)
