from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.balance_currency import BalanceCurrency

if TYPE_CHECKING:
    from ..models.bank_balance import BankBalance
    from ..models.consolidated_balance import ConsolidatedBalance


T = TypeVar("T", bound="Balance")


@_attrs_define
class Balance:
    currency: BalanceCurrency
    reference_date: datetime.date
    consolidated: ConsolidatedBalance
    banks: list[BankBalance]
    updated_at: datetime.datetime
    """ ISO 8601 date-time with offset (transaction times use -03:00, event/token times Z). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        currency = self.currency.value

        reference_date = self.reference_date.isoformat()

        consolidated = self.consolidated.to_dict()

        banks = []
        for banks_item_data in self.banks:
            banks_item = banks_item_data.to_dict()
            banks.append(banks_item)

        updated_at = types.isoformat(self.updated_at)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "currency": currency,
                "referenceDate": reference_date,
                "consolidated": consolidated,
                "banks": banks,
                "updatedAt": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        currency = BalanceCurrency(d.pop("currency"))

        reference_date = datetime.date.fromisoformat(d.pop("referenceDate"))

        consolidated = ConsolidatedBalance.from_dict(d.pop("consolidated"))

        banks = []
        _banks = d.pop("banks")
        for banks_item_data in _banks:
            banks_item = BankBalance.from_dict(banks_item_data)

            banks.append(banks_item)

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        balance = cls(
            currency=currency,
            reference_date=reference_date,
            consolidated=consolidated,
            banks=banks,
            updated_at=updated_at,
        )

        balance.additional_properties = d
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
