from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.cash_out_status import CashOutStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.cash_out_failure import CashOutFailure
    from ..models.payee_details import PayeeDetails


T = TypeVar("T", bound="CashOut")


@_attrs_define
class CashOut:
    """A cash-out as returned by create (202), get, and in cash-out webhook events. Only the ids and the status are
    required (D-40); `requestedAt` is not shown by the reference page and is optional like the other documented fields.

    """

    transaction_id: str
    """ A transaction identifier (transactionId, internalCode or endToEndId). The same pattern as the `{id}` path
    parameter, because the spec's links feed response ids into `{id}` (D-21, D-47). """
    internal_code: str
    """ A transaction identifier (transactionId, internalCode or endToEndId). The same pattern as the `{id}` path
    parameter, because the spec's links feed response ids into `{id}` (D-21, D-47). """
    status: CashOutStatus
    """ PROCESSING -> COMPLETED -> REFUNDED; PROCESSING -> FAILED | CANCELLED (D-13). Clients keep values they do
    not know (D-20). """
    external_reference: None | str | Unset = UNSET
    end_to_end_id: None | str | Unset = UNSET
    """ COMPLETED -> starts with E; REFUNDED -> starts with D; FAILED -> null. """
    original_end_to_end_id: None | str | Unset = UNSET
    amount: Decimal | None | Unset = UNSET
    description: None | str | Unset = UNSET
    failure: CashOutFailure | None | Unset = UNSET
    """ Present only when status is FAILED. """
    payee: None | PayeeDetails | Unset = UNSET
    requested_at: datetime.datetime | str | None | Unset = UNSET
    completed_at: datetime.datetime | str | None | Unset = UNSET
    failed_at: datetime.datetime | str | None | Unset = UNSET
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

        status = self.status.value

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

        amount: Decimal | None | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        failure: dict[str, Any] | None | Unset
        if isinstance(self.failure, Unset):
            failure = UNSET
        elif isinstance(self.failure, CashOutFailure):
            failure = self.failure.to_dict()
        else:
            failure = self.failure

        payee: dict[str, Any] | None | Unset
        if isinstance(self.payee, Unset):
            payee = UNSET
        elif isinstance(self.payee, PayeeDetails):
            payee = self.payee.to_dict()
        else:
            payee = self.payee

        requested_at: None | str | Unset
        if isinstance(self.requested_at, Unset):
            requested_at = UNSET
        elif isinstance(self.requested_at, datetime.datetime):
            requested_at = types.isoformat(self.requested_at)
        else:
            requested_at = self.requested_at

        completed_at: None | str | Unset
        if isinstance(self.completed_at, Unset):
            completed_at = UNSET
        elif isinstance(self.completed_at, datetime.datetime):
            completed_at = types.isoformat(self.completed_at)
        else:
            completed_at = self.completed_at

        failed_at: None | str | Unset
        if isinstance(self.failed_at, Unset):
            failed_at = UNSET
        elif isinstance(self.failed_at, datetime.datetime):
            failed_at = types.isoformat(self.failed_at)
        else:
            failed_at = self.failed_at

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
                "status": status,
            }
        )
        if external_reference is not UNSET:
            field_dict["externalReference"] = external_reference
        if end_to_end_id is not UNSET:
            field_dict["endToEndId"] = end_to_end_id
        if original_end_to_end_id is not UNSET:
            field_dict["originalEndToEndId"] = original_end_to_end_id
        if amount is not UNSET:
            field_dict["amount"] = amount
        if description is not UNSET:
            field_dict["description"] = description
        if failure is not UNSET:
            field_dict["failure"] = failure
        if payee is not UNSET:
            field_dict["payee"] = payee
        if requested_at is not UNSET:
            field_dict["requestedAt"] = requested_at
        if completed_at is not UNSET:
            field_dict["completedAt"] = completed_at
        if failed_at is not UNSET:
            field_dict["failedAt"] = failed_at
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
        status = d.get("status", UNSET)
        if type(status) is str and status in _STATUS.known:
            status = _STATUS.known[status]
        else:
            r = r or types.Reader(d, _path)
            status = r.required("status", status, _STATUS)
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
        if (
            type(end_to_end_id) is not str
            and end_to_end_id is not UNSET
            and end_to_end_id is not None
        ):
            r = r or types.Reader(d, _path)
            end_to_end_id = r.optional(
                "endToEndId",
                end_to_end_id,
                _END_TO_END_ID,
                types.NULLABLE | types.NULL_DOCUMENTED,
            )
        original_end_to_end_id = d.get("originalEndToEndId", UNSET)
        if (
            type(original_end_to_end_id) is not str
            and original_end_to_end_id is not UNSET
            and original_end_to_end_id is not None
        ):
            r = r or types.Reader(d, _path)
            original_end_to_end_id = r.optional(
                "originalEndToEndId",
                original_end_to_end_id,
                _ORIGINAL_END_TO_END_ID,
                types.NULLABLE | types.NULL_DOCUMENTED,
            )
        amount = d.get("amount", UNSET)
        if type(amount) is int:
            amount = Decimal(amount)
        elif not (
            type(amount) is Decimal
            and (amount.same_quantum(types.CENTS) or amount.same_quantum(types.TENTHS))
        ):
            r = r or types.Reader(d, _path)
            amount = r.optional(
                "amount", amount, _AMOUNT, types.NULLABLE | types.EXPECTED
            )
        description = d.get("description", UNSET)
        if type(description) is not str and description is not UNSET:
            r = r or types.Reader(d, _path)
            description = r.optional(
                "description", description, _DESCRIPTION, types.NULLABLE
            )
        failure = d.get("failure", UNSET)
        if type(failure) is dict:
            failure = CashOutFailure.from_dict(
                failure, _path + ".failure" if _path else "failure"
            )
            # a nested model's deviations bubble up, with their paths
            if failure.deviations:
                r = r or types.Reader(d, _path)
                r.deviations.extend(failure.deviations)
        elif failure is not UNSET:
            r = r or types.Reader(d, _path)
            failure = r.optional("failure", failure, _FAILURE, types.NULLABLE)
        payee = d.get("payee", UNSET)
        if type(payee) is dict:
            payee = PayeeDetails.from_dict(
                payee, _path + ".payee" if _path else "payee"
            )
            # a nested model's deviations bubble up, with their paths
            if payee.deviations:
                r = r or types.Reader(d, _path)
                r.deviations.extend(payee.deviations)
        else:
            r = r or types.Reader(d, _path)
            payee = r.optional("payee", payee, _PAYEE, types.NULLABLE | types.EXPECTED)
        requested_at = d.get("requestedAt", UNSET)
        if (
            type(requested_at) is str
            and (parsed_datetime := types.iso_datetime(requested_at)) is not None
        ):
            requested_at = parsed_datetime
        elif requested_at is not UNSET:
            r = r or types.Reader(d, _path)
            requested_at = r.optional(
                "requestedAt", requested_at, _REQUESTED_AT, types.NULLABLE
            )
        completed_at = d.get("completedAt", UNSET)
        if (
            type(completed_at) is str
            and (parsed_datetime := types.iso_datetime(completed_at)) is not None
        ):
            completed_at = parsed_datetime
        elif completed_at is not UNSET:
            r = r or types.Reader(d, _path)
            completed_at = r.optional(
                "completedAt", completed_at, _COMPLETED_AT, types.NULLABLE
            )
        failed_at = d.get("failedAt", UNSET)
        if (
            type(failed_at) is str
            and (parsed_datetime := types.iso_datetime(failed_at)) is not None
        ):
            failed_at = parsed_datetime
        elif failed_at is not UNSET:
            r = r or types.Reader(d, _path)
            failed_at = r.optional("failedAt", failed_at, _FAILED_AT, types.NULLABLE)
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
        cash_out = cls.__new__(cls)
        cash_out.transaction_id = transaction_id
        cash_out.internal_code = internal_code
        cash_out.status = status
        cash_out.external_reference = external_reference
        cash_out.end_to_end_id = end_to_end_id
        cash_out.original_end_to_end_id = original_end_to_end_id
        cash_out.amount = amount
        cash_out.description = description
        cash_out.failure = failure
        cash_out.payee = payee
        cash_out.requested_at = requested_at
        cash_out.completed_at = completed_at
        cash_out.failed_at = failed_at
        cash_out.refunded_at = refunded_at
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            cash_out.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            cash_out.additional_properties = r.rest(_KNOWN, True)
        cash_out.raw = d
        cash_out.deviations = r.deviations if r is not None else []
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
from ..models.payee_details import PayeeDetails

# connectpsp: one converter per field, built once at import (after the imports above, so models
# that refer to each other are all defined by the time they are read).
_KNOWN: frozenset[str] = frozenset(
    {
        "transactionId",
        "internalCode",
        "status",
        "externalReference",
        "endToEndId",
        "originalEndToEndId",
        "amount",
        "description",
        "failure",
        "payee",
        "requestedAt",
        "completedAt",
        "failedAt",
        "refundedAt",
    }
)
_TRANSACTION_ID = types.STR
_INTERNAL_CODE = types.STR
_STATUS = types.EnumOf(CashOutStatus)
_EXTERNAL_REFERENCE = types.STR
_END_TO_END_ID = types.STR
_ORIGINAL_END_TO_END_ID = types.STR
_AMOUNT = types.MONEY
_DESCRIPTION = types.STR
_FAILURE = types.ModelOf(CashOutFailure)
_PAYEE = types.ModelOf(PayeeDetails)
_REQUESTED_AT = types.DATETIME
_COMPLETED_AT = types.DATETIME
_FAILED_AT = types.DATETIME
_REFUNDED_AT = types.DATETIME
