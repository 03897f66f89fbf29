"""Headless Chromium through Selenium, using Debian's ``chromium`` and ``chromium-driver``
(installed by ``scripts/install-system-deps`` from ``scripts/system-packages.txt``). Nothing is
downloaded: the driver path is given, and Selenium Manager is told to stay offline."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def _require(*names: str) -> str:
    path = next((p for p in map(shutil.which, names) if p), None)
    if path is None:
        pytest.fail(
            f"{names[0]} is not installed: the dashboard test needs a real browser. Install the "
            "Debian packages in scripts/system-packages.txt (scripts/install-system-deps, which "
            "./run calls).",
            pytrace=False,
        )
    return path


@contextmanager
def headless_chromium() -> Iterator[webdriver.Chrome]:
    os.environ.setdefault("SE_OFFLINE", "true")
    options = Options()
    options.binary_location = _require("chromium", "chromium-browser", "google-chrome")
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1440,1400",
        "--no-first-run",
        "--no-proxy-server",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(
        service=Service(executable_path=_require("chromedriver")), options=options
    )
    try:
        yield driver
    finally:
        driver.quit()
