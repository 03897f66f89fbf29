from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.destination_details import DestinationDetails


T = TypeVar("T", bound="PayeeDetails")


@_attrs_define
class PayeeDetails:
    """The payee as a cash-out response shows it (D-41)."""

    name: None | str | Unset = UNSET
    document: None | str | Unset = _attrs_field(default=UNSET, repr=False)
    destination: DestinationDetails | None | Unset = UNSET
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
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        document: None | str | Unset
        if isinstance(self.document, Unset):
            document = UNSET
        else:
            document = self.document

        destination: dict[str, Any] | None | Unset
        if isinstance(self.destination, Unset):
            destination = UNSET
        elif isinstance(self.destination, DestinationDetails):
            destination = self.destination.to_dict()
        else:
            destination = self.destination

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if document is not UNSET:
            field_dict["document"] = document
        if destination is not UNSET:
            field_dict["destination"] = destination

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
            name = r.optional("name", name, _NAME, types.NULLABLE | types.EXPECTED)
        document = d.get("document", UNSET)
        if type(document) is not str:
            r = r or types.Reader(d, _path)
            document = r.optional(
                "document", document, _DOCUMENT, types.NULLABLE | types.EXPECTED
            )
        destination = d.get("destination", UNSET)
        if type(destination) is dict:
            destination = DestinationDetails.from_dict(
                destination, _path + ".destination" if _path else "destination"
            )
            # a nested model's deviations bubble up, with their paths
            if destination.deviations:
                r = r or types.Reader(d, _path)
                r.deviations.extend(destination.deviations)
        else:
            r = r or types.Reader(d, _path)
            destination = r.optional(
                "destination",
                destination,
                _DESTINATION,
                types.NULLABLE | types.EXPECTED,
            )
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        payee_details = cls.__new__(cls)
        payee_details.name = name
        payee_details.document = document
        payee_details.destination = destination
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            payee_details.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            payee_details.additional_properties = r.rest(_KNOWN, True)
        payee_details.raw = d
        payee_details.deviations = r.deviations if r is not None else []
        return payee_details

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
from ..models.destination_details import DestinationDetails

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
_DESTINATION = types.ModelOf(DestinationDetails)
