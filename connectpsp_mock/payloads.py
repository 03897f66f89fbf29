"""Request bodies of the public API, validated into typed values (spec + D-01, D-11, D-14, D-18).

Every function takes the parsed JSON and raises 400 VALIDATION_ERROR naming the first bad field.
Unknown members are ignored (the request schemas allow additional properties).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from connectpsp_ext.pix import document_problem
from connectpsp_ext.pix.keys import is_valid_pix_key

from .models import BankAccountDestination, Destination, PixDestination
from .validation import Fields

PIX_KEY_TYPES = ("CPF", "CNPJ", "EMAIL", "PHONE", "EVP")
ACCOUNT_TYPES = ("CHECKING", "SAVINGS", "PAYMENT")
REFUND_REASONS = ("FRAUD", "DUPLICATED_PAYMENT", "CUSTOMER_REQUEST", "MERCHANT_ERROR")
DESTINATION_TYPES = ("PIX", "BANK_ACCOUNT")

DOCUMENT_RE = re.compile(r"[0-9]{11}|[0-9A-Z]{12}[0-9]{2}")
ISPB_RE = re.compile(r"[0-9]{8}")
BRANCH_RE = re.compile(r"[0-9]{1,4}")
ACCOUNT_RE = re.compile(r"[0-9]{1,20}")
NAME_MAX = 140
REFERENCE_MAX = 100
DEFAULT_EXPIRATION_MINUTES = 1440


@dataclass(frozen=True)
class TokenPayload:
    client_id: str
    client_secret: str = field(repr=False)


@dataclass(frozen=True)
class PartyPayload:
    """Payer or payee identity. The document is kept out of ``repr``."""

    name: str
    document: str = field(repr=False)


@dataclass(frozen=True)
class CashInPayload:
    amount: Decimal
    external_reference: str
    expiration_minutes: int
    webhook_url: str | None
    payer: PartyPayload
    open_finance: bool
    redirect_url: str | None


@dataclass(frozen=True)
class CashOutPayload:
    amount: Decimal
    external_reference: str
    description: str | None
    webhook_url: str | None
    payee: PartyPayload
    destination: Destination


@dataclass(frozen=True)
class RefundPayload:
    reason: str
    description: str | None


@dataclass(frozen=True)
class RebalancePayload:
    target_amount: Decimal


def _document(fields: Fields, key: str) -> str:
    value = fields.required_str(
        key, pattern=DOCUMENT_RE, pattern_hint="must be a CPF (11 digits) or CNPJ (14 characters)."
    )
    if document_problem(value) is not None:
        raise fields.error(key, "must be a CPF or CNPJ with valid check digits.")
    return value


def _party(fields: Fields) -> PartyPayload:
    return PartyPayload(
        name=fields.required_str("name", max_length=NAME_MAX),
        document=_document(fields, "document"),
    )


def parse_token_request(body: Any) -> TokenPayload:
    fields = Fields.root(body)
    return TokenPayload(
        client_id=fields.required_str("clientId", max_length=128),
        client_secret=fields.required_str("clientSecret", max_length=256),
    )


def parse_cash_in_request(body: Any) -> CashInPayload:
    fields = Fields.root(body)
    amount = fields.required_money("amount")
    reference = fields.required_str("externalReference", max_length=REFERENCE_MAX)
    minutes = fields.optional_int("expirationInMinutes", minimum=1, maximum=43200)
    webhook_url = fields.optional_url("webhookUrl")
    payer = _party(fields.required_object("payer"))
    open_finance = fields.optional_object("openFinance")
    redirect_url = open_finance.optional_url("redirectUrl") if open_finance else None
    return CashInPayload(
        amount=amount,
        external_reference=reference,
        expiration_minutes=DEFAULT_EXPIRATION_MINUTES if minutes is None else minutes,
        webhook_url=webhook_url,
        payer=payer,
        open_finance=open_finance is not None,
        redirect_url=redirect_url,
    )


def _destination(fields: Fields) -> Destination:
    kind = fields.required_enum("type", DESTINATION_TYPES)
    if kind == "PIX":
        key_type = fields.required_enum("pixKeyType", PIX_KEY_TYPES)
        key = fields.required_str("pixKey", max_length=77)
        if not is_valid_pix_key(key_type, key, canonical=True):
            raise fields.error("pixKey", f"is not a valid {key_type} key in canonical form.")
        return PixDestination(pix_key_type=key_type, pix_key=key)
    account = fields.required_object("bankAccount")
    return BankAccountDestination(
        ispb=account.required_str("ispb", pattern=ISPB_RE, pattern_hint="must be 8 digits."),
        branch=account.required_str(
            "branch", pattern=BRANCH_RE, pattern_hint="must be 1 to 4 digits."
        ),
        account=account.required_str(
            "account", pattern=ACCOUNT_RE, pattern_hint="must be 1 to 20 digits."
        ),
        account_type=account.required_enum("accountType", ACCOUNT_TYPES),
    )


def parse_cash_out_request(body: Any) -> CashOutPayload:
    fields = Fields.root(body)
    amount = fields.required_money("amount")
    reference = fields.required_str("externalReference", max_length=REFERENCE_MAX)
    description = fields.optional_str("description", max_length=140)
    webhook_url = fields.optional_url("webhookUrl")
    payee_fields = fields.required_object("payee")
    payee = _party(payee_fields)
    destination = _destination(payee_fields.required_object("destination"))
    return CashOutPayload(
        amount=amount,
        external_reference=reference,
        description=description,
        webhook_url=webhook_url,
        payee=payee,
        destination=destination,
    )


def parse_refund_request(body: Any) -> RefundPayload:
    fields = Fields.root(body)
    return RefundPayload(
        reason=fields.required_enum("reason", REFUND_REASONS),
        description=fields.optional_str("description", max_length=500),
    )


def parse_rebalance_request(body: Any) -> RebalancePayload:
    fields = Fields.root(body)
    return RebalancePayload(target_amount=fields.required_money("targetAmount", allow_zero=True))
