"""docs/testing.md runs as written: its ``conftest.py`` block and its test blocks in one pytest
session of their own (the installed plugin, nothing else), its script block as a script."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from .markdown import code_blocks

pytest_plugins = ["pytester"]

BLOCKS = code_blocks("testing.md", "python")
TESTS = [b for b in BLOCKS if re.search(r"^(async )?def test_", b, re.M)]
CONFTESTS = [b for b in BLOCKS if b.startswith("# conftest.py")]
SCRIPTS = [b for b in BLOCKS if b not in TESTS and b not in CONFTESTS]


def test_the_page_has_what_this_test_expects() -> None:
    assert len(CONFTESTS) == 1 and len(TESTS) >= 4 and len(SCRIPTS) == 1


@pytest.mark.slow  # a pytest/bash subprocess: 15-30 s on a loaded 2-core machine
def test_test_blocks_pass(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTESTS[0])
    for index, block in enumerate(TESTS):
        pytester.makepyfile(**{f"test_doc_{index}": block})
    expected = sum(len(re.findall(r"^(?:async )?def test_", b, re.M)) for b in TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=expected)


def test_script_block_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPTS[0]], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "PAID"
