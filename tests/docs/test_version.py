"""One version: connectpsp_ext/_version.py. The package metadata, the client's User-Agent, the CLI
and the CHANGELOG agree with it."""

from __future__ import annotations

import importlib.metadata
import re

import httpx
from click.testing import CliRunner

from connectpsp_cli.main import cli
from connectpsp_ext import ConnectPSP, ServerError, __version__, seams

from .markdown_blocks import ROOT


def test_the_package_metadata_reads_the_version_file() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)
    assert importlib.metadata.version("connectpsp") == __version__


def test_the_user_agent_carries_the_version() -> None:
    seen: list[str] = []

    def api(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["User-Agent"])
        return httpx.Response(503)

    psp = ConnectPSP(
        client_id="1",
        client_secret="s",
        application_token="a",
        base_url="https://api.test",
        transport=httpx.MockTransport(api),
    )
    seams.install(psp, sleep=lambda s: None)
    try:
        psp.account.balance()
    except ServerError:
        pass
    finally:
        psp.close()
    assert seen and all(ua.startswith(f"connectpsp-python/{__version__} ") for ua in seen)


def test_the_cli_reports_it() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_the_changelog_has_the_version_and_an_unreleased_section() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert "## Unreleased" in changelog
    assert f"## {__version__} - " in changelog
