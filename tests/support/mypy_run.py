"""``mypy --strict`` on a user's script, as the user would run it: a fresh interpreter, no cache."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def mypy_strict(tmp_path: Path, script: str) -> tuple[list[str], str]:
    """Write ``script`` to ``tmp_path/user.py``, check it; mypy's output lines and whole text."""
    (tmp_path / "user.py").write_text(script)
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "user.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return run.stdout.splitlines(), run.stdout
