"""Validated request bodies, built as the generated models (shared by sync and async resources)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from connectpsp_client import models
from connectpsp_client.types import UNSET, Unset

from . import validation
from .destinations import checked_destination
from .errors import ValidationError
from .money import Amount, to_amount

# The models are reached through ``models.`` at run time, so that each is imported by the first
# call that builds one, not with the client (D-57); annotations name them directly.
if TYPE_CHECKING:
    from connectpsp_client.models import (
        CashInRequest,
        CashOutRequest,
        OpenFinanceRequest,
        RebalanceRequest,
        RefundRequest,
    )

NAME_MAX = 140
REFERENCE_MAX = 100
CASH_OUT_DESCRIPTION_MAX = 140
REFUND_DESCRIPTION_MAX = 500


def _open_finance(
    value: OpenFinanceRequest | Mapping[str, Any] | None,
) -> OpenFinanceRequest | Unset:
    if value is None:
        return UNSET
    if isinstance(value, Mapping):
        try:
            value = models.OpenFinanceRequest.from_dict(value)
        except (TypeError, ValueError):
            raise ValidationError(
                "open_finance is not a valid object", field="open_finance"
            ) from None
    if not isinstance(value, models.OpenFinanceRequest):
        raise ValidationError(
            "open_finance must be an OpenFinanceRequest or a mapping", field="open_finance"
        )
    redirect = value.redirect_url
    if not isinstance(redirect, Unset):
        validation.webhook_url(redirect, "open_finance.redirect_url")
    return value


def cash_in_request(
    *,
    amount: object,
    external_reference: str,
    payer_name: str,
    payer_document: str,
    expiration_in_minutes: int | None,
    webhook_url: str | None,
    open_finance: OpenFinanceRequest | Mapping[str, Any] | None,
) -> CashInRequest:
    return models.CashInRequest(
        amount=to_amount(amount),
        external_reference=validation.text(
            external_reference, "external_reference", max_length=REFERENCE_MAX
        ),
        payer=models.Payer(
            name=validation.text(payer_name, "payer_name", max_length=NAME_MAX),
            document=validation.document(payer_document, "payer_document"),
        ),
        expiration_in_minutes=(
            UNSET
            if expiration_in_minutes is None
            else validation.expiration_minutes(expiration_in_minutes)
        ),
        webhook_url=UNSET if webhook_url is None else validation.webhook_url(webhook_url),
        open_finance=_open_finance(open_finance),
    )


def refund_request(reason: object, description: str | None) -> RefundRequest:
    return models.RefundRequest(
        reason=validation.known_member(models.RefundReason, reason, "reason"),
        description=(
            UNSET
            if description is None
            else validation.text(
                description, "description", max_length=REFUND_DESCRIPTION_MAX, min_length=0
            )
        ),
    )


def cash_out_request(
    *,
    amount: object,
    external_reference: str,
    payee_name: str,
    payee_document: str,
    destination: object,
    description: str | None,
    webhook_url: str | None,
) -> CashOutRequest:
    return models.CashOutRequest(
        amount=to_amount(amount),
        external_reference=validation.text(
            external_reference, "external_reference", max_length=REFERENCE_MAX
        ),
        payee=models.Payee(
            name=validation.text(payee_name, "payee_name", max_length=NAME_MAX),
            document=validation.document(payee_document, "payee_document"),
            destination=checked_destination(destination),
        ),
        description=(
            UNSET
            if description is None
            else validation.text(
                description, "description", max_length=CASH_OUT_DESCRIPTION_MAX, min_length=0
            )
        ),
        webhook_url=UNSET if webhook_url is None else validation.webhook_url(webhook_url),
    )


def rebalance_request(target_amount: Amount) -> RebalanceRequest:
    return models.RebalanceRequest(
        target_amount=to_amount(target_amount, field="target_amount", allow_zero=True)
    )


def check_date(value: object) -> dict[str, str] | None:
    """The ``date`` query of ``GET /account/balance``."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise ValidationError("date must be a datetime.date", field="date")
    return {"date": value.isoformat()}
