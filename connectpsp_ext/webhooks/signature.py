"""``X-Connect-Signature`` verification with several active CryptoTokens (rotation).

The header is lowercase hex HMAC-SHA256 keyed with the CryptoToken over the raw body bytes (Webhooks
guide); the HMAC itself lives in :mod:`connectpsp_ext.signing`. ConnectPSP signs with one token;
during a rotation the receiver accepts the new and the old one, listed newest first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..secrets import Secret
from ..signing import signature_matches, webhook_signature
from .errors import SignatureFailure, WebhookSignatureError

SIGNATURE_HEADER = "X-Connect-Signature"
EVENT_ID_HEADER = "X-Event-Id"

_HEX_SHA256 = re.compile(r"[0-9a-fA-F]{64}")


def header_value(headers: Mapping[str, str], name: str) -> str | None:
    """Case-insensitive header lookup that works on plain dicts as well as on Starlette/httpx
    header objects."""
    value = headers.get(name)
    if value is not None:
        return value
    wanted = name.lower()
    for key, candidate in headers.items():
        if key.lower() == wanted:
            return candidate
    return None


class SignatureVerifier:
    """Checks deliveries against the active CryptoTokens (newest first).

    Tokens may be given as ``str`` or :class:`~connectpsp_ext.secrets.Secret`; they are kept as
    ``Secret`` so neither this object's repr nor an error can reveal them.
    """

    __slots__ = ("_tokens",)

    def __init__(self, crypto_tokens: str | Secret | Iterable[str | Secret]) -> None:
        raw = [crypto_tokens] if isinstance(crypto_tokens, str | Secret) else list(crypto_tokens)
        tokens = [Secret.of(t) for t in raw]
        if not tokens or not all(tokens):
            raise ValueError("at least one non-empty CryptoToken is required")
        self._tokens: tuple[Secret, ...] = tuple(tokens)

    def __repr__(self) -> str:
        return f"SignatureVerifier(<{len(self._tokens)} CryptoToken(s)>)"

    def verify(self, raw_body: bytes, signature: str | None) -> int:
        """Return the index of the token that signed ``raw_body`` (0 = the newest); raise
        :class:`WebhookSignatureError` otherwise.

        ``raw_body`` must be the exact bytes received, before any JSON parsing or re-encoding.
        """
        if not isinstance(raw_body, bytes | bytearray | memoryview):
            raise TypeError("raw_body must be the raw request bytes, not a decoded value")
        body = bytes(raw_body)
        if signature is None or not signature.strip():
            raise WebhookSignatureError(SignatureFailure.MISSING_HEADER)
        if not _HEX_SHA256.fullmatch(signature.strip()):
            raise WebhookSignatureError(SignatureFailure.MALFORMED_HEADER)
        matched = -1
        # Compare against every token without stopping early (constant-time per comparison, and
        # no timing hint about which token matched).
        for index, token in enumerate(self._tokens):
            ok = signature_matches(webhook_signature(body, token.reveal()), signature)
            if ok and matched < 0:
                matched = index
        if matched < 0:
            raise WebhookSignatureError(SignatureFailure.MISMATCH)
        return matched

    def verify_headers(self, raw_body: bytes, headers: Mapping[str, str]) -> int:
        """:meth:`verify` with the signature taken from ``headers``."""
        return self.verify(raw_body, header_value(headers, SIGNATURE_HEADER))


def verify_webhook_signature(
    raw_body: bytes, signature: str | None, crypto_tokens: str | Secret | Iterable[str | Secret]
) -> int:
    """One-shot form of :meth:`SignatureVerifier.verify`."""
    return SignatureVerifier(crypto_tokens).verify(raw_body, signature)
