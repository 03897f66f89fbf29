from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bank_account_type import BankAccountType

T = TypeVar("T", bound="BankAccount")


@_attrs_define
class BankAccount:
    ispb: str
    """ 8-digit ISPB of a bank. """
    branch: str
    account: str
    account_type: BankAccountType
    """ Only PAYMENT is shown by the docs; CHECKING and SAVINGS are the other SPI account kinds (D-18). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ispb = d.pop("ispb")

        branch = d.pop("branch")

        account = d.pop("account")

        account_type = BankAccountType(d.pop("accountType"))

        bank_account = cls(
            ispb=ispb,
            branch=branch,
            account=account,
            account_type=account_type,
        )

        bank_account.additional_properties = d
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
