"""Token cache: lazy fetch, proactive refresh, single flight under threads and asyncio."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from connectpsp_ext import AuthenticationError, NetworkError, Secret
from connectpsp_ext.tokens import (
    AccessToken,
    AsyncTokenFlight,
    TokenCache,
    TokenFlight,
    TokenGrant,
)
from tests.support.clock import FakeClock

from .fakes import FakeConnectPSP, make_async_client, make_client, problem

CALLERS = 100


class CountingFetcher:
    def __init__(self, expires_in: int = 3600) -> None:
        self.calls = 0
        self.expires_in = expires_in
        self.fail_with: Exception | None = None
        self.gate: threading.Event | None = None

    def __call__(self) -> TokenGrant:
        self.calls += 1
        if self.gate is not None:
            self.gate.wait(5)
        if self.fail_with is not None:
            raise self.fail_with
        return TokenGrant(Secret(f"token-{self.calls}"), self.expires_in)


class Tokens:
    """A thread flight around a cache, fetching with ``fetch`` (what the requestor does)."""

    def __init__(
        self, fetch: CountingFetcher, clock: FakeClock, refresh_margin: float = 60
    ) -> None:
        self.flight = TokenFlight(TokenCache(refresh_margin=refresh_margin, clock=clock))
        self.fetch = fetch

    def get(self) -> AccessToken:
        return self.flight.get(self.fetch, wait=10)

    def refresh(self, rejected: AccessToken) -> AccessToken:
        return self.flight.get(self.fetch, wait=10, rejected=rejected)

    def __repr__(self) -> str:
        return repr(self.flight.cache)


def test_lazy_then_cached(clock: FakeClock) -> None:
    fetch = CountingFetcher()
    tokens = Tokens(fetch, clock)
    assert fetch.calls == 0
    first = tokens.get()
    assert tokens.get() is first
    assert fetch.calls == 1
    assert first.value.reveal() == "token-1"
    assert "token-1" not in repr(first) and "token-1" not in repr(tokens)


def test_refreshes_margin_seconds_before_expiry(clock: FakeClock) -> None:
    fetch = CountingFetcher(expires_in=3600)
    tokens = Tokens(fetch, clock, refresh_margin=60)
    tokens.get()
    clock.advance(3600 - 60 - 0.001)
    assert tokens.get().value.reveal() == "token-1"
    clock.advance(0.001)
    assert tokens.get().value.reveal() == "token-2"
    assert fetch.calls == 2


def test_margin_is_capped_at_half_the_lifetime(clock: FakeClock) -> None:
    fetch = CountingFetcher(expires_in=30)  # shorter than the 60 s margin
    tokens = Tokens(fetch, clock, refresh_margin=60)
    tokens.get()
    clock.advance(14.9)
    tokens.get()
    assert fetch.calls == 1
    clock.advance(0.1)
    tokens.get()
    assert fetch.calls == 2


def test_refresh_after_rejection_only_once(clock: FakeClock) -> None:
    fetch = CountingFetcher()
    tokens = Tokens(fetch, clock)
    old = tokens.get()
    new = tokens.refresh(old)
    assert new is not old and fetch.calls == 2
    # A second caller that was refused with the old token gets the new one, no new request.
    assert tokens.refresh(old) is new
    assert fetch.calls == 2


def test_threads_share_one_fetch_and_its_error(clock: FakeClock) -> None:
    fetch = CountingFetcher()
    fetch.fail_with = AuthenticationError("bad credentials", status=401)
    fetch.gate = threading.Event()
    tokens = Tokens(fetch, clock)
    start = threading.Barrier(CALLERS + 1)

    def call() -> str:
        start.wait(5)
        try:
            tokens.get()
        except AuthenticationError as exc:
            return exc.message
        return "no error"

    with ThreadPoolExecutor(CALLERS) as pool:
        futures = [pool.submit(call) for _ in range(CALLERS)]
        start.wait(5)
        threading.Timer(0.05, fetch.gate.set).start()
        outcomes = [f.result(10) for f in futures]
    assert outcomes == ["bad credentials"] * CALLERS
    assert fetch.calls == 1
    # The failure is not cached: the next call tries again.
    fetch.fail_with, fetch.gate = None, None
    assert tokens.get().value.reveal() == "token-2"


@pytest.mark.parametrize("warm", [False, True], ids=["cold", "expired"])
def test_hundred_threads_one_token_request(warm: bool, clock: FakeClock) -> None:
    server = FakeConnectPSP(token_delay=0.05)
    psp = make_client(server, clock)
    if warm:
        psp.account.balance()
        clock.advance(3600)  # the cached token is now past its refresh point
    start = threading.Barrier(CALLERS)

    def call() -> int:
        start.wait(5)
        return psp.cash_in.get("US7B1JQ").status_code

    with ThreadPoolExecutor(CALLERS) as pool:
        statuses = list(pool.map(lambda _: call(), range(CALLERS)))
    psp.close()
    assert statuses == [200] * CALLERS
    assert len(server.token_requests) == (2 if warm else 1)
    newest = server.issued_tokens[-1]
    gets = [r for r in server.api_requests if r.url.path.startswith("/cash-in/")]
    assert len(gets) == CALLERS
    assert {r.headers["Authorization"] for r in gets} == {f"Bearer {newest}"}


@pytest.mark.anyio
@pytest.mark.parametrize("warm", [False, True], ids=["cold", "expired"])
async def test_hundred_tasks_one_token_request(warm: bool, clock: FakeClock) -> None:
    server = FakeConnectPSP(token_delay=0.02)
    async with make_async_client(server, clock) as psp:
        if warm:
            await psp.account.balance()
            clock.advance(3600)
        results = await asyncio.gather(*(psp.cash_in.get("US7B1JQ") for _ in range(CALLERS)))
    assert [r.status_code for r in results] == [200] * CALLERS
    assert len(server.token_requests) == (2 if warm else 1)


@pytest.mark.anyio
async def test_tasks_share_the_token_error(clock: FakeClock) -> None:
    server = FakeConnectPSP(token_delay=0.01)
    server.queue("POST /auth/token", problem(401, "INVALID_CREDENTIALS", "Invalid Credentials"))
    async with make_async_client(server, clock) as psp:
        outcomes = await asyncio.gather(
            *(psp.account.balance() for _ in range(CALLERS)), return_exceptions=True
        )
    assert all(isinstance(o, AuthenticationError) for o in outcomes)
    assert {o.code for o in outcomes if isinstance(o, AuthenticationError)} == {
        "INVALID_CREDENTIALS"
    }
    assert len(server.token_requests) == 1


@pytest.mark.anyio
async def test_cancelled_leader_does_not_strand_waiters(clock: FakeClock) -> None:
    release = asyncio.Event()
    calls = 0

    async def fetch() -> TokenGrant:
        nonlocal calls
        calls += 1
        if calls == 1:
            await release.wait()  # the first leader hangs until cancelled
        return TokenGrant(Secret(f"token-{calls}"), 3600)

    tokens = AsyncTokenFlight(TokenCache(refresh_margin=60, clock=clock))
    leader = asyncio.create_task(tokens.get(fetch, wait=10))
    await asyncio.sleep(0)
    waiter = asyncio.create_task(tokens.get(fetch, wait=10))
    await asyncio.sleep(0)
    leader.cancel()
    token = await asyncio.wait_for(waiter, 1)
    assert token.value.reveal() == "token-2"
    with pytest.raises(asyncio.CancelledError):
        await leader


def test_token_request_failures_are_typed(server: FakeConnectPSP) -> None:
    server.queue("POST /auth/token", problem(401, "INVALID_CREDENTIALS", "Invalid Credentials"))
    with make_client(server) as psp, pytest.raises(AuthenticationError) as info:
        psp.account.balance()
    assert info.value.code == "INVALID_CREDENTIALS"
    assert len(server.token_requests) == 1
    assert server.api_requests == []


def test_a_waiter_gives_up_at_its_own_deadline(clock: FakeClock) -> None:
    fetch = CountingFetcher()
    fetch.gate = threading.Event()
    flight = TokenFlight(TokenCache(refresh_margin=60, clock=clock))
    leader = threading.Thread(target=lambda: flight.get(fetch, wait=10))
    leader.start()
    while fetch.calls == 0:
        threading.Event().wait(0.001)
    with pytest.raises(NetworkError, match="deadline passed") as info:
        flight.get(fetch, wait=0.05)  # a call with 50 ms left does not wait for the fetch
    assert info.value.retryable
    fetch.gate.set()
    leader.join(5)
    assert fetch.calls == 1
    assert flight.get(fetch, wait=0).value.reveal() == "token-1"


@pytest.mark.anyio
async def test_an_async_waiter_gives_up_at_its_own_deadline(clock: FakeClock) -> None:
    release = asyncio.Event()

    async def fetch() -> TokenGrant:
        await release.wait()
        return TokenGrant(Secret("token-1"), 3600)

    flight = AsyncTokenFlight(TokenCache(refresh_margin=60, clock=clock))
    leader = asyncio.create_task(flight.get(fetch, wait=10))
    await asyncio.sleep(0)
    with pytest.raises(NetworkError, match="deadline passed"):
        await flight.get(fetch, wait=0.01)
    release.set()
    assert (await leader).value.reveal() == "token-1"  # the shared fetch was not cancelled
