"""Start servers in their own processes, so the load generator and the server do not share a GIL.

``server_process`` runs a command, waits until an HTTP probe answers (any status below 500), and on
exit terminates exactly the process it started (then kills it if it does not stop).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx

from .credentials import DEV_ENV

ROOT = Path(__file__).resolve().parent.parent


class ServerStartError(RuntimeError):
    """The server did not answer its readiness probe in time; carries the tail of its output."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def server_process(
    cmd: Sequence[str],
    probe_url: str,
    *,
    env: Mapping[str, str] | None = None,
    startup_timeout: float = 30.0,
    probe_headers: Mapping[str, str] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``cmd`` until the block ends; output goes to a temp file shown if startup fails."""
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            list(cmd),
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_ready(proc, probe_url, startup_timeout, probe_headers, log)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def _wait_ready(
    proc: subprocess.Popen[bytes],
    url: str,
    timeout: float,
    headers: Mapping[str, str] | None,
    log: IO[bytes],
) -> None:
    deadline = time.monotonic() + timeout
    last_error = "no attempt"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerStartError(f"server exited with {proc.returncode}: {_tail(log)}")
        try:
            response = httpx.get(url, headers=dict(headers or {}), timeout=2.0)
            if response.status_code < 500:
                return
            last_error = f"HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            last_error = type(exc).__name__
        time.sleep(0.1)
    raise ServerStartError(
        f"no answer from {url} after {timeout:.0f}s ({last_error}): {_tail(log)}"
    )


def _tail(log: IO[bytes]) -> str:
    try:
        log.seek(0)
        data = log.read()
    except (OSError, ValueError):
        return ""
    return data.decode("utf-8", "replace")[-2000:]


@contextmanager
def mock_process(*extra_args: str, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """``python -m connectpsp_mock`` on a free loopback port; yields its base URL."""
    with mock_server(*extra_args, env=env) as (base_url, _):
        yield base_url


@contextmanager
def mock_server(
    *extra_args: str, env: Mapping[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Like :func:`mock_process`, also yielding the process (to read its memory)."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    cmd = [
        sys.executable,
        "-m",
        "connectpsp_mock",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        *extra_args,
    ]
    with server_process(cmd, f"{base_url}/_mock/health", env={**DEV_ENV, **(env or {})}) as proc:
        yield base_url, proc


@contextmanager
def bare_server() -> Iterator[str]:
    """``bench.bare_app`` (one Starlette route, same uvicorn options as the mock); its URL."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "bench.bare_app", "--port", str(port)]
    with server_process(cmd, f"{base_url}{BARE_PATH}"):
        yield base_url


BARE_PATH = "/ping"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` (all its threads) so far, in seconds (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> tuple[float, float]:
    """Resident memory of ``pid`` now and at its peak (VmRSS, VmHWM), in MiB (Linux)."""
    fields: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields["VmRSS"], fields["VmHWM"]
