"""A throwaway PostgreSQL server for the tests: a fresh cluster in a temporary directory, on a free
loopback port, with trust authentication, stopped and deleted afterwards (D-95).

The binaries come from Debian's ``postgresql`` package (``scripts/system-packages.txt``; ``./run``
installs it), found under ``/usr/lib/postgresql/<version>/bin``, on ``PATH``, or in
``CONNECTPSP_TEST_PG_BIN``. PostgreSQL refuses to run as root, so under root (CI, the project's
machines) the server runs as the unprivileged ``nobody`` user. A missing binary is an error with a
clear message, never a skipped test.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import psycopg

INSTALL_HINT = (
    "PostgreSQL server binaries (initdb, postgres) not found. Install the Debian package "
    "`postgresql` (listed in scripts/system-packages.txt; `./run` installs it as root), or point "
    "CONNECTPSP_TEST_PG_BIN at the directory holding initdb and postgres."
)
START_TIMEOUT = 120.0  # a loaded machine starts a cluster slowly


def _version_key(path: Path) -> tuple[int, ...]:
    parts = path.parent.name.split(".")
    return tuple(int(p) for p in parts if p.isdigit())


def find_bin_dir(
    environ: Mapping[str, str] = os.environ,
    debian_root: Path = Path("/usr/lib/postgresql"),
    which: Callable[[str], str | None] = shutil.which,
) -> Path:
    """The directory holding ``initdb`` and ``postgres``: ``CONNECTPSP_TEST_PG_BIN``, else the
    newest Debian version, else ``PATH``."""
    candidates: list[Path] = []
    if environ.get("CONNECTPSP_TEST_PG_BIN"):
        candidates.append(Path(environ["CONNECTPSP_TEST_PG_BIN"]))
    candidates += sorted(debian_root.glob("*/bin"), key=_version_key, reverse=True)
    on_path = which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for directory in candidates:
        if (directory / "initdb").is_file() and (directory / "postgres").is_file():
            return directory
    raise RuntimeError(INSTALL_HINT)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _as_unprivileged() -> tuple[dict[str, Any], tuple[int, int] | None]:
    """subprocess options to drop root, and the (uid, gid) that must own the cluster's files."""
    if os.geteuid() != 0:
        return {}, None
    nobody = pwd.getpwnam("nobody")
    options = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
    return options, (nobody.pw_uid, nobody.pw_gid)


class PostgresServer:
    def __init__(self) -> None:
        self.bin_dir = find_bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="connectpsp-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self._options, owner = _as_unprivileged()
        if owner is not None:
            os.chown(self.root, *owner)
        self._env = {**os.environ, "LC_ALL": "C", "LANG": "C"}

    @property
    def conninfo(self) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"

    def start(self) -> None:
        initdb = subprocess.run(
            [
                str(self.bin_dir / "initdb"),
                f"--pgdata={self.data}",
                "--username=postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ],
            capture_output=True,
            cwd=self.root,
            env=self._env,
            **self._options,
        )
        if initdb.returncode != 0:
            output = (initdb.stdout + initdb.stderr).decode(errors="replace")[-3000:]
            raise RuntimeError(f"initdb failed ({initdb.returncode}):\n{output}")
        for _ in range(5):  # another process may take the free port before the server binds it
            self.port = _free_port()
            if self._launch():
                return
        raise RuntimeError(f"PostgreSQL did not start; its log:\n{self._log_tail()}")

    def _launch(self) -> bool:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(self.bin_dir / "postgres"),
                    "-D",
                    str(self.data),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                    "-k",
                    str(self.root),  # the Unix socket stays in our directory
                    "-c",
                    "fsync=off",  # a throwaway cluster: durability is not under test
                    "-c",
                    "max_connections=200",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.root,
                env=self._env,
                **self._options,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False  # e.g. the port was taken: the caller retries on another one
            with contextlib.suppress(psycopg.OperationalError):
                psycopg.connect(self.conninfo, connect_timeout=2).close()
                return True
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"PostgreSQL did not accept connections; its log:\n{self._log_tail()}")

    def _log_tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-3000:]
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # "fast" shutdown
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()
