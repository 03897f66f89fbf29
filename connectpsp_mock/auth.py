"""Authentication: issuing JWTs, checking Bearer + ApplicationToken (401), DigitalSignature (422).

- ``POST /auth/token``: constant-time credential check, 401 INVALID_CREDENTIALS otherwise.
- Bearer: our HS256 JWT with ``sub`` = client id; expired -> 401 TOKEN_EXPIRED, anything else
  wrong or missing -> 401 INVALID_TOKEN (D-10). Several tokens are valid at once (stateless).
- ``ApplicationToken`` missing or wrong -> 401 INVALID_APPLICATION_TOKEN (D-04).
- ``DigitalSignature`` (D-02) verified with ``connectpsp_ext.signing`` against every configured
  CryptoToken; missing or wrong -> 422 INVALID_SIGNATURE (documented).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from connectpsp_ext.signing import verify_digital_signature

from . import jwt
from .clock import Clock
from .ids import IdFactory
from .payloads import TokenPayload
from .problems import ProblemError
from .settings import MockSettings
from .store import Store
from .timefmt import utc_time

_WWW_AUTHENTICATE = 'Bearer realm="connectpsp-mock"'
_MAX_EXP = int(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp())
# Tokens whose signature was verified, with their claims: a client sends the same token on every
# call, and verifying it (base64, HMAC, two JSON parses) was a sixth of a balance read (D-85).
# Expiry is still checked on every call against the mock clock.
_VERIFIED_CACHE_SIZE = 1024
# (access token, DigitalSignature) pairs that verified: a client signs the same token the same way
# on every call. Only successes are kept, and they depend on nothing that changes while the mock
# runs (the CryptoTokens are settings), so a hit is always the answer a new check would give.
_SIGNED_CACHE_SIZE = 1024


def _same(a: str, b: str) -> bool:
    # surrogatepass: a lone surrogate never reaches here (wire refuses it), but if it did it must
    # compare unequal rather than raise.
    return hmac.compare_digest(
        a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass")
    )


def _unauthorized(code: str, detail: str) -> ProblemError:
    return ProblemError(401, code, detail, headers={"WWW-Authenticate": _WWW_AUTHENTICATE})


class Authenticator:
    def __init__(self, settings: MockSettings, clock: Clock, ids: IdFactory, store: Store) -> None:
        self._settings = settings
        self._clock = clock
        self._ids = ids
        self._store = store
        # A seeded mock issues reproducible tokens; otherwise the key is random per instance.
        if settings.seed is not None:
            self._key = hashlib.sha256(f"connectpsp-mock-jwt:{settings.seed}".encode()).digest()
        else:
            self._key = secrets.token_bytes(32)
        self._verified: dict[str, dict[str, Any]] = {}
        self._signed: dict[tuple[str, str], None] = {}

    def issue(self, payload: TokenPayload) -> dict[str, Any]:
        """The TokenResponse body for valid credentials."""
        id_ok = _same(payload.client_id, self._settings.client_id)
        secret_ok = _same(payload.client_secret, self._settings.client_secret)
        if not (id_ok and secret_ok):
            self._store.increment("auth.invalid_credentials")
            raise _unauthorized("INVALID_CREDENTIALS", "Wrong clientId or clientSecret.")
        now = self._clock.now().replace(microsecond=0)
        issued_at = int(now.timestamp())
        ttl = self._settings.token_ttl_seconds
        claims = {
            "iss": "connectpsp-mock",
            "sub": self._settings.client_id,
            "iat": issued_at,
            "exp": issued_at + ttl,
            "jti": self._ids.uuid4(),
        }
        self._store.increment("auth.tokens_issued")
        return {
            "accessToken": jwt.encode(claims, self._key),
            "tokenType": "Bearer",
            "expiresIn": ttl,
            "issuedAt": utc_time(now),
        }

    def authenticate(self, headers: Mapping[str, str]) -> str:
        """The caller's access token, after checking it and the ApplicationToken."""
        token = self._bearer_token(headers.get("authorization"))
        self._check_claims(token)
        application_token = headers.get("applicationtoken")
        if not application_token:
            self._store.increment("auth.invalid_application_token")
            raise _unauthorized(
                "INVALID_APPLICATION_TOKEN", "The ApplicationToken header is missing."
            )
        if not _same(application_token.strip(), self._settings.application_token):
            self._store.increment("auth.invalid_application_token")
            raise _unauthorized(
                "INVALID_APPLICATION_TOKEN", "The ApplicationToken is not a valid integration."
            )
        return token

    def _bearer_token(self, header: str | None) -> str:
        if not header:
            self._store.increment("auth.invalid_token")
            raise _unauthorized("INVALID_TOKEN", "The Authorization header is missing.")
        scheme, _, token = header.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            self._store.increment("auth.invalid_token")
            raise _unauthorized(
                "INVALID_TOKEN", "The Authorization header must be 'Bearer <token>'."
            )
        return token

    def _verified_claims(self, token: str) -> dict[str, Any]:
        claims = self._verified.get(token)
        if claims is None:
            claims = jwt.decode(token, self._key)
            if len(self._verified) >= _VERIFIED_CACHE_SIZE:
                del self._verified[next(iter(self._verified))]
            self._verified[token] = claims
        return claims

    def _check_claims(self, token: str) -> None:
        try:
            claims = self._verified_claims(token)
        except jwt.InvalidJWT as exc:
            self._store.increment("auth.invalid_token")
            raise _unauthorized(
                "INVALID_TOKEN", "The access token is malformed or unknown."
            ) from exc
        exp = claims.get("exp")
        # We issue integer NumericDates of real dates; a boolean is not one (True is an int in
        # Python), nor is a number past year 9999 (a seeded mock's key is derivable, so forged
        # tokens with exp=10**20 reach this point; that was a 500).
        if (
            claims.get("sub") != self._settings.client_id
            or not isinstance(exp, int)
            or isinstance(exp, bool)
            or not 0 <= exp <= _MAX_EXP
        ):
            self._store.increment("auth.invalid_token")
            raise _unauthorized("INVALID_TOKEN", "The access token is malformed or unknown.")
        if self._clock.now().timestamp() >= exp:
            self._store.increment("auth.token_expired")
            raise _unauthorized(
                "TOKEN_EXPIRED",
                "The access token has expired. Re-authenticate via POST /auth/token.",
            )

    def verify_signature(self, token: str, headers: Mapping[str, str]) -> None:
        received = headers.get("digitalsignature")
        if not received:
            self._store.increment("auth.invalid_signature")
            raise ProblemError(422, "INVALID_SIGNATURE", "The DigitalSignature header is missing.")
        # Keyed as the check compares it (outer space and case ignored), so a kept key is short.
        pair = (token, received.strip().lower())
        if pair in self._signed:
            return
        if verify_digital_signature(token, received, self._settings.crypto_tokens):
            if len(self._signed) >= _SIGNED_CACHE_SIZE:
                del self._signed[next(iter(self._signed))]
            self._signed[pair] = None
        else:
            self._store.increment("auth.invalid_signature")
            raise ProblemError(
                422, "INVALID_SIGNATURE", "The DigitalSignature does not match the access token."
            )
