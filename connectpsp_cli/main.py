"""The ``connectpsp`` command group: configuration, error reporting, and the subcommands.

Why click: it is already installed with the mock (uvicorn depends on it), it is maintained by
Pallets with a stable API, it types parameters (our ``Decimal`` amounts), and ``CliRunner`` makes
every command testable in-process. Typer would add typer, rich and shellingham for the same.

Exit codes: 0 ok, 1 the API or the mock refused or failed, 2 usage or configuration errors.
"""

from __future__ import annotations

import importlib
from typing import Any

import click
import httpx

from connectpsp_ext import ConfigurationError, ConnectPSP, ConnectPSPError, ValidationError

from .output import JSON_META_KEY, emit_json, one_line

EXIT_FAILURE = 1
EXIT_USAGE = 2


class CommandFailed(click.ClickException):
    """One line on stderr (JSON with ``--json``) and exit code 1."""

    exit_code = EXIT_FAILURE

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(one_line(message))
        self.details = details
        self.as_json = False  # set by the group from the command's --json

    def show(self, file: Any = None) -> None:
        if self.as_json:
            error = {"error": {"message": self.message, **self.details}}
            click.echo(one_line(_json_text(error)), err=True)
        else:
            click.echo(f"Error: {self.message}", err=True)


class UsageFailure(CommandFailed):
    """A configuration or usage problem: exit code 2."""

    exit_code = EXIT_USAGE


def _json_text(value: Any) -> str:
    from connectpsp_client.types import json_dumps

    return json_dumps(value).decode("utf-8")


def failure_from(exc: ConnectPSPError) -> CommandFailed:
    # local problems (configuration, input refused before sending) are usage errors
    local = isinstance(exc, ConfigurationError) or (
        isinstance(exc, ValidationError) and exc.status is None
    )
    kind = UsageFailure if local else CommandFailed
    details = {
        "type": type(exc).__name__,
        "status": exc.status,
        "code": exc.code,
        "requestId": exc.request_id,
        "idempotencyKey": None if exc.idempotency_key is None else str(exc.idempotency_key),
        "outcomeUnknown": exc.outcome_unknown,
    }
    return kind(
        f"{type(exc).__name__}: {exc}",
        **{k: v for k, v in details.items() if v is not None},
    )


# Subcommands are imported when used (click's lazy-group pattern): `connectpsp cash-in get` does
# not pay for importing the mock server and uvicorn.
_COMMANDS = {
    "mock": "connectpsp_cli.mock:mock",
    "cash-in": "connectpsp_cli.payments:cash_in",
    "cash-out": "connectpsp_cli.payments:cash_out",
    "balance": "connectpsp_cli.payments:balance",
    "rebalance": "connectpsp_cli.payments:rebalance",
    "trigger": "connectpsp_cli.trigger:trigger",
    "listen": "connectpsp_cli.listen:listen",
}


class ConnectPSPGroup(click.Group):
    """Turns every failure into one scrubbed line and an exit code, never a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = _COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attribute = target.split(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CommandFailed as exc:
            raise self._shown(ctx, exc) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ConnectPSPError as exc:
            raise self._shown(ctx, failure_from(exc)) from None
        except httpx.HTTPError as exc:
            raise self._shown(ctx, CommandFailed(f"{type(exc).__name__}: {exc}")) from None
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as exc:  # a bug: still one line, still scrubbed
            failure = CommandFailed(f"unexpected {type(exc).__name__}: {exc}")
            raise self._shown(ctx, failure) from None

    @staticmethod
    def _shown(ctx: click.Context, failure: CommandFailed) -> CommandFailed:
        failure.as_json = bool(ctx.meta.get(JSON_META_KEY))
        return failure


class Config:
    """What the group options set; the client is built on first use (from ``CONNECTPSP_*``)."""

    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url
        self._client: ConnectPSP | None = None

    def client(self) -> ConnectPSP:
        if self._client is None:
            if self.base_url:
                self._client = ConnectPSP.from_env(base_url=self.base_url)
            else:
                self._client = ConnectPSP.from_env()
            click.get_current_context().call_on_close(self._client.close)
        return self._client


pass_config = click.make_pass_decorator(Config)


@click.group(cls=ConnectPSPGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--base-url",
    envvar="CONNECTPSP_BASE_URL",
    help="API root (default: $CONNECTPSP_BASE_URL, else the staging URL).",
)
@click.version_option(package_name="connectpsp", prog_name="connectpsp")
@click.pass_context
def cli(ctx: click.Context, base_url: str | None) -> None:
    """ConnectPSP from the command line: payments, balances, and the local mock.

    Credentials come from CONNECTPSP_CLIENT_ID, CONNECTPSP_CLIENT_SECRET,
    CONNECTPSP_APPLICATION_TOKEN and CONNECTPSP_CRYPTO_TOKEN (never from flags: they would show
    in the process list).
    """
    ctx.obj = Config(base_url)


__all__ = [
    "EXIT_FAILURE",
    "EXIT_USAGE",
    "CommandFailed",
    "Config",
    "cli",
    "emit_json",
    "pass_config",
]
