"""The DedupStore contract, for the in-memory, SQLite and PostgreSQL stores (the latter against a
real server the session starts), plus persistence and sharing across processes."""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from connectpsp_ext.webhooks import (
    ClaimResult,
    ClaimStatus,
    DedupStore,
    MemoryDedupStore,
    SQLiteDedupStore,
)
from connectpsp_ext.webhooks.postgres_store import PostgresDedupStore
from tests.support.clock import FakeClock

from .mp_worker import claim_keys
from .pg_server import PostgresServer, find_bin_dir

StoreFactory = Callable[[FakeClock], DedupStore]


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def make_store(
    request: pytest.FixtureRequest, tmp_path: Path, pg_table: str
) -> Iterator[StoreFactory]:
    opened: list[SQLiteDedupStore | PostgresDedupStore] = []

    def factory(clock: FakeClock) -> DedupStore:
        store: SQLiteDedupStore | PostgresDedupStore
        if request.param == "memory":
            return MemoryDedupStore(ttl_seconds=3600, clock=clock)
        if request.param == "sqlite":
            store = SQLiteDedupStore(tmp_path / "dedup.sqlite3", ttl_seconds=3600, clock=clock)
        else:
            server: PostgresServer = request.getfixturevalue("postgres")
            store = PostgresDedupStore(
                server.conninfo, table=pg_table, ttl_seconds=3600, clock=clock
            )
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()


def claimed(result: ClaimResult) -> str:
    assert result.status is ClaimStatus.CLAIMED and result.token
    return result.token


def test_stores_satisfy_the_protocol(make_store: StoreFactory) -> None:
    assert isinstance(make_store(FakeClock()), DedupStore)


def test_claim_in_progress_done(make_store: StoreFactory) -> None:
    clock = FakeClock()
    store = make_store(clock)
    token = claimed(store.claim("k", lease_seconds=30))
    clock.advance(10)
    second = store.claim("k", lease_seconds=30)
    assert second.status is ClaimStatus.IN_PROGRESS and second.token is None
    assert second.retry_after == pytest.approx(20)
    store.complete("k", token)
    assert store.claim("k", lease_seconds=30).status is ClaimStatus.DONE
    assert store.claim("other", lease_seconds=30).status is ClaimStatus.CLAIMED


def test_release_lets_a_redelivery_claim_again(make_store: StoreFactory) -> None:
    store = make_store(FakeClock())
    first = claimed(store.claim("k", lease_seconds=30))
    store.release("k", first)
    second = claimed(store.claim("k", lease_seconds=30))
    assert second != first


def test_release_with_a_stale_token_does_not_drop_the_new_claim(make_store: StoreFactory) -> None:
    clock = FakeClock()
    store = make_store(clock)
    old = claimed(store.claim("k", lease_seconds=30))
    clock.advance(31)  # lease lost
    claimed(store.claim("k", lease_seconds=30))
    store.release("k", old)
    assert store.claim("k", lease_seconds=30).status is ClaimStatus.IN_PROGRESS


def test_expired_lease_can_be_taken_over(make_store: StoreFactory) -> None:
    clock = FakeClock()
    store = make_store(clock)
    claimed(store.claim("k", lease_seconds=30))
    clock.advance(29.9)
    assert store.claim("k", lease_seconds=30).status is ClaimStatus.IN_PROGRESS
    clock.advance(0.2)
    claimed(store.claim("k", lease_seconds=30))


def test_complete_after_losing_the_lease_still_marks_done(make_store: StoreFactory) -> None:
    clock = FakeClock()
    store = make_store(clock)
    old = claimed(store.claim("k", lease_seconds=30))
    clock.advance(31)
    claimed(store.claim("k", lease_seconds=30))
    store.complete("k", old)
    assert store.claim("k", lease_seconds=30).status is ClaimStatus.DONE


def test_done_markers_expire_after_the_ttl(make_store: StoreFactory) -> None:
    clock = FakeClock()
    store = make_store(clock)
    store.complete("k", claimed(store.claim("k", lease_seconds=30)))
    clock.advance(3599)
    assert store.claim("k", lease_seconds=30).status is ClaimStatus.DONE
    clock.advance(2)
    claimed(store.claim("k", lease_seconds=30))


def test_exactly_one_of_many_concurrent_claims_wins(make_store: StoreFactory) -> None:
    store = make_store(FakeClock())
    threads = 50
    barrier = threading.Barrier(threads)

    def attempt(_: int) -> ClaimStatus:
        barrier.wait()
        return store.claim("same-event", lease_seconds=30).status

    with ThreadPoolExecutor(threads) as pool:
        statuses = list(pool.map(attempt, range(threads)))
    assert statuses.count(ClaimStatus.CLAIMED) == 1
    assert statuses.count(ClaimStatus.IN_PROGRESS) == threads - 1


