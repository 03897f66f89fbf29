"""Hand-written layer over the generated ConnectPSP client: what integrators import.

See ``docs/client.md``. The generated package (``connectpsp_client``) stays usable on its own;
``client.generated_client`` gives it this layer's auth, signing, retries and typed errors. The
models users handle are re-exported from ``connectpsp_ext.types``.
"""

from ._version import __version__
from .client import AsyncConnectPSP, ConnectPSP
from .config import PRODUCTION_URL, STAGING_URL, Settings
from .destinations import bank_account_destination, pix_key_destination
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
