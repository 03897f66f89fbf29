"""The httpx clients every ConnectPSP call goes through: attempts, retries and error mapping.

``RetryingClient`` / ``AsyncRetryingClient`` are ``httpx.Client`` / ``httpx.AsyncClient`` whose
``send`` runs one *logical* call:

1. each attempt goes through httpx's normal pipeline, including :class:`~connectpsp_ext.auth.
   ConnectPSPAuth` (token, signature, the one 401 replay);
2. a 2xx response is returned to the caller (the generated code parses it);
3. anything else becomes a typed :class:`~connectpsp_ext.errors.ConnectPSPError` *here*, from the
   raw response, so the generated parsers never see an error body (an HTML 502 page is a
   ``ServerError``, an undocumented 418 an ``UnexpectedResponseError``, never ``None``);
4. retryable failures are retried per :mod:`connectpsp_ext.retries` with the same request, hence
   the same ``X-Idempotency-Key``; every attempt is logged (method, path, status, timing,
   idempotency key, request id; never headers or bodies).

The deadline of a logical call also bounds the token request made on its behalf (a context
variable carries it into the nested call).
"""

from __future__ import annotations

import asyncio
import copy
import logging
import random
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

import httpx

# Private httpx types, only for the override's signature (httpx is pinned <0.29).
from httpx._client import UseClientDefault
from httpx._types import AuthTypes

from .errors import ConnectPSPError, error_from_response, error_from_transport, request_id_of
from .idempotency import IDEMPOTENCY_HEADER, parse_idempotency_header
from .redaction import get_logger
from .retries import Clock, Decision, Random, RetryBudget, RetryPolicy, parse_retry_after

logger = get_logger()

Sleep = Callable[[float], None]
AsyncSleep = Callable[[float], Awaitable[None]]

_deadline: ContextVar[float | None] = ContextVar("connectpsp_deadline", default=None)
_last_success: ContextVar[int | None] = ContextVar("connectpsp_last_success", default=None)


def last_success_status() -> int | None:
    """The status of the last 2xx this context received (for errors about its body)."""
    return _last_success.get()


def _error_for(response: httpx.Response) -> ConnectPSPError:
    retry_after = parse_retry_after(response.headers.get("Retry-After"))
    return error_from_response(response, retry_after=retry_after)


def _not_sent(error: ConnectPSPError, request: httpx.Request) -> ConnectPSPError:
    """An error raised before ``request`` reached the server (token fetch, configuration), seen
    from this call: a copy (the original may be shared by several waiting callers) carrying this
    call's idempotency key; the operation itself was not applied."""
    own = copy.copy(error)
    own.__cause__ = error
    own.idempotency_key = parse_idempotency_header(request.headers.get(IDEMPOTENCY_HEADER))
    own.outcome_unknown = False
    return own


# One log line per attempt: method, path, outcome, timing, idempotency key, request id. Never
# headers or bodies. Built only when the logger is enabled: it costs header lookups.


def _attempt_context(request: httpx.Request, budget: RetryBudget, request_id: str | None) -> str:
    key = request.headers.get(IDEMPOTENCY_HEADER) or "-"
    return f"{budget.attempt_elapsed():.3f}s, idempotency_key={key}, request_id={request_id or '-'}"


def _log_success(request: httpx.Request, budget: RetryBudget, response: httpx.Response) -> None:
    logger.debug(
        "attempt %d/%d: %s %s -> HTTP %d (%s)",
        budget.attempt,
        budget.max_attempts,
        request.method,
        request.url.path,
        response.status_code,
        _attempt_context(request, budget, request_id_of(response.headers)),
    )


def _log_failure(
    request: httpx.Request, budget: RetryBudget, error: ConnectPSPError, decision: Decision
) -> None:
    level = logging.WARNING if decision.delay is not None else logging.INFO
    if not logger.isEnabledFor(level):
        return
    outcome = (
        f"retrying in {decision.delay:.2f}s with the same request"
        if decision.delay is not None
        else f"giving up: {decision.reason}"
    )
    logger.log(
        level,
        "attempt %d/%d: %s (code=%s, %s); %s",
        budget.attempt,
        budget.max_attempts,
        error.message,
        error.code or "-",
        _attempt_context(request, budget, error.request_id),
        outcome,
    )


