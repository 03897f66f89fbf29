from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

T = TypeVar("T", bound="ConsolidatedBalance")


@_attrs_define
class ConsolidatedBalance:
    total_balance: Decimal
    """ A balance in BRL reais (two decimal places; zero allowed). """
    transactional_balance: Decimal
    """ A balance in BRL reais (two decimal places; zero allowed). """
    proprietary_balance: Decimal
    """ A balance in BRL reais (two decimal places; zero allowed). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_balance = self.total_balance

        transactional_balance = self.transactional_balance

        proprietary_balance = self.proprietary_balance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "totalBalance": total_balance,
                "transactionalBalance": transactional_balance,
                "proprietaryBalance": proprietary_balance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        total_balance = types.to_decimal(d.pop("totalBalance"))

        transactional_balance = types.to_decimal(d.pop("transactionalBalance"))

        proprietary_balance = types.to_decimal(d.pop("proprietaryBalance"))

        consolidated_balance = cls(
            total_balance=total_balance,
            transactional_balance=transactional_balance,
            proprietary_balance=proprietary_balance,
        )

        consolidated_balance.additional_properties = d
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
