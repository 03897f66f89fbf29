"""What the async client's high-concurrency path relies on (``lanes.py``, D-65, D-67).

- At most the pool's size of requests is in httpx at once, and each httpx pool ("lane") holds at
  most one request, so httpcore never queues or hands one connection to several requests.
- A lane is free again after an error, a cancellation or a body closed unread; the lowest free
  lane is used first, and only the first ``max_keepalive_connections`` lanes keep connections.
- Over real sockets, calls one after the other reuse one kept-alive connection, concurrent
  calls open no more connections than the pool's size, and by default a burst's connections
  are all kept alive for the next one (D-69).
- A call that reaches its deadline while waiting for a free connection was not sent.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import httpx
import pytest

from connectpsp_ext import AsyncConnectPSP, NetworkError
from connectpsp_ext.lanes import AsyncLanes
from tests.hostile.client.hostile_server import Exchange, HostileServer, json_body
from tests.hostile.client.hostile_server import Request as SeenRequest
from tests.hostile.client.support import client_kwargs
from tests.support.credentials import CREDENTIALS

from .fakes import BALANCE, BASE_URL, FakeConnectPSP, cash_out_kwargs

Handler = Callable[[httpx.Request], Awaitable[httpx.Response]]


class CountingLanes:
    """A lane factory whose lanes are mock transports counting their concurrent requests."""

    def __init__(self, handle: Handler) -> None:
        self.handle = handle
        self.limits: list[httpx.Limits] = []
        self.busy: list[int] = []
        self.peak: list[int] = []  # per lane
        self.requests: list[int] = []  # per lane
        self.in_httpx = self.peak_in_httpx = 0

    def __call__(self, limits: httpx.Limits) -> httpx.AsyncBaseTransport:
        lane = len(self.limits)
        self.limits.append(limits)
        self.busy.append(0)
        self.peak.append(0)
        self.requests.append(0)

        async def handle(request: httpx.Request) -> httpx.Response:
            self.busy[lane] += 1
            self.requests[lane] += 1
            self.in_httpx += 1
            self.peak[lane] = max(self.peak[lane], self.busy[lane])
            self.peak_in_httpx = max(self.peak_in_httpx, self.in_httpx)
            try:
                return await self.handle(request)
            finally:
                self.busy[lane] -= 1
                self.in_httpx -= 1

        return httpx.MockTransport(handle)


class StreamedBody(httpx.AsyncByteStream):
    """A body read from the "network": the response stays open until it is read or closed."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.data


def streamed(data: bytes) -> httpx.Response:
    return httpx.Response(200, stream=StreamedBody(data))


def _lanes(handle: Handler, limits: httpx.Limits) -> tuple[AsyncLanes, CountingLanes]:
    counting = CountingLanes(handle)
    return AsyncLanes(limits, lane_factory=counting), counting


@pytest.mark.anyio
async def test_each_lane_holds_one_request_and_the_gate_bounds_the_lanes() -> None:
    server = FakeConnectPSP()

    async def handle(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.001)  # every request overlaps the others
        return server.handle(request)

    limits = httpx.Limits(max_connections=8)
    lanes, counting = _lanes(handle, limits)
    async with AsyncConnectPSP(
        **CREDENTIALS, base_url=BASE_URL, transport=lanes, limits=limits
    ) as psp:
        results = await asyncio.gather(
            *(psp.cash_out.create(**cash_out_kwargs()) for _ in range(200))
        )
    assert [r.status_code for r in results] == [202] * 200
    assert 1 < counting.peak_in_httpx <= 8  # concurrent, bounded by the pool's size
    assert 1 < lanes.size <= 8  # lanes are made on demand, never past the gate
    assert set(counting.peak) == {1}  # no lane ever had two requests at once
    assert sum(counting.requests) == 201  # the token request, then the 200 cash-outs


@pytest.mark.anyio
async def test_a_lane_is_free_again_after_an_error_a_cancellation_and_an_unread_body() -> None:
    started = asyncio.Event()

    async def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/refused":
            raise httpx.ConnectError("refused", request=request)
        if request.url.path == "/hang":
            started.set()
            await asyncio.sleep(60)
        if request.url.path in ("/a", "/b"):
            await asyncio.sleep(0.01)  # the two overlap
        return streamed(b"x" * 10_000)

    lanes, counting = _lanes(handle, httpx.Limits(max_connections=4))
    async with httpx.AsyncClient(transport=lanes, base_url=BASE_URL) as http:
        with pytest.raises(httpx.ConnectError):
            await http.get("/refused")
        task = asyncio.create_task(http.get("/hang"))
        await started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        async with http.stream("GET", "/unread") as response:
            assert response.status_code == 200  # closed without reading the body
        await response.aclose()  # closed twice: the lane is freed once
        assert lanes.size == 1  # each of those went on lane 0, freed each time
        first, second = (
            await asyncio.gather(http.get("/a"), http.get("/b"))  # two at once: two lanes
        )
    assert (first.status_code, second.status_code) == (200, 200)
    assert lanes.size == 2
    assert counting.peak == [1, 1]


