"""Run a bash script the way a reader runs the README: after the README's setup block (which
starts the mock on 127.0.0.1:8080 and exports the CONNECTPSP_* variables), exactly as written.

The script runs in a private network namespace (`unshare --net`, loopback only), so port 8080 is
free even on a shared machine and the docs' fixed ports (8080 for the mock, 8000 for a webhook
receiver) never clash with anything else; the block needs no rewriting.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .markdown_blocks import ROOT, Block, blocks

# After the setup block a reader waits a moment for the mock; a script has to poll for it.
WAIT_FOR_MOCK = """\
python - <<'PY'
import os, time, urllib.request
deadline = time.monotonic() + 60
while True:
    try:
        urllib.request.urlopen(os.environ["CONNECTPSP_BASE_URL"] + "/_mock/health", timeout=2)
        break
    except OSError:
        if time.monotonic() > deadline:
            raise SystemExit("the README's mock did not start within 60 s")
        time.sleep(0.1)
PY
"""


def readme_setup_block() -> Block:
    """The README's one shell block that starts the mock and exports the variables."""
    (setup,) = [b for b in blocks("README.md") if b.is_shell and "export CONNECTPSP_" in b.source]
    return setup


def user_env(path: list[str] | None = None) -> dict[str, str]:
    """The environment of a reader's shell: no CONNECTPSP_* variable of ours leaks in (a
    developer's staging credentials must never reach a docs test, and the docs show what the
    default mock answers, so CI's CONNECTPSP_MOCK_RESPONSE_STYLE=minimal pass is left out too),
    the venv's tools on PATH (or exactly ``path``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONNECTPSP_")}
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(path if path else [venv_bin, env.get("PATH", "")])
    env["PYTHONPATH"] = str(ROOT)  # the inner pytest loads tests.docs.harness
    return env


def run_after_readme_setup(
    commands: str, *, cwd: Path, timeout: float, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    unshare = shutil.which("unshare")
    ip = shutil.which("ip") or shutil.which("ip", path="/usr/sbin:/sbin")
    assert unshare, "unshare (util-linux) is needed to give the docs tests a private loopback"
    assert ip, "ip (iproute2, scripts/system-packages.txt) brings the private loopback up"
    script = "\n".join(
        [
            "set -euo pipefail",
            f"{ip} link set lo up",
            # the mock started in the background by the setup block ends with the script
            "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT",
            readme_setup_block().source,
            WAIT_FOR_MOCK,
            commands,
        ]
    )
    return subprocess.run(
        [unshare, "--net", "--map-root-user", "bash", "-c", script],
        cwd=cwd,
        env=env or user_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
