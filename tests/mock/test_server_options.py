"""``connectpsp-mock`` server options (D-83): the fast server by default, no access log unless
asked, one worker only, and the memory limits on the command line."""

from __future__ import annotations

import importlib.util

import pytest

from connectpsp_mock.__main__ import WORKERS_REFUSED, build_parser, main, server_options
from connectpsp_mock.__main__ import settings_from_args as settings_of
from connectpsp_mock.coalescing import CoalescingHttpToolsProtocol


def test_defaults_are_the_fast_server_without_access_log() -> None:
    options = server_options(build_parser().parse_args([]))
    assert options["access_log"] is False
    # httptools, writing each response with one system call (D-86); uvloop when installed.
    assert options["http"] is CoalescingHttpToolsProtocol and options["loop"] == "auto"
    assert options["ws"] == "none"
    assert options["proxy_headers"] is False


def test_access_log_on_request() -> None:
    assert server_options(build_parser().parse_args(["--access-log"]))["access_log"] is True


@pytest.mark.parametrize("module", ["httptools", "uvloop"])
def test_the_fast_parts_are_installed_with_the_package(module: str) -> None:
    # uvicorn's "auto" picks them when importable; they are dependencies of the package.
    assert importlib.util.find_spec(module) is not None


@pytest.mark.parametrize("workers", ["2", "0", "8"])
def test_more_than_one_worker_is_refused_clearly(
    workers: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--workers", workers, "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert WORKERS_REFUSED in err
    assert "one mock per port" in err


def test_memory_limits_from_the_command_line() -> None:
    args = build_parser().parse_args(
        ["--max-transactions", "1000", "--max-idempotency-records", "50"]
    )
    settings = settings_of(args)
    assert settings.max_transactions == 1000
    assert settings.max_idempotency_records == 50
    defaults = settings_of(build_parser().parse_args([]))
    assert defaults.max_transactions == 20_000
    assert defaults.max_idempotency_records == 20_000


def test_a_bad_limit_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--max-transactions", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err


def test_the_pure_python_stack_on_request() -> None:
    options = server_options(build_parser().parse_args(["--http", "h11", "--loop", "asyncio"]))
    assert (options["http"], options["loop"]) == ("h11", "asyncio")
    explicit = server_options(build_parser().parse_args(["--http", "httptools"]))
    assert explicit["http"] is CoalescingHttpToolsProtocol
