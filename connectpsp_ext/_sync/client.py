# Generated from connectpsp_ext/_async/client.py by scripts/unasync.py: do not edit.
"""The client integrators use: ``ConnectPSP`` is written here, ``ConnectPSP`` is generated
from it into ``_sync/client.py`` (the same code without ``await``).

    with ConnectPSP.from_env() as psp:
        result = psp.cash_in.create(amount=Decimal("10.00"), external_reference="order-1",
                                    payer_name="Test User", payer_document="123.456.789-09")

One instance owns one connection pool and one token cache; every call goes through its
requestor (``requestor.py`` beside this file). ``psp.generated_client`` is the generated
client wired to the same requestor: the generated ``api.*`` functions called with it get the same
auth, signing, retries and typed errors.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self

import httpx
from connectpsp_client import AuthenticatedClient

from .._version import __version__
from ..config import (
    DEFAULT_LIMITS,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_REFRESH_MARGIN,
    DEFAULT_TIMEOUT,
    STAGING_URL,
    Settings,
    TimeoutArg,
    as_timeout,
    check_max_response_bytes,
)
from ..deadlines import Deadlines
from ..errors import ConfigurationError
from ..lanes import Lanes
from ..retries import RetryPolicy
from ..secrets import Secret
from ..tokens import TokenCache
from .requestor import CallOptions, Requestor
from .resources import AccountResource, CashInResource, CashOutResource

USER_AGENT = f"connectpsp-python/{__version__} httpx/{httpx.__version__}"
# The generated AuthenticatedClient wants a token; the requestor sets the real one per request.
_TOKEN_PLACEHOLDER = "managed-by-connectpsp_ext"  # noqa: S105


class ConnectPSP:
    """The ConnectPSP client. Share one instance (threads for ``ConnectPSP``; the tasks of one
    event loop for ``ConnectPSP``)."""

    cash_in: CashInResource
    cash_out: CashOutResource
    account: AccountResource

    def __init__(
        self,
        *,
        client_id: str | None = None,
        client_secret: str | Secret | None = None,
        application_token: str | Secret | None = None,
        crypto_token: str | Secret | None = None,
        base_url: str | None = None,
        timeout: TimeoutArg | None = None,
        retry: RetryPolicy | None = None,
        refresh_margin: float | None = None,
        max_response_bytes: int | None = None,
        settings: Settings | None = None,
        transport: httpx.BaseTransport | None = None,
        limits: httpx.Limits | None = None,
    ) -> None:
        """Credentials as arguments, or a ready ``settings`` (not both). ``timeout`` is an
        ``httpx.Timeout`` or seconds. ``transport`` replaces httpx's network transport (a proxy
        setup, or ``httpx.MockTransport`` in tests). ``limits`` is the connection pool
        (default: 100 connections, all kept alive); ``ConnectPSP`` hands httpx at most
        ``limits.max_connections`` requests at once, the others wait their turn in the client
        (D-65). With your own ``transport``, pass its ``limits`` too to get that bound."""
        given = {
            "client_id": client_id,
            "client_secret": client_secret,
            "application_token": application_token,
            "crypto_token": crypto_token,
            "base_url": base_url,
            "timeout": timeout,
            "retry": retry,
            "refresh_margin": refresh_margin,
            "max_response_bytes": max_response_bytes,
        }
        if settings is None:
            settings = Settings(
                client_id=client_id or "",
                client_secret=Secret.of(client_secret or ""),
                application_token=Secret.of(application_token or ""),
                crypto_token=None if crypto_token is None else Secret.of(crypto_token),
                base_url=STAGING_URL if base_url is None else base_url,
                timeout=DEFAULT_TIMEOUT if timeout is None else as_timeout(timeout),
                retry=retry or RetryPolicy(),
                refresh_margin=DEFAULT_REFRESH_MARGIN if refresh_margin is None else refresh_margin,
                max_response_bytes=max_response_bytes or DEFAULT_MAX_RESPONSE_BYTES,
            )
        elif conflicting := sorted(name for name, value in given.items() if value is not None):
            raise ConfigurationError(
                f"pass either settings= or {', '.join(conflicting)}, not both "
                "(use dataclasses.replace(settings, ...) to change a setting)"
            )
        self.settings = settings
        # The pool size bounds the requests in flight; unknown for a transport given alone.
        in_flight = (limits or DEFAULT_LIMITS) if transport is None else limits
        # Made here so that the deadline guard can reset it; asyncio: one connection pool per
        # request in flight (lanes.py, D-67), threads: httpx's pool.
        transport = transport or Lanes(limits or DEFAULT_LIMITS)
        http = httpx.Client(
            base_url=settings.base_url,
            timeout=settings.timeout,
            headers={"User-Agent": USER_AGENT},
            follow_redirects=False,
            transport=transport,
        )
        self._requestor = Requestor(
            settings,
            http,
            Deadlines(transport),
            max_in_flight=None if in_flight is None else in_flight.max_connections,
        )
        self._bind(CallOptions(settings.timeout, settings.retry, settings.max_response_bytes))
        self.generated_client = AuthenticatedClient(
            base_url=settings.base_url, token=_TOKEN_PLACEHOLDER, raise_on_unexpected_status=True
        ).set_httpx_client(
            httpx.Client(base_url=settings.base_url, transport=_RequestorTransport(self._requestor))
        )

    def _bind(self, options: CallOptions) -> None:
        self._options = options
        self.cash_in = CashInResource(self._requestor, options)
        self.cash_out = CashOutResource(self._requestor, options)
        self.account = AccountResource(self._requestor, options)

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        **overrides: Any,
    ) -> Self:
        """Configure from ``CONNECTPSP_*`` variables (see :mod:`connectpsp_ext.config`);
        ``overrides`` (e.g. ``timeout=``, ``retry=``) win over the environment."""
        settings = Settings.from_env(environ, **overrides)
        return cls(settings=settings, transport=transport)

    def with_options(
        self,
        *,
        timeout: TimeoutArg | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
        max_response_bytes: int | None = None,
    ) -> Self:
        """This client with other per-call settings, sharing its connections and token::

        psp.with_options(timeout=5, max_retries=0).cash_in.get(id)
        """
        options = self._options
        retry = options.retry
        if max_retries is not None:
            retry = dataclasses.replace(retry, max_retries=max_retries)
        if deadline is not None:
            retry = dataclasses.replace(retry, deadline=deadline)
        clone = copy.copy(self)
        clone._bind(
            CallOptions(
                options.timeout if timeout is None else as_timeout(timeout),
                retry,
                options.max_response_bytes
                if max_response_bytes is None
                else check_max_response_bytes(max_response_bytes),
            )
        )
        return clone

    @property
    def token_cache(self) -> TokenCache:
        """The access-token cache (``fetch_count``, ``clear()``)."""
        return self._requestor.tokens.cache

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self.settings.base_url!r}, "
            f"client_id={self.settings.client_id!r})"
        )

    def close(self) -> None:
        """Close the connection pool."""
        self._requestor.close()
        self.generated_client.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class _RequestorTransport(httpx.BaseTransport):
    """Routes the generated client's requests through the requestor (an httpx transport: the
    public way to put a layer under an ``httpx.Client``)."""

    def __init__(self, requestor: Requestor) -> None:
        self._requestor = requestor

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._requestor.send_request(request)
