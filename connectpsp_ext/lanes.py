"""The async client's connections: one single-connection httpx pool per request in flight.

httpcore's async pool does work proportional to its waiting requests times its connections
every time a request enters or a response closes, and it hands a freed connection to *every*
waiting request at once: all but one find it taken and go round again (httpcore 1.0). With 64
requests in one pool that cost 3-6 ms of client CPU per call on the 2-core bench machine; with a
single request it costs ~1.5 ms (issue 14, D-67). So :class:`AsyncLanes` keeps several
``httpx.AsyncHTTPTransport``s of one connection each ("lanes") and sends each request on a free
one: every httpcore pool holds at most one request, and choosing a lane is a heap pop.

How many requests run at once is still the client's in-flight gate (``inflight.py``, D-65):
lanes are made on demand, so there are never more than the gate lets through. The lowest free
lane is used first, and only the first ``limits.max_keepalive_connections`` lanes keep their
connection alive between requests, like httpx's pool keeps that many idle connections.

Threads keep httpx's own pool (:func:`Lanes`): a blocked thread costs no CPU while it waits.
"""

from __future__ import annotations

import heapq
from collections.abc import AsyncIterator, Callable

import httpx

LaneFactory = Callable[[httpx.Limits], httpx.AsyncBaseTransport]


class AsyncLanes(httpx.AsyncBaseTransport):
    """An httpx transport sending each request on its own single-connection pool."""

    def __init__(self, limits: httpx.Limits, *, lane_factory: LaneFactory | None = None) -> None:
        self._keepalive = limits.max_keepalive_connections
        self._expiry = limits.keepalive_expiry
        self._make = lane_factory or _network_lane()
        self._lanes: list[httpx.AsyncBaseTransport] = []
        self._free: list[int] = []  # a heap of indices into _lanes

    @property
    def size(self) -> int:
        """How many lanes were made (the peak number of requests sent at once)."""
        return len(self._lanes)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        index = heapq.heappop(self._free) if self._free else self._new_lane()
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                heapq.heappush(self._free, index)

        try:
            response = await self._lanes[index].handle_async_request(request)
        except BaseException:
            release()
            raise
        if response.is_closed:  # already read whole (a mock transport): the lane is free
            release()
        else:
            response.stream = _LaneStream(response.stream, release)
        return response

    def _new_lane(self) -> int:
        index = len(self._lanes)
        keep = self._keepalive is None or index < self._keepalive
        self._lanes.append(
            self._make(
                httpx.Limits(
                    max_connections=1,
                    max_keepalive_connections=1 if keep else 0,
                    keepalive_expiry=self._expiry,
                )
            )
        )
        return index

    async def aclose(self) -> None:
        for lane in self._lanes:
            await lane.aclose()


class _LaneStream(httpx.AsyncByteStream):
    """A response body that frees its lane when it is closed (httpx always closes it)."""

    def __init__(self, stream: object, release: Callable[[], None]) -> None:
        assert isinstance(stream, httpx.AsyncByteStream)  # an async transport's body
        self._stream = stream
        self._release = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            self._release()


def _network_lane() -> LaneFactory:
    """Lanes on the network, all sharing one TLS context, made here with the client as httpx's
    transport makes its own (loading the CA bundle costs milliseconds: once, not per lane)."""
    context = httpx.create_ssl_context()

    def make(limits: httpx.Limits) -> httpx.AsyncBaseTransport:
        return httpx.AsyncHTTPTransport(verify=context, limits=limits)

    return make


def Lanes(limits: httpx.Limits) -> httpx.HTTPTransport:  # the twin of AsyncLanes
    """The threads' transport: httpx's pool, where a waiting thread costs no CPU."""
    return httpx.HTTPTransport(limits=limits)
