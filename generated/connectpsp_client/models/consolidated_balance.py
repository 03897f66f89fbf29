from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

T = TypeVar("T", bound="ConsolidatedBalance")


@_attrs_define
class ConsolidatedBalance:
    total_balance: Decimal | None | Unset = UNSET
    transactional_balance: Decimal | None | Unset = UNSET
    proprietary_balance: Decimal | None | Unset = UNSET
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
        total_balance: Decimal | None | Unset
        if isinstance(self.total_balance, Unset):
            total_balance = UNSET
        else:
            total_balance = self.total_balance

        transactional_balance: Decimal | None | Unset
        if isinstance(self.transactional_balance, Unset):
            transactional_balance = UNSET
        else:
            transactional_balance = self.transactional_balance

        proprietary_balance: Decimal | None | Unset
        if isinstance(self.proprietary_balance, Unset):
            proprietary_balance = UNSET
        else:
            proprietary_balance = self.proprietary_balance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total_balance is not UNSET:
            field_dict["totalBalance"] = total_balance
        if transactional_balance is not UNSET:
            field_dict["transactionalBalance"] = transactional_balance
        if proprietary_balance is not UNSET:
            field_dict["proprietaryBalance"] = proprietary_balance

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
        total_balance = d.get("totalBalance", UNSET)
        if type(total_balance) is int:
            total_balance = Decimal(total_balance)
        elif not (
            type(total_balance) is Decimal
            and (
                total_balance.same_quantum(types.CENTS)
                or total_balance.same_quantum(types.TENTHS)
            )
        ):
            r = r or types.Reader(d, _path)
            total_balance = r.optional(
                "totalBalance",
                total_balance,
                _TOTAL_BALANCE,
                types.NULLABLE | types.EXPECTED,
            )
        transactional_balance = d.get("transactionalBalance", UNSET)
        if type(transactional_balance) is int:
            transactional_balance = Decimal(transactional_balance)
        elif not (
            type(transactional_balance) is Decimal
            and (
                transactional_balance.same_quantum(types.CENTS)
                or transactional_balance.same_quantum(types.TENTHS)
            )
        ):
            r = r or types.Reader(d, _path)
            transactional_balance = r.optional(
                "transactionalBalance",
                transactional_balance,
                _TRANSACTIONAL_BALANCE,
                types.NULLABLE | types.EXPECTED,
            )
        proprietary_balance = d.get("proprietaryBalance", UNSET)
        if type(proprietary_balance) is int:
            proprietary_balance = Decimal(proprietary_balance)
        elif not (
            type(proprietary_balance) is Decimal
            and (
                proprietary_balance.same_quantum(types.CENTS)
                or proprietary_balance.same_quantum(types.TENTHS)
            )
        ):
            r = r or types.Reader(d, _path)
            proprietary_balance = r.optional(
                "proprietaryBalance",
                proprietary_balance,
                _PROPRIETARY_BALANCE,
                types.NULLABLE | types.EXPECTED,
            )
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        consolidated_balance = cls.__new__(cls)
        consolidated_balance.total_balance = total_balance
        consolidated_balance.transactional_balance = transactional_balance
        consolidated_balance.proprietary_balance = proprietary_balance
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            consolidated_balance.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            consolidated_balance.additional_properties = r.rest(_KNOWN, True)
        consolidated_balance.raw = d
        consolidated_balance.deviations = r.deviations if r is not None else []
        return consolidated_balance

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
        "totalBalance",
        "transactionalBalance",
        "proprietaryBalance",
    }
)
_TOTAL_BALANCE = types.MONEY
_TRANSACTIONAL_BALANCE = types.MONEY
_PROPRIETARY_BALANCE = types.MONEY
