"""docs/cli.md runs as written: its ``sh`` blocks, in order, in one bash against a mock."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from connectpsp_mock.settings import MockSettings
from connectpsp_testing import MockPSP, running_psp_mock
from tests.integration.markdown import code_blocks

BLOCKS = code_blocks("cli.md", "sh")


@pytest.fixture(scope="module")
def dev_mock() -> Iterator[MockPSP]:
    # the page exports the mock's documented development credentials: a mock with exactly those
    with running_psp_mock(MockSettings(settlement_delay_seconds=None)) as mock:
        yield mock


def test_every_command_in_the_page_exists() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text()
    from connectpsp_cli.main import cli

    for group in ("cash-in", "cash-out", "balance", "rebalance", "trigger", "listen", "mock"):
        assert f"connectpsp {group}" in text
        assert cli.get_command(click.Context(cli), group) is not None


@pytest.mark.slow  # a pytest/bash subprocess: 15-30 s on a loaded 2-core machine
def test_shell_blocks_run_in_order(dev_mock: MockPSP) -> None:
    assert len(BLOCKS) >= 5
    script = "set -euo pipefail\n" + "\n".join(BLOCKS)
    env = {key: value for key, value in os.environ.items() if not key.startswith("CONNECTPSP_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["CONNECTPSP_BASE_URL"] = dev_mock.base_url
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, env=env, timeout=240
    )
    assert done.returncode == 0, done.stderr
    assert "exit code 1" in done.stdout  # the documented 409
    assert "Error: the mock answered 409 INVALID_STATE" in done.stderr
    state = dev_mock.raw.state()
    refunded = [c for c in state["cashIns"] if c["status"] == "REFUNDED"]
    assert len(refunded) == 1
    failed = [c for c in state["cashOuts"] if c["status"] == "FAILED"]
    assert [c["failure"]["code"] for c in failed] == ["ACCOUNT_CLOSED"]
    assert state["balance"]["consolidated"]["transactionalBalance"] == 450000
