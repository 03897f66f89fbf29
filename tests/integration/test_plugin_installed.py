"""The plugin works installed: a shop's test file (examples/shop) runs in a fresh pytest process
that finds the fixtures through the ``pytest11`` entry point alone (no conftest, no ``-p``)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"


def _copy_shop(pytester: pytest.Pytester) -> None:
    for name in ("shop.py", "test_shop.py"):
        pytester.makepyfile(**{name.removesuffix(".py"): (SHOP / name).read_text()})


@pytest.mark.slow  # a pytest/bash subprocess: 15-30 s on a loaded 2-core machine
def test_example_shop_passes_with_the_installed_plugin(pytester: pytest.Pytester) -> None:
    _copy_shop(pytester)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)
    header = next(line for line in result.outlines if line.startswith("plugins:"))
    assert "connectpsp-" in header


@pytest.mark.slow  # a pytest/bash subprocess: 15-30 s on a loaded 2-core machine
def test_without_the_plugin_the_fixtures_are_missing(pytester: pytest.Pytester) -> None:
    _copy_shop(pytester)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:connectpsp")
    result.assert_outcomes(errors=4)
    result.stdout.fnmatch_lines(["*fixture 'psp_env' not found*"])
