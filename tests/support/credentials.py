"""The development credentials the mock accepts by default (``connectpsp_mock.settings``), under
the names the client's constructor uses."""

from __future__ import annotations

from typing import Any

from connectpsp_mock.settings import (
    DEV_APPLICATION_TOKEN,
    DEV_CLIENT_ID,
    DEV_CLIENT_SECRET,
    DEV_CRYPTO_TOKEN,
)

CLIENT_ID = DEV_CLIENT_ID
CLIENT_SECRET = DEV_CLIENT_SECRET
APPLICATION_TOKEN = DEV_APPLICATION_TOKEN
CRYPTO_TOKEN = DEV_CRYPTO_TOKEN
# ConnectPSP(**CREDENTIALS, base_url=...)
CREDENTIALS: dict[str, Any] = {
    "client_id": CLIENT_ID,
    "client_secret": CLIENT_SECRET,
    "application_token": APPLICATION_TOKEN,
    "crypto_token": CRYPTO_TOKEN,
}
