"""Client settings, from arguments or from ``CONNECTPSP_*`` environment variables.

- ``CONNECTPSP_BASE_URL`` -> ``base_url`` (default staging, ``https://api.homologacao.connectpsp.com``)
- ``CONNECTPSP_CLIENT_ID`` -> ``client_id`` (required)
- ``CONNECTPSP_CLIENT_SECRET`` -> ``client_secret`` (required)
- ``CONNECTPSP_APPLICATION_TOKEN`` -> ``application_token`` (required)
- ``CONNECTPSP_CRYPTO_TOKEN`` -> ``crypto_token`` (needed for cash-out, refund and rebalance)
- ``CONNECTPSP_MAX_RESPONSE_BYTES`` -> ``max_response_bytes`` (default 8 MiB; D-60)

``https`` is required unless the host is loopback (the local mock). There are no credential
defaults: the mock's development credentials are never used implicitly.
"""

from __future__ import annotations

import ipaddress
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx

from .errors import ConfigurationError
from .retries import RetryPolicy
from .secrets import Secret

STAGING_URL = "https://api.homologacao.connectpsp.com"
PRODUCTION_URL = "https://api.connectpsp.com"
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=5.0)
# httpx's pool size; AsyncConnectPSP sends at most max_connections requests at once (D-65). All
# of them are kept alive (httpx keeps 20): past 20 in flight, httpx's pool and the lanes would
# open and close a connection per request (D-69).
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100)
DEFAULT_REFRESH_MARGIN = 60.0
DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024

ENV_BASE_URL = "CONNECTPSP_BASE_URL"
ENV_CLIENT_ID = "CONNECTPSP_CLIENT_ID"
ENV_CLIENT_SECRET = "CONNECTPSP_CLIENT_SECRET"  # noqa: S105 - a variable name, not a secret
ENV_APPLICATION_TOKEN = "CONNECTPSP_APPLICATION_TOKEN"  # noqa: S105
ENV_CRYPTO_TOKEN = "CONNECTPSP_CRYPTO_TOKEN"  # noqa: S105
ENV_MAX_RESPONSE_BYTES = "CONNECTPSP_MAX_RESPONSE_BYTES"

TimeoutArg = httpx.Timeout | float | int
"""A timeout: an ``httpx.Timeout``, or seconds for each of connect, read, write and pool."""


def as_timeout(value: object) -> httpx.Timeout:
    """``value`` as an ``httpx.Timeout`` (a plain number of seconds is accepted)."""
    if isinstance(value, httpx.Timeout):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigurationError("timeout must be an httpx.Timeout or a number of seconds")
    if not math.isfinite(value) or value <= 0:
        raise ConfigurationError("timeout must be a finite number of seconds > 0")
    return httpx.Timeout(float(value))


def check_max_response_bytes(value: object) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigurationError("max_response_bytes must be a positive int")
    return value


def is_loopback_host(host: str) -> bool:
    """True for ``localhost``, ``127.0.0.0/8`` and ``::1``."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_base_url(base_url: str) -> str:
    """``base_url`` without a trailing slash, or a ``ConfigurationError``."""
    if not isinstance(base_url, str) or not base_url.strip():
        raise ConfigurationError("base_url must be a non-empty URL")
    try:
        url = httpx.URL(base_url.strip())
        host = url.host  # decoded here: idna's errors (host "xn--") are ValueErrors
    except (httpx.InvalidURL, ValueError):
        raise ConfigurationError("base_url is not a valid URL") from None
    if url.scheme not in ("https", "http") or not host:
        raise ConfigurationError("base_url must be an absolute http(s) URL")
    if url.scheme == "http" and not is_loopback_host(host):
        raise ConfigurationError(
            "base_url must use https (plain http is allowed only for a loopback host)"
        )
    if url.userinfo:
        raise ConfigurationError("base_url must not contain credentials")
    if url.query or url.fragment:
        raise ConfigurationError("base_url must not contain a query or a fragment")
    return str(url).rstrip("/")


def _required(name: str, value: str | Secret | None) -> None:
    text = value.reveal() if isinstance(value, Secret) else value
    if not isinstance(text, str) or not text.strip():
        raise ConfigurationError(f"{name} is required")


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a client needs. Secrets are held as :class:`Secret` (redacted in reprs)."""

    client_id: str
    client_secret: Secret
    application_token: Secret
    crypto_token: Secret | None = None
    base_url: str = STAGING_URL
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    """An ``httpx.Timeout`` or a number of seconds (converted)."""
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    refresh_margin: float = DEFAULT_REFRESH_MARGIN
    """Refresh the access token this many seconds before ``expiresIn`` runs out."""
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    """Read at most this many bytes of a response body; past it: ``ResponseTooLargeError``."""

    def __post_init__(self) -> None:
        _required("client_id", self.client_id)
        for name in ("client_secret", "application_token", "crypto_token"):
            value = getattr(self, name)
            if isinstance(value, str):  # accept plain strings, hold them as Secret
                object.__setattr__(self, name, Secret(value))
            elif value is not None and not isinstance(value, Secret):
                raise ConfigurationError(f"{name} must be a str or a Secret")
        _required("client_secret", self.client_secret)
        _required("application_token", self.application_token)
        if self.crypto_token is not None and not self.crypto_token:
            object.__setattr__(self, "crypto_token", None)
        object.__setattr__(self, "base_url", check_base_url(self.base_url))
        object.__setattr__(self, "timeout", as_timeout(self.timeout))
        object.__setattr__(
            self, "max_response_bytes", check_max_response_bytes(self.max_response_bytes)
        )
        if not isinstance(self.retry, RetryPolicy):
            raise ConfigurationError("retry must be a RetryPolicy")
        margin = self.refresh_margin
        if not isinstance(margin, int | float) or not math.isfinite(margin) or margin < 0:
            raise ConfigurationError("refresh_margin must be a finite number >= 0")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from ``CONNECTPSP_*`` variables; keyword arguments win over the environment."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {
            "base_url": env.get(ENV_BASE_URL) or STAGING_URL,
            "client_id": env.get(ENV_CLIENT_ID, ""),
            "client_secret": env.get(ENV_CLIENT_SECRET, ""),
            "application_token": env.get(ENV_APPLICATION_TOKEN, ""),
            "crypto_token": env.get(ENV_CRYPTO_TOKEN) or None,
        }
        if env.get(ENV_MAX_RESPONSE_BYTES):
            values["max_response_bytes"] = env[ENV_MAX_RESPONSE_BYTES]
        values.update({k: v for k, v in overrides.items() if v is not None})
        missing = [
            var
            for var, key in (
                (ENV_CLIENT_ID, "client_id"),
                (ENV_CLIENT_SECRET, "client_secret"),
                (ENV_APPLICATION_TOKEN, "application_token"),
            )
            if not values.get(key)
        ]
        if missing:
            raise ConfigurationError(f"missing environment variable(s): {', '.join(missing)}")
        return cls(**values)  # type: ignore[arg-type]

    @property
    def base_path(self) -> str:
        """The path part of ``base_url`` ("" for a bare host), prefix of every API path."""
        return httpx.URL(self.base_url).path.rstrip("/")
