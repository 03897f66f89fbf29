"""pytest plugin for the inner run of the docs' Python blocks (loaded with ``-p``).

The blocks run as a reader pastes them after the README's setup block: that block's variables are
the whole configuration. This plugin only makes sure of it, so no block can ever reach staging.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

import pytest

TEST_FUNCTION = re.compile(r"^(async )?def test_", re.M)  # as in markdown_blocks.Block


@pytest.fixture(autouse=True, scope="session")
def _targets_the_readme_mock() -> None:
    base_url = os.environ.get("CONNECTPSP_BASE_URL", "")
    if urlsplit(base_url).hostname != "127.0.0.1":
        pytest.exit(f"docs blocks must run against the local mock, not {base_url!r}", returncode=3)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Blocks of test functions are pytest files: test_pytest_blocks.py runs them with pytest."""
    keep, drop = [], []
    for item in items:
        code = getattr(item, "code", "")
        (drop if TEST_FUNCTION.search(code) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
