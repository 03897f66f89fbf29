"""``httpx.Auth`` for ConnectPSP: the credential headers, and one refresh + replay on a 401.

On every authenticated request (everything except ``POST /auth/token``):

- ``Authorization: Bearer <accessToken>`` from the :class:`~connectpsp_ext.tokens.TokenManager`;
- ``ApplicationToken`` (D-04: on every call, ``GET /cash-out/{id}`` included);
- ``DigitalSignature`` on the three financial operations (``POST /cash-out``,
  ``POST /cash-in/{id}/refund``, ``POST /account/rebalance``; D-03), computed with
  :func:`connectpsp_ext.signing.digital_signature` over the token actually sent, so it is
  recomputed whenever the token changes.

A 401 answer gets exactly one token refresh and one replay of the same request (same body, same
``X-Idempotency-Key``: the server refused it, so it was not applied). A second 401 is returned to
the caller's error mapping as an ``AuthenticationError``.
"""

from __future__ import annotations

import re
from collections.abc import AsyncGenerator, Generator

import httpx

from .errors import ConfigurationError
from .redaction import get_logger
from .secrets import Secret
from .signing import Signer, digital_signature
from .tokens import AccessToken, TokenManager

logger = get_logger()

TOKEN_PATH = "/auth/token"  # noqa: S105 - a URL path
_SIGNED = re.compile(r"/cash-out|/cash-in/[^/]+/refund|/account/rebalance")


# Signed paths without a path parameter: a set lookup instead of the regex for the common case.
_SIGNED_FIXED = frozenset({"/cash-out", "/account/rebalance"})


def requires_signature(method: str, api_path: str) -> bool:
    """True for the operations that carry ``DigitalSignature`` (``api_path`` without the base
    URL's path prefix)."""
    return method == "POST" and (
        api_path in _SIGNED_FIXED or _SIGNED.fullmatch(api_path) is not None
    )


class ConnectPSPAuth(httpx.Auth):
    """Attach the ConnectPSP credential headers; refresh and replay once on a 401.

    ``signer`` must be a pure function of its two arguments: its result is reused for as long as
    the access token is (it changes with every new token)."""

    def __init__(
        self,
        tokens: TokenManager,
        application_token: Secret,
        crypto_token: Secret | None,
        *,
        base_path: str = "",
        signer: Signer = digital_signature,
    ) -> None:
        self._tokens = tokens
        self._application_token = application_token
        self._crypto_token = crypto_token
        self._base_path = base_path.rstrip("/")
        self._signer = signer
        # (access token, crypto token, DigitalSignature) of the last signature computed.
        self._signed: tuple[str, str, str] | None = None

    def __repr__(self) -> str:
        return (
            f"ConnectPSPAuth(base_path={self._base_path!r}, signs={self._crypto_token is not None})"
        )

    def _api_path(self, request: httpx.Request) -> str:
        path = request.url.path
        if self._base_path and path.startswith(self._base_path):
            path = path[len(self._base_path) :]
        return path

    def _signature(self, access_token: str, crypto_token: str) -> str:
        signed = self._signed  # one read: another thread may replace it meanwhile
        if signed is not None and signed[0] == access_token and signed[1] == crypto_token:
            return signed[2]
        signature = self._signer(access_token, crypto_token)
        self._signed = (access_token, crypto_token, signature)
        return signature

    def _apply(self, request: httpx.Request, token: AccessToken, api_path: str) -> None:
        access_token = token.value.reveal()
        headers = request.headers
        headers["Authorization"] = f"Bearer {access_token}"
        headers["ApplicationToken"] = self._application_token.reveal()
        if requires_signature(request.method, api_path):
            if self._crypto_token is None:
                raise ConfigurationError(
                    "crypto_token (CONNECTPSP_CRYPTO_TOKEN) is required to sign "
                    f"{request.method} {api_path}"
                )
            headers["DigitalSignature"] = self._signature(access_token, self._crypto_token.reveal())

    def _log_replay(self, request: httpx.Request) -> None:
        logger.info(
            "%s %s answered 401: refreshing the access token and replaying once",
            request.method,
            request.url.path,
        )

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        api_path = self._api_path(request)
        if request.method == "POST" and api_path == TOKEN_PATH:
            yield request
            return
        token = self._tokens.get()
        self._apply(request, token, api_path)
        response = yield request
        if response.status_code == 401:
            self._log_replay(request)
            self._apply(request, self._tokens.refresh(token), api_path)
            yield request

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        api_path = self._api_path(request)
        if request.method == "POST" and api_path == TOKEN_PATH:
            yield request
            return
        token = await self._tokens.get_async()
        self._apply(request, token, api_path)
        response = yield request
        if response.status_code == 401:
            self._log_replay(request)
            self._apply(request, await self._tokens.refresh_async(token), api_path)
            yield request
