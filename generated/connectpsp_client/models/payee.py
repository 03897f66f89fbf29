from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.bank_account_destination import BankAccountDestination
    from ..models.pix_destination import PixDestination


T = TypeVar("T", bound="Payee")


@_attrs_define
class Payee:
    name: str
    document: str = _attrs_field(repr=False)
    """ Payer/payee CPF (11 digits) or CNPJ (14 characters, digits only or the alphanumeric CNPJ), without
    punctuation, with valid check digits (D-11). """
    destination: BankAccountDestination | PixDestination
    """ PIX -> pixKeyType + pixKey; BANK_ACCOUNT -> bankAccount. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        document = self.document

        destination: dict[str, Any]
        if isinstance(self.destination, PixDestination):
            destination = self.destination.to_dict()
        else:
            destination = self.destination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "document": document,
                "destination": destination,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        document = d.pop("document")

        def _parse_destination(data: object) -> BankAccountDestination | PixDestination:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_destination_type_0 = PixDestination.from_dict(data)

                return componentsschemas_destination_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_destination_type_1 = BankAccountDestination.from_dict(
                data
            )

            return componentsschemas_destination_type_1

        destination = _parse_destination(d.pop("destination"))

        payee = cls(
            name=name,
            document=document,
            destination=destination,
        )

        payee.additional_properties = d
        return payee

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
from ..models.bank_account_destination import BankAccountDestination
from ..models.pix_destination import PixDestination
