"""A throwaway PostgreSQL server for the whole session (started on first use, never assumed)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from .pg_server import PostgresServer, running_postgres


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    with running_postgres() as server:
        yield server


@pytest.fixture
def pg_table() -> str:
    """A table of its own for each test, so tests never see each other's rows."""
    return f"dedup_{uuid.uuid4().hex[:16]}"
