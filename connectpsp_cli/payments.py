"""``cash-in create|get|refund``, ``cash-out create|get``, ``balance``, ``rebalance``: the public
API through the SDK (idempotency keys, signatures, retries and validation included)."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any

import click
from connectpsp_client.models import RefundReason

from connectpsp_ext import Result

from .main import Config, pass_config
from .output import emit_fields, emit_json, json_option, qr_text
from .params import AMOUNT, destination


def _reference(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def _meta(result: Result[Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if result.idempotency_key is not None:
        meta["idempotencyKey"] = str(result.idempotency_key)
    if result.request_id:
        meta["requestId"] = result.request_id
    return meta


def _show(title: str, result: Result[Any], as_json: bool) -> dict[str, Any]:
    data: dict[str, Any] = result.data.to_dict()
    if as_json:
        emit_json(data)
    else:
        emit_fields(title, data, _meta(result))
    return data


# --- cash-in ------------------------------------------------------------------------------------


@click.group("cash-in")
def cash_in() -> None:
    """Inbound PIX payments (QR code / copy and paste)."""


@cash_in.command("create")
@click.option("--amount", type=AMOUNT, required=True, help="BRL, e.g. 10.00")
@click.option("--payer-name", required=True)
@click.option("--payer-document", required=True, help="CPF or CNPJ (punctuation allowed)")
@click.option("--reference", help="externalReference (default: a new cli-... value)")
@click.option("--expires-in", "expiration", type=click.IntRange(1, 43200), help="minutes")
@click.option("--webhook-url", help="where ConnectPSP POSTs this payment's events")
@click.option("--idempotency-key", help="reuse a key to retry a call safely (default: new)")
@click.option("--qr/--no-qr", default=True, help="draw the QR code (text output only)")
@json_option
@pass_config
def cash_in_create(
    config: Config,
    amount: Decimal,
    payer_name: str,
    payer_document: str,
    reference: str | None,
    expiration: int | None,
    webhook_url: str | None,
    idempotency_key: str | None,
    qr: bool,
    as_json: bool,
) -> None:
    """Create a cash-in and print its BR Code (and QR code)."""
    result = config.client().cash_in.create(
        amount=amount,
        external_reference=reference or _reference("cli"),
        payer_name=payer_name,
        payer_document=payer_document,
        expiration_in_minutes=expiration,
        webhook_url=webhook_url,
        idempotency_key=idempotency_key,
    )
    data = _show("Cash-in created", result, as_json)
    code = (data.get("pixData") or {}).get("copyAndPaste")
    if as_json or not code:
        return
    click.echo()
    click.echo(click.style("PIX copy and paste (BR Code):", bold=True))
    click.echo(code)
    if qr:
        click.echo()
        click.echo(qr_text(code), nl=False)


@cash_in.command("get")
@click.argument("id")
@json_option
@pass_config
def cash_in_get(config: Config, id: str, as_json: bool) -> None:
    """Show a cash-in (by transactionId, internalCode or endToEndId)."""
    _show("Cash-in", config.client().cash_in.get(id), as_json)


@cash_in.command("refund")
@click.argument("id")
@click.option(
    "--reason",
    type=click.Choice([r.value for r in RefundReason]),
    default="CUSTOMER_REQUEST",
    show_default=True,
)
@click.option("--description", help="free text, up to 500 characters")
@click.option("--idempotency-key", help="reuse a key to retry a call safely (default: new)")
@json_option
@pass_config
def cash_in_refund(
    config: Config,
    id: str,
    reason: str,
    description: str | None,
    idempotency_key: str | None,
    as_json: bool,
) -> None:
    """Refund a PAID cash-in in full (signed: needs CONNECTPSP_CRYPTO_TOKEN)."""
    result = config.client().cash_in.refund(
        id, RefundReason(reason), description, idempotency_key=idempotency_key
    )
    _show("Cash-in refunded", result, as_json)


# --- cash-out -----------------------------------------------------------------------------------


@click.group("cash-out")
def cash_out() -> None:
    """Outbound PIX payments."""


@cash_out.command("create")
@click.option("--amount", type=AMOUNT, required=True, help="BRL, e.g. 50.00")
@click.option("--payee-name", required=True)
@click.option("--payee-document", required=True, help="CPF or CNPJ")
@click.option("--pix-key", metavar="TYPE:KEY", help="e.g. EMAIL:maria@example.com, CPF:12345678909")
@click.option(
    "--bank-account",
    metavar="ISPB:BRANCH:ACCOUNT:TYPE",
    help="e.g. 18236120:0001:947710840:PAYMENT",
)
@click.option("--description", help="up to 140 characters")
@click.option("--reference", help="externalReference (default: a new cli-... value)")
@click.option("--webhook-url", help="where ConnectPSP POSTs this payment's events")
@click.option("--idempotency-key", help="reuse a key to retry a call safely (default: new)")
@json_option
@pass_config
def cash_out_create(
    config: Config,
    amount: Decimal,
    payee_name: str,
    payee_document: str,
    pix_key: str | None,
    bank_account: str | None,
    description: str | None,
    reference: str | None,
    webhook_url: str | None,
    idempotency_key: str | None,
    as_json: bool,
) -> None:
    """Send money (signed: needs CONNECTPSP_CRYPTO_TOKEN). Settles asynchronously."""
    target = destination(pix_key, bank_account)
    result = config.client().cash_out.create(
        amount=amount,
        external_reference=reference or _reference("cli"),
        payee_name=payee_name,
        payee_document=payee_document,
        destination=target,
        description=description,
        webhook_url=webhook_url,
        idempotency_key=idempotency_key,
    )
    _show("Cash-out accepted", result, as_json)


@cash_out.command("get")
@click.argument("id")
@json_option
@pass_config
def cash_out_get(config: Config, id: str, as_json: bool) -> None:
    """Show a cash-out (by internalCode, transactionId or endToEndId)."""
    _show("Cash-out", config.client().cash_out.get(id), as_json)


# --- account ------------------------------------------------------------------------------------


def _amount_cell(account: Any) -> str:
    amount = account.get("balance") if isinstance(account, dict) else None
    return f"{amount:,.2f}" if isinstance(amount, Decimal | int) else "-"


@click.command("balance")
@click.option("--date", type=click.DateTime(["%Y-%m-%d"]), help="reference date (YYYY-MM-DD)")
@json_option
@pass_config
def balance(config: Config, date: datetime.datetime | None, as_json: bool) -> None:
    """Balances per bank and consolidated."""
    result = config.client().account.balance(None if date is None else date.date())
    data: dict[str, Any] = result.data.to_dict()
    if as_json:
        emit_json(data)
        return
    # Liberal in what it reads (most balance fields are optional in the docs): "-" when absent.
    consolidated = data.get("consolidated") or {}
    emit_fields(
        f"Balance ({data.get('currency') or 'BRL'}, {data.get('referenceDate') or ''})",
        consolidated,
    )
    rows = [("bank", "ISPB", "transactional", "proprietary")]
    for bank in data.get("banks") or []:
        accounts = bank.get("accounts") or {}
        rows.append(
            (
                str(bank.get("bank") or "-"),
                str(bank.get("ispb") or "-"),
                _amount_cell(accounts.get("transactional")),
                _amount_cell(accounts.get("proprietary")),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    click.echo()
    for index, row in enumerate(rows):
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        cells += [row[2].rjust(widths[2]), row[3].rjust(widths[3])]
        line = "  " + "  ".join(cells)
        click.echo(click.style(line, bold=True) if index == 0 else line)


@click.command("rebalance")
@click.argument("target", type=AMOUNT)
@json_option
@pass_config
def rebalance(config: Config, target: Decimal, as_json: bool) -> None:
    """Set the consolidated transactional balance to TARGET (signed)."""
    _show("Rebalanced", config.client().account.rebalance(target), as_json)
