"""``connectpsp trigger EVENT ID``: make the mock play the outside world, like ``stripe trigger``.

The transaction changes state and the mock sends the matching signed webhook to its
``webhookUrl`` (point that at ``connectpsp listen`` to watch it being forwarded).
"""

from __future__ import annotations

from typing import Any

import click

from .control import control_call
from .main import Config, pass_config
from .output import emit_fields, emit_json, json_option

# event -> (control path, body, what happened); every call is a POST
_ACTIONS: dict[str, tuple[str, dict[str, Any] | None, str]] = {
    "cash-in.paid": ("/cash-in/{id}/pay", None, "The payer paid"),
    "cash-in.expired": ("/cash-in/{id}/expire", None, "The cash-in expired (no webhook exists)"),
    "cash-out.completed": ("/cash-out/{id}/settle", {"outcome": "COMPLETED"}, "Settled"),
    "cash-out.failed": ("/cash-out/{id}/settle", {"outcome": "FAILED"}, "Failed"),
    "cash-out.returned": ("/cash-out/{id}/return", None, "Returned by the receiving bank"),
}


@click.command("trigger")
@click.argument("event", type=click.Choice(sorted(_ACTIONS)))
@click.argument("id")
@click.option("--failure-code", help="cash-out.failed: failure.code (default SETTLEMENT_FAILED)")
@click.option("--failure-message", help="cash-out.failed: failure.message")
@json_option
@pass_config
def trigger(
    config: Config,
    event: str,
    id: str,
    failure_code: str | None,
    failure_message: str | None,
    as_json: bool,
) -> None:
    """Against the mock: pay, expire, settle, fail or return transaction ID."""
    path, body, what = _ACTIONS[event]
    if event == "cash-out.failed" and (failure_code or failure_message):
        body = {
            "outcome": "FAILED",
            "failure": {
                "code": failure_code or "SETTLEMENT_FAILED",
                "message": failure_message or "The payment was refused by the PIX network.",
            },
        }
    elif failure_code or failure_message:
        raise click.UsageError("--failure-code/--failure-message go with cash-out.failed only")
    if not id.replace("-", "").isalnum():
        raise click.BadParameter("letters, digits and '-' only", param_hint="ID")
    data = control_call(config.base_url, "POST", path.format(id=id), body)
    if as_json:
        emit_json(data)
    else:
        emit_fields(f"{what}: {event}", data)
