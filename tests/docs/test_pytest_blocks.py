"""The README's test blocks pass under the installed pytest plugin, in a pytest session of their
own (as in a shop's repository: only the package installed, no conftest of ours)."""

from __future__ import annotations

import re

import pytest

from .markdown_blocks import DEDICATED_PAGES, Block, all_blocks

pytest_plugins = ["pytester"]

BLOCKS = [
    b
    for b in all_blocks()
    if b.is_python and b.is_pytest_file and not b.is_illustration and b.page not in DEDICATED_PAGES
]


def test_the_readme_shows_a_test() -> None:
    assert any(b.page == "README.md" for b in BLOCKS)


@pytest.mark.slow  # a pytest subprocess with a mock: 5-20 s on a loaded 2-core machine
@pytest.mark.parametrize("block", BLOCKS, ids=str)
def test_block_passes(block: Block, pytester: pytest.Pytester) -> None:
    source = block.source
    pytester.makepyfile(test_block=source)
    expected = len(re.findall(r"^(?:async )?def test_", source, re.M))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=expected)
