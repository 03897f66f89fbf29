"""The cash-out both sides of the client benchmarks send, and the bare-httpx equivalent.

The bare side sends the identical request the SDK sends: same body bytes (encoded with the same
exact-Decimal JSON encoder), ``Authorization``, ``ApplicationToken``, a precomputed
``DigitalSignature``, a fresh ``X-Idempotency-Key`` per call and ``Content-Type``; it checks the
status and decodes the JSON body, as any integration would. It does no validation, no model
building, no retries and no token management: that is exactly the overhead being measured.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import yaml
from connectpsp_client.types import json_dumps, json_loads

from connectpsp_ext import AsyncConnectPSP, ConnectPSP, RetryPolicy, pix_key_destination
from connectpsp_ext.signing import digital_signature

from .credentials import APPLICATION_TOKEN, CLIENT_ID, CLIENT_SECRET, CRYPTO_TOKEN

AMOUNT = Decimal("1.00")
PAYEE_NAME = "Maria Silva"
PAYEE_DOCUMENT = "12345678909"
# Same pool on both sides: the client and the bare httpx client each get a transport built here.
LIMITS = httpx.Limits(max_connections=64, max_keepalive_connections=64)
# Generous pool timeout: 2,000 queued requests share 64 connections.
TIMEOUT = httpx.Timeout(30.0, pool=120.0)


def sdk_client(base_url: str, transport: httpx.BaseTransport | None = None) -> ConnectPSP:
    return ConnectPSP(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        application_token=APPLICATION_TOKEN,
        crypto_token=CRYPTO_TOKEN,
        base_url=base_url,
        timeout=TIMEOUT,
        retry=RetryPolicy(),
        transport=transport or httpx.HTTPTransport(limits=LIMITS),
    )


def async_sdk_client(base_url: str) -> AsyncConnectPSP:
    return AsyncConnectPSP(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        application_token=APPLICATION_TOKEN,
        crypto_token=CRYPTO_TOKEN,
        base_url=base_url,
        timeout=TIMEOUT,
        retry=RetryPolicy(),
        limits=LIMITS,  # the SDK builds the same transport, and knows its pool size (D-65)
    )


def sdk_kwargs(reference: str) -> dict[str, Any]:
    return {
        "amount": AMOUNT,
        "external_reference": reference,
        "payee_name": PAYEE_NAME,
        "payee_document": PAYEE_DOCUMENT,
        "destination": pix_key_destination("CPF", PAYEE_DOCUMENT),
    }


def bare_body(reference: str) -> bytes:
    return json_dumps(
        {
            "amount": AMOUNT,
            "externalReference": reference,
            "payee": {
                "name": PAYEE_NAME,
                "document": PAYEE_DOCUMENT,
                "destination": {"type": "PIX", "pixKeyType": "CPF", "pixKey": PAYEE_DOCUMENT},
            },
        }
    )


def bare_token(base_url: str) -> str:
    response = httpx.post(
        f"{base_url}/auth/token",
        content=json_dumps({"clientId": CLIENT_ID, "clientSecret": CLIENT_SECRET}),
        headers={"Content-Type": "application/json"},
        timeout=10.0,
    )
    response.raise_for_status()
    token: str = json_loads(response.content)["accessToken"]
    return token


def bare_headers(token: str) -> dict[str, str]:
    """The fixed headers; ``X-Idempotency-Key`` is added fresh per call."""
    return {
        "Authorization": f"Bearer {token}",
        "ApplicationToken": APPLICATION_TOKEN,
        "DigitalSignature": digital_signature(token, CRYPTO_TOKEN),
        "Content-Type": "application/json",
    }


def bare_request_headers(fixed: dict[str, str]) -> dict[str, str]:
    return {**fixed, "X-Idempotency-Key": str(uuid.uuid4())}


def check_bare(response: httpx.Response) -> None:
    if response.status_code != 202:
        raise RuntimeError(f"bare cash-out answered {response.status_code}: {response.text[:200]}")
    json_loads(response.content)


def bare_client(base_url: str) -> httpx.Client:
    return httpx.Client(
        base_url=base_url, timeout=TIMEOUT, transport=httpx.HTTPTransport(limits=LIMITS)
    )


def async_bare_client(base_url: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        base_url=base_url, timeout=TIMEOUT, transport=httpx.AsyncHTTPTransport(limits=LIMITS)
    )


SPEC = Path(__file__).resolve().parent.parent / "openapi" / "index.yaml"


def spec_example(path: str, method: str, status: str, name: str = "reference") -> Any:
    """A response example of ``openapi/index.yaml`` (the docs' own), so the benches answer with
    what the spec documents instead of a copy of it."""
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    content = spec["paths"][path][method]["responses"][status]["content"]["application/json"]
    return content["examples"][name]["value"]
