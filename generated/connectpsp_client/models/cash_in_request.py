from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.open_finance_request import OpenFinanceRequest
    from ..models.payer import Payer


T = TypeVar("T", bound="CashInRequest")


@_attrs_define
class CashInRequest:
    amount: Decimal
    """ Amount in BRL reais sent in a request: a JSON number greater than 0 with at most two decimal places (D-01,
    D-42). Never handle it as a binary float. The two-decimal rule is carried by `x-connectpsp-decimal-places`, not
    `multipleOf: 0.01`, which float-based validators (AJV: Prism, API gateways) apply wrongly to 0.07 or 60.91; the
    client, the mock and the contract suite enforce it with exact decimals. """
    external_reference: str
    """ Your order/transaction ID; must be unique per application (D-08). """
    payer: Payer
    expiration_in_minutes: int | Unset = 1440
    """ QR code validity in minutes. Default 1440 (24h). """
    webhook_url: str | Unset = UNSET
    """ Receives CASHIN_PAID and CASHIN_REFUNDED events. """
    open_finance: OpenFinanceRequest | Unset = UNSET
    """ Present to use the OpenFinance flow instead of a QR code. Only `redirectUrl` is (partly) documented; the
    object stays open (D-14). """
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

        payer = self.payer.to_dict()

        expiration_in_minutes = self.expiration_in_minutes

        webhook_url = self.webhook_url

        open_finance: dict[str, Any] | Unset = UNSET
        if not isinstance(self.open_finance, Unset):
            open_finance = self.open_finance.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "externalReference": external_reference,
                "payer": payer,
            }
        )
        if expiration_in_minutes is not UNSET:
            field_dict["expirationInMinutes"] = expiration_in_minutes
        if webhook_url is not UNSET:
            field_dict["webhookUrl"] = webhook_url
        if open_finance is not UNSET:
            field_dict["openFinance"] = open_finance

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
        payer = d.get("payer", UNSET)
        if type(payer) is dict:
            payer = Payer.from_dict(payer, _path + ".payer" if _path else "payer")
            # a nested model's deviations bubble up, with their paths
            if payer.deviations:
                r = r or types.Reader(d, _path)
                r.deviations.extend(payer.deviations)
        else:
            r = r or types.Reader(d, _path)
            payer = r.required("payer", payer, _PAYER)
        expiration_in_minutes = d.get("expirationInMinutes", UNSET)
        if (
            type(expiration_in_minutes) is not int
            and expiration_in_minutes is not UNSET
        ):
            r = r or types.Reader(d, _path)
            expiration_in_minutes = r.optional(
                "expirationInMinutes", expiration_in_minutes, _EXPIRATION_IN_MINUTES, 0
            )
        webhook_url = d.get("webhookUrl", UNSET)
        if type(webhook_url) is not str and webhook_url is not UNSET:
            r = r or types.Reader(d, _path)
            webhook_url = r.optional("webhookUrl", webhook_url, _WEBHOOK_URL, 0)
        open_finance = d.get("openFinance", UNSET)
        if type(open_finance) is dict:
            open_finance = OpenFinanceRequest.from_dict(
                open_finance, _path + ".openFinance" if _path else "openFinance"
            )
            # a nested model's deviations bubble up, with their paths
            if open_finance.deviations:
                r = r or types.Reader(d, _path)
                r.deviations.extend(open_finance.deviations)
        elif open_finance is not UNSET:
            r = r or types.Reader(d, _path)
            open_finance = r.optional("openFinance", open_finance, _OPEN_FINANCE, 0)
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        cash_in_request = cls.__new__(cls)
        cash_in_request.amount = amount
        cash_in_request.external_reference = external_reference
        cash_in_request.payer = payer
        cash_in_request.expiration_in_minutes = expiration_in_minutes
        cash_in_request.webhook_url = webhook_url
        cash_in_request.open_finance = open_finance
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            cash_in_request.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            cash_in_request.additional_properties = r.rest(_KNOWN, True)
        cash_in_request.raw = d
        cash_in_request.deviations = r.deviations if r is not None else []
        return cash_in_request

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
from ..models.open_finance_request import OpenFinanceRequest
from ..models.payer import Payer

# connectpsp: one converter per field, built once at import (after the imports above, so models
# that refer to each other are all defined by the time they are read).
_KNOWN: frozenset[str] = frozenset(
    {
        "amount",
        "externalReference",
        "payer",
        "expirationInMinutes",
        "webhookUrl",
        "openFinance",
    }
)
_AMOUNT = types.MONEY
_EXTERNAL_REFERENCE = types.STR
_PAYER = types.ModelOf(Payer)
_EXPIRATION_IN_MINUTES = types.INT
_WEBHOOK_URL = types.STR
_OPEN_FINANCE = types.ModelOf(OpenFinanceRequest)
