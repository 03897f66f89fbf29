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


def requires_signature(method: str, api_path: str) -> bool:
    """True for the operations that carry ``DigitalSignature`` (``api_path`` without the base
    URL's path prefix)."""
    return method == "POST" and _SIGNED.fullmatch(api_path) is not None


class ConnectPSPAuth(httpx.Auth):
    """Attach the ConnectPSP credential headers; refresh and replay once on a 401."""

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

    def __repr__(self) -> str:
        return (
            f"ConnectPSPAuth(base_path={self._base_path!r}, signs={self._crypto_token is not None})"
        )

    def _api_path(self, request: httpx.Request) -> str:
        path = request.url.path
        if self._base_path and path.startswith(self._base_path):
            path = path[len(self._base_path) :]
        return path

    def _is_token_request(self, request: httpx.Request) -> bool:
        return request.method == "POST" and self._api_path(request) == TOKEN_PATH

    def _apply(self, request: httpx.Request, token: AccessToken) -> None:
        access_token = token.value.reveal()
        request.headers["Authorization"] = f"Bearer {access_token}"
        request.headers["ApplicationToken"] = self._application_token.reveal()
        if requires_signature(request.method, self._api_path(request)):
            if self._crypto_token is None:
                raise ConfigurationError(
                    "crypto_token (CONNECTPSP_CRYPTO_TOKEN) is required to sign "
                    f"{request.method} {self._api_path(request)}"
                )
            request.headers["DigitalSignature"] = self._signer(
                access_token, self._crypto_token.reveal()
            )

    def _log_replay(self, request: httpx.Request) -> None:
        logger.info(
            "%s %s answered 401: refreshing the access token and replaying once",
            request.method,
            request.url.path,
        )

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        if self._is_token_request(request):
            yield request
            return
        token = self._tokens.get()
        self._apply(request, token)
        response = yield request
        if response.status_code == 401:
            self._log_replay(request)
            self._apply(request, self._tokens.refresh(token))
            yield request

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if self._is_token_request(request):
            yield request
            return
        token = await self._tokens.get_async()
        self._apply(request, token)
        response = yield request
        if response.status_code == 401:
            self._log_replay(request)
            self._apply(request, await self._tokens.refresh_async(token))
            yield request
