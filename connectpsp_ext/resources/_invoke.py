"""Run one generated ``sync_detailed`` / ``asyncio_detailed`` call and turn it into a ``Result``.

Error responses never reach here (``httpclient`` raises them as typed errors first). What remains
is a 2xx the generated parser could not read (an undocumented 2xx status, a malformed body): that
becomes an ``UnexpectedResponseError``, flagged ``outcome_unknown`` for a mutation, because the
server *accepted* the request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from uuid import UUID

import httpx
from connectpsp_client.errors import UnexpectedStatus
from connectpsp_client.types import Response, lacks_required

from ..errors import ConfigurationError, ConnectPSPError, UnexpectedResponseError, request_id_of
from ..httpclient import last_success_status
from ..results import Result

T = TypeVar("T")

# What the generated parsers raise on a body they cannot read.
_DECODE_ERRORS = (
    UnexpectedStatus,
    ValueError,
    ArithmeticError,
    KeyError,
    TypeError,
    AttributeError,
)


def require_signing(can_sign: bool, operation: str) -> None:
    """Fail before sending when an operation needs ``DigitalSignature`` and there is no key."""
    if not can_sign:
        raise ConfigurationError(
            f"{operation} needs a crypto_token (CONNECTPSP_CRYPTO_TOKEN) to compute the "
            "DigitalSignature"
        )


def _undecodable(exc: Exception, operation: str, key: UUID | None, mutating: bool) -> Exception:
    status = exc.status_code if isinstance(exc, UnexpectedStatus) else last_success_status()
    what = f"HTTP {status}" if status is not None else "a 2xx response"
    return UnexpectedResponseError(
        f"{operation}: the server answered {what} that could not be read as the documented "
        f"response ({type(exc).__name__})",
        status=status,
        idempotency_key=key,
        outcome_unknown=mutating,
    )


def _finish(
    response: Response[Any], expected: type[T], operation: str, key: UUID | None, mutating: bool
) -> Result[T]:
    parsed = response.parsed
    if lacks_required(getattr(parsed, "deviations", ())):
        # The tolerant models never raise (D-45); a 2xx without the ids or status the docs
        # guarantee is still not the documented answer, so it stays unreadable (D-25).
        raise UnexpectedResponseError(
            f"{operation}: the server answered HTTP {int(response.status_code)} that could not be "
            "read as the documented response (a required field is missing or unreadable)",
            status=int(response.status_code),
            idempotency_key=key,
            outcome_unknown=mutating,
        )
    if not isinstance(parsed, expected):
        raise UnexpectedResponseError(
            f"{operation}: expected {expected.__name__}, got {type(parsed).__name__}",
            status=int(response.status_code),
            idempotency_key=key,
        )
    headers = response.headers  # the httpx.Headers of the response, in practice
    return Result(
        data=parsed,
        status_code=int(response.status_code),
        idempotency_key=key,
        request_id=request_id_of(
            headers if isinstance(headers, httpx.Headers) else httpx.Headers(headers)
        ),
    )


def invoke(
    call: Callable[[], Response[Any]],
    expected: type[T],
    *,
    operation: str,
    key: UUID | None,
    mutating: bool,
) -> Result[T]:
    try:
        response = call()
    except ConnectPSPError as exc:
        if exc.idempotency_key is None:
            exc.idempotency_key = key
        raise
    except _DECODE_ERRORS as exc:
        # "from None": an UnexpectedStatus message quotes the body, which may hold documents.
        raise _undecodable(exc, operation, key, mutating) from None
    return _finish(response, expected, operation, key, mutating)


async def invoke_async(
    call: Callable[[], Awaitable[Response[Any]]],
    expected: type[T],
    *,
    operation: str,
    key: UUID | None,
    mutating: bool,
) -> Result[T]:
    try:
        response = await call()
    except ConnectPSPError as exc:
        if exc.idempotency_key is None:
            exc.idempotency_key = key
        raise
    except _DECODE_ERRORS as exc:
        raise _undecodable(exc, operation, key, mutating) from None
    return _finish(response, expected, operation, key, mutating)
