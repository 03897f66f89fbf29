from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self, TypeVar

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
    """A cash-in as returned by create (201), get, and in cash-in webhook events. Only the ids and the status are required
    (D-40); the other documented fields are reported as deviations when absent. `pixData` and `paymentUrl` come only
    with the 201 (D-31), the times only once reached.

    """

    transaction_id: str
    """ A transaction identifier (transactionId, internalCode or endToEndId). The same pattern as the `{id}` path
    parameter, because the spec's links feed response ids into `{id}` (D-21, D-47). """
    internal_code: str
    """ A transaction identifier (transactionId, internalCode or endToEndId). The same pattern as the `{id}` path
    parameter, because the spec's links feed response ids into `{id}` (D-21, D-47). """
    status: CashInStatus
    """ AWAITING_PAYMENT -> PAID -> REFUNDED; AWAITING_PAYMENT -> EXPIRED | CANCELLED (D-13). Clients keep values
    they do not know (D-20). """
    external_reference: None | str | Unset = UNSET
    end_to_end_id: None | str | Unset = UNSET
    """ Set at settlement; starts with E when paid, D (devolution) when refunded. """
    original_end_to_end_id: None | str | Unset = UNSET
    """ The original E2E when endToEndId is a refund. """
    amount: Decimal | None | Unset = UNSET
    payer: CashInPayer | None | Unset = UNSET
    pix_data: None | PixData | Unset = UNSET
    payment_url: None | str | Unset = UNSET
    """ OpenFinance flow only; the bank authorisation link (D-14). """
    expires_at: datetime.datetime | str | None | Unset = UNSET
    """ When an unpaid cash-in expires (D-15). """
    requested_at: datetime.datetime | str | None | Unset = UNSET
    paid_at: datetime.datetime | str | None | Unset = UNSET
    refunded_at: datetime.datetime | str | None | Unset = UNSET
    expired_at: datetime.datetime | str | None | Unset = UNSET
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

        payer: dict[str, Any] | None | Unset
        if isinstance(self.payer, Unset):
            payer = UNSET
        elif isinstance(self.payer, CashInPayer):
            payer = self.payer.to_dict()
        else:
            payer = self.payer

        pix_data: dict[str, Any] | None | Unset
        if isinstance(self.pix_data, Unset):
            pix_data = UNSET
        elif isinstance(self.pix_data, PixData):
            pix_data = self.pix_data.to_dict()
        else:
            pix_data = self.pix_data

        payment_url: None | str | Unset
        if isinstance(self.payment_url, Unset):
            payment_url = UNSET
        else:
            payment_url = self.payment_url

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = types.isoformat(self.expires_at)
        else:
            expires_at = self.expires_at

        requested_at: None | str | Unset
        if isinstance(self.requested_at, Unset):
            requested_at = UNSET
        elif isinstance(self.requested_at, datetime.datetime):
            requested_at = types.isoformat(self.requested_at)
        else:
            requested_at = self.requested_at

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
        if payer is not UNSET:
            field_dict["payer"] = payer
        if pix_data is not UNSET:
            field_dict["pixData"] = pix_data
        if payment_url is not UNSET:
            field_dict["paymentUrl"] = payment_url
        if expires_at is not UNSET:
            field_dict["expiresAt"] = expires_at
        if requested_at is not UNSET:
            field_dict["requestedAt"] = requested_at
        if paid_at is not UNSET:
            field_dict["paidAt"] = paid_at
        if refunded_at is not UNSET:
            field_dict["refundedAt"] = refunded_at
        if expired_at is not UNSET:
            field_dict["expiredAt"] = expired_at

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
        payer = d.get("payer", UNSET)
        if type(payer) is dict:
            payer = CashInPayer.from_dict(payer, _path + ".payer" if _path else "payer")
            # a nested model's deviations bubble up, with their paths
            if payer.deviations:
                r = r or types.Reader(d, _path)
                r.deviations.extend(payer.deviations)
        else:
            r = r or types.Reader(d, _path)
            payer = r.optional("payer", payer, _PAYER, types.NULLABLE | types.EXPECTED)
        pix_data = d.get("pixData", UNSET)
        if type(pix_data) is dict:
            pix_data = PixData.from_dict(
                pix_data, _path + ".pixData" if _path else "pixData"
            )
            # a nested model's deviations bubble up, with their paths
            if pix_data.deviations:
                r = r or types.Reader(d, _path)
                r.deviations.extend(pix_data.deviations)
        elif pix_data is not UNSET:
            r = r or types.Reader(d, _path)
            pix_data = r.optional("pixData", pix_data, _PIX_DATA, types.NULLABLE)
        payment_url = d.get("paymentUrl", UNSET)
        if type(payment_url) is not str and payment_url is not UNSET:
            r = r or types.Reader(d, _path)
            payment_url = r.optional(
                "paymentUrl", payment_url, _PAYMENT_URL, types.NULLABLE
            )
        expires_at = d.get("expiresAt", UNSET)
        if (
            type(expires_at) is str
            and (parsed_datetime := types.iso_datetime(expires_at)) is not None
        ):
            expires_at = parsed_datetime
        elif expires_at is not UNSET:
            r = r or types.Reader(d, _path)
            expires_at = r.optional(
                "expiresAt", expires_at, _EXPIRES_AT, types.NULLABLE
            )
        requested_at = d.get("requestedAt", UNSET)
        if (
            type(requested_at) is str
            and (parsed_datetime := types.iso_datetime(requested_at)) is not None
        ):
            requested_at = parsed_datetime
        else:
            r = r or types.Reader(d, _path)
            requested_at = r.optional(
                "requestedAt",
                requested_at,
                _REQUESTED_AT,
                types.NULLABLE | types.EXPECTED,
            )
        paid_at = d.get("paidAt", UNSET)
        if (
            type(paid_at) is str
            and (parsed_datetime := types.iso_datetime(paid_at)) is not None
        ):
            paid_at = parsed_datetime
        elif paid_at is not UNSET:
            r = r or types.Reader(d, _path)
            paid_at = r.optional("paidAt", paid_at, _PAID_AT, types.NULLABLE)
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
        expired_at = d.get("expiredAt", UNSET)
        if (
            type(expired_at) is str
            and (parsed_datetime := types.iso_datetime(expired_at)) is not None
        ):
            expired_at = parsed_datetime
        elif expired_at is not UNSET:
            r = r or types.Reader(d, _path)
            expired_at = r.optional(
                "expiredAt", expired_at, _EXPIRED_AT, types.NULLABLE
            )
        # Every attribute is set right here, so the attrs __init__ (and its default factories) is
        # skipped: it would double the cost of reading a response (the SDK overhead budget).
        cash_in = cls.__new__(cls)
        cash_in.transaction_id = transaction_id
        cash_in.internal_code = internal_code
        cash_in.status = status
        cash_in.external_reference = external_reference
        cash_in.end_to_end_id = end_to_end_id
        cash_in.original_end_to_end_id = original_end_to_end_id
        cash_in.amount = amount
        cash_in.payer = payer
        cash_in.pix_data = pix_data
        cash_in.payment_url = payment_url
        cash_in.expires_at = expires_at
        cash_in.requested_at = requested_at
        cash_in.paid_at = paid_at
        cash_in.refunded_at = refunded_at
        cash_in.expired_at = expired_at
        # Fields the spec does not describe: usually none, which needs no call to find out.
        if d.keys() <= _KNOWN:
            cash_in.additional_properties = {}
        else:
            r = r or types.Reader(d, _path)
            cash_in.additional_properties = r.rest(_KNOWN, True)
        cash_in.raw = d
        cash_in.deviations = r.deviations if r is not None else []
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
        "payer",
        "pixData",
        "paymentUrl",
        "expiresAt",
        "requestedAt",
        "paidAt",
        "refundedAt",
        "expiredAt",
    }
)
_TRANSACTION_ID = types.STR
_INTERNAL_CODE = types.STR
_STATUS = types.EnumOf(CashInStatus)
_EXTERNAL_REFERENCE = types.STR
_END_TO_END_ID = types.STR
_ORIGINAL_END_TO_END_ID = types.STR
_AMOUNT = types.MONEY
_PAYER = types.ModelOf(CashInPayer)
_PIX_DATA = types.ModelOf(PixData)
_PAYMENT_URL = types.STR
_EXPIRES_AT = types.DATETIME
_REQUESTED_AT = types.DATETIME
_PAID_AT = types.DATETIME
_REFUNDED_AT = types.DATETIME
_EXPIRED_AT = types.DATETIME
