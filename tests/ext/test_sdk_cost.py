"""What issue 14 item 5 took out of the SDK's own cost stays out.

- ``AsyncConnectPSP`` hands httpx at most its pool's size of requests at once: the others wait in
  the client (``inflight.py``, D-65), where waiting costs no pool bookkeeping.
- ``import connectpsp_ext`` loads neither asyncio nor the generated models; the sync client
  never loads asyncio (fresh interpreters, so nothing imported by other tests interferes).
- Requests are built without ``httpx.Client.build_request`` (D-64): what goes on the wire is
  still the URL and headers httpx would have built.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

import httpx
import pytest

from connectpsp_ext import AsyncConnectPSP, ConnectPSP

from .fakes import BASE_URL, CREDENTIALS, FakeConnectPSP, cash_out_kwargs


@pytest.mark.anyio
async def test_async_client_sends_at_most_the_pool_size_at_once() -> None:
    server = FakeConnectPSP()
    in_httpx = peak = 0

    async def handle(request: httpx.Request) -> httpx.Response:
        nonlocal in_httpx, peak
        in_httpx += 1
        peak = max(peak, in_httpx)
        await asyncio.sleep(0.001)  # every request overlaps the others
        in_httpx -= 1
        return server.handle(request)

    limits = httpx.Limits(max_connections=8)
    async with AsyncConnectPSP(
        **CREDENTIALS, base_url=BASE_URL, transport=httpx.MockTransport(handle), limits=limits
    ) as psp:
        results = await asyncio.gather(
            *(psp.cash_out.create(**cash_out_kwargs()) for _ in range(200))
        )
    assert [r.status_code for r in results] == [202] * 200
    assert 1 < peak <= 8  # concurrent, and bounded by the pool


@pytest.mark.anyio
async def test_async_client_with_its_own_transport_alone_is_not_bounded() -> None:
    """Without ``limits`` the pool size of a given transport is unknown: nothing waits."""
    server = FakeConnectPSP()
    in_httpx = peak = 0

    async def handle(request: httpx.Request) -> httpx.Response:
        nonlocal in_httpx, peak
        in_httpx += 1
        peak = max(peak, in_httpx)
        await asyncio.sleep(0.001)
        in_httpx -= 1
        return server.handle(request)

    async with AsyncConnectPSP(
        **CREDENTIALS, base_url=BASE_URL, transport=httpx.MockTransport(handle)
    ) as psp:
        await psp.account.balance()
        await asyncio.gather(*(psp.account.balance() for _ in range(150)))
    assert peak > 100


def _imported_after(statement: str) -> dict[str, bool]:
    code = (
        f"import sys, json; {statement}; "
        "print(json.dumps({m: m in sys.modules for m in "
        "('asyncio', 'connectpsp_client.models', 'connectpsp_ext._async.client')}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    loaded: dict[str, bool] = json.loads(out)
    return loaded


def test_import_connectpsp_ext_loads_neither_asyncio_nor_the_models() -> None:
    assert _imported_after("import connectpsp_ext") == {
        "asyncio": False,
        "connectpsp_client.models": False,
        "connectpsp_ext._async.client": False,
    }


def test_the_sync_client_never_loads_asyncio() -> None:
    loaded = _imported_after(
        "from connectpsp_ext import ConnectPSP, pix_key_destination; "
        "from connectpsp_ext.client import ConnectPSP as C; "
        "ConnectPSP(client_id='i', client_secret='s', application_token='a').close()"
    )
    assert loaded["asyncio"] is False
    assert loaded["connectpsp_ext._async.client"] is False


def test_lazy_names_are_the_real_ones() -> None:
    import connectpsp_ext
    from connectpsp_ext import client, destinations

    assert connectpsp_ext.ConnectPSP is client.ConnectPSP is ConnectPSP
    assert connectpsp_ext.AsyncConnectPSP is client.AsyncConnectPSP is AsyncConnectPSP
    assert connectpsp_ext.pix_key_destination is destinations.pix_key_destination
    assert sorted(connectpsp_ext.__all__) == sorted(
        n for n in connectpsp_ext.__all__ if hasattr(connectpsp_ext, n)
    )
    with pytest.raises(AttributeError):
        connectpsp_ext.NoSuchName  # noqa: B018


def test_requests_carry_the_url_and_headers_httpx_would_build() -> None:
    server = FakeConnectPSP()
    with ConnectPSP(**CREDENTIALS, base_url=BASE_URL + "/v2", transport=server.transport()) as psp:
        psp.cash_out.create(**cash_out_kwargs())
        psp.account.balance()
        reference = psp._requestor._http.build_request("GET", "/account/balance")
    token, cash_out, balance = server.requests
    assert str(token.url) == BASE_URL + "/v2/auth/token"
    assert str(cash_out.url) == BASE_URL + "/v2/cash-out"
    assert balance.url == reference.url
    for request in (token, cash_out, balance):
        for name in ("User-Agent", "Accept", "Accept-Encoding", "Connection", "Host"):
            assert request.headers[name] == reference.headers[name], name
    assert cash_out.headers["Content-Length"] == str(len(cash_out.content))
