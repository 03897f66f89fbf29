from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET

if TYPE_CHECKING:
    from ..models.bank_account_destination import BankAccountDestination
    from ..models.pix_destination import PixDestination


T = TypeVar("T", bound="Payee")


@_attrs_define
class Payee:
    name: str
    document: str = _attrs_field(repr=False)
    """ Payer/payee CPF (11 digits) or CNPJ (14 characters, digits only or the alphanumeric CNPJ), without
    punctuation, with valid check digits (D-11). Request side only; responses carry `DocumentText` (D-41). """
    destination: BankAccountDestination | PixDestination
    """ PIX -> pixKeyType + pixKey; BANK_ACCOUNT -> bankAccount. """
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
        name = d.get("name", UNSET)
        if type(name) is not str:
            r = r or types.Reader(d, _path)
            name = r.required("name", name, _NAME)
        document = d.get("document", UNSET)
        if type(document) is not str:
            r = r or types.Reader(d, _path)
            document = r.required("document", document, _DOCUMENT)
        destination = d.get("destination", UNSET)
        r = r or types.Reader(d, _path)
        destination = r.required("destination", destination, _DESTINATION)
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        payee = cls.__new__(cls)
        payee.name = name
        payee.document = document
        payee.destination = destination
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            payee.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            payee.additional_properties = r.rest(_KNOWN, True)
        payee.raw = d
        payee.deviations = r.deviations if r is not None else []
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

# connectpsp: one converter per field, built once at import (after the imports above, so models
# that refer to each other are all defined by the time they are read).
_KNOWN: frozenset[str] = frozenset(
    {
        "name",
        "document",
        "destination",
    }
)
_NAME = types.STR
_DOCUMENT = types.STR
_DESTINATION = types.OneOf(
    types.ModelOf(PixDestination), types.ModelOf(BankAccountDestination)
)
