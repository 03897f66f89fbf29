"""Stoplight Prism (the stateless spec mock from npm), to compare mock throughput on the same spec.

Installed on demand with npm into a cache directory outside the repository (pinned version); only
the bench session does this, never the test suite. ``CONNECTPSP_BENCH_PRISM`` may point at an
existing ``prism`` executable instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .servers import free_port, server_process

PRISM_VERSION = "5.14.2"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "connectpsp-bench"


class PrismUnavailable(RuntimeError):
    """Prism could not be installed or found; the message says why (shown in the report row)."""


def prism_executable(install_timeout: float = 180.0) -> Path:
    override = os.environ.get("CONNECTPSP_BENCH_PRISM")
    if override:
        path = Path(override)
        if not path.is_file():
            raise PrismUnavailable(f"CONNECTPSP_BENCH_PRISM={override} is not a file")
        return path
    prefix = CACHE / f"prism-{PRISM_VERSION}"
    binary = prefix / "node_modules" / ".bin" / "prism"
    if binary.is_file():
        return binary
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise PrismUnavailable("node/npm not found on PATH")
    prefix.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(
            [
                npm,
                "install",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                "--prefix",
                str(prefix),
                f"@stoplight/prism-cli@{PRISM_VERSION}",
            ],
            capture_output=True,
            text=True,
            timeout=install_timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise PrismUnavailable(f"npm install timed out after {install_timeout:.0f}s") from exc
    if done.returncode != 0 or not binary.is_file():
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise PrismUnavailable(f"npm install failed ({done.returncode}): {last[0][:160]}")
    return binary


@contextmanager
def prism_mock(
    spec: Path, probe_path: str, probe_headers: dict[str, str]
) -> Iterator[tuple[str, int]]:
    """``prism mock`` (static examples, logs at error level) on a free port; yields its base URL
    and process id."""
    binary = prism_executable()
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    cmd = [str(binary), "mock", "-h", "127.0.0.1", "-p", str(port), "-v", "error", str(spec)]
    with server_process(
        cmd, base_url + probe_path, probe_headers=probe_headers, startup_timeout=60.0
    ) as proc:
        yield base_url, proc.pid
