"""A lean closed-loop HTTP/1.1 load generator: C keep-alive connections, each sending the next GET
as soon as the previous answer is complete, for a fixed duration.

Built on h11 (the parser uvicorn and httpcore use) over asyncio streams rather than on httpx, so the
generator costs a fraction of what the server under test costs and the number measures the server.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import h11

from .stats import percentile


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

    def as_dict(self) -> dict[str, object]:
        lat = self.latencies_us
        return {
            "requests_per_s": round(self.rps, 1),
            "ok": self.ok,
            "errors": self.errors,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "concurrency": self.concurrency,
            "duration_s": round(self.duration_s, 2),
            "latency_median_us": round(percentile(lat, 50), 1) if lat else None,
            "latency_p90_us": round(percentile(lat, 90), 1) if lat else None,
        }


async def _one_connection(
    host: str,
    port: int,
    target: str,
    headers: Sequence[tuple[str, str]],
    stop_at: float,
    result: LoadResult,
    record: bool,
) -> None:
    request_headers = [("Host", f"{host}:{port}"), *headers]
    while time.monotonic() < stop_at:
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            result.errors += 1
            await asyncio.sleep(0.01)
            continue
        conn = h11.Connection(h11.CLIENT)
        try:
            while time.monotonic() < stop_at:
                started = time.perf_counter()
                writer.write(
                    conn.send(h11.Request(method="GET", target=target, headers=request_headers))
                    + conn.send(h11.EndOfMessage())
                )
                status = await _read_response(conn, reader)
                if record:
                    result.statuses[status] = result.statuses.get(status, 0) + 1
                    if status < 400:
                        result.ok += 1
                        result.latencies_us.append((time.perf_counter() - started) * 1e6)
                    else:
                        result.errors += 1
                if conn.our_state is h11.MUST_CLOSE or conn.their_state is h11.MUST_CLOSE:
                    break
                conn.start_next_cycle()
        except (OSError, h11.ProtocolError, ConnectionError):
            if record:
                result.errors += 1
        finally:
            writer.close()


async def _read_response(conn: h11.Connection, reader: asyncio.StreamReader) -> int:
    status = 0
    while True:
        event = conn.next_event()
        if event is h11.NEED_DATA:
            conn.receive_data(await reader.read(65536))
        elif isinstance(event, h11.Response):
            status = event.status_code
        elif isinstance(event, h11.EndOfMessage):
            return status
        elif isinstance(event, h11.ConnectionClosed):
            raise ConnectionError("server closed the connection mid-response")


async def _run(
    url: str,
    headers: Sequence[tuple[str, str]],
    concurrency: int,
    duration_s: float,
    warmup_s: float,
) -> LoadResult:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    if warmup_s > 0:
        scratch = LoadResult(duration_s=warmup_s, concurrency=concurrency)
        stop = time.monotonic() + warmup_s
        await asyncio.gather(
            *(
                _one_connection(host, port, target, headers, stop, scratch, False)
                for _ in range(concurrency)
            )
        )
    result = LoadResult(duration_s=duration_s, concurrency=concurrency)
    started = time.monotonic()
    stop = started + duration_s
    await asyncio.gather(
        *(
            _one_connection(host, port, target, headers, stop, result, True)
            for _ in range(concurrency)
        )
    )
    result.duration_s = time.monotonic() - started
    return result


def run_load(
    url: str,
    headers: Sequence[tuple[str, str]] = (),
    *,
    concurrency: int = 32,
    duration_s: float = 8.0,
    warmup_s: float = 1.0,
) -> LoadResult:
    """GET ``url`` from ``concurrency`` keep-alive connections for ``duration_s`` seconds."""
    return asyncio.run(_run(url, headers, concurrency, duration_s, warmup_s))
