from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.cash_in_status import CashInStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cash_in_payer import CashInPayer
    from ..models.pix_data import PixData


T = TypeVar("T", bound="CashIn")


@_attrs_define
class CashIn:
    """A cash-in as returned by create (201), get, and in cash-in webhook events."""

    transaction_id: str
    internal_code: str
    external_reference: str
    status: CashInStatus
    """ AWAITING_PAYMENT -> PAID -> REFUNDED; AWAITING_PAYMENT -> EXPIRED | CANCELLED (D-13). """
    amount: Decimal
    """ Amount in BRL reais: a JSON number with at most two decimal places (D-01). Never handle it as a binary
    float. """
    payer: CashInPayer
    requested_at: datetime.datetime
    """ ISO 8601 date-time with offset (transaction times use -03:00, event/token times Z). """
    end_to_end_id: None | str | Unset = UNSET
    """ Set at settlement; starts with E when paid, D (devolution) when refunded. """
    original_end_to_end_id: None | str | Unset = UNSET
    """ The original E2E when endToEndId is a refund. """
    pix_data: PixData | Unset = UNSET
    payment_url: str | Unset = UNSET
    """ OpenFinance flow only; the bank authorisation link (D-14). """
    expires_at: datetime.datetime | Unset = UNSET
    """ ISO 8601 date-time with offset (transaction times use -03:00, event/token times Z). """
    paid_at: datetime.datetime | None | Unset = UNSET
    refunded_at: datetime.datetime | None | Unset = UNSET
    expired_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        transaction_id = self.transaction_id

        internal_code = self.internal_code

        external_reference = self.external_reference

        status = self.status.value

        amount = self.amount

        payer = self.payer.to_dict()

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

        pix_data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pix_data, Unset):
            pix_data = self.pix_data.to_dict()

        payment_url = self.payment_url

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = types.isoformat(self.expires_at)

        paid_at: None | str | Unset
        if isinstance(self.paid_at, Unset):
            paid_at = UNSET
        elif isinstance(self.paid_at, datetime.datetime):
            paid_at = types.isoformat(self.paid_at)
        else:
            paid_at = self.paid_at

        refunded_at: None | str | Unset
        if isinstance(self.refunded_at, Unset):
            refunded_at = UNSET
        elif isinstance(self.refunded_at, datetime.datetime):
            refunded_at = types.isoformat(self.refunded_at)
        else:
            refunded_at = self.refunded_at

        expired_at: None | str | Unset
        if isinstance(self.expired_at, Unset):
            expired_at = UNSET
        elif isinstance(self.expired_at, datetime.datetime):
            expired_at = types.isoformat(self.expired_at)
        else:
            expired_at = self.expired_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "transactionId": transaction_id,
                "internalCode": internal_code,
                "externalReference": external_reference,
                "status": status,
                "amount": amount,
                "payer": payer,
                "requestedAt": requested_at,
            }
        )
        if end_to_end_id is not UNSET:
            field_dict["endToEndId"] = end_to_end_id
        if original_end_to_end_id is not UNSET:
            field_dict["originalEndToEndId"] = original_end_to_end_id
        if pix_data is not UNSET:
            field_dict["pixData"] = pix_data
        if payment_url is not UNSET:
            field_dict["paymentUrl"] = payment_url
        if expires_at is not UNSET:
            field_dict["expiresAt"] = expires_at
        if paid_at is not UNSET:
            field_dict["paidAt"] = paid_at
        if refunded_at is not UNSET:
            field_dict["refundedAt"] = refunded_at
        if expired_at is not UNSET:
            field_dict["expiredAt"] = expired_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        transaction_id = d.pop("transactionId")

        internal_code = d.pop("internalCode")

        external_reference = d.pop("externalReference")

        status = CashInStatus(d.pop("status"))

        amount = types.to_decimal(d.pop("amount"))

        payer = CashInPayer.from_dict(d.pop("payer"))

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

        _pix_data = d.pop("pixData", UNSET)
        pix_data: PixData | Unset
        if isinstance(_pix_data, Unset):
            pix_data = UNSET
        else:
            pix_data = PixData.from_dict(_pix_data)

        payment_url = d.pop("paymentUrl", UNSET)

        _expires_at = d.pop("expiresAt", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)

        def _parse_paid_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_at_type_0 = datetime.datetime.fromisoformat(data)

                return paid_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        paid_at = _parse_paid_at(d.pop("paidAt", UNSET))

        def _parse_refunded_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                refunded_at_type_0 = datetime.datetime.fromisoformat(data)

                return refunded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        refunded_at = _parse_refunded_at(d.pop("refundedAt", UNSET))

        def _parse_expired_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expired_at_type_0 = datetime.datetime.fromisoformat(data)

                return expired_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expired_at = _parse_expired_at(d.pop("expiredAt", UNSET))

        cash_in = cls(
            transaction_id=transaction_id,
            internal_code=internal_code,
            external_reference=external_reference,
            status=status,
            amount=amount,
            payer=payer,
            requested_at=requested_at,
            end_to_end_id=end_to_end_id,
            original_end_to_end_id=original_end_to_end_id,
            pix_data=pix_data,
            payment_url=payment_url,
            expires_at=expires_at,
            paid_at=paid_at,
            refunded_at=refunded_at,
            expired_at=expired_at,
        )

        cash_in.additional_properties = d
        return cash_in

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
from ..models.cash_in_payer import CashInPayer
from ..models.pix_data import PixData
