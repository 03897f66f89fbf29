"""Hypothesis (in our property tests and inside schemathesis) stores files under ./.hypothesis by
default; the whole test session points it at a temporary directory instead (unless
HYPOTHESIS_STORAGE_DIRECTORY is set)."""

from __future__ import annotations

from pathlib import Path

import pytest

from contract_tests.hypothesis_storage import release, use_temporary_storage

_DIRECTORY = pytest.StashKey[Path | None]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_DIRECTORY] = use_temporary_storage()


def pytest_unconfigure(config: pytest.Config) -> None:
    release(config.stash.get(_DIRECTORY, None))


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    """Async tests run on asyncio only: the SDK's async client is asyncio-based, and anyio's
    default would also run them on trio (installed as a dependency of selenium)."""
    return "asyncio"
