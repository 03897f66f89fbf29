"""The requestor: the one place a ConnectPSP call happens, from request to parsed result.

    call(op, ...) --> loop:  token (single flight, same deadline)
                             build the request (credential headers, signature, key, timeouts)
                             send and read the body (deadline- and size-bounded)
                             401, not a replay's? refresh the token, replay the same request
                             2xx? parse into op.model -> Result
                             else: the typed error; retry? wait and go again, same key
                      final error: outcome_unknown if any attempt may have been applied

The rules per operation come from :mod:`connectpsp_ext.operations`, the retry arithmetic from
:mod:`connectpsp_ext.retries`, the error mapping from :mod:`connectpsp_ext.errors`. This file is
the async source; ``_sync/requestor.py`` is generated from it by ``scripts/unasync.py``.
"""

from __future__ import annotations

import copy
import json
import logging
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any, TypeVar
from urllib.parse import urlencode
from uuid import UUID

import connectpsp_client.types as generated_types
import httpx
from connectpsp_client.types import json_dumps

from ..answer import Answer
from ..auth import Credentials
from ..config import Settings
from ..deadlines import AsyncDeadlines
from ..errors import (
    ConnectPSPError,
    NetworkError,
    ResponseTooLargeError,
    UnexpectedResponseError,
    error_from_response,
    error_from_transport,
    request_id_of,
)
from ..idempotency import IDEMPOTENCY_HEADER, parse_idempotency_header
from ..inflight import AsyncInFlight
from ..operations import OPERATIONS, TOKEN, Operation, find_operation
from ..redaction import get_logger, scrubbed
from ..results import Result
from ..retries import RetryPolicy, attempt_timeouts, decide, parse_retry_after
from ..seams import AsyncSeams
from ..secrets import Secret
from ..tokens import AccessToken, AsyncTokenFlight, TokenCache, TokenGrant
from ._bounded import send_bounded

logger = get_logger()
T = TypeVar("T")

# What a generated model's from_dict may raise on a body it cannot read.
_UNREADABLE = (ValueError, TypeError, KeyError, AttributeError, ArithmeticError, RecursionError)


@dataclass(frozen=True, slots=True)
class CallOptions:
    """Per-call settings (``client.with_options(...)`` makes a client with other ones)."""

    timeout: httpx.Timeout
    retry: RetryPolicy
    max_response_bytes: int