@pytest.mark.anyio
async def test_lowest_free_lane_first_and_only_the_keepalive_lanes_keep_connections() -> None:
    async def handle(request: httpx.Request) -> httpx.Response:
        return streamed(request.url.path.encode())

    limits = httpx.Limits(max_connections=10, max_keepalive_connections=2, keepalive_expiry=7)
    lanes, counting = _lanes(handle, limits)
    async with httpx.AsyncClient(transport=lanes, base_url=BASE_URL) as http:
        open_streams = [await http.send(http.build_request("GET", "/"), stream=True)]
        open_streams += [await http.send(http.build_request("GET", "/"), stream=True)]
        open_streams += [await http.send(http.build_request("GET", "/"), stream=True)]
        assert counting.requests == [1, 1, 1]
        await open_streams[1].aclose()
        await http.get("/")  # lane 1 is the lowest free one
        assert counting.requests == [1, 2, 1]
        for response in open_streams:
            await response.aclose()
        await http.get("/")
        assert counting.requests == [2, 2, 1]
    assert [(lim.max_connections, lim.max_keepalive_connections) for lim in counting.limits] == [
        (1, 1),
        (1, 1),
        (1, 0),
    ]
    assert {lim.keepalive_expiry for lim in counting.limits} == {7}


def _answer_balance(request: SeenRequest, exchange: Exchange) -> None:
    del request
    exchange.respond(200, json_body(BALANCE))


@pytest.mark.anyio
async def test_calls_one_after_the_other_reuse_one_connection() -> None:
    with HostileServer(_answer_balance) as server:
        async with AsyncConnectPSP(**client_kwargs(server)) as psp:
            for _ in range(5):
                await psp.account.balance()
        connections = {request.connection for request in server.seen()}
    assert len(server.seen()) == 6  # the token, then five balances
    assert len(connections) == 1  # all on lane 0's kept-alive connection


@pytest.mark.anyio
async def test_concurrent_calls_open_no_more_connections_than_the_pool() -> None:
    with HostileServer(_answer_balance) as server:
        limits = httpx.Limits(max_connections=4, max_keepalive_connections=4)
        async with AsyncConnectPSP(**client_kwargs(server), limits=limits) as psp:
            await psp.account.balance()
            for _ in range(3):
                await asyncio.gather(*(psp.account.balance() for _ in range(40)))
        connections = {request.connection for request in server.seen()}
    assert len(server.seen()) == 122
    assert 1 < len(connections) <= 4


@pytest.mark.anyio
async def test_by_default_every_connection_of_a_burst_is_kept_alive() -> None:
    """D-69: httpx keeps 20 connections alive; past 20 in flight it would open and close one
    per request. The client's default keeps all of them."""
    with HostileServer(_answer_balance) as server:
        async with AsyncConnectPSP(**client_kwargs(server)) as psp:
            await psp.account.balance()
            for _ in range(3):
                await asyncio.gather(*(psp.account.balance() for _ in range(30)))
        connections = {request.connection for request in server.seen()}
    assert len(server.seen()) == 92
    assert 20 < len(connections) <= 30  # the second and third bursts opened none


@pytest.mark.anyio
async def test_a_call_whose_deadline_passes_waiting_for_a_connection_was_not_sent() -> None:
    server = FakeConnectPSP()
    release = asyncio.Event()
    seen: list[str] = []

    async def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path == "/cash-out" and len(seen) == 2:
            await release.wait()  # the first cash-out holds the only connection
        return server.handle(request)

    async with AsyncConnectPSP(
        **CREDENTIALS,
        base_url=BASE_URL,
        transport=httpx.MockTransport(handle),
        limits=httpx.Limits(max_connections=1),
    ) as psp:
        await psp.account.balance()  # the token, fetched before
        del seen[:]
        seen.append("token")  # so the first cash-out is the one that holds the connection
        first = asyncio.create_task(psp.cash_out.create(**cash_out_kwargs()))
        while len(seen) < 2:
            await asyncio.sleep(0.001)
        with pytest.raises(NetworkError, match="was not sent") as info:
            await psp.with_options(deadline=0.2).cash_out.create(**cash_out_kwargs())
        release.set()
        assert (await first).status_code == 202
    assert info.value.outcome_unknown is False
    assert info.value.idempotency_key is not None
    assert seen.count("/cash-out") == 1  # the second one never reached httpx
