"""A scripted ConnectPSP stand-in for httpx.MockTransport, plus fake sleeps on the shared fake clock
(``tests/support``)."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx

from connectpsp_ext import AsyncConnectPSP, ConnectPSP, RetryPolicy, seams
from tests.support.clock import FakeClock
from tests.support.credentials import CREDENTIALS
from tests.support.samples import (
    CASH_IN,
    CASH_OUT,
    PAYEE_DOCUMENT,
    PAYER_DOCUMENT,
    problem_document,
)

BASE_URL = "https://api.test.connectpsp.example"
REFUND = {
    "transactionId": "kk6g232xel65a0daee4dd13kk2912714964",
    "internalCode": "US7B1JQ",
    "externalReference": "order_abc123",
    "endToEndId": "D00416968202603111200refundAbc12",
    "originalEndToEndId": "E00416968202603101827cemeFscF6AG",
    "status": "REFUNDED",
    "amount": 150.5,
    "reason": "CUSTOMER_REQUEST",
    "refundedAt": "2026-03-11T09:00:00-03:00",
}
BALANCE = {
    "currency": "BRL",
    "referenceDate": "2026-03-10",
    "consolidated": {
        "totalBalance": 1500000,
        "transactionalBalance": 500000,
        "proprietaryBalance": 1000000,
    },
    "banks": [
        {
            "ispb": "13935893",
            "bank": "CELCOIN IP S.A.",
            "accounts": {
                "transactional": {"branch": "0001", "account": "123456", "balance": 200000},
                "proprietary": {"branch": "0001", "account": "654321", "balance": 400000},
            },
        }
    ],
    "updatedAt": "2026-03-10T14:35:00Z",
}
REBALANCE = {"success": True, "message": "Rebalancing completed successfully."}


def problem(
    status: int, code: str, title: str, detail: str | None = None, **headers: str
) -> httpx.Response:
    return httpx.Response(
        status,
        content=json.dumps(problem_document(status, code, title, detail)).encode(),
        headers={"Content-Type": "application/problem+json", **headers},
    )


def ok(status: int, body: Any, **headers: str) -> httpx.Response:
    return httpx.Response(
        status,
        content=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **headers},
    )


def token_value(n: int) -> str:
    """A JWT-shaped token, different for every issue."""
    return f"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMDAwMDAxIiwibiI6{n:04d}fQ.c2lnbmF0dXJl{n:04d}"


Responder = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


@dataclass
class FakeConnectPSP:
    """Answers like ConnectPSP: tokens on POST /auth/token, scripted answers per route (queued
    responses first, then the route's default). Thread-safe; records every request."""

    expires_in: int = 3600
    token_delay: float = 0.0
    issued_tokens: list[str] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)
    scripts: dict[str, list[Responder]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def queue(self, route: str, *responses: Responder) -> None:
        """``route`` is "METHOD /path" (the API path, e.g. "POST /cash-out")."""
        with self.lock:
            self.scripts.setdefault(route, []).extend(responses)

    @property
    def token_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.url.path.endswith("/auth/token")]

    @property
    def api_requests(self) -> list[httpx.Request]:
        return [r for r in self.requests if not r.url.path.endswith("/auth/token")]

    def _default(self, route: str, request: httpx.Request) -> httpx.Response:
        if route == "POST /auth/token":
            if self.token_delay:
                time.sleep(self.token_delay)
            with self.lock:
                token = token_value(len(self.issued_tokens) + 1)
                self.issued_tokens.append(token)
            return ok(
                200,
                {
                    "accessToken": token,
                    "tokenType": "Bearer",
                    "expiresIn": self.expires_in,
                    "issuedAt": "2026-03-10T14:00:00Z",
                },
            )
        method, path = route.split(" ", 1)
        if method == "POST" and path == "/cash-in":
            return ok(201, CASH_IN)
        if method == "GET" and path.startswith("/cash-in/"):
            return ok(200, CASH_IN)
        if method == "POST" and path.endswith("/refund"):
            return ok(202, REFUND)
        if method == "POST" and path == "/cash-out":
            return ok(202, CASH_OUT)
        if method == "GET" and path.startswith("/cash-out/"):
            return ok(200, CASH_OUT)
        if route == "GET /account/balance":
            return ok(200, BALANCE)
        if route == "POST /account/rebalance":
            return ok(200, REBALANCE)
        return problem(404, "TRANSACTION_NOT_FOUND", "Not Found")

    def handle(self, request: httpx.Request) -> httpx.Response:
        request.read()
        path = request.url.path
        if path.startswith("/v2"):
            path = path[len("/v2") :]
        route = f"{request.method} {path}"
        # A snapshot: retries and the 401 replay re-send (and re-sign) the same Request object.
        snapshot = httpx.Request(
            request.method,
            request.url,
            headers=request.headers.copy(),
            content=request.content,
            extensions=dict(request.extensions),
        )
        with self.lock:
            self.requests.append(snapshot)
            scripted = self.scripts.get(route)
            responder = scripted.pop(0) if scripted else None
        if responder is None:
            return self._default(route, request)
        if isinstance(responder, Exception):
            raise responder
        if isinstance(responder, httpx.Response):
            return responder
        return responder(request)

    async def handle_async(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/token") and self.token_delay:
            await asyncio.sleep(self.token_delay)
            delay, self.token_delay = self.token_delay, 0.0
            try:
                return self.handle(request)
            finally:
                self.token_delay = delay
        return self.handle(request)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def async_transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle_async)