class AsyncRequestor:
    """Runs the calls of one client over its pooled ``httpx.AsyncClient``."""

    def __init__(
        self,
        settings: Settings,
        http: httpx.AsyncClient,
        deadlines: AsyncDeadlines,
        *,
        max_in_flight: int | None = None,
    ) -> None:
        self.settings = settings
        self.deadlines = deadlines
        # Calls past the pool's size wait here, not in httpx's pool (inflight.py, D-65).
        self.in_flight = AsyncInFlight(max_in_flight)
        self.seams = AsyncSeams()
        self.tokens = AsyncTokenFlight(
            TokenCache(refresh_margin=settings.refresh_margin, clock=self.seams.clock)
        )
        self.credentials = Credentials(settings.application_token, settings.crypto_token)
        self._http = http
        self._base_path = settings.base_path
        # Requests are built here, not with ``http.build_request``: that one parses the URL twice
        # per call (the merge with base_url, then an empty ``params``), ~90 us of the SDK's cost
        # in memory. The client's default headers (User-Agent, Accept...) and the absolute URL
        # of each fixed path are computed once; the client sends no cookies (D-64).
        self._default_headers = {k.decode(): v.decode() for k, v in http.headers.raw}
        self._urls = {op.path: self._url(op.path) for op in OPERATIONS if "{" not in op.path}
        self._warned: set[tuple[str, str, str]] = set()
        # The token request's body never changes: encoded once (never printed, like a Secret).
        self._token_content = json_dumps(
            {"clientId": settings.client_id, "clientSecret": settings.client_secret.reveal()}
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.settings.base_url!r})"

    async def aclose(self) -> None:
        self.deadlines.close()
        await self._http.aclose()

    # --- the call ---------------------------------------------------------------------------

    async def call(
        self,
        op: Operation,
        options: CallOptions,
        *,
        path_id: str | None = None,
        body: Any = None,
        key: UUID | None = None,
        query: dict[str, str] | None = None,
    ) -> Result[Any]:
        """Run ``op`` (``body`` a generated request model) and return its parsed result."""
        if op.signed and not self.credentials.can_sign:
            raise self.credentials.cannot_sign(op)
        path = op.path if path_id is None else op.path.replace("{id}", path_id)
        if query:
            path += "?" + urlencode(query)
        content = None if body is None else json_dumps(body.to_dict())
        answer = await self._attempts(op, options, path, content, key)
        data = self._load(op, answer, key)
        return Result(
            data=data,
            status_code=answer.status,
            idempotency_key=key,
            # Scrubbed like an error's: a hostile server may echo a secret into X-Request-Id.
            request_id=scrubbed(request_id_of(answer.headers)),
            deviations=tuple(getattr(data, "deviations", None) or ()),
        )

    async def _attempts(
        self,
        op: Operation,
        options: CallOptions,
        path: str,
        content: bytes | None,
        key: UUID | None,
    ) -> Answer:
        """Send until a 2xx answer, a final error, no retries left or the deadline."""
        policy, clock = options.retry, self.seams.clock
        deadline = clock() + policy.deadline
        attempt = 0
        replayed = False  # a 401 gets one refresh + replay; never two 401s in a row
        rejected: AccessToken | None = None
        maybe_applied = False  # some attempt may have been applied by the server
        while True:
            attempt += 1
            started = clock()
            timeouts = attempt_timeouts(options.timeout, deadline - started)
            error: ConnectPSPError
            request: httpx.Request | None = None
            try:
                # The whole attempt, token step included, ends at the deadline (deadlines.py).
                async with self.deadlines.guard(deadline - started):
                    token = None
                    if op.authenticated:  # the token: fetched once, shared by all calls
                        token = await self.tokens.get(
                            partial(self._fetch_token, options, timeouts, deadline),
                            wait=deadline - started,
                            rejected=rejected,
                        )
                    async with self.in_flight:  # not built, so not sent, while it waits
                        request = self._build(op, path, content, key, token, timeouts)
                        answer = await send_bounded(
                            self._http,
                            request,
                            deadline=deadline,
                            clock=clock,
                            limit=options.max_response_bytes,
                        )
            except ConnectPSPError as exc:  # the token step failed: this request was not sent
                error = _not_sent(exc, key)
            except httpx.RequestError as exc:
                if request is None:  # the deadline passed before the request was built
                    error = _deadline_before_sending(op, exc, key)
                else:
                    error = error_from_transport(
                        exc, operation=op.name, method=op.method, idempotency_key=key
                    )
            else:
                if answer.status == 401 and token is not None and not replayed:
                    # Refused, so not applied: one new token and the same request again.
                    logger.info("%s answered 401: refreshing the token and replaying once", op.name)
                    replayed, rejected, attempt = True, token, attempt - 1
                    continue
                if 200 <= answer.status < 300 and not answer.too_large:
                    if logger.isEnabledFor(logging.DEBUG):
                        _log_success(op, attempt, policy, answer, clock() - started, key)
                    return answer
                error = self._error(op, answer, key, options)
            # Anything but that replay's own 401 ends it: a later 401 is a token that expired
            # meanwhile (a long call: waits, retries) and gets its own refresh. Each one follows
            # a counted attempt, so the retry budget bounds them.
            replayed = False
            maybe_applied = maybe_applied or error.outcome_unknown
            decision = decide(
                error,
                repeatable=op.repeatable,
                attempt=attempt,
                policy=policy,
                left=deadline - clock(),
                rng=self.seams.rng,
            )
            _log_failure(
                op, attempt, policy, error, decision.delay, decision.reason, clock() - started
            )
            if decision.delay is None:
                if maybe_applied:
                    error.outcome_unknown = True  # whatever this last attempt said
                raise error
            await self.seams.sleep(decision.delay)

    # --- the steps ----------------------------------------------------------------------------

    async def _fetch_token(
        self, options: CallOptions, timeouts: dict[str, float | None], deadline: float
    ) -> TokenGrant:
        """One ``POST /auth/token`` inside the deadline of the call that needs the token (a
        failure is the failure of that call's attempt; its loop decides whether to try again)."""
        request = httpx.Request(
            "POST",
            self._urls[TOKEN.path],
            content=self._token_content,
            headers={**self._default_headers, "Content-Type": "application/json"},
            extensions={"timeout": timeouts},
        )
        started = self.seams.clock()
        try:
            async with self.in_flight:
                answer = await send_bounded(
                    self._http,
                    request,
                    deadline=deadline,
                    clock=self.seams.clock,
                    limit=options.max_response_bytes,
                )
        except httpx.RequestError as exc:
            raise error_from_transport(
                exc, operation=TOKEN.name, method="POST", idempotency_key=None
            ) from exc
        if answer.status != TOKEN.status or answer.too_large:
            raise self._error(TOKEN, answer, None, options)
        if logger.isEnabledFor(logging.DEBUG):
            _log_success(TOKEN, 1, options.retry, answer, self.seams.clock() - started, None)
        granted = self._load(TOKEN, answer, None)
        token, lifetime = granted.access_token, granted.expires_in
        if not isinstance(token, str) or not token:
            raise UnexpectedResponseError("POST /auth/token: the response has no accessToken")
        if isinstance(lifetime, bool) or not isinstance(lifetime, int) or lifetime <= 0:
            raise UnexpectedResponseError("POST /auth/token: expiresIn is not a positive integer")
        return TokenGrant(Secret(token), lifetime)

    def _build(
        self,
        op: Operation,
        path: str,
        content: bytes | None,
        key: UUID | None,
        token: AccessToken | None,
        timeouts: dict[str, float | None],
    ) -> httpx.Request:
        headers = dict(self._default_headers)
        if token is not None:
            headers.update(self.credentials.headers(op, token.value.reveal()))
        if key is not None:
            headers[IDEMPOTENCY_HEADER] = str(key)
        if content is not None:
            headers["Content-Type"] = "application/json"
        url = self._urls.get(path) or self._url(path)
        return httpx.Request(
            op.method, url, content=content, headers=headers, extensions={"timeout": timeouts}
        )

    def _url(self, path: str) -> httpx.URL:
        """The absolute URL of ``path`` (relative to base_url, query included), merged as
        ``httpx.Client`` merges it. The fixed paths' URLs are made once, in ``__init__``."""
        base = self._http.base_url
        return base.copy_with(raw_path=base.raw_path + httpx.URL(path).raw_path.lstrip(b"/"))

    def _error(
        self, op: Operation, answer: Answer, key: UUID | None, options: CallOptions
    ) -> ConnectPSPError:
        if answer.too_large:
            return ResponseTooLargeError(
                f"{op.name}: the HTTP {answer.status} response is larger than "
                f"max_response_bytes ({options.max_response_bytes}); it was not read",
                status=answer.status,
                request_id=request_id_of(answer.headers),
                idempotency_key=key,
                # Unread: only a refusal (4xx) proves a mutation was not applied.
                outcome_unknown=op.mutating and not 400 <= answer.status < 500,
            )
        return error_from_response(
            operation=op.name,
            method=op.method,
            status=answer.status,
            headers=answer.headers,
            content=answer.content,
            idempotency_key=key,
            retry_after=parse_retry_after(answer.headers.get("Retry-After")),
        )

    def _load(self, op: Operation, answer: Answer, key: UUID | None) -> Any:
        """The 2xx body as ``op.model``; an unreadable one is an ``UnexpectedResponseError``
        with the status of this answer, flagged ``outcome_unknown`` for a mutation (the server
        accepted the request). Deviations from the contract are logged once per client."""
        try:
            if answer.status != op.status:
                raise ValueError(f"HTTP {answer.status} is not the documented {op.status}")
            data = op.model.from_dict(json.loads(answer.content, parse_float=Decimal))
        except _UNREADABLE as exc:
            raise UnexpectedResponseError(
                f"{op.name}: the server answered HTTP {answer.status} that could not be read as "
                f"the documented response ({type(exc).__name__})",
                status=answer.status,
                request_id=request_id_of(answer.headers),
                idempotency_key=key,
                outcome_unknown=op.mutating,
            ) from None  # the message of exc may quote the body (documents)
        deviations = getattr(data, "deviations", None)
        if deviations:
            for deviation in deviations:
                self._warn(op, deviation)
            if _lacks_required(deviations):
                # The tolerant models never raise (D-45): a 2xx without the ids or status the
                # docs guarantee is still not the documented answer, so it stays unreadable.
                raise UnexpectedResponseError(
                    f"{op.name}: the server answered HTTP {answer.status} that could not be "
                    "read as the documented response (a required field is missing or unreadable)",
                    status=answer.status,
                    request_id=request_id_of(answer.headers),
                    idempotency_key=key,
                    outcome_unknown=op.mutating,
                )
        return data

    def _warn(self, op: Operation, deviation: Any) -> None:
        """One warning per (operation, path, kind) per client; never the value."""
        seen = (op.name, str(deviation.path), str(deviation.kind))
        if seen not in self._warned:
            self._warned.add(seen)
            logger.warning(
                "%s: the response differs from the documented contract at %s (%s); "
                "the call succeeded, see Result.deviations",
                *seen,
            )

    # --- the generated client's path ---------------------------------------------------------

    async def send_request(self, request: httpx.Request) -> httpx.Response:
        """Run a request built by the generated ``api.*`` functions through the same loop."""
        base = self._base_path
        path = request.url.path
        api_path = path[len(base) :] if base and path.startswith(base) else path
        op = find_operation(request.method, api_path)
        if op is None:
            raise UnexpectedResponseError(
                f"{request.method} {api_path} is not a ConnectPSP operation"
            )
        if op.signed and not self.credentials.can_sign:
            raise self.credentials.cannot_sign(op)
        key = parse_idempotency_header(request.headers.get(IDEMPOTENCY_HEADER))
        options = CallOptions(
            self.settings.timeout, self.settings.retry, self.settings.max_response_bytes
        )
        query = request.url.query.decode("ascii")
        target = f"{api_path}?{query}" if query else api_path
        answer = await self._attempts(op, options, target, await request.aread() or None, key)
        return httpx.Response(answer.status, headers=answer.headers, content=answer.content)


