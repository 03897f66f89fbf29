"""The small connection pool the persistent stores share: connections are opened on demand,
handed to one caller at a time and reused, so a thread-per-request server holds as many as its
peak concurrency, not one per thread it ever ran."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, Protocol, Self, TypeVar


class _Closable(Protocol):
    def close(self) -> None: ...


C = TypeVar("C", bound=_Closable)


class ConnectionPool(Generic[C]):
    def __init__(
        self,
        connect: Callable[[], C],
        *,
        broken_by: tuple[type[BaseException], ...] = (),
        usable: Callable[[C], bool] = lambda connection: True,
    ) -> None:
        """``broken_by``: errors after which a connection is dropped instead of reused;
        ``usable``: checked before a connection goes back to the pool."""
        self._connect = connect
        self._broken_by = broken_by
        self._usable = usable
        self._idle: queue.SimpleQueue[C] = queue.SimpleQueue()
        self._connections: list[C] = []
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def borrow(self) -> Iterator[C]:
        """One connection for one operation."""
        if self._closed:
            raise RuntimeError("the store is closed")
        try:
            connection = self._idle.get_nowait()
        except queue.Empty:
            connection = self._connect()
            with self._lock:
                self._connections.append(connection)
        broken = False
        try:
            yield connection
        except self._broken_by:
            broken = True
            raise
        finally:
            if broken or not self._usable(connection):
                self._discard(connection)
            else:
                self._idle.put(connection)

    def _discard(self, connection: C) -> None:
        with self._lock:
            if connection in self._connections:
                self._connections.remove(connection)
        connection.close()

    @property
    def size(self) -> int:
        with self._lock:
            return len(self._connections)

    def close(self) -> None:
        """Close every connection; later borrows raise. Call it once no operation is running."""
        with self._lock:
            connections, self._connections = self._connections, []
            self._closed = True
        for connection in connections:
            connection.close()


class Every:
    """True once every ``n`` calls (thread-safe): when to purge expired rows."""

    def __init__(self, n: int) -> None:
        self._n = n
        self._count = 0
        self._lock = threading.Lock()

    def __call__(self) -> bool:
        with self._lock:
            self._count += 1
            if self._count < self._n:
                return False
            self._count = 0
            return True


class PooledStore:
    """What the SQLite and PostgreSQL stores share around their pool: the periodic purge, the pool
    size, ``close`` and the context manager."""

    _pool: ConnectionPool[Any]
    _purge_due: Every

    def purge_expired(self) -> int:
        raise NotImplementedError

    def _maybe_purge(self) -> None:
        if self._purge_due():
            self.purge_expired()

    @property
    def open_connections(self) -> int:
        """How many connections the pool holds (bounded by peak concurrency, not by threads)."""
        return self._pool.size

    def close(self) -> None:
        """Close every connection this store opened. Call it once no operation is running."""
        self._pool.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
