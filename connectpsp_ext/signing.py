"""The two HMACs of ConnectPSP, as pure functions shared by the client, the mock and the tests.

- ``DigitalSignature`` request header (D-02): lowercase hex HMAC-SHA256 keyed with the CryptoToken
  over the access token alone - the Cash-Out tutorial's
  ``echo -n "$ACCESS_TOKEN" | openssl dgst -sha256 -hmac "$CRYPTO_TOKEN"``.
- ``X-Connect-Signature`` webhook header: lowercase hex HMAC-SHA256 keyed with the CryptoToken over
  the raw body bytes (Webhooks guide).

Golden vectors: ``signing_vectors.json`` beside this file; client and mock tests both use them.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable

# A signer takes (access_token, crypto_token) and returns the header value; pluggable in case
# ConnectPSP ever publishes a different scheme.
Signer = Callable[[str, str], str]


def digital_signature(access_token: str, crypto_token: str) -> str:
    """``DigitalSignature`` for requests made with ``access_token``."""
    return hmac.new(
        crypto_token.encode("utf-8"), access_token.encode("utf-8"), hashlib.sha256
    ).hexdigest()


def webhook_signature(raw_body: bytes, crypto_token: str) -> str:
    """``X-Connect-Signature`` of a webhook delivery with this exact body."""
    return hmac.new(crypto_token.encode("utf-8"), raw_body, hashlib.sha256).hexdigest()


def signature_matches(expected: str, received: str | None) -> bool:
    """Constant-time comparison of two hex signatures (case-insensitive, outer space ignored)."""
    if not received:
        return False
    return hmac.compare_digest(expected.lower().encode(), received.strip().lower().encode())


def verify_digital_signature(
    access_token: str, received: str | None, crypto_tokens: Iterable[str]
) -> bool:
    """True when ``received`` is the signature of ``access_token`` under any active CryptoToken."""
    return any(
        signature_matches(digital_signature(access_token, key), received) for key in crypto_tokens
    )
