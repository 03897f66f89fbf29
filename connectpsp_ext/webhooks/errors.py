"""Typed errors of the webhook toolkit.

None of them ever carries a CryptoToken, a signature value or the delivery body: they are meant to
be logged and turned into HTTP answers.
"""

from __future__ import annotations

from enum import StrEnum


class WebhookError(Exception):
    """Base of every webhook toolkit error."""


class SignatureFailure(StrEnum):
    """Why ``X-Connect-Signature`` was not accepted."""

    MISSING_HEADER = "missing_header"
    MALFORMED_HEADER = "malformed_header"
    MISMATCH = "mismatch"


_SIGNATURE_MESSAGES = {
    SignatureFailure.MISSING_HEADER: "X-Connect-Signature header is missing or empty",
    SignatureFailure.MALFORMED_HEADER: (
        "X-Connect-Signature header is not a 64-character hex HMAC-SHA256"
    ),
    SignatureFailure.MISMATCH: (
        "X-Connect-Signature does not match the body under any active CryptoToken"
    ),
}


class WebhookSignatureError(WebhookError):
    """The delivery is not proven to come from ConnectPSP; answer 401 and do not parse it."""

    def __init__(self, reason: SignatureFailure) -> None:
        super().__init__(_SIGNATURE_MESSAGES[reason])
        self.reason = reason


class MalformedWebhook(WebhookError, ValueError):
    """A correctly signed delivery whose body is not a well-formed event."""


class WebhookNotConfirmed(WebhookError):
    """Polling the API did not confirm what the event claims (see ``reasons``)."""

    def __init__(self, reasons: tuple[str, ...]) -> None:
        super().__init__("event not confirmed by polling: " + "; ".join(reasons))
        self.reasons = reasons
