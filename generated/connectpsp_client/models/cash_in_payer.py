from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.payer_bank_data import PayerBankData


T = TypeVar("T", bound="CashInPayer")


@_attrs_define
class CashInPayer:
    name: str
    document: str = _attrs_field(repr=False)
    """ Payer/payee CPF (11 digits) or CNPJ (14 characters, digits only or the alphanumeric CNPJ), without
    punctuation, with valid check digits (D-11). """
    bank_data: None | PayerBankData | Unset = UNSET
    """ Returned after settlement; null before it. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        document = self.document

        bank_data: dict[str, Any] | None | Unset
        if isinstance(self.bank_data, Unset):
            bank_data = UNSET
        elif isinstance(self.bank_data, PayerBankData):
            bank_data = self.bank_data.to_dict()
        else:
            bank_data = self.bank_data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "document": document,
            }
        )
        if bank_data is not UNSET:
            field_dict["bankData"] = bank_data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        document = d.pop("document")

        def _parse_bank_data(data: object) -> None | PayerBankData | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                bank_data_type_0 = PayerBankData.from_dict(data)

                return bank_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PayerBankData | Unset, data)

        bank_data = _parse_bank_data(d.pop("bankData", UNSET))

        cash_in_payer = cls(
            name=name,
            document=document,
            bank_data=bank_data,
        )

        cash_in_payer.additional_properties = d
        return cash_in_payer

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
from ..models.payer_bank_data import PayerBankData