class RetryingClient(httpx.Client):
    """``httpx.Client`` that retries, maps errors and logs attempts (see the module docstring)."""

    def __init__(
        self,
        *,
        policy: RetryPolicy,
        sleep: Sleep = time.sleep,
        clock: Clock = time.monotonic,
        rng: Random = random.random,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._policy = policy
        self._sleep = sleep
        self._clock = clock
        self._rng = rng

    def send(
        self,
        request: httpx.Request,
        *,
        stream: bool = False,
        auth: AuthTypes | UseClientDefault | None = httpx.USE_CLIENT_DEFAULT,
        follow_redirects: bool | UseClientDefault = httpx.USE_CLIENT_DEFAULT,
    ) -> httpx.Response:
        budget = RetryBudget(
            self._policy, request, clock=self._clock, rng=self._rng, outer_deadline=_deadline.get()
        )
        # Read only: every attempt gets a new dict (RetryBudget.start_attempt).
        base_timeout = request.extensions.get("timeout") or self.timeout.as_dict()
        reset = _deadline.set(budget.deadline)
        try:
            while True:
                request.extensions = {
                    **request.extensions,
                    "timeout": budget.start_attempt(base_timeout),
                }
                error: ConnectPSPError
                try:
                    response = super().send(
                        request, stream=stream, auth=auth, follow_redirects=follow_redirects
                    )
                except httpx.RequestError as exc:
                    error = error_from_transport(exc, request)
                except ConnectPSPError as exc:
                    error = _not_sent(exc, request)
                else:
                    if 200 <= response.status_code < 300:  # response.is_success
                        if logger.isEnabledFor(logging.DEBUG):
                            _log_success(request, budget, response)
                        if _last_success.get() != response.status_code:  # often the same
                            _last_success.set(response.status_code)
                        return response
                    try:
                        response.read()
                        error = _error_for(response)
                    finally:
                        response.close()
                decision = budget.decide(error)
                _log_failure(request, budget, error, decision)
                if decision.delay is None:
                    raise error
                self._sleep(decision.delay)
        finally:
            _deadline.reset(reset)


class AsyncRetryingClient(httpx.AsyncClient):
    """Async twin of :class:`RetryingClient`."""

    def __init__(
        self,
        *,
        policy: RetryPolicy,
        sleep: AsyncSleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        rng: Random = random.random,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._policy = policy
        self._sleep = sleep
        self._clock = clock
        self._rng = rng

    async def send(
        self,
        request: httpx.Request,
        *,
        stream: bool = False,
        auth: AuthTypes | UseClientDefault | None = httpx.USE_CLIENT_DEFAULT,
        follow_redirects: bool | UseClientDefault = httpx.USE_CLIENT_DEFAULT,
    ) -> httpx.Response:
        budget = RetryBudget(
            self._policy, request, clock=self._clock, rng=self._rng, outer_deadline=_deadline.get()
        )
        # Read only: every attempt gets a new dict (RetryBudget.start_attempt).
        base_timeout = request.extensions.get("timeout") or self.timeout.as_dict()
        reset = _deadline.set(budget.deadline)
        try:
            while True:
                request.extensions = {
                    **request.extensions,
                    "timeout": budget.start_attempt(base_timeout),
                }
                error: ConnectPSPError
                try:
                    response = await super().send(
                        request, stream=stream, auth=auth, follow_redirects=follow_redirects
                    )
                except httpx.RequestError as exc:
                    error = error_from_transport(exc, request)
                except ConnectPSPError as exc:
                    error = _not_sent(exc, request)
                else:
                    if 200 <= response.status_code < 300:  # response.is_success
                        if logger.isEnabledFor(logging.DEBUG):
                            _log_success(request, budget, response)
                        if _last_success.get() != response.status_code:  # often the same
                            _last_success.set(response.status_code)
                        return response
                    try:
                        await response.aread()
                        error = _error_for(response)
                    finally:
                        await response.aclose()
                decision = budget.decide(error)
                _log_failure(request, budget, error, decision)
                if decision.delay is None:
                    raise error
                await self._sleep(decision.delay)
        finally:
            _deadline.reset(reset)
