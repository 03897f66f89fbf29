from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PayerBankData")


@_attrs_define
class PayerBankData:
    """The payer's bank account, returned after settlement."""

    ispb: str
    """ 8-digit ISPB of a bank. """
    bank: str | Unset = UNSET
    branch: str | Unset = UNSET
    account: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ispb = self.ispb

        bank = self.bank

        branch = self.branch

        account = self.account

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ispb": ispb,
            }
        )
        if bank is not UNSET:
            field_dict["bank"] = bank
        if branch is not UNSET:
            field_dict["branch"] = branch
        if account is not UNSET:
            field_dict["account"] = account

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        ispb = d.pop("ispb")

        bank = d.pop("bank", UNSET)

        branch = d.pop("branch", UNSET)

        account = d.pop("account", UNSET)

        payer_bank_data = cls(
            ispb=ispb,
            bank=bank,
            branch=branch,
            account=account,
        )

        payer_bank_data.additional_properties = d
        return payer_bank_data

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
