from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types

if TYPE_CHECKING:
    from ..models.cash_in import CashIn


T = TypeVar("T", bound="CashInPaidEvent")


@_attrs_define
class CashInPaidEvent:
    event_type: Literal["CASHIN_PAID"]
    event_at: datetime.datetime
    """ ISO 8601 date-time with offset (transaction times use -03:00, event/token times Z). """
    data: CashIn
    """ A cash-in as returned by create (201), get, and in cash-in webhook events. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        event_type = cast(Literal["CASHIN_PAID"], d.pop("eventType"))
        if event_type != "CASHIN_PAID":
            raise ValueError(
                f"eventType must match const 'CASHIN_PAID', got '{event_type}'"
            )

        event_at = datetime.datetime.fromisoformat(d.pop("eventAt"))

        data = CashIn.from_dict(d.pop("data"))

        cash_in_paid_event = cls(
            event_type=event_type,
            event_at=event_at,
            data=data,
        )

        cash_in_paid_event.additional_properties = d
        return cash_in_paid_event

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
from ..models.cash_in import CashIn
