"""Hand-written layer over the generated ConnectPSP client: what integrators import.

See ``docs/client.md``. The generated package (``connectpsp_client``) stays usable on its own;
``client.generated_client`` gives it this layer's auth, signing, retries and typed errors. The
models users handle are re-exported from ``connectpsp_ext.types``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .config import PRODUCTION_URL, STAGING_URL, Settings
from .errors import (
    AuthenticationError,
    BusinessRuleError,
    ConfigurationError,
    ConflictError,
    ConnectPSPError,
    ErrorAction,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestTimeoutError,
    ResponseTooLargeError,
    ServerError,
    SignatureError,
    UnexpectedResponseError,
    UnprocessableError,
    ValidationError,
)
from .idempotency import new_idempotency_key
from .money import to_amount
from .redaction import RedactingFilter
from .results import Result
from .retries import RetryPolicy
from .secrets import Secret

if TYPE_CHECKING:
    from ._async.client import AsyncConnectPSP
    from ._sync.client import ConnectPSP
    from .destinations import bank_account_destination, pix_key_destination

# Imported on first use (issue 14: `import connectpsp_ext` cost 2.4x `import httpx`): the clients
# bring the generated models and, for the async one, asyncio; the destinations bring the models.
_LAZY = {
    "AsyncConnectPSP": "._async.client",
    "ConnectPSP": "._sync.client",
    "bank_account_destination": ".destinations",
    "pix_key_destination": ".destinations",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # next time a plain attribute
    return value


__all__ = [
    "PRODUCTION_URL",
    "STAGING_URL",
    "AsyncConnectPSP",
    "AuthenticationError",
    "BusinessRuleError",
    "ConfigurationError",
    "ConflictError",
    "ConnectPSP",
    "ConnectPSPError",
    "ErrorAction",
    "NetworkError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RedactingFilter",
    "RequestTimeoutError",
    "ResponseTooLargeError",
    "Result",
    "RetryPolicy",
    "Secret",
    "ServerError",
    "Settings",
    "SignatureError",
    "UnexpectedResponseError",
    "UnprocessableError",
    "ValidationError",
    "__version__",
    "bank_account_destination",
    "new_idempotency_key",
    "pix_key_destination",
    "to_amount",
]
