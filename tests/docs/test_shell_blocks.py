"""The shell blocks that are meant to be typed run as written, after the README's setup block:
the README quickstart as a user runs it (twice: references must be unique), and docs/mock.md's
curl session with nothing on PATH but bash, curl and the virtualenv (no jq, uuidgen, openssl)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .markdown_blocks import Block, blocks
from .sandbox import readme_setup_block, run_after_readme_setup, user_env


def _after(page: str, block: Block, lang: str) -> Block:
    """The first block of ``lang`` after ``block`` on the page (a block's shown output)."""
    return next(b for b in blocks(page) if b.line > block.line and b.lang == lang)


def quickstart() -> Block:
    return _after("README.md", readme_setup_block(), "python")


def readme_commands() -> list[Block]:
    """The README's shell blocks besides the setup block (the CLI tour)."""
    setup = readme_setup_block()
    return [b for b in blocks("README.md") if b.is_shell and not b.is_illustration and b != setup]


def curl_session() -> Block:
    (session,) = [b for b in blocks("docs/mock.md") if b.is_shell and "/auth/token" in b.source]
    return session


@pytest.mark.slow  # two Python processes and a mock: 5-20 s on a loaded 2-core machine
def test_readme_quickstart_runs_twice_and_prints_what_the_readme_shows(tmp_path: Path) -> None:
    (tmp_path / "quickstart.py").write_text(quickstart().source)
    done = run_after_readme_setup(
        "python quickstart.py\npython quickstart.py", cwd=tmp_path, timeout=300
    )
    assert done.returncode == 0, done.stderr
    shown = _after("README.md", quickstart(), "text").source
    assert done.stdout == shown * 2


@pytest.mark.slow  # a mock and a few CLI processes: 5-20 s on a loaded 2-core machine
@pytest.mark.parametrize("block", readme_commands(), ids=str)
def test_readme_commands_run_after_the_setup_block(block: Block, tmp_path: Path) -> None:
    done = run_after_readme_setup(block.source, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "PAID" in done.stdout


@pytest.mark.slow  # a mock and a dozen curl calls: 5-20 s on a loaded 2-core machine
def test_mock_curl_session_needs_only_bash_curl_and_python(tmp_path: Path) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("bash", "curl"):
        found = shutil.which(tool)
        assert found, f"{tool} is needed (scripts/system-packages.txt)"
        os.symlink(found, tools / tool)
    venv_bin = str(Path(user_env()["PATH"].split(os.pathsep)[0]))
    done = run_after_readme_setup(
        curl_session().source,
        cwd=tmp_path,
        timeout=300,
        env=user_env([venv_bin, str(tools)]),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert '"PAID"' in done.stdout and "COMPLETED" in done.stdout
