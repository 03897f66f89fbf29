"""The command group itself: help, version, unknown commands."""

from __future__ import annotations

from click.testing import CliRunner

from connectpsp_cli.main import cli


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("balance", "cash-in", "cash-out", "listen", "mock", "rebalance", "trigger"):
        assert f"  {command} " in result.stdout


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("connectpsp, version ")


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["cash-up"])
    assert result.exit_code == 2 and "No such command 'cash-up'" in result.stderr
