"""Typed errors: every failure of a ConnectPSP call is a :class:`ConnectPSPError`.

Each error carries the HTTP status, the RFC 7807 fields of the problem body (``type``, ``title``,
``code``, ``detail``), the request id (``X-Request-Id``) when the server sent one, the idempotency
key of the logical call, whether retrying can help (``retryable``), and what to do about it
(``action``), following the Error Handling guide's split:

- ``RETRY``: transient (network, 408, 429, 500/502/503/504). The SDK already retried; retry later
  with the **same** idempotency key.
- ``ALERT``: fix something first (credentials, signature, invalid input, a bug). Retrying as is
  fails again.
- ``OPERATOR``: a business rule refused the operation (insufficient funds, cash-in not paid,
  duplicate reference). A person or a business process decides.

``outcome_unknown`` is True when a mutating request may have been applied by the server (a timeout
after sending, a 5xx from a gateway): never treat that as "not paid"; retry with the same key or
fetch the transaction.

Messages never contain secrets or documents: the server's ``detail`` is scrubbed.
"""

from __future__ import annotations

from enum import StrEnum
from http import HTTPStatus
from typing import Any, ClassVar
from uuid import UUID

import httpx

from .redaction import scrub

REQUEST_ID_HEADERS = ("X-Request-Id", "X-Correlation-Id", "Request-Id")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


def _scrubbed(value: str | None) -> str | None:
    return None if value is None else scrub(value)


class ErrorAction(StrEnum):
    """What the caller should do about an error (the Error Handling guide's three outcomes)."""

    RETRY = "retry"
    ALERT = "alert"
    OPERATOR = "operator"


class ConnectPSPError(Exception):
    """Base of every error raised by ``connectpsp_ext``."""

    default_action: ClassVar[ErrorAction] = ErrorAction.ALERT

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        type: str | None = None,  # the RFC 7807 member name
        title: str | None = None,
        code: str | None = None,
        detail: str | None = None,
        request_id: str | None = None,
        idempotency_key: UUID | None = None,
        retryable: bool = False,
        outcome_unknown: bool = False,
        action: ErrorAction | None = None,
    ) -> None:
        self.message = scrub(message)
        super().__init__(self.message)  # args too: pickling or logging exc.args stays clean
        self.status = status
        # Every field str() or repr() prints is scrubbed: a hostile server may echo a credential
        # into any of them (the Authorization value into ``code``, ApplicationToken into the id).
        self.type = _scrubbed(type)
        self.title = _scrubbed(title)
        self.code = _scrubbed(code)
        self.detail = _scrubbed(detail)
        self.request_id = _scrubbed(request_id)
        self.idempotency_key = idempotency_key
        self.retryable = retryable
        self.outcome_unknown = outcome_unknown
        self.action = action or (ErrorAction.RETRY if retryable else self.default_action)

    def __str__(self) -> str:
        context = [
            f"{name}={value}"
            for name, value in (
                ("status", self.status),
                ("code", self.code),
                ("request_id", self.request_id),
                ("idempotency_key", self.idempotency_key),
            )
            if value is not None
        ]
        text = self.message + (f" [{', '.join(context)}]" if context else "")
        if self.outcome_unknown:
            text += (
                " The outcome is unknown: retry with the same idempotency key or fetch the"
                " transaction before acting."
            )
        return text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, code={self.code!r}, "
            f"retryable={self.retryable!r}, request_id={self.request_id!r}, "
            f"idempotency_key={self.idempotency_key!r})"
        )


class ConfigurationError(ConnectPSPError, ValueError):
    """The client is misconfigured (missing credential, plain-http URL, ...). Raised locally."""


class AuthenticationError(ConnectPSPError):
    """401: bad credentials, expired/invalid token, bad ApplicationToken. Alert and fix."""


class PermissionDeniedError(AuthenticationError):
    """403: authenticated, but not allowed (reserved, D-10)."""


class SignatureError(AuthenticationError):
    """422 ``INVALID_SIGNATURE``: DigitalSignature missing or wrong (check the CryptoToken)."""


