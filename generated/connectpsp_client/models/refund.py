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
    """Refund (devolution) accepted. The reference page shows transactionId, internalCode, externalReference and
    endToEndId; the rest is D-09 and optional (D-40).

    """

    transaction_id: str
    """ A transaction identifier (transactionId, internalCode or endToEndId). The same pattern as the `{id}` path
    parameter, because the spec's links feed response ids into `{id}` (D-21, D-47). """
    internal_code: str
    """ A transaction identifier (transactionId, internalCode or endToEndId). The same pattern as the `{id}` path
    parameter, because the spec's links feed response ids into `{id}` (D-21, D-47). """
    external_reference: None | str | Unset = UNSET
    end_to_end_id: None | str | Unset = UNSET
    original_end_to_end_id: None | str | Unset = UNSET
    status: CashInStatus | None | Unset = UNSET
    amount: Decimal | None | Unset = UNSET
    reason: None | RefundReason | Unset = UNSET
    refunded_at: datetime.datetime | str | None | Unset = UNSET
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
        transaction_id = self.transaction_id

        internal_code = self.internal_code

        external_reference: None | str | Unset
        if isinstance(self.external_reference, Unset):
            external_reference = UNSET
        else:
            external_reference = self.external_reference

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

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, CashInStatus):
            status = self.status.value
        else:
            status = self.status

        amount: Decimal | None | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        elif isinstance(self.reason, RefundReason):
            reason = self.reason.value
        else:
            reason = self.reason

        refunded_at: None | str | Unset
        if isinstance(self.refunded_at, Unset):
            refunded_at = UNSET
        elif isinstance(self.refunded_at, datetime.datetime):
            refunded_at = types.isoformat(self.refunded_at)
        else:
            refunded_at = self.refunded_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "transactionId": transaction_id,
                "internalCode": internal_code,
            }
        )
        if external_reference is not UNSET:
            field_dict["externalReference"] = external_reference
        if end_to_end_id is not UNSET:
            field_dict["endToEndId"] = end_to_end_id
        if original_end_to_end_id is not UNSET:
            field_dict["originalEndToEndId"] = original_end_to_end_id
        if status is not UNSET:
            field_dict["status"] = status
        if amount is not UNSET:
            field_dict["amount"] = amount
        if reason is not UNSET:
            field_dict["reason"] = reason
        if refunded_at is not UNSET:
            field_dict["refundedAt"] = refunded_at

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
        transaction_id = d.get("transactionId", UNSET)
        if type(transaction_id) is not str:
            r = r or types.Reader(d, _path)
            transaction_id = r.required(
                "transactionId", transaction_id, _TRANSACTION_ID
            )
        internal_code = d.get("internalCode", UNSET)
        if type(internal_code) is not str:
            r = r or types.Reader(d, _path)
            internal_code = r.required("internalCode", internal_code, _INTERNAL_CODE)
        external_reference = d.get("externalReference", UNSET)
        if type(external_reference) is not str:
            r = r or types.Reader(d, _path)
            external_reference = r.optional(
                "externalReference",
                external_reference,
                _EXTERNAL_REFERENCE,
                types.NULLABLE | types.EXPECTED,
            )
        end_to_end_id = d.get("endToEndId", UNSET)
        if type(end_to_end_id) is not str:
            r = r or types.Reader(d, _path)
            end_to_end_id = r.optional(
                "endToEndId",
                end_to_end_id,
                _END_TO_END_ID,
                types.NULLABLE | types.EXPECTED,
            )
        original_end_to_end_id = d.get("originalEndToEndId", UNSET)
        if (
            type(original_end_to_end_id) is not str
            and original_end_to_end_id is not UNSET
        ):
            r = r or types.Reader(d, _path)
            original_end_to_end_id = r.optional(
                "originalEndToEndId",
                original_end_to_end_id,
                _ORIGINAL_END_TO_END_ID,
                types.NULLABLE,
            )
        status = d.get("status", UNSET)
        if type(status) is str and status in _STATUS.known:
            status = _STATUS.known[status]
        elif status is not UNSET:
            r = r or types.Reader(d, _path)
            status = r.optional("status", status, _STATUS, types.NULLABLE)
        amount = d.get("amount", UNSET)
        if type(amount) is int:
            amount = Decimal(amount)
        elif (
            not (
                type(amount) is Decimal
                and (
                    amount.same_quantum(types.CENTS)
                    or amount.same_quantum(types.TENTHS)
                )
            )
            and amount is not UNSET
        ):
            r = r or types.Reader(d, _path)
            amount = r.optional("amount", amount, _AMOUNT, types.NULLABLE)
        reason = d.get("reason", UNSET)
        if type(reason) is str and reason in _REASON.known:
            reason = _REASON.known[reason]
        elif reason is not UNSET:
            r = r or types.Reader(d, _path)
            reason = r.optional("reason", reason, _REASON, types.NULLABLE)
        refunded_at = d.get("refundedAt", UNSET)
        if (
            type(refunded_at) is str
            and (parsed_datetime := types.iso_datetime(refunded_at)) is not None
        ):
            refunded_at = parsed_datetime
        elif refunded_at is not UNSET:
            r = r or types.Reader(d, _path)
            refunded_at = r.optional(
                "refundedAt", refunded_at, _REFUNDED_AT, types.NULLABLE
            )
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        refund = cls.__new__(cls)
        refund.transaction_id = transaction_id
        refund.internal_code = internal_code
        refund.external_reference = external_reference
        refund.end_to_end_id = end_to_end_id
        refund.original_end_to_end_id = original_end_to_end_id
        refund.status = status
        refund.amount = amount
        refund.reason = reason
        refund.refunded_at = refunded_at
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            refund.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            refund.additional_properties = r.rest(_KNOWN, True)
        refund.raw = d
        refund.deviations = r.deviations if r is not None else []
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


# connectpsp: one converter per field, built once at import (after the imports above, so models
# that refer to each other are all defined by the time they are read).
_KNOWN: frozenset[str] = frozenset(
    {
        "transactionId",
        "internalCode",
        "externalReference",
        "endToEndId",
        "originalEndToEndId",
        "status",
        "amount",
        "reason",
        "refundedAt",
    }
)
_TRANSACTION_ID = types.STR
_INTERNAL_CODE = types.STR
_EXTERNAL_REFERENCE = types.STR
_END_TO_END_ID = types.STR
_ORIGINAL_END_TO_END_ID = types.STR
_STATUS = types.EnumOf(CashInStatus)
_AMOUNT = types.MONEY
_REASON = types.EnumOf(RefundReason)
_REFUNDED_AT = types.DATETIME
