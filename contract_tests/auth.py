"""Authentication for the schemathesis run, handled once for every generated request.

- ``Authorization: Bearer <token>``: the token comes from ``POST /auth/token`` with the target's
  credentials and is cached by schemathesis (refetched every ``REFRESH_SECONDS`` and after a 401).
- ``ApplicationToken``: on every operation whose security asks for it.
- ``DigitalSignature``: ``connectpsp_ext.signing.digital_signature`` over the token, on operations
  whose security requires ``digitalSignature`` (D-02, D-03). ``hooks.before_call`` re-derives it
  from the bearer token actually present on the final request.

Operations without security (``/auth/token``) get nothing. Errors never quote the credentials.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

from connectpsp_ext.signing import digital_signature

from . import spec
from .binding import Binding
from .headers import set_header

if TYPE_CHECKING:
    from schemathesis import AuthContext, Case
    from schemathesis.schemas import BaseSchema

# Well inside the documented 1 h lifetime; a shorter-lived token is refetched after its 401.
REFRESH_SECONDS = 300
TOKEN_TIMEOUT = httpx.Timeout(10.0, connect=5.0)


class TokenError(RuntimeError):
    """``POST /auth/token`` did not give a token (the message names the status, never a secret)."""


def fetch_token(base_url: str, client_id: str, client_secret: str) -> str:
    response = httpx.post(
        f"{base_url.rstrip('/')}/auth/token",
        json={"clientId": client_id, "clientSecret": client_secret},
        timeout=TOKEN_TIMEOUT,
    )
    if response.status_code != 200:
        raise TokenError(f"POST /auth/token answered {response.status_code}; check the credentials")
    token = response.json().get("accessToken")
    if not isinstance(token, str) or not token:
        raise TokenError("POST /auth/token answered 200 without an accessToken")
    return token


def attach_credentials(case: Case[Any], token: str, binding: Binding) -> None:
    """Set the headers that the operation's security requires (nothing for unsecured operations)."""
    info = spec.operation(case.operation.label)
    schemes = info.schemes if info is not None else frozenset()
    if not schemes:
        return
    headers = case.headers
    if "bearerAuth" in schemes:
        set_header(headers, "Authorization", f"Bearer {token}")
    if "applicationToken" in schemes:
        set_header(headers, "ApplicationToken", binding.application_token)
    if "digitalSignature" in schemes:
        signature = digital_signature(token, binding.crypto_token)
        binding.remember_signature(signature)
        set_header(headers, "DigitalSignature", signature)


def install(schema: BaseSchema, binding: Binding, client_id: str, client_secret: str) -> None:
    """Register the provider on this schema only (not globally)."""

    class ConnectPSPAuth:
        def get(self, case: Case[Any], context: AuthContext) -> str:
            token = fetch_token(binding.base_url, client_id, client_secret)
            binding.remember_token(token)
            return token

        def set(self, case: Case[Any], data: Any, context: AuthContext) -> None:
            attach_credentials(case, str(data), binding)

        def __repr__(self) -> str:  # never show the closure's credentials
            return "ConnectPSPAuth()"

    schema.auth(refresh_interval=REFRESH_SECONDS, retry_on=[401]).skip_for(
        operation_id="authToken"
    )(ConnectPSPAuth)