def test_renew_extends_only_the_holders_claim(make_store: StoreFactory) -> None:
    clock = FakeClock()
    store = make_store(clock)
    token = claimed(store.claim("k", lease_seconds=10))
    clock.advance(9)
    assert store.renew("k", token, lease_seconds=10)  # now held until +19
    clock.advance(9)
    assert store.claim("k", lease_seconds=10).status is ClaimStatus.IN_PROGRESS
    assert not store.renew("k", "someone-else", lease_seconds=10)
    assert not store.renew("unknown", token, lease_seconds=10)
    clock.advance(2)  # past +19: the renewed lease ran out too
    taken_over = claimed(store.claim("k", lease_seconds=10))
    assert not store.renew("k", token, lease_seconds=10)  # the old holder lost it
    assert store.renew("k", taken_over, lease_seconds=10)


def test_renew_keeps_an_expired_claim_nobody_took_over(make_store: StoreFactory) -> None:
    clock = FakeClock()
    store = make_store(clock)
    token = claimed(store.claim("k", lease_seconds=10))
    clock.advance(15)  # a stall past the lease, but no other delivery came
    assert store.renew("k", token, lease_seconds=10)
    assert store.claim("k", lease_seconds=10).status is ClaimStatus.IN_PROGRESS


def test_renew_does_not_revive_a_completed_or_released_claim(make_store: StoreFactory) -> None:
    store = make_store(FakeClock())
    done = claimed(store.claim("done", lease_seconds=10))
    store.complete("done", done)
    assert not store.renew("done", done, lease_seconds=10)
    assert store.claim("done", lease_seconds=10).status is ClaimStatus.DONE
    released = claimed(store.claim("released", lease_seconds=10))
    store.release("released", released)
    assert not store.renew("released", released, lease_seconds=10)
    claimed(store.claim("released", lease_seconds=10))


@pytest.mark.parametrize("bad", [0, -1])
def test_invalid_durations(make_store: StoreFactory, bad: float) -> None:
    store = make_store(FakeClock())
    with pytest.raises(ValueError, match="lease_seconds"):
        store.claim("k", lease_seconds=bad)


