from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.bank_accounts import BankAccounts


T = TypeVar("T", bound="BankBalance")


@_attrs_define
class BankBalance:
    ispb: str
    """ 8-digit ISPB of a bank. """
    bank: str
    accounts: BankAccounts
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ispb = self.ispb

        bank = self.bank

        accounts = self.accounts.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ispb": ispb,
                "bank": bank,
                "accounts": accounts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ispb = d.pop("ispb")

        bank = d.pop("bank")

        accounts = BankAccounts.from_dict(d.pop("accounts"))

        bank_balance = cls(
            ispb=ispb,
            bank=bank,
            accounts=accounts,
        )

        bank_balance.additional_properties = d
        return bank_balance

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
from ..models.bank_accounts import BankAccounts
