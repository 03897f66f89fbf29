"""Without chromium the browser test fails (it is never skipped)."""

from __future__ import annotations

import pytest

from .browser import _require


def test_a_missing_browser_fails_the_test() -> None:
    with pytest.raises(pytest.fail.Exception, match=r"system-packages\.txt"):
        _require("no-such-browser-binary")


def test_the_project_setup_installed_chromium() -> None:
    assert _require("chromium", "chromium-browser", "google-chrome")
    assert _require("chromedriver")