class FakeSleep:
    """Records waits and moves the fake clock instead of sleeping."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        self.clock.advance(seconds)


class FakeAsyncSleep(FakeSleep):
    async def __call__(self, seconds: float) -> None:  # type: ignore[override]
        self.calls.append(seconds)
        self.clock.advance(seconds)


def make_client(
    server: FakeConnectPSP,
    clock: FakeClock | None = None,
    sleep: FakeSleep | None = None,
    *,
    rng: Callable[[], float] = lambda: 0.5,
    retry: RetryPolicy | None = None,
    **overrides: Any,
) -> ConnectPSP:
    clock = clock or FakeClock()
    kwargs: dict[str, Any] = {**CREDENTIALS, "base_url": BASE_URL, **overrides}
    psp = ConnectPSP(**kwargs, retry=retry, transport=server.transport())
    return seams.install(psp, clock=clock, sleep=sleep or FakeSleep(clock), rng=rng)


def make_async_client(
    server: FakeConnectPSP,
    clock: FakeClock | None = None,
    sleep: FakeAsyncSleep | None = None,
    *,
    rng: Callable[[], float] = lambda: 0.5,
    retry: RetryPolicy | None = None,
    **overrides: Any,
) -> AsyncConnectPSP:
    clock = clock or FakeClock()
    kwargs: dict[str, Any] = {**CREDENTIALS, "base_url": BASE_URL, **overrides}
    psp = AsyncConnectPSP(**kwargs, retry=retry, transport=server.async_transport())
    return seams.install(psp, clock=clock, sleep=sleep or FakeAsyncSleep(clock), rng=rng)


def body_of(request: httpx.Request) -> Any:
    return json.loads(request.content, parse_float=Decimal)


def cash_in_kwargs(**overrides: Any) -> dict[str, Any]:
    return {
        "amount": Decimal("10.00"),
        "external_reference": "test-order-001",
        "payer_name": "Test User",
        "payer_document": PAYER_DOCUMENT,
        **overrides,
    }


def token_response(access_token: str, expires_in: int = 3600) -> httpx.Response:
    return ok(
        200,
        {
            "accessToken": access_token,
            "tokenType": "Bearer",
            "expiresIn": expires_in,
            "issuedAt": "2026-03-10T14:00:00Z",
        },
    )


def cash_out_kwargs(**overrides: Any) -> dict[str, Any]:
    from connectpsp_ext import pix_key_destination

    return {
        "amount": Decimal("50.00"),
        "external_reference": "withdrawal-user-42-001",
        "payee_name": "Maria Silva",
        "payee_document": PAYEE_DOCUMENT,
        "destination": pix_key_destination("CPF", PAYER_DOCUMENT),
        **overrides,
    }
