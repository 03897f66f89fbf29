from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.payee import Payee


T = TypeVar("T", bound="CashOutRequest")


@_attrs_define
class CashOutRequest:
    amount: Decimal
    """ Amount in BRL reais: a JSON number with at most two decimal places (D-01). Never handle it as a binary
    float. """
    external_reference: str
    """ Your unique reference. A duplicate returns 409 Conflict. """
    payee: Payee
    description: str | Unset = UNSET
    """ May appear on the payee's bank statement. """
    webhook_url: str | Unset = UNSET
    """ Receives CASHOUT_COMPLETED, CASHOUT_FAILED and CASHOUT_REFUNDED events. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        external_reference = self.external_reference

        payee = self.payee.to_dict()

        description = self.description

        webhook_url = self.webhook_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "externalReference": external_reference,
                "payee": payee,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if webhook_url is not UNSET:
            field_dict["webhookUrl"] = webhook_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount = types.to_decimal(d.pop("amount"))

        external_reference = d.pop("externalReference")

        payee = Payee.from_dict(d.pop("payee"))

        description = d.pop("description", UNSET)

        webhook_url = d.pop("webhookUrl", UNSET)

        cash_out_request = cls(
            amount=amount,
            external_reference=external_reference,
            payee=payee,
            description=description,
            webhook_url=webhook_url,
        )

        cash_out_request.additional_properties = d
        return cash_out_request

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
from ..models.payee import Payee
