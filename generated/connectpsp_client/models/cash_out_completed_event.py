from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET

if TYPE_CHECKING:
    from ..models.cash_out import CashOut


T = TypeVar("T", bound="CashOutCompletedEvent")


@_attrs_define
class CashOutCompletedEvent:
    event_type: Literal["CASHOUT_COMPLETED"]
    event_at: datetime.datetime | str
    """ ISO 8601 date-time with offset (transaction times use -03:00, event/token times Z). """
    data: CashOut
    """ A cash-out as returned by create (202), get, and in cash-out webhook events. Only the ids and the status are
    required (D-40); `requestedAt` is not shown by the reference page and is optional like the other documented
    fields. """
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
        event_type = self.event_type

        event_at = types.isoformat(self.event_at)

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "eventType": event_type,
                "eventAt": event_at,
                "data": data,
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
        event_type = d.get("eventType", UNSET)
        # the documented constant is stored as the constant itself, as ConstOf does
        if event_type == "CASHOUT_COMPLETED":
            event_type = "CASHOUT_COMPLETED"
        else:
            r = r or types.Reader(d, _path)
            event_type = r.required("eventType", event_type, _EVENT_TYPE)
        event_at = d.get("eventAt", UNSET)
        if (
            type(event_at) is str
            and (parsed_datetime := types.iso_datetime(event_at)) is not None
        ):
            event_at = parsed_datetime
        else:
            r = r or types.Reader(d, _path)
            event_at = r.required("eventAt", event_at, _EVENT_AT)
        data = d.get("data", UNSET)
        if type(data) is dict:
            data = CashOut.from_dict(data, _path + ".data" if _path else "data")
            # a nested model's deviations bubble up, with their paths
            if data.deviations:
                r = r or types.Reader(d, _path)
                r.deviations.extend(data.deviations)
        else:
            r = r or types.Reader(d, _path)
            data = r.required("data", data, _DATA)
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        cash_out_completed_event = cls.__new__(cls)
        cash_out_completed_event.event_type = event_type
        cash_out_completed_event.event_at = event_at
        cash_out_completed_event.data = data
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            cash_out_completed_event.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            cash_out_completed_event.additional_properties = r.rest(_KNOWN, True)
        cash_out_completed_event.raw = d
        cash_out_completed_event.deviations = r.deviations if r is not None else []
        return cash_out_completed_event

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
from ..models.cash_out import CashOut

# connectpsp: one converter per field, built once at import (after the imports above, so models
# that refer to each other are all defined by the time they are read).
_KNOWN: frozenset[str] = frozenset(
    {
        "eventType",
        "eventAt",
        "data",
    }
)
_EVENT_TYPE = types.ConstOf("CASHOUT_COMPLETED")
_EVENT_AT = types.DATETIME
_DATA = types.ModelOf(CashOut)
