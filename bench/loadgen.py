"""A lean closed-loop HTTP/1.1 load generator: C keep-alive connections, each sending the next
request as soon as the previous answer is complete, until the time is up or the requests run out.

Built on httptools (the C parser uvicorn uses) in an asyncio protocol (uvloop when installed)
rather than on httpx or h11, so the generator costs less CPU per request than the servers it
measures (it shares the machine with them) and the number measures the server. Every request
comes from a :class:`RequestSource`, so each one can carry a fresh idempotency key, reference or
path id.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

import httptools

from .stats import percentile

_T = TypeVar("_T")


@dataclass(frozen=True)
class Request:
    method: str
    target: str  # path and query
    headers: Sequence[tuple[str, str]] = ()
    body: bytes = b""


# Returns the next request, or None when there are no more (the connection then stops).
RequestSource = Callable[[], Request | None]
# Sees each successful response body (to collect ids); None when nobody needs the bodies.
BodySink = Callable[[bytes], None]


@dataclass
class LoadResult:
    duration_s: float
    concurrency: int
    ok: int = 0
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    latencies_us: list[float] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return self.ok / self.duration_s if self.duration_s else 0.0

    def latency(self, pct: float) -> float | None:
        return percentile(self.latencies_us, pct) if self.latencies_us else None

    def as_dict(self) -> dict[str, object]:
        p50, p99 = self.latency(50), self.latency(99)
        return {
            "requests_per_s": round(self.rps, 1),
            "ok": self.ok,
            "errors": self.errors,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "concurrency": self.concurrency,
            "duration_s": round(self.duration_s, 2),
            "latency_p50_us": None if p50 is None else round(p50, 1),
            "latency_p99_us": None if p99 is None else round(p99, 1),
        }


def fixed(request: Request) -> RequestSource:
    """The same request, forever."""
    return lambda: request


class _Connection(asyncio.Protocol):
    """One keep-alive HTTP/1.1 client connection; responses parsed by httptools (C)."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self._parser = httptools.HttpResponseParser(self)
        self._waiter: asyncio.Future[tuple[int, bytes, bool]] | None = None
        self._keep_body = False
        self._chunks: list[bytes] = []

    # asyncio.Protocol ---------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(ConnectionError(f"bad response: {exc}"))

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail(ConnectionError("server closed the connection mid-response"))

    # httptools callbacks ------------------------------------------------------------------
    def on_body(self, body: bytes) -> None:
        if self._keep_body:
            self._chunks.append(body)

    def on_message_complete(self) -> None:
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            status = self._parser.get_status_code()
            waiter.set_result((status, b"".join(self._chunks), self._parser.should_keep_alive()))
        self._chunks = []

    # ------------------------------------------------------------------------------------------
    def _fail(self, exc: Exception) -> None:
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_exception(exc)

    def send(self, data: bytes, *, keep_body: bool) -> asyncio.Future[tuple[int, bytes, bool]]:
        assert self.transport is not None
        self._keep_body = keep_body
        self._waiter = asyncio.get_running_loop().create_future()
        self.transport.write(data)
        return self._waiter


def _encode(request: Request, host_line: bytes) -> bytes:
    head = [f"{request.method} {request.target} HTTP/1.1\r\n".encode("ascii"), host_line]
    head += [f"{name}: {value}\r\n".encode("latin-1") for name, value in request.headers]
    if request.body or request.method == "POST":
        head.append(f"Content-Length: {len(request.body)}\r\n".encode("ascii"))
    head.append(b"\r\n")
    return b"".join(head) + request.body


async def _one_connection(
    host: str,
    port: int,
    source: RequestSource,
    stop_at: float,
    result: LoadResult,
    sink: BodySink | None,
) -> None:
    loop = asyncio.get_running_loop()
    host_line = f"Host: {host}:{port}\r\n".encode("ascii")
    while time.monotonic() < stop_at:
        try:
            transport, conn = await loop.create_connection(_Connection, host, port)
        except OSError:
            result.errors += 1
            await asyncio.sleep(0.01)
            continue
        try:
            while time.monotonic() < stop_at:
                request = source()
                if request is None:
                    return
                started = time.perf_counter()
                status, body, keep_alive = await conn.send(
                    _encode(request, host_line), keep_body=sink is not None
                )
                elapsed_us = (time.perf_counter() - started) * 1e6
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if status < 400:
                    result.ok += 1
                    result.latencies_us.append(elapsed_us)
                    if sink is not None:
                        sink(body)
                else:
                    result.errors += 1
                if not keep_alive:
                    break
        except (OSError, ConnectionError):
            result.errors += 1
        finally:
            transport.close()


async def _run(
    url: str,
    source: RequestSource,
    concurrency: int,
    duration_s: float,
    sink: BodySink | None,
) -> LoadResult:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    result = LoadResult(duration_s=duration_s, concurrency=concurrency)
    started = time.monotonic()
    stop = started + duration_s
    await asyncio.gather(
        *(_one_connection(host, port, source, stop, result, sink) for _ in range(concurrency))
    )
    result.duration_s = time.monotonic() - started
    return result


def run_async(coro: Coroutine[Any, Any, _T]) -> _T:
    """Run ``coro`` on uvloop when it is installed (a cheaper client), else on asyncio."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop is a dependency on CPython/POSIX
        return asyncio.run(coro)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(coro)


def run_requests(
    base_url: str,
    source: RequestSource,
    *,
    concurrency: int = 32,
    duration_s: float = 3.0,
    warmup_s: float = 0.0,
    sink: BodySink | None = None,
) -> LoadResult:
    """Send requests from ``source`` to ``base_url`` over ``concurrency`` keep-alive connections
    for ``duration_s`` seconds (or until the source runs dry), after an unrecorded warm-up."""
    if warmup_s > 0:
        run_async(_run(base_url, source, concurrency, warmup_s, sink))
    return run_async(_run(base_url, source, concurrency, duration_s, sink))


def run_load(
    url: str,
    headers: Sequence[tuple[str, str]] = (),
    *,
    concurrency: int = 32,
    duration_s: float = 8.0,
    warmup_s: float = 1.0,
) -> LoadResult:
    """GET ``url`` from ``concurrency`` keep-alive connections for ``duration_s`` seconds."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    base = f"{parts.scheme}://{parts.netloc}"
    return run_requests(
        base,
        fixed(Request("GET", target, tuple(headers))),
        concurrency=concurrency,
        duration_s=duration_s,
        warmup_s=warmup_s,
    )
