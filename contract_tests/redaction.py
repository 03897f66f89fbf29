"""Last line of defence for everything the suite prints or writes to ``reports/``.

schemathesis already sanitizes the headers and fields it knows are sensitive (configured in
``config.py``). On top of that every text leaving the suite goes through :func:`redact`, which
removes the raw value of every live ``connectpsp_ext.secrets.Secret`` (the target's credentials
and the access tokens the suite obtained), any ``Bearer`` value, any JWT-shaped string, and the
values of the sensitive headers wherever they are written as ``Name: value``.

Payer/payee documents in reproduction commands are left alone on purpose: the suite generates them
(synthetic CPFs/CNPJs), and a reproduction without its body would not reproduce.
"""

from __future__ import annotations

import re

from connectpsp_ext.secrets import live_secret_values

FILTERED = "[Filtered]"
SENSITIVE_HEADERS = (
    "Authorization",
    "ApplicationToken",
    "DigitalSignature",
    "X-Connect-Signature",
)
_HEADER_VALUE = re.compile(
    r"(?i)\b(" + "|".join(re.escape(name) for name in SENSITIVE_HEADERS) + r")(\s*[:=]\s*)"
    r"(?!\[Filtered\])([^'\"\s,}]+(?:\s+[^'\"\s,}]+)?)"
)
_BEARER = re.compile(r"(?i)\bbearer\s+(?!\[Filtered\])[A-Za-z0-9._~+/=-]+")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*")
_JSON_SECRET_FIELD = re.compile(
    r'(?i)("(?:clientSecret|accessToken|cryptoToken)"\s*:\s*)"(?!\[Filtered\])[^"]*"'
)


def redact(text: str) -> str:
    for value in live_secret_values():
        if len(value) >= 4 and value in text:
            text = text.replace(value, FILTERED)
    text = _JSON_SECRET_FIELD.sub(rf'\1"{FILTERED}"', text)
    text = _BEARER.sub(f"Bearer {FILTERED}", text)
    text = _JWT.sub(FILTERED, text)
    return _HEADER_VALUE.sub(rf"\1\2{FILTERED}", text)
