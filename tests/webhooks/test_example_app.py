"""The documented Starlette receiver works, over AppClient and over real loopback HTTP, and the
docs page shows exactly the tested code."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette

from connectpsp_ext.client import AsyncConnectPSP, ConnectPSP
from connectpsp_ext.webhooks import (
    AsyncPollingConfirmer,
    AsyncWebhookHandler,
    MemoryDedupStore,
    PollingConfirmer,
    ReceivedWebhook,
    SQLiteDedupStore,
)
from connectpsp_ext.webhooks.example_app import DemoLedger, app_from_env, create_app

from .payloads import CRYPTO_TOKEN, DOCS_CASHIN_PAID, OLD_CRYPTO_TOKEN, body, headers

ROOT = Path(__file__).resolve().parents[2]
URL = "/webhooks/connectpsp"
ORDER = "test-order-001"


@pytest.fixture
def ledger() -> DemoLedger:
    return DemoLedger()


class AppClient:
    """Synchronous calls into the ASGI app through httpx.ASGITransport (no network)."""

    def __init__(self, app: Starlette) -> None:
        self.app = app

    def request(self, method: str, content: bytes = b"", **kwargs: object) -> httpx.Response:
        async def call() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://receiver") as http:
                return await http.request(method, URL, content=content, **kwargs)  # type: ignore[arg-type]

        return asyncio.run(call())

    def post(self, content: bytes, headers: dict[str, str] | None = None) -> httpx.Response:
        return self.request("POST", content, headers=headers or {})


@pytest.fixture
def client(ledger: DemoLedger) -> AppClient:
    return AppClient(
        create_app(crypto_tokens=[CRYPTO_TOKEN, OLD_CRYPTO_TOKEN], on_event=ledger.on_event)
    )


def post(client: AppClient, raw: bytes, token: str = CRYPTO_TOKEN) -> httpx.Response:
    return client.post(raw, {**headers(raw, token), "Content-Type": "application/json"})


def test_docs_show_exactly_the_tested_code() -> None:
    source = (ROOT / "connectpsp_ext/webhooks/example_app.py").read_text()
    example = source.split("# --- docs:example-start ---\n")[1].split("# --- docs:example-end ---")[
        0
    ]
    page = (ROOT / "docs/webhooks.md").read_text()
    assert f"```python\n{example.rstrip()}\n```" in page


def test_paid_credits_once_and_duplicates_are_acknowledged(
    client: AppClient, ledger: DemoLedger
) -> None:
    assert post(client, DOCS_CASHIN_PAID).status_code == 200
    assert post(client, DOCS_CASHIN_PAID).status_code == 200
    assert ledger.balances == {ORDER: Decimal("10.00")}


def test_refund_after_paid_and_the_reverse_order(client: AppClient, ledger: DemoLedger) -> None:
    assert post(client, body("CASHIN_REFUNDED")).status_code == 200  # arrives first
    assert post(client, DOCS_CASHIN_PAID).status_code == 200  # late: acknowledged, not credited
    assert ledger.balances == {}
    assert ledger.tracker.status("CASH_IN", "kk6g232xel65a0daee4dd13kk2912714964") == "REFUNDED"


def test_paid_then_refunded_nets_to_zero(client: AppClient, ledger: DemoLedger) -> None:
    assert post(client, DOCS_CASHIN_PAID).status_code == 200
    assert post(client, body("CASHIN_REFUNDED"), token=OLD_CRYPTO_TOKEN).status_code == 200
    assert ledger.balances == {ORDER: Decimal("0.00")}


def test_rejections(
    client: AppClient, ledger: DemoLedger, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="connectpsp"):
        forged = post(client, DOCS_CASHIN_PAID, token="guessed")
        unsigned = client.post(DOCS_CASHIN_PAID)
        malformed = post(client, b"[1, 2]")
    assert (forged.status_code, unsigned.status_code, malformed.status_code) == (401, 401, 400)
    assert client.request("GET").status_code == 405
    assert ledger.balances == {}
    logged = caplog.text
    assert "invalid_signature (WebhookSignatureError)" in logged
    for secret in ("12345678909", CRYPTO_TOKEN, headers(DOCS_CASHIN_PAID)["X-Connect-Signature"]):
        assert secret not in logged


def test_oversized_body_is_refused_while_streaming(client: AppClient) -> None:
    raw = b"{" + b" " * (1024 * 1024 + 1) + b"}"
    assert post(client, raw).status_code == 413


def test_unknown_event_and_cash_out_events_are_acknowledged(
    client: AppClient, ledger: DemoLedger
) -> None:
    unknown = (
        b'{"eventType":"CASHIN_DISPUTED","eventAt":"2026-03-10T14:22:18Z",'
        b'"data":{"transactionId":"t"}}'
    )
    assert post(client, unknown).status_code == 200
    assert post(client, body("CASHOUT_COMPLETED")).status_code == 200
    assert post(client, body("CASHOUT_FAILED")).status_code == 200  # conflicting: flagged, logged
    assert ledger.tracker.status("CASH_OUT", "dd30446e-6cc5-4664-bf3f-6b7f5e55a1a9") == "COMPLETED"


def test_app_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONNECTPSP_CRYPTO_TOKEN", raising=False)
    with pytest.raises(RuntimeError, match="CONNECTPSP_CRYPTO_TOKEN"):
        app_from_env()
    monkeypatch.setenv("CONNECTPSP_CRYPTO_TOKEN", CRYPTO_TOKEN)
    assert post(AppClient(app_from_env()), DOCS_CASHIN_PAID).status_code == 200


# --- over real HTTP on loopback -----------------------------------------------------------------


class LoopbackServer:
    def __init__(self, app: object) -> None:
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")  # type: ignore[arg-type]
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.01)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}{URL}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def test_fifty_concurrent_senders_over_http_credit_once(tmp_path: Path) -> None:
    ledger = DemoLedger()
    calls = []
    refused: set[int] = set()  # senders that got a 503 while the first run was in flight
    gate = threading.Event()

    async def on_event(received: ReceivedWebhook) -> None:
        calls.append(received.delivery_id)
        # stay in flight until every other sender has been told to retry later
        assert await asyncio.to_thread(gate.wait, 30)
        await ledger.on_event(received)

    store = SQLiteDedupStore(tmp_path / "webhooks.sqlite3")
    app = create_app(crypto_tokens=[CRYPTO_TOKEN], on_event=on_event, store=store)
    statuses: list[list[int]] = []
    lock = threading.Lock()

    def sender(index: int, url: str) -> None:
        seen = []
        with httpx.Client(timeout=5) as http:
            for _ in range(500):
                raw = DOCS_CASHIN_PAID
                answer = http.post(
                    url, content=raw, headers=headers(raw, event_id=str(uuid.uuid4()))
                )
                seen.append(answer.status_code)
                if answer.status_code == 200:
                    break
                assert answer.status_code == 503 and answer.headers["Retry-After"] == "5"
                with lock:
                    refused.add(index)
                    if len(refused) == 49:
                        gate.set()
                time.sleep(0.01)  # instead of honouring Retry-After, to keep the test short
        with lock:
            statuses.append(seen)

    with LoopbackServer(app) as url, ThreadPoolExecutor(50) as pool:
        list(pool.map(sender, range(50), [url] * 50))
    store.close()
    assert len(statuses) == 50 and all(seen[-1] == 200 for seen in statuses)
    # all but the first sender were refused while the run was in flight, none acknowledged early
    assert sorted(seen[0] for seen in statuses) == [200] + [503] * 49
    assert len(calls) == 1
    assert ledger.balances == {ORDER: Decimal("10.00")}


def _typing_only(psp: ConnectPSP, apsp: AsyncConnectPSP) -> None:
    """Never called: mypy checks that the client's get methods plug into the confirmers."""
    PollingConfirmer(fetch_cash_in=psp.cash_in.get, fetch_cash_out=psp.cash_out.get)
    confirmer = AsyncPollingConfirmer(
        fetch_cash_in=apsp.cash_in.get, fetch_cash_out=apsp.cash_out.get
    )
    AsyncWebhookHandler(
        crypto_tokens=[CRYPTO_TOKEN],
        store=MemoryDedupStore(),
        callback=DemoLedger().on_event,
        confirmer=confirmer,
    )