def test_invalid_ttls(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        MemoryDedupStore(ttl_seconds=0)
    with pytest.raises(ValueError):
        SQLiteDedupStore(tmp_path / "x.sqlite3", ttl_seconds=-1)


def test_memory_store_size_and_is_done() -> None:
    clock = FakeClock()
    store = MemoryDedupStore(ttl_seconds=10, clock=clock)
    store.complete("a", claimed(store.claim("a", lease_seconds=5)))
    store.complete("b", claimed(store.claim("b", lease_seconds=5)))
    assert len(store) == 2 and store.is_done("a")
    clock.advance(11)
    assert len(store) == 0 and not store.is_done("a")


SharedStore = Callable[[], SQLiteDedupStore | PostgresDedupStore]


@pytest.fixture(params=["sqlite", "postgres"])
def open_shared(
    request: pytest.FixtureRequest, tmp_path: Path, pg_table: str
) -> Iterator[SharedStore]:
    """Opens another instance on the same file / table each call: another worker or host, or the
    same one after a restart."""
    opened: list[SQLiteDedupStore | PostgresDedupStore] = []

    def factory() -> SQLiteDedupStore | PostgresDedupStore:
        store: SQLiteDedupStore | PostgresDedupStore
        if request.param == "sqlite":
            store = SQLiteDedupStore(tmp_path / "dedup.sqlite3")
        else:
            server: PostgresServer = request.getfixturevalue("postgres")
            store = PostgresDedupStore(server.conninfo, table=pg_table)
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()


def test_done_marker_survives_a_restart(open_shared: SharedStore) -> None:
    with open_shared() as store:
        store.complete("k", claimed(store.claim("k", lease_seconds=30)))
    with open_shared() as restarted:
        assert restarted.is_done("k")
        assert restarted.claim("k", lease_seconds=30).status is ClaimStatus.DONE


def test_two_instances_never_both_claim(open_shared: SharedStore) -> None:
    a, b = open_shared(), open_shared()
    barrier = threading.Barrier(20)

    def attempt(index: int) -> ClaimStatus:
        barrier.wait()
        return (a if index % 2 else b).claim("k", lease_seconds=30).status

    with ThreadPoolExecutor(20) as pool:
        statuses = list(pool.map(attempt, range(20)))
    assert statuses.count(ClaimStatus.CLAIMED) == 1


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_processes_sharing_a_store_claim_each_key_once(
    kind: str, tmp_path: Path, pg_table: str, request: pytest.FixtureRequest
) -> None:
    """Several processes (SQLite: workers of one host; PostgreSQL: receivers that share nothing but
    the database, as on several hosts) claim the same keys: each key is won exactly once."""
    if kind == "sqlite":
        target = str(tmp_path / "dedup.sqlite3")
        SQLiteDedupStore(target).close()  # create the schema once
    else:
        target = request.getfixturevalue("postgres").conninfo
        PostgresDedupStore(target, table=pg_table).close()
    keys = [f"event-{i}" for i in range(40)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=3, mp_context=context) as pool:
        results = list(
            pool.map(claim_keys, [kind] * 3, [target] * 3, [pg_table] * 3, [keys, keys[::-1], keys])
        )
    winners = [key for won in results for key in won]
    assert sorted(winners) == sorted(keys)  # every key claimed exactly once overall


# --- SQLite specifics -------------------------------------------------------------------------


def test_sqlite_claim_of_a_crashed_process_expires(tmp_path: Path) -> None:
    path = tmp_path / "dedup.sqlite3"
    clock = FakeClock()
    crashed = SQLiteDedupStore(path, clock=clock)
    claimed(crashed.claim("k", lease_seconds=30))
    crashed.close()  # the process dies without complete/release
    with SQLiteDedupStore(path, clock=clock) as restarted:
        assert restarted.claim("k", lease_seconds=30).status is ClaimStatus.IN_PROGRESS
        clock.advance(31)
        claimed(restarted.claim("k", lease_seconds=30))


def test_sqlite_short_lived_threads_do_not_leak_connections(tmp_path: Path) -> None:
    with SQLiteDedupStore(tmp_path / "d.sqlite3") as store:
        for index in range(100):  # a thread-per-request server
            worker = threading.Thread(target=store.claim, args=(f"k{index}",))
            worker.start()
            worker.join()
        assert store.open_connections == 1


def test_sqlite_purge_expired(tmp_path: Path) -> None:
    clock = FakeClock()
    with SQLiteDedupStore(tmp_path / "d.sqlite3", ttl_seconds=10, clock=clock) as store:
        store.complete("a", claimed(store.claim("a", lease_seconds=5)))
        claimed(store.claim("b", lease_seconds=5))
        assert store.purge_expired() == 0
        clock.advance(11)
        assert store.purge_expired() == 2


def test_sqlite_requires_a_file_and_refuses_use_after_close(tmp_path: Path) -> None:
    for bad in (":memory:", ""):
        with pytest.raises(ValueError):
            SQLiteDedupStore(bad)
    store = SQLiteDedupStore(tmp_path / "d.sqlite3")
    store.close()
    with pytest.raises(RuntimeError):
        store.claim("k", lease_seconds=5)
    assert "d.sqlite3" in repr(store)


# --- PostgreSQL specifics ---------------------------------------------------------------------


def test_postgres_uses_the_database_clock_by_default(
    postgres: PostgresServer, pg_table: str
) -> None:
    with PostgresDedupStore(postgres.conninfo, table=pg_table) as store:
        claimed(store.claim("k", lease_seconds=30))
        busy = store.claim("k", lease_seconds=30)
        assert busy.status is ClaimStatus.IN_PROGRESS
        assert busy.retry_after is not None and 0 < busy.retry_after <= 30
        token = claimed(store.claim("short", lease_seconds=0.2))
        deadline = time.monotonic() + 30
        while store.claim("short", lease_seconds=0.2).status is ClaimStatus.IN_PROGRESS:
            assert time.monotonic() < deadline, "a 0.2 s lease never ran out"
            time.sleep(0.05)
        assert not store.renew("short", token, lease_seconds=5)  # taken over meanwhile


def test_postgres_purge_pool_and_repr(postgres: PostgresServer, pg_table: str) -> None:
    clock = FakeClock()
    conninfo = postgres.conninfo + " password=hunter2-secret"  # trust auth ignores it
    with PostgresDedupStore(conninfo, table=pg_table, ttl_seconds=10, clock=clock) as store:
        store.complete("a", claimed(store.claim("a", lease_seconds=5)))
        claimed(store.claim("b", lease_seconds=5))
        assert store.purge_expired() == 0
        clock.advance(11)
        assert store.purge_expired() == 2
        for index in range(50):  # a thread-per-request server reuses pooled connections
            worker = threading.Thread(target=store.claim, args=(f"k{index}",))
            worker.start()
            worker.join()
        assert store.open_connections == 1
        assert "hunter2" not in repr(store) and "127.0.0.1" in repr(store)
    with pytest.raises(RuntimeError, match="closed"):
        store.claim("k", lease_seconds=5)


def test_postgres_store_reconnects_after_the_connection_drops(
    postgres: PostgresServer, pg_table: str
) -> None:
    with PostgresDedupStore(postgres.conninfo, table=pg_table) as store:
        claimed(store.claim("before", lease_seconds=30))
        with psycopg.connect(postgres.conninfo, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE pid <> pg_backend_pid() AND datname = current_database()"
            )
        with pytest.raises(psycopg.OperationalError):
            store.claim("during", lease_seconds=30)  # the pooled connection was cut
        claimed(store.claim("after", lease_seconds=30))  # a fresh connection
        assert store.claim("before", lease_seconds=30).status is ClaimStatus.IN_PROGRESS


def test_missing_postgres_binaries_fail_loudly(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match=r"system-packages\.txt"):
        find_bin_dir(
            environ={"CONNECTPSP_TEST_PG_BIN": str(tmp_path)},  # empty
            debian_root=tmp_path / "no-such-dir",
            which=lambda name: None,
        )
