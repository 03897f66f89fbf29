"""The eight public operations as load: valid, authenticated, signed where the API wants it, a
fresh ``X-Idempotency-Key`` and ``externalReference`` per request.

Some operations need existing transactions (a GET needs an id, a refund needs a PAID cash-in that
was never refunded). :func:`prepare` makes them on the mock right before a measured round, and is
not timed. Prism is stateless: it gets the same requests, with the ids cycled.
"""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx

from connectpsp_ext.signing import digital_signature

from .credentials import APPLICATION_TOKEN, CLIENT_ID, CLIENT_SECRET, CRYPTO_TOKEN
from .loadgen import Request, RequestSource, run_requests

CPF = "12345678909"
JSON = ("Content-Type", "application/json")
TOKEN_BODY = json.dumps({"clientId": CLIENT_ID, "clientSecret": CLIENT_SECRET}).encode()
REFUND_BODY = b'{"reason":"CUSTOMER_REQUEST"}'
REBALANCE_BODY = b'{"targetAmount":500000.00}'


@dataclass(frozen=True)
class Auth:
    token: str

    @property
    def headers(self) -> tuple[tuple[str, str], ...]:
        return (("Authorization", f"Bearer {self.token}"), ("ApplicationToken", APPLICATION_TOKEN))

    @property
    def signed(self) -> tuple[tuple[str, str], ...]:
        return (*self.headers, ("DigitalSignature", digital_signature(self.token, CRYPTO_TOKEN)))


def fetch_auth(base_url: str) -> Auth:
    response = httpx.post(
        f"{base_url}/auth/token",
        content=TOKEN_BODY,
        headers={"Content-Type": "application/json"},
        timeout=10.0,
    )
    response.raise_for_status()
    return Auth(str(response.json()["accessToken"]))


def _key() -> tuple[str, str]:
    return ("X-Idempotency-Key", str(uuid.uuid4()))


def cash_in_body() -> bytes:
    reference = f"bench-ci-{uuid.uuid4().hex}"
    return (
        b'{"amount":1.00,"externalReference":"' + reference.encode() + b'",'
        b'"expirationInMinutes":60,"payer":{"name":"Bench Payer",'
        b'"document":"' + CPF.encode() + b'"}}'
    )


def cash_out_body() -> bytes:
    reference = f"bench-co-{uuid.uuid4().hex}"
    return (
        b'{"amount":1.00,"externalReference":"' + reference.encode() + b'",'
        b'"payee":{"name":"Maria Silva","document":"' + CPF.encode() + b'",'
        b'"destination":{"type":"PIX","pixKeyType":"CPF","pixKey":"' + CPF.encode() + b'"}}}'
    )


def counted(make: RequestSource, limit: int) -> RequestSource:
    """``make()`` up to ``limit`` times, then None."""
    sent = itertools.count()
    return lambda: None if next(sent) >= limit else make()


def _from_ids(ids: Iterator[str], make: Callable[[str], Request]) -> RequestSource:
    def source() -> Request | None:
        lookup = next(ids, None)
        return None if lookup is None else make(lookup)

    return source


@dataclass(frozen=True)
class Operation:
    """One API operation: how to build its requests, and what it needs beforehand."""

    name: str  # e.g. "POST /cash-in"
    needs: str | None = None  # "cash-ins", "paid cash-ins", "cash-outs" or None
    single_use: bool = False  # each prepared id can be used once (refunds)

    def source(self, auth: Auth, ids: list[str], *, cycle: bool) -> RequestSource:
        """Requests for this operation; with ``single_use`` and not ``cycle``, one per id."""
        pool: Iterator[str] = itertools.cycle(ids) if cycle or not self.single_use else iter(ids)
        json_auth = (*auth.headers, JSON)
        json_signed = (*auth.signed, JSON)
        match self.name:
            case "POST /auth/token":
                request = Request("POST", "/auth/token", (JSON,), TOKEN_BODY)
                return lambda: request
            case "POST /cash-in":
                return lambda: Request("POST", "/cash-in", (*json_auth, _key()), cash_in_body())
            case "GET /cash-in/{id}":
                return _from_ids(pool, lambda i: Request("GET", f"/cash-in/{i}", auth.headers))
            case "POST /cash-in/{id}/refund":
                return _from_ids(
                    pool,
                    lambda i: Request(
                        "POST", f"/cash-in/{i}/refund", (*json_signed, _key()), REFUND_BODY
                    ),
                )
            case "POST /cash-out":
                return lambda: Request("POST", "/cash-out", (*json_signed, _key()), cash_out_body())
            case "GET /cash-out/{id}":
                return _from_ids(pool, lambda i: Request("GET", f"/cash-out/{i}", auth.headers))
            case "GET /account/balance":
                request = Request("GET", "/account/balance", auth.headers)
                return lambda: request
            case "POST /account/rebalance":
                request = Request("POST", "/account/rebalance", json_signed, REBALANCE_BODY)
                return lambda: request
        raise ValueError(f"unknown operation {self.name}")


OPERATIONS: tuple[Operation, ...] = (
    Operation("POST /auth/token"),
    Operation("POST /cash-in"),
    Operation("GET /cash-in/{id}", needs="cash-ins"),
    Operation("POST /cash-in/{id}/refund", needs="paid cash-ins", single_use=True),
    Operation("POST /cash-out"),
    Operation("GET /cash-out/{id}", needs="cash-outs"),
    Operation("GET /account/balance"),
    Operation("POST /account/rebalance"),
)


def _ids_of(bodies: list[bytes]) -> list[str]:
    return [str(json.loads(body)["transactionId"]) for body in bodies]


def create(base_url: str, auth: Auth, kind: str, count: int) -> list[str]:
    """Create ``count`` cash-ins or cash-outs on the mock as fast as it takes them; their ids."""
    name = "POST /cash-in" if kind == "cash-ins" else "POST /cash-out"
    source = counted(Operation(name).source(auth, [], cycle=True), count)
    bodies: list[bytes] = []
    result = run_requests(base_url, source, concurrency=16, duration_s=600, sink=bodies.append)
    if result.errors:
        raise RuntimeError(f"preparing {kind}: {result.errors} errors {result.statuses}")
    return _ids_of(bodies)


def pay(base_url: str, ids: list[str]) -> None:
    """The payer pays each cash-in (control API), so it can be refunded."""
    source = _from_ids(
        iter(ids),
        lambda i: Request("POST", f"/_mock/cash-in/{i}/pay", (JSON,), b"{}"),
    )
    result = run_requests(base_url, source, concurrency=16, duration_s=600)
    if result.errors:
        raise RuntimeError(f"paying cash-ins: {result.errors} errors {result.statuses}")


def prepare(base_url: str, auth: Auth, operation: Operation, count: int) -> list[str]:
    """The ids ``operation`` needs (none for most), made on the mock at ``base_url``."""
    if operation.needs is None:
        return []
    if operation.needs == "paid cash-ins":
        ids = create(base_url, auth, "cash-ins", count)
        pay(base_url, ids)
        return ids
    return create(base_url, auth, operation.needs, count)
