"""The mock's development credentials (preamble), used by the benchmarks and the soak only.
They are not secrets: the mock accepts them by default and the client never defaults to them."""

from __future__ import annotations

CLIENT_ID = "1000001"
CLIENT_SECRET = "3f9a1c2e-7b4d-4e8f-9a6b-5c2d1e0f9a8b"
APPLICATION_TOKEN = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
CRYPTO_TOKEN = "dev-crypto-token"

DEV_ENV = {
    "CONNECTPSP_CLIENT_ID": CLIENT_ID,
    "CONNECTPSP_CLIENT_SECRET": CLIENT_SECRET,
    "CONNECTPSP_APPLICATION_TOKEN": APPLICATION_TOKEN,
    "CONNECTPSP_CRYPTO_TOKEN": CRYPTO_TOKEN,
}
