"""CLI tests run the commands in-process (click's CliRunner) against the plugin's mock, with the
environment a user would export; ``listen`` and ``mock`` run as real processes."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner, Result

from connectpsp_cli.main import cli
from connectpsp_testing import MockPSP

Run = Callable[..., Result]


@pytest.fixture
def run(psp_mock: MockPSP) -> Run:
    """``run("balance", "--json")`` -> click Result; stdout and stderr kept apart."""
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        environment = {**psp_mock.env, **(env or {})}
        return runner.invoke(cli, list(args), env=environment, catch_exceptions=False)

    return invoke


def json_of(result: Result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)
