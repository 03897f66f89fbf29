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
    """ Amount in BRL reais sent in a request: a JSON number greater than 0 with at most two decimal places (D-01,
    D-42). Never handle it as a binary float. The two-decimal rule is carried by `x-connectpsp-decimal-places`, not
    `multipleOf: 0.01`, which float-based validators (AJV: Prism, API gateways) apply wrongly to 0.07 or 60.91; the
    client, the mock and the contract suite enforce it with exact decimals. """
    external_reference: str
    """ Your unique reference. A duplicate returns 409 Conflict. """
    payee: Payee
    description: str | Unset = UNSET
    """ May appear on the payee's bank statement. """
    webhook_url: str | Unset = UNSET
    """ Receives CASHOUT_COMPLETED, CASHOUT_FAILED and CASHOUT_REFUNDED events. """
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
        amount = d.get("amount", UNSET)
        if type(amount) is int:
            amount = Decimal(amount)
        elif not (
            type(amount) is Decimal
            and (amount.same_quantum(types.CENTS) or amount.same_quantum(types.TENTHS))
        ):
            r = r or types.Reader(d, _path)
            amount = r.required("amount", amount, _AMOUNT)
        external_reference = d.get("externalReference", UNSET)
        if type(external_reference) is not str:
            r = r or types.Reader(d, _path)
            external_reference = r.required(
                "externalReference", external_reference, _EXTERNAL_REFERENCE
            )
        payee = d.get("payee", UNSET)
        if type(payee) is dict:
            payee = Payee.from_dict(payee, _path + ".payee" if _path else "payee")
            # a nested model's deviations bubble up, with their paths
            if payee.deviations:
                r = r or types.Reader(d, _path)
                r.deviations.extend(payee.deviations)
        else:
            r = r or types.Reader(d, _path)
            payee = r.required("payee", payee, _PAYEE)
        description = d.get("description", UNSET)
        if type(description) is not str and description is not UNSET:
            r = r or types.Reader(d, _path)
            description = r.optional("description", description, _DESCRIPTION, 0)
        webhook_url = d.get("webhookUrl", UNSET)
        if type(webhook_url) is not str and webhook_url is not UNSET:
            r = r or types.Reader(d, _path)
            webhook_url = r.optional("webhookUrl", webhook_url, _WEBHOOK_URL, 0)
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        cash_out_request = cls.__new__(cls)
        cash_out_request.amount = amount
        cash_out_request.external_reference = external_reference
        cash_out_request.payee = payee
        cash_out_request.description = description
        cash_out_request.webhook_url = webhook_url
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            cash_out_request.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            cash_out_request.additional_properties = r.rest(_KNOWN, True)
        cash_out_request.raw = d
        cash_out_request.deviations = r.deviations if r is not None else []
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

# connectpsp: one converter per field, built once at import (after the imports above, so models
# that refer to each other are all defined by the time they are read).
_KNOWN: frozenset[str] = frozenset(
    {
        "amount",
        "externalReference",
        "payee",
        "description",
        "webhookUrl",
    }
)
_AMOUNT = types.MONEY
_EXTERNAL_REFERENCE = types.STR
_PAYEE = types.ModelOf(Payee)
_DESCRIPTION = types.STR
_WEBHOOK_URL = types.STR
