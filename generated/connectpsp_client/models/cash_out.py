from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.cash_out_status import CashOutStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cash_out_failure import CashOutFailure
    from ..models.payee import Payee


T = TypeVar("T", bound="CashOut")


@_attrs_define
class CashOut:
    """A cash-out as returned by create (202), get, and in cash-out webhook events."""

    transaction_id: UUID
    internal_code: str
    external_reference: str
    status: CashOutStatus
    """ PROCESSING -> COMPLETED -> REFUNDED; PROCESSING -> FAILED | CANCELLED (D-13). """
    amount: Decimal
    """ Amount in BRL reais: a JSON number with at most two decimal places (D-01). Never handle it as a binary
    float. """
    payee: Payee
    requested_at: datetime.datetime
    """ ISO 8601 date-time with offset (transaction times use -03:00, event/token times Z). """
    end_to_end_id: None | str | Unset = UNSET
    """ COMPLETED -> starts with E; REFUNDED -> starts with D; FAILED -> null. """
    original_end_to_end_id: None | str | Unset = UNSET
    description: str | Unset = UNSET
    failure: CashOutFailure | Unset = UNSET
    completed_at: datetime.datetime | Unset = UNSET
    """ ISO 8601 date-time with offset (transaction times use -03:00, event/token times Z). """
    failed_at: datetime.datetime | Unset = UNSET
    """ ISO 8601 date-time with offset (transaction times use -03:00, event/token times Z). """
    refunded_at: datetime.datetime | Unset = UNSET
    """ ISO 8601 date-time with offset (transaction times use -03:00, event/token times Z). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        transaction_id = str(self.transaction_id)

        internal_code = self.internal_code

        external_reference = self.external_reference

        status = self.status.value

        amount = self.amount

        payee = self.payee.to_dict()

        requested_at = types.isoformat(self.requested_at)

        end_to_end_id: None | str | Unset
        if isinstance(self.end_to_end_id, Unset):
            end_to_end_id = UNSET
        else:
            end_to_end_id = self.end_to_end_id

        original_end_to_end_id: None | str | Unset
        if isinstance(self.original_end_to_end_id, Unset):
            original_end_to_end_id = UNSET
        else:
            original_end_to_end_id = self.original_end_to_end_id

        description = self.description

        failure: dict[str, Any] | Unset = UNSET
        if not isinstance(self.failure, Unset):
            failure = self.failure.to_dict()

        completed_at: str | Unset = UNSET
        if not isinstance(self.completed_at, Unset):
            completed_at = types.isoformat(self.completed_at)

        failed_at: str | Unset = UNSET
        if not isinstance(self.failed_at, Unset):
            failed_at = types.isoformat(self.failed_at)

        refunded_at: str | Unset = UNSET
        if not isinstance(self.refunded_at, Unset):
            refunded_at = types.isoformat(self.refunded_at)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "transactionId": transaction_id,
                "internalCode": internal_code,
                "externalReference": external_reference,
                "status": status,
                "amount": amount,
                "payee": payee,
                "requestedAt": requested_at,
            }
        )
        if end_to_end_id is not UNSET:
            field_dict["endToEndId"] = end_to_end_id
        if original_end_to_end_id is not UNSET:
            field_dict["originalEndToEndId"] = original_end_to_end_id
        if description is not UNSET:
            field_dict["description"] = description
        if failure is not UNSET:
            field_dict["failure"] = failure
        if completed_at is not UNSET:
            field_dict["completedAt"] = completed_at
        if failed_at is not UNSET:
            field_dict["failedAt"] = failed_at
        if refunded_at is not UNSET:
            field_dict["refundedAt"] = refunded_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        transaction_id = UUID(d.pop("transactionId"))

        internal_code = d.pop("internalCode")

        external_reference = d.pop("externalReference")

        status = CashOutStatus(d.pop("status"))

        amount = types.to_decimal(d.pop("amount"))

        payee = Payee.from_dict(d.pop("payee"))

        requested_at = datetime.datetime.fromisoformat(d.pop("requestedAt"))

        def _parse_end_to_end_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        end_to_end_id = _parse_end_to_end_id(d.pop("endToEndId", UNSET))

        def _parse_original_end_to_end_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        original_end_to_end_id = _parse_original_end_to_end_id(
            d.pop("originalEndToEndId", UNSET)
        )

        description = d.pop("description", UNSET)

        _failure = d.pop("failure", UNSET)
        failure: CashOutFailure | Unset
        if isinstance(_failure, Unset):
            failure = UNSET
        else:
            failure = CashOutFailure.from_dict(_failure)

        _completed_at = d.pop("completedAt", UNSET)
        completed_at: datetime.datetime | Unset
        if isinstance(_completed_at, Unset):
            completed_at = UNSET
        else:
            completed_at = datetime.datetime.fromisoformat(_completed_at)

        _failed_at = d.pop("failedAt", UNSET)
        failed_at: datetime.datetime | Unset
        if isinstance(_failed_at, Unset):
            failed_at = UNSET
        else:
            failed_at = datetime.datetime.fromisoformat(_failed_at)

        _refunded_at = d.pop("refundedAt", UNSET)
        refunded_at: datetime.datetime | Unset
        if isinstance(_refunded_at, Unset):
            refunded_at = UNSET
        else:
            refunded_at = datetime.datetime.fromisoformat(_refunded_at)

        cash_out = cls(
            transaction_id=transaction_id,
            internal_code=internal_code,
            external_reference=external_reference,
            status=status,
            amount=amount,
            payee=payee,
            requested_at=requested_at,
            end_to_end_id=end_to_end_id,
            original_end_to_end_id=original_end_to_end_id,
            description=description,
            failure=failure,
            completed_at=completed_at,
            failed_at=failed_at,
            refunded_at=refunded_at,
        )

        cash_out.additional_properties = d
        return cash_out

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
from ..models.cash_out_failure import CashOutFailure
from ..models.payee import Payee
