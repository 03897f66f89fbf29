"""``connectpsp mock``: the mock server as a process, with the connectpsp-mock options."""

from __future__ import annotations

import socket

import httpx

from .processes import connectpsp


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serves_the_mock_and_names_the_dashboard() -> None:
    port = _free_port()
    with connectpsp("mock", "--port", str(port), "--seed", "1", env={}) as cli:
        assert cli.next_line() == (
            f"Mock API:   http://127.0.0.1:{port}   "
            f"(export CONNECTPSP_BASE_URL=http://127.0.0.1:{port})"
        )
        assert cli.next_line() == f"Dashboard:  http://127.0.0.1:{port}/_mock/dashboard"
        while "Uvicorn running" not in cli.next_line():
            pass
        health = httpx.get(f"http://127.0.0.1:{port}/_mock/health", trust_env=False)
        assert health.json()["now"] == "2026-03-10T14:00:00Z"  # --seed reached the mock
        assert cli.stop() == 0


def test_help_is_the_mock_servers() -> None:
    with connectpsp("mock", "--help", env={}) as cli:
        first = cli.next_line()
        assert cli.popen.wait(20) == 0
    assert first.startswith("usage: connectpsp-mock")
