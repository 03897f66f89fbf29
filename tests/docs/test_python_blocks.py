"""Every Python block of README.md and docs/*.md runs, as pasted, against the mock the README
starts (pytest-markdown-docs, one inner pytest run in a private network namespace).

Blocks marked `notest` are illustrations (tests/docs/test_block_marking.py keeps them visible and
few); pages whose blocks are tests or need a session of their own have a dedicated runner."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest

from .markdown_blocks import DEDICATED_PAGES, ROOT, Block, all_blocks
from .sandbox import run_after_readme_setup


def runnable() -> list[Block]:
    """Python blocks run as scripts here; pytest files (test functions, a conftest) run in
    test_pytest_blocks.py, and docs/testing.md's in its own test."""
    return [
        b
        for b in all_blocks()
        if b.is_python
        and not b.is_illustration
        and not b.is_pytest_file
        and b.page not in DEDICATED_PAGES
    ]


PAGES = sorted({b.page for b in runnable()})


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, str]]]:
    """Runs the blocks once; per page, (test name, failure text or "") of each block."""
    workdir = tmp_path_factory.mktemp("docs-blocks")  # files a block writes (qr.png) land here
    junit = workdir / "junit.xml"
    command = [
        sys.executable,
        "-m",
        "pytest",
        "--markdown-docs",
        "-p",
        "tests.docs.harness",
        "-p",
        "no:cacheprovider",
        f"--rootdir={ROOT}",
        f"--junitxml={junit}",
        "-q",
        *(str(ROOT / page) for page in PAGES),
    ]
    done = run_after_readme_setup(" ".join(command), cwd=workdir, timeout=900)
    assert junit.exists(), f"the inner pytest did not run:\n{done.stdout[-3000:]}{done.stderr}"
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for case in ET.parse(junit).iter("testcase"):
        page = Path(case.get("classname", "").replace(".", "/")).as_posix()
        page = page.removesuffix("/md") + ".md"
        text = ""
        for kind in ("failure", "error", "skipped"):  # an Element without children is falsy
            problem = case.find(kind)
            if problem is not None:
                text = f"{kind}: {problem.text or problem.get('message', '')}"
        found[page].append((case.get("name", ""), text))
    return found


@pytest.mark.slow  # one inner pytest with a mock: 10-40 s on a loaded 2-core machine
@pytest.mark.parametrize("page", PAGES)
def test_page_blocks_run(page: str, outcomes: dict[str, list[tuple[str, str]]]) -> None:
    expected = [b for b in runnable() if b.page == page]
    results = outcomes.get(page, [])
    assert len(results) == len(expected), (page, results, [b.line for b in expected])
    failures = [f"{name}\n{text}" for name, text in results if text]
    assert not failures, "\n\n".join(failures)


def test_there_are_blocks_to_run() -> None:
    assert "README.md" in PAGES
    assert len(runnable()) >= 10
