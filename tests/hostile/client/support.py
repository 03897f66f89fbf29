"""Build a client against a :class:`HostileServer` and run one call on it, sync or async.

Only the public API: the constructor's documented arguments and the resources' methods."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx

from connectpsp_ext import AsyncConnectPSP, ConnectPSP, RetryPolicy, pix_key_destination

from .hostile_server import (
    APPLICATION_TOKEN,
    CLIENT_ID,
    CLIENT_SECRET,
    CRYPTO_TOKEN,
    PAYEE_DOCUMENT,
    PAYER_DOCUMENT,
    HostileServer,
)

MODES = ("sync", "async")
# Retries quick enough for a test, with the client's real backoff code.
FAST_RETRY = RetryPolicy(max_retries=2, backoff_base=0.01, backoff_cap=0.05, deadline=60)


def client_kwargs(server: HostileServer, **overrides: Any) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "application_token": APPLICATION_TOKEN,
        "crypto_token": CRYPTO_TOKEN,
        "base_url": server.base_url,
        "timeout": httpx.Timeout(10.0),
        "retry": FAST_RETRY,
    }
    kwargs.update(overrides)
    return kwargs


Operation = Callable[[Any], Any]  # psp -> result (sync) or awaitable (async)


def run(mode: str, kwargs: dict[str, Any], *operations: Operation) -> Any:
    """Run ``operations`` one after the other on ONE client built from ``kwargs``; the last
    result (or the first exception)."""
    if mode == "sync":
        with ConnectPSP(**kwargs) as psp:
            result = None
            for operation in operations:
                result = operation(psp)
            return result

    async def main() -> Any:
        async with AsyncConnectPSP(**kwargs) as psp:
            result = None
            for operation in operations:
                result = await operation(psp)
            return result

    return asyncio.run(main())


def create_cash_in(key: str | None = None, **overrides: Any) -> Operation:
    arguments: dict[str, Any] = {
        "amount": Decimal("10.00"),
        "external_reference": "test-order-001",
        "payer_name": "Test User",
        "payer_document": PAYER_DOCUMENT,
        "idempotency_key": key,
    }
    arguments.update(overrides)
    return lambda psp: psp.cash_in.create(**arguments)


def create_cash_out(key: str | None = None, **overrides: Any) -> Operation:
    arguments: dict[str, Any] = {
        "amount": Decimal("50.00"),
        "external_reference": "withdrawal-user-42-001",
        "payee_name": "Maria Silva",
        "payee_document": PAYEE_DOCUMENT,
        "destination": pix_key_destination("CPF", PAYER_DOCUMENT),
        "idempotency_key": key,
    }
    arguments.update(overrides)
    return lambda psp: psp.cash_out.create(**arguments)


def get_cash_in(id: str = "US7B1JQ") -> Operation:
    return lambda psp: psp.cash_in.get(id)
