from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.bank_account_balance import BankAccountBalance


T = TypeVar("T", bound="BankAccounts")


@_attrs_define
class BankAccounts:
    transactional: BankAccountBalance
    proprietary: BankAccountBalance
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        transactional = self.transactional.to_dict()

        proprietary = self.proprietary.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "transactional": transactional,
                "proprietary": proprietary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        transactional = BankAccountBalance.from_dict(d.pop("transactional"))

        proprietary = BankAccountBalance.from_dict(d.pop("proprietary"))

        bank_accounts = cls(
            transactional=transactional,
            proprietary=proprietary,
        )

        bank_accounts.additional_properties = d
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
