from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.cash_in_status import CashInStatus
from ..models.refund_reason import RefundReason
from ..types import UNSET, Unset

T = TypeVar("T", bound="Refund")


@_attrs_define
class Refund:
    """Refund (devolution) accepted. Remaining fields after endToEndId decided in D-09."""

    transaction_id: str
    internal_code: str
    external_reference: str
    end_to_end_id: str
    """ BACEN/SPI end-to-end id: `E` (original payment) or `D` (devolution) + 8-digit ISPB + yyyyMMddHHmm + 11
    alphanumerics (32 characters). """
    status: CashInStatus
    """ AWAITING_PAYMENT -> PAID -> REFUNDED; AWAITING_PAYMENT -> EXPIRED | CANCELLED (D-13). """
    amount: Decimal
    """ Amount in BRL reais: a JSON number with at most two decimal places (D-01). Never handle it as a binary
    float. """
    original_end_to_end_id: str | Unset = UNSET
    """ BACEN/SPI end-to-end id: `E` (original payment) or `D` (devolution) + 8-digit ISPB + yyyyMMddHHmm + 11
    alphanumerics (32 characters). """
    reason: RefundReason | Unset = UNSET
    refunded_at: datetime.datetime | Unset = UNSET
    """ ISO 8601 date-time with offset (transaction times use -03:00, event/token times Z). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        transaction_id = self.transaction_id

        internal_code = self.internal_code

        external_reference = self.external_reference

        end_to_end_id = self.end_to_end_id

        status = self.status.value

        amount = self.amount

        original_end_to_end_id = self.original_end_to_end_id

        reason: str | Unset = UNSET
        if not isinstance(self.reason, Unset):
            reason = self.reason.value

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
                "endToEndId": end_to_end_id,
                "status": status,
                "amount": amount,
            }
        )
        if original_end_to_end_id is not UNSET:
            field_dict["originalEndToEndId"] = original_end_to_end_id
        if reason is not UNSET:
            field_dict["reason"] = reason
        if refunded_at is not UNSET:
            field_dict["refundedAt"] = refunded_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        transaction_id = d.pop("transactionId")

        internal_code = d.pop("internalCode")

        external_reference = d.pop("externalReference")

        end_to_end_id = d.pop("endToEndId")

        status = CashInStatus(d.pop("status"))

        amount = types.to_decimal(d.pop("amount"))

        original_end_to_end_id = d.pop("originalEndToEndId", UNSET)

        _reason = d.pop("reason", UNSET)
        reason: RefundReason | Unset
        if isinstance(_reason, Unset):
            reason = UNSET
        else:
            reason = RefundReason(_reason)

        _refunded_at = d.pop("refundedAt", UNSET)
        refunded_at: datetime.datetime | Unset
        if isinstance(_refunded_at, Unset):
            refunded_at = UNSET
        else:
            refunded_at = datetime.datetime.fromisoformat(_refunded_at)

        refund = cls(
            transaction_id=transaction_id,
            internal_code=internal_code,
            external_reference=external_reference,
            end_to_end_id=end_to_end_id,
            status=status,
            amount=amount,
            original_end_to_end_id=original_end_to_end_id,
            reason=reason,
            refunded_at=refunded_at,
        )

        refund.additional_properties = d
        return refund

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
