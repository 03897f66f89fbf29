"""The eight public endpoints of ConnectPSP API 2.0.0.

Every authenticated endpoint checks, in this order (D-32; docs/mock.md explains why):
1. authentication, 401: Bearer JWT (INVALID_TOKEN / TOKEN_EXPIRED), then ApplicationToken;
2. DigitalSignature, 422 INVALID_SIGNATURE (cash-out, refund, rebalance);
3. validation, 400 VALIDATION_ERROR: path id, headers (X-Idempotency-Key), content type, body;
4. idempotency: replay of the stored response, or 409 IDEMPOTENCY_KEY_REUSED;
5. business rules: 404, 409 DUPLICATE_EXTERNAL_REFERENCE, 422 (refund states, funds).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .encoding import dump_json_to_keep
from .http_helpers import json_response, path_id, runtime
from .idempotency import HEADER as IDEMPOTENCY_HEADER
from .idempotency import read_idempotency_key
from .payloads import (
    parse_cash_in_request,
    parse_cash_out_request,
    parse_rebalance_request,
    parse_refund_request,
    parse_token_request,
)
from .problems import validation_error
from .records import StoredResponse
from .views import cash_in_view, cash_out_view, refund_view
from .wire import fingerprint, read_json

DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

Producer = Callable[[], Awaitable[StoredResponse]]


def _stored(status: int, body: dict[str, Any]) -> StoredResponse:
    return StoredResponse(status=status, body=dump_json_to_keep(body))


async def _respond(
    request: Request, scope: str, key: str | None, body: Any, produce: Producer
) -> Response:
    """Run ``produce`` once per idempotency key (or plainly when no key was sent)."""
    if key is None:
        stored = await produce()
    else:
        # The path as received (request.url would build and parse a whole URL for it).
        request_print = fingerprint(request.method, request.scope["path"], body)
        stored = (
            await runtime(request).idempotency.run(scope, key, request_print, produce)
        ).response
    headers = {IDEMPOTENCY_HEADER: key} if key else None
    return Response(
        stored.body, status_code=stored.status, media_type=stored.media_type, headers=headers
    )


# --- Authentication ---------------------------------------------------------------------------


async def auth_token(request: Request) -> Response:
    mock = runtime(request)
    payload = parse_token_request(await read_json(request, mock.settings.max_body_bytes))
    return json_response(200, mock.style.shape("token", mock.auth.issue(payload)))


# --- Cash-In ----------------------------------------------------------------------------------


async def create_cash_in(request: Request) -> Response:
    mock = runtime(request)
    mock.auth.authenticate(request.headers)
    key = read_idempotency_key(request.headers, required=False)
    body = await read_json(request, mock.settings.max_body_bytes)
    payload = parse_cash_in_request(body)

    async def produce() -> StoredResponse:
        cash_in = mock.cash_in.create(payload)
        view = cash_in_view(cash_in, include_payment_data=True)
        return _stored(201, mock.style.shape("cashIn", view))

    return await _respond(request, "createCashIn", key, body, produce)


async def get_cash_in(request: Request) -> Response:
    mock = runtime(request)
    mock.auth.authenticate(request.headers)
    view = cash_in_view(mock.cash_in.get(path_id(request)))
    return json_response(200, mock.style.shape("cashIn", view))


async def refund_cash_in(request: Request) -> Response:
    mock = runtime(request)
    token = mock.auth.authenticate(request.headers)
    mock.auth.verify_signature(token, request.headers)
    lookup = path_id(request)
    key = read_idempotency_key(request.headers, required=False)
    body = await read_json(request, mock.settings.max_body_bytes)
    payload = parse_refund_request(body)

    async def produce() -> StoredResponse:
        view = refund_view(await mock.cash_in.refund(lookup, payload))
        return _stored(202, mock.style.shape("refund", view))

    return await _respond(request, "refundCashIn", key, body, produce)


# --- Cash-Out ---------------------------------------------------------------------------------


async def create_cash_out(request: Request) -> Response:
    mock = runtime(request)
    token = mock.auth.authenticate(request.headers)
    mock.auth.verify_signature(token, request.headers)
    key = read_idempotency_key(request.headers, required=True)
    body = await read_json(request, mock.settings.max_body_bytes)
    payload = parse_cash_out_request(body)

    async def produce() -> StoredResponse:
        view = cash_out_view(await mock.cash_out.create(payload))
        return _stored(202, mock.style.shape("cashOut", view))

    return await _respond(request, "createCashOut", key, body, produce)


async def get_cash_out(request: Request) -> Response:
    mock = runtime(request)
    mock.auth.authenticate(request.headers)
    view = cash_out_view(mock.cash_out.get(path_id(request)))
    return json_response(200, mock.style.shape("cashOut", view))


# --- Account ----------------------------------------------------------------------------------


async def get_balance(request: Request) -> Response:
    mock = runtime(request)
    mock.auth.authenticate(request.headers)
    # Parsed only when there is a query string (most balance reads have none).
    requested = request.query_params.get("date") if request.scope["query_string"] else None
    if requested is not None:
        try:
            valid = bool(DATE_RE.fullmatch(requested)) and bool(date.fromisoformat(requested))
        except ValueError:
            valid = False
        if not valid:
            raise validation_error("date", "must be a date (YYYY-MM-DD).")
    # D-16: history is not available; the current snapshot is returned.
    return json_response(200, mock.style.shape("balance", mock.account.balance()))


async def rebalance(request: Request) -> Response:
    mock = runtime(request)
    token = mock.auth.authenticate(request.headers)
    mock.auth.verify_signature(token, request.headers)
    payload = parse_rebalance_request(await read_json(request, mock.settings.max_body_bytes))
    return json_response(200, mock.style.shape("rebalance", await mock.account.rebalance(payload)))


routes = [
    Route("/auth/token", auth_token, methods=["POST"]),
    Route("/cash-in", create_cash_in, methods=["POST"]),
    Route("/cash-in/{id}", get_cash_in, methods=["GET"]),
    Route("/cash-in/{id}/refund", refund_cash_in, methods=["POST"]),
    Route("/cash-out", create_cash_out, methods=["POST"]),
    Route("/cash-out/{id}", get_cash_out, methods=["GET"]),
    Route("/account/balance", get_balance, methods=["GET"]),
    Route("/account/rebalance", rebalance, methods=["POST"]),
]
