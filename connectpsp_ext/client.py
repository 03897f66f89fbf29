"""``ConnectPSP`` (sync) and ``AsyncConnectPSP`` (async): the clients integrators use.

    with ConnectPSP.from_env() as psp:
        result = psp.cash_in.create(amount=Decimal("10.00"), external_reference="order-1",
                                    payer_name="Test User", payer_document="123.456.789-09")
        result.data.pix_data.copy_and_paste, result.idempotency_key

Each instance owns one pooled httpx client (a :class:`~connectpsp_ext.httpclient.RetryingClient`
with :class:`~connectpsp_ext.auth.ConnectPSPAuth`) and one token cache. The generated client is
reachable as ``psp.generated_client``: the generated ``api.*`` functions called with it get the
same auth, signing, retries and typed errors.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self

import httpx
from connectpsp_client import AuthenticatedClient, Client
from connectpsp_client.api.authentication import auth_token
from connectpsp_client.models import TokenRequest, TokenResponse

from .auth import ConnectPSPAuth
from .config import DEFAULT_REFRESH_MARGIN, DEFAULT_TIMEOUT, STAGING_URL, Settings
from .errors import UnexpectedResponseError
from .httpclient import AsyncRetryingClient, AsyncSleep, RetryingClient, Sleep
from .resources import (
    AccountResource,
    AsyncAccountResource,
    AsyncCashInResource,
    AsyncCashOutResource,
    CashInResource,
    CashOutResource,
)
from .resources._invoke import invoke, invoke_async
from .retries import Clock, Random, RetryPolicy
from .secrets import Secret
from .tokens import TokenGrant, TokenManager

USER_AGENT = f"connectpsp-python/0.1.0 httpx/{httpx.__version__}"
# The generated AuthenticatedClient wants a token; ConnectPSPAuth sets the real one per request.
_TOKEN_PLACEHOLDER = "managed-by-connectpsp_ext"  # noqa: S105


def _grant(response: TokenResponse) -> TokenGrant:
    token, lifetime = response.access_token, response.expires_in
    if not isinstance(token, str) or not token:
        raise UnexpectedResponseError("POST /auth/token: the response has no accessToken")
    if isinstance(lifetime, bool) or not isinstance(lifetime, int) or lifetime <= 0:
        raise UnexpectedResponseError("POST /auth/token: expiresIn is not a positive integer")
    return TokenGrant(Secret(token), lifetime)


def _settings(
    settings: Settings | None,
    client_id: str | None,
    client_secret: str | Secret | None,
    application_token: str | Secret | None,
    crypto_token: str | Secret | None,
    base_url: str,
    timeout: httpx.Timeout,
    retry: RetryPolicy | None,
    refresh_margin: float,
) -> Settings:
    if settings is not None:
        return settings
    return Settings(
        client_id=client_id or "",
        client_secret=Secret.of(client_secret or ""),
        application_token=Secret.of(application_token or ""),
        crypto_token=None if crypto_token is None else Secret.of(crypto_token),
        base_url=base_url,
        timeout=timeout,
        retry=retry or RetryPolicy(),
        refresh_margin=refresh_margin,
    )


class _ClientBase:
    settings: Settings
    tokens: TokenManager
    generated_client: AuthenticatedClient

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(base_url={self.settings.base_url!r}, "
            f"client_id={self.settings.client_id!r})"
        )

    def _token_request(self) -> TokenRequest:
        return TokenRequest(
            client_id=self.settings.client_id,
            client_secret=self.settings.client_secret.reveal(),
        )

    def _http_options(self) -> dict[str, Any]:
        """What the sync and async httpx clients share: base URL, auth, timeouts, headers."""
        return {
            "base_url": self.settings.base_url,
            "auth": ConnectPSPAuth(
                self.tokens,
                self.settings.application_token,
                self.settings.crypto_token,
                base_path=self.settings.base_path,
            ),
            "timeout": self.settings.timeout,
            "headers": {"User-Agent": USER_AGENT},
            "follow_redirects": False,
        }

    def _generated(self) -> tuple[AuthenticatedClient, Client]:
        base_url = self.settings.base_url
        api = AuthenticatedClient(
            base_url=base_url, token=_TOKEN_PLACEHOLDER, raise_on_unexpected_status=True
        )
        plain = Client(base_url=base_url, raise_on_unexpected_status=True)
        return api, plain


class ConnectPSP(_ClientBase):
    """Synchronous client. Thread-safe: share one instance across threads."""

    def __init__(
        self,
        *,
        client_id: str | None = None,
        client_secret: str | Secret | None = None,
        application_token: str | Secret | None = None,
        crypto_token: str | Secret | None = None,
        base_url: str = STAGING_URL,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        refresh_margin: float = DEFAULT_REFRESH_MARGIN,
        settings: Settings | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Sleep = time.sleep,
        clock: Clock = time.monotonic,
        rng: Random = random.random,
    ) -> None:
        """Credentials as arguments, or a ready ``settings`` (then the credential arguments are
        ignored). ``transport``, ``sleep``, ``clock`` and ``rng`` are seams for tests."""
        self.settings = _settings(
            settings,
            client_id,
            client_secret,
            application_token,
            crypto_token,
            base_url,
            timeout,
            retry,
            refresh_margin,
        )
        self.tokens = TokenManager(
            fetch=self._fetch_token, refresh_margin=self.settings.refresh_margin, clock=clock
        )
        self._http = RetryingClient(
            policy=self.settings.retry,
            sleep=sleep,
            clock=clock,
            rng=rng,
            transport=transport,
            **self._http_options(),
        )
        api, plain = self._generated()
        self.generated_client = api.set_httpx_client(self._http)
        self._token_client = plain.set_httpx_client(self._http)
        can_sign = self.settings.crypto_token is not None
        self.cash_in = CashInResource(api, can_sign=can_sign)
        self.cash_out = CashOutResource(api, can_sign=can_sign)
        self.account = AccountResource(api, can_sign=can_sign)

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Sleep = time.sleep,
        clock: Clock = time.monotonic,
        rng: Random = random.random,
        **overrides: Any,
    ) -> Self:
        """Configure from ``CONNECTPSP_*`` variables (see :mod:`connectpsp_ext.config`);
        ``overrides`` (e.g. ``timeout=``, ``retry=``) win over the environment."""
        settings = Settings.from_env(environ, **overrides)
        return cls(settings=settings, transport=transport, sleep=sleep, clock=clock, rng=rng)

    def _fetch_token(self) -> TokenGrant:
        result = invoke(
            lambda: auth_token.sync_detailed(client=self._token_client, body=self._token_request()),
            TokenResponse,
            operation="POST /auth/token",
            key=None,
            mutating=False,
        )
        return _grant(result.data)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncConnectPSP(_ClientBase):
    """Asyncio client. Use one instance per event loop; tasks may share it."""

    def __init__(
        self,
        *,
        client_id: str | None = None,
        client_secret: str | Secret | None = None,
        application_token: str | Secret | None = None,
        crypto_token: str | Secret | None = None,
        base_url: str = STAGING_URL,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        refresh_margin: float = DEFAULT_REFRESH_MARGIN,
        settings: Settings | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: AsyncSleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        rng: Random = random.random,
    ) -> None:
        self.settings = _settings(
            settings,
            client_id,
            client_secret,
            application_token,
            crypto_token,
            base_url,
            timeout,
            retry,
            refresh_margin,
        )
        self.tokens = TokenManager(
            fetch_async=self._fetch_token, refresh_margin=self.settings.refresh_margin, clock=clock
        )
        self._http = AsyncRetryingClient(
            policy=self.settings.retry,
            sleep=sleep,
            clock=clock,
            rng=rng,
            transport=transport,
            **self._http_options(),
        )
        api, plain = self._generated()
        self.generated_client = api.set_async_httpx_client(self._http)
        self._token_client = plain.set_async_httpx_client(self._http)
        can_sign = self.settings.crypto_token is not None
        self.cash_in = AsyncCashInResource(api, can_sign=can_sign)
        self.cash_out = AsyncCashOutResource(api, can_sign=can_sign)
        self.account = AsyncAccountResource(api, can_sign=can_sign)

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: AsyncSleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        rng: Random = random.random,
        **overrides: Any,
    ) -> Self:
        """Async :meth:`ConnectPSP.from_env`."""
        settings = Settings.from_env(environ, **overrides)
        return cls(settings=settings, transport=transport, sleep=sleep, clock=clock, rng=rng)

    async def _fetch_token(self) -> TokenGrant:
        result = await invoke_async(
            lambda: auth_token.asyncio_detailed(
                client=self._token_client, body=self._token_request()
            ),
            TokenResponse,
            operation="POST /auth/token",
            key=None,
            mutating=False,
        )
        return _grant(result.data)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
