from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.currency import Currency
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bank_balance import BankBalance
    from ..models.consolidated_balance import ConsolidatedBalance


T = TypeVar("T", bound="Balance")


@_attrs_define
class Balance:
    """The wallet snapshot. Nothing is required (D-40, D-43): every documented field is reported as a deviation when
    absent.

    """

    currency: Currency | None | Unset = UNSET
    reference_date: datetime.date | str | None | Unset = UNSET
    consolidated: ConsolidatedBalance | None | Unset = UNSET
    banks: list[BankBalance] | None | Unset = UNSET
    updated_at: datetime.datetime | str | None | Unset = UNSET
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
        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        elif isinstance(self.currency, Currency):
            currency = self.currency.value
        else:
            currency = self.currency

        reference_date: None | str | Unset
        if isinstance(self.reference_date, Unset):
            reference_date = UNSET
        elif isinstance(self.reference_date, datetime.date):
            reference_date = (
                self.reference_date
                if isinstance(self.reference_date, str)
                else self.reference_date.isoformat()
            )
        else:
            reference_date = self.reference_date

        consolidated: dict[str, Any] | None | Unset
        if isinstance(self.consolidated, Unset):
            consolidated = UNSET
        elif isinstance(self.consolidated, ConsolidatedBalance):
            consolidated = self.consolidated.to_dict()
        else:
            consolidated = self.consolidated

        banks: list[dict[str, Any]] | None | Unset
        if isinstance(self.banks, Unset):
            banks = UNSET
        elif isinstance(self.banks, list):
            banks = []
            for banks_type_0_item_data in self.banks:
                banks_type_0_item = banks_type_0_item_data.to_dict()
                banks.append(banks_type_0_item)

        else:
            banks = self.banks

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = types.isoformat(self.updated_at)
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if currency is not UNSET:
            field_dict["currency"] = currency
        if reference_date is not UNSET:
            field_dict["referenceDate"] = reference_date
        if consolidated is not UNSET:
            field_dict["consolidated"] = consolidated
        if banks is not UNSET:
            field_dict["banks"] = banks
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at

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
        currency = d.get("currency", UNSET)
        if type(currency) is str and currency in _CURRENCY.known:
            currency = _CURRENCY.known[currency]
        else:
            r = r or types.Reader(d, _path)
            currency = r.optional(
                "currency", currency, _CURRENCY, types.NULLABLE | types.EXPECTED
            )
        reference_date = d.get("referenceDate", UNSET)
        if (
            type(reference_date) is str
            and (parsed_date := types.iso_date(reference_date)) is not None
        ):
            reference_date = parsed_date
        else:
            r = r or types.Reader(d, _path)
            reference_date = r.optional(
                "referenceDate",
                reference_date,
                _REFERENCE_DATE,
                types.NULLABLE | types.EXPECTED,
            )
        consolidated = d.get("consolidated", UNSET)
        if type(consolidated) is dict:
            consolidated = ConsolidatedBalance.from_dict(
                consolidated, _path + ".consolidated" if _path else "consolidated"
            )
            # a nested model's deviations bubble up, with their paths
            if consolidated.deviations:
                r = r or types.Reader(d, _path)
                r.deviations.extend(consolidated.deviations)
        else:
            r = r or types.Reader(d, _path)
            consolidated = r.optional(
                "consolidated",
                consolidated,
                _CONSOLIDATED,
                types.NULLABLE | types.EXPECTED,
            )
        banks = d.get("banks", UNSET)
        r = r or types.Reader(d, _path)
        banks = r.optional("banks", banks, _BANKS, types.NULLABLE | types.EXPECTED)
        updated_at = d.get("updatedAt", UNSET)
        if (
            type(updated_at) is str
            and (parsed_datetime := types.iso_datetime(updated_at)) is not None
        ):
            updated_at = parsed_datetime
        else:
            r = r or types.Reader(d, _path)
            updated_at = r.optional(
                "updatedAt", updated_at, _UPDATED_AT, types.NULLABLE | types.EXPECTED
            )
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        balance = cls.__new__(cls)
        balance.currency = currency
        balance.reference_date = reference_date
        balance.consolidated = consolidated
        balance.banks = banks
        balance.updated_at = updated_at
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            balance.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            balance.additional_properties = r.rest(_KNOWN, True)
        balance.raw = d
        balance.deviations = r.deviations if r is not None else []
        return balance

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
from ..models.bank_balance import BankBalance
from ..models.consolidated_balance import ConsolidatedBalance

# connectpsp: one converter per field, built once at import (after the imports above, so models
# that refer to each other are all defined by the time they are read).
_KNOWN: frozenset[str] = frozenset(
    {
        "currency",
        "referenceDate",
        "consolidated",
        "banks",
        "updatedAt",
    }
)
_CURRENCY = types.EnumOf(Currency)
_REFERENCE_DATE = types.DATE
_CONSOLIDATED = types.ModelOf(ConsolidatedBalance)
_BANKS = types.ListOf(types.ModelOf(BankBalance))
_UPDATED_AT = types.DATETIME
