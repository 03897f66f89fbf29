"""The throwaway PostgreSQL server of tests/webhooks, for the crash test on a shared database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ...webhooks.pg_server import PostgresServer, running_postgres


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    with running_postgres() as server:
        yield server