def _lacks_required(deviations: Any) -> bool:
    """Whether the model could not read a field the spec requires (the generated
    ``lacks_required`` of the tolerant models, issue 10; older generated code has none)."""
    check = getattr(generated_types, "lacks_required", None)
    return bool(check is not None and check(deviations))


def _deadline_before_sending(
    op: Operation, exc: httpx.RequestError, key: UUID | None
) -> NetworkError:
    """The call's deadline passed while it waited for the token or for a free connection of
    the client (D-65): the request was never built, so it was not sent."""
    error = NetworkError(
        f"{op.name} was not sent: the call's deadline passed while it waited for the access "
        "token or for a free connection",
        idempotency_key=key,
        retryable=True,
    )
    error.__cause__ = exc
    return error


def _not_sent(error: ConnectPSPError, key: UUID | None) -> ConnectPSPError:
    """A token-step error seen from the operation: a copy (the original may be shared by several
    waiting callers) carrying this call's key; the operation itself was not sent."""
    own = copy.copy(error)
    own.__cause__ = error
    own.idempotency_key = key
    own.outcome_unknown = False
    return own


# One log line per attempt: operation, outcome, timing, idempotency key, request id. Never
# headers or bodies.


def _log_success(
    op: Operation,
    attempt: int,
    policy: RetryPolicy,
    answer: Answer,
    elapsed: float,
    key: UUID | None,
) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "attempt %d/%d: %s -> HTTP %d (%.3fs, idempotency_key=%s, request_id=%s)",
            attempt,
            policy.max_retries + 1,
            op.name,
            answer.status,
            elapsed,
            key or "-",
            request_id_of(answer.headers) or "-",
        )


def _log_failure(
    op: Operation,
    attempt: int,
    policy: RetryPolicy,
    error: ConnectPSPError,
    delay: float | None,
    reason: str,
    elapsed: float,
) -> None:
    level = logging.WARNING if delay is not None else logging.INFO
    if logger.isEnabledFor(level):
        outcome = (
            f"retrying in {delay:.2f}s with the same request"
            if delay is not None
            else f"giving up: {reason}"
        )
        logger.log(
            level,
            "attempt %d/%d: %s (code=%s, %.3fs, idempotency_key=%s, request_id=%s); %s",
            attempt,
            policy.max_retries + 1,
            error.message,
            error.code or "-",
            elapsed,
            error.idempotency_key or "-",
            error.request_id or "-",
            outcome,
        )
