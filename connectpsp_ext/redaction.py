"""Keep secrets and personal documents out of log output and error messages.

The SDK never formats a secret or a payer/payee document into a message in the first place; this
module is the second line of defence: :func:`scrub` removes the values of every live
:class:`~connectpsp_ext.secrets.Secret`, bearer tokens, JWT-shaped strings, 64-hex signatures and
CPF/CNPJ-shaped numbers from a text, and :class:`RedactingFilter` applies it to log records.

The SDK logs to the ``"connectpsp"`` logger, which carries the filter from import time. To scrub
other libraries' records too (``httpx``, your own), add the filter to your handler::

    handler.addFilter(RedactingFilter())
"""

from __future__ import annotations

import logging
import re

from .secrets import live_secret_values

REDACTED = "[REDACTED]"
LOGGER_NAME = "connectpsp"

_PATTERNS = (
    # "Bearer <token>" anywhere (headers echoed into a message).
    re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+"),
    # A JWT: three base64url segments, the first starting with the '{"' of the header ("eyJ").
    re.compile(r"\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*"),
    # A hex HMAC-SHA256 (DigitalSignature, X-Connect-Signature).
    re.compile(r"(?<![0-9A-Za-z])[0-9a-fA-F]{64}(?![0-9A-Za-z])"),
    # CPF / CNPJ, bare or punctuated (the alphanumeric CNPJ included). Over-redaction of another
    # 11- or 14-character number is the accepted price.
    re.compile(r"(?<![0-9A-Za-z])[0-9]{3}\.?[0-9]{3}\.?[0-9]{3}-?[0-9]{2}(?![0-9A-Za-z])"),
    re.compile(
        r"(?<![0-9A-Za-z])[0-9A-Z]{2}\.?[0-9A-Z]{3}\.?[0-9A-Z]{3}/?[0-9A-Z]{4}-?[0-9]{2}"
        r"(?![0-9A-Za-z])"
    ),
)


def scrub(text: str) -> str:
    """``text`` with every known secret value and every secret- or document-shaped token replaced
    by ``[REDACTED]``."""
    for value in live_secret_values():
        if value in text:
            text = text.replace(value, REDACTED)
    for pattern in _PATTERNS:
        text = pattern.sub(REDACTED, text)
    return text


def scrubbed(text: str | None) -> str | None:
    """:func:`scrub` for an optional value (a header that may be absent)."""
    return None if text is None else scrub(text)


class RedactingFilter(logging.Filter):
    """A logging filter that scrubs each record's final message (and its exception text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = scrub(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            # Render the traceback now, scrubbed, so handlers print this text instead.
            record.exc_text = scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def get_logger() -> logging.Logger:
    """The SDK's logger (``"connectpsp"``), with :class:`RedactingFilter` installed once."""
    logger = logging.getLogger(LOGGER_NAME)
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(RedactingFilter())
        # A library stays silent unless the application configures logging.
        logger.addHandler(logging.NullHandler())
    return logger