class ValidationError(ConnectPSPError, ValueError):
    """400 from the server, or invalid input caught locally before anything was sent (then
    ``status`` is None and ``field`` names the argument)."""

    def __init__(self, message: str, *, field: str | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.field = field


class NotFoundError(ConnectPSPError):
    """404: no transaction with this id for this application."""


class ConflictError(ConnectPSPError):
    """409: duplicate ``externalReference``, or an idempotency key reused with another body."""

    default_action = ErrorAction.OPERATOR

    def __init__(self, message: str, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        if self.code == "IDEMPOTENCY_KEY_REUSED":
            self.action = ErrorAction.ALERT  # a key was reused for a different request: a bug


class BusinessRuleError(ConnectPSPError):
    """422 business rule (``INSUFFICIENT_FUNDS``, ``CASH_IN_NOT_PAID``, ...): operator action."""

    default_action = ErrorAction.OPERATOR


UnprocessableError = BusinessRuleError


class RequestTimeoutError(ConnectPSPError):
    """408 from the server: it gave up waiting for the request. Retryable."""


class RateLimitError(ConnectPSPError):
    """429: slow down. ``retry_after`` is the server's ``Retry-After`` in seconds, if any."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(ConnectPSPError):
    """5xx (also with a non-JSON body, e.g. a gateway's HTML page)."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class NetworkError(ConnectPSPError):
    """The request failed below HTTP (connection refused, reset, timeout). For a POST the server
    may have received it (``outcome_unknown``): retry with the same key, or poll."""


class UnexpectedResponseError(ConnectPSPError):
    """A status or body the API does not document (e.g. 418, a 3xx, an unreadable 2xx body)."""


class ResponseTooLargeError(UnexpectedResponseError):
    """The response body was larger than ``max_response_bytes``; the client stopped reading."""


_BY_STATUS: dict[int, type[ConnectPSPError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    408: RequestTimeoutError,
    409: ConflictError,
    422: BusinessRuleError,
    429: RateLimitError,
}


def request_id_of(headers: httpx.Headers) -> str | None:
    """The server's request id header, if any."""
    for name in REQUEST_ID_HEADERS:
        value: str | None = headers.get(name)
        if value:
            return value
    return None


def _problem_fields(content: bytes) -> dict[str, str]:
    """The string members of an RFC 7807 body; empty when the body is not a JSON object."""
    # Here, not at the top: ``import connectpsp_ext`` should not load the generated package (D-57).
    from connectpsp_client.types import json_loads

    try:
        body = json_loads(content)
    except (ValueError, RecursionError, ArithmeticError):
        return {}
    if not isinstance(body, dict):
        return {}
    return {k: v for k in ("type", "title", "code", "detail") if isinstance(v := body.get(k), str)}


def _class_for(status: int, code: str | None) -> type[ConnectPSPError]:
    if code == "INVALID_SIGNATURE" and 400 <= status < 500:
        return SignatureError
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    if 500 <= status < 600:
        return ServerError
    return UnexpectedResponseError


def error_from_response(
    *,
    operation: str,
    method: str,
    status: int,
    headers: httpx.Headers,
    content: bytes,
    idempotency_key: UUID | None,
    retry_after: float | None = None,
) -> ConnectPSPError:
    """The typed error for a non-2xx answer to ``operation``, from its status, headers and
    (already read, possibly truncated) body. Never raises, whatever the body: an HTML 502 page
    becomes a ``ServerError`` titled with the reason phrase."""
    fields = _problem_fields(content)
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Unknown Status"
    title = fields.get("title") or reason
    code = fields.get("code")
    detail = fields.get("detail")
    cls = _class_for(status, code)
    message = f"{operation} failed: HTTP {status} {title}"
    if detail:
        message += f": {detail}"
    if cls is UnexpectedResponseError:
        message += " (status not documented by the API)"
    kwargs: dict[str, Any] = {
        "status": status,
        "type": fields.get("type"),
        "title": title,
        "code": code,
        "detail": detail,
        "request_id": request_id_of(headers),
        "idempotency_key": idempotency_key,
        "retryable": status in RETRYABLE_STATUSES,
        # A 5xx to a POST may come after the server applied it (gateway timeouts especially).
        "outcome_unknown": status >= 500 and method not in SAFE_METHODS,
    }
    if cls in (RateLimitError, ServerError):
        kwargs["retry_after"] = retry_after
    return cls(message, **kwargs)


# Failures where the request provably never left this process.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# Failures worth retrying; UnsupportedProtocol, ProxyError, LocalProtocolError are config/bugs.
_TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


def error_from_transport(
    exc: httpx.RequestError, *, operation: str, method: str, idempotency_key: UUID | None
) -> NetworkError:
    """The typed error for a failure below HTTP (``exc`` becomes its ``__cause__``)."""
    maybe_sent = not isinstance(exc, _NOT_SENT)
    error = NetworkError(
        f"{operation} failed: {type(exc).__name__}: {exc}",
        idempotency_key=idempotency_key,
        retryable=isinstance(exc, _TRANSIENT),
        outcome_unknown=maybe_sent and method not in SAFE_METHODS,
    )
    error.__cause__ = exc
    return error
