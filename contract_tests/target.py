"""Which ConnectPSP the suite talks to: the embedded mock (default) or staging.

- **mock** (default): ``connectpsp_mock`` is started on a free 127.0.0.1 port with its development
  credentials, a fixed seed and fast webhook retries, and stopped afterwards.
- **staging**: chosen when ``CONNECTPSP_BASE_URL`` is set (or
  ``CONNECTPSP_CONTRACT_TARGET=staging``); then ``CONNECTPSP_CLIENT_ID``,
  ``CONNECTPSP_CLIENT_SECRET``, ``CONNECTPSP_APPLICATION_TOKEN`` and ``CONNECTPSP_CRYPTO_TOKEN`` are
  all required. Amounts are capped (``CONNECTPSP_CONTRACT_MAX_AMOUNT``, default R$ 1.00), requests
  are rate limited, and money-moving operations need ``CONNECTPSP_CONTRACT_ALLOW_MONEY_MOVEMENT=1``.

``CONNECTPSP_CONTRACT_TARGET=mock`` forces the embedded mock even when staging variables are set.
Credentials are held as ``connectpsp_ext.secrets.Secret``: they never show in a repr or a report.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from connectpsp_ext.secrets import Secret

from .settings import RunSettings

if TYPE_CHECKING:
    from connectpsp_mock.testing import RunningMock

TargetKind = Literal["mock", "staging"]

ENV_BASE_URL = "CONNECTPSP_BASE_URL"
ENV_CLIENT_ID = "CONNECTPSP_CLIENT_ID"
ENV_CLIENT_SECRET = "CONNECTPSP_CLIENT_SECRET"
ENV_APPLICATION_TOKEN = "CONNECTPSP_APPLICATION_TOKEN"
ENV_CRYPTO_TOKEN = "CONNECTPSP_CRYPTO_TOKEN"
STAGING_VARIABLES = (
    ENV_BASE_URL,
    ENV_CLIENT_ID,
    ENV_CLIENT_SECRET,
    ENV_APPLICATION_TOKEN,
    ENV_CRYPTO_TOKEN,
)
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# The embedded mock's response style (issue 10 item 5): "full" (default), "minimal" or "random".
ENV_RESPONSE_STYLE = "CONNECTPSP_MOCK_RESPONSE_STYLE"
RESPONSE_STYLES = ("full", "minimal", "random")

# Embedded mock: webhook retries fast enough for a test, settlement quick but observable.
MOCK_WEBHOOK_RETRY_DELAYS = (0.05, 0.1, 0.2)
MOCK_WEBHOOK_TIMEOUT = 2.0
MOCK_SETTLEMENT_DELAY = 0.05


class TargetError(RuntimeError):
    """The environment asks for a target it does not fully describe; names variables only."""


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    base_url: str
    client_id: str
    client_secret: Secret
    application_token: Secret
    crypto_token: Secret
    allow_money_movement: bool
    max_amount: Decimal | None  # None: no cap (the mock)
    # The embedded mock's handle (control API: pay, settle, events, reset); None for staging.
    mock: RunningMock | None = field(default=None, repr=False, compare=False)
    response_style: str = "full"  # the mock's response style; staging answers as it does

    @property
    def sends_everything_documented(self) -> bool:
        """Only the mock's ``full`` style promises every documented field (see ``present``)."""
        return self.is_mock and self.response_style == "full"

    @property
    def is_mock(self) -> bool:
        return self.kind == "mock"

    @property
    def may_move_money(self) -> bool:
        return self.is_mock or self.allow_money_movement

    def describe(self) -> str:
        """A one-line, secret-free description for reports."""
        if self.is_mock:
            return f"embedded mock at {self.base_url} ({self.response_style} response style)"
        money = "money movement allowed" if self.allow_money_movement else "read-only"
        return f"staging at {self.base_url} ({money}, amounts <= R$ {self.max_amount})"


def choose_kind(settings: RunSettings, env: Mapping[str, str]) -> TargetKind:
    if settings.target == "mock":
        return "mock"
    if settings.target == "staging" or env.get(ENV_BASE_URL):
        missing = [name for name in STAGING_VARIABLES if not env.get(name)]
        if missing:
            raise TargetError(
                "staging target selected but these variables are not set: " + ", ".join(missing)
            )
        return "staging"
    return "mock"


def staging_target(settings: RunSettings, env: Mapping[str, str]) -> Target:
    base_url = env[ENV_BASE_URL].rstrip("/")
    parts = urlsplit(base_url)
    if parts.scheme != "https" and parts.hostname not in LOOPBACK_HOSTS:
        raise TargetError(f"{ENV_BASE_URL} must use https (plain http only for loopback)")
    return Target(
        kind="staging",
        base_url=base_url,
        client_id=env[ENV_CLIENT_ID],
        client_secret=Secret(env[ENV_CLIENT_SECRET]),
        application_token=Secret(env[ENV_APPLICATION_TOKEN]),
        crypto_token=Secret(env[ENV_CRYPTO_TOKEN].split(",")[0].strip()),
        allow_money_movement=settings.allow_money_movement,
        max_amount=settings.max_amount,
    )


def response_style(env: Mapping[str, str]) -> str:
    style = env.get(ENV_RESPONSE_STYLE, "").strip().lower() or "full"
    if style not in RESPONSE_STYLES:
        raise TargetError(f"{ENV_RESPONSE_STYLE} must be one of {', '.join(RESPONSE_STYLES)}")
    return style


def _mock_settings_fields() -> frozenset[str]:
    from connectpsp_mock.settings import MockSettings

    return frozenset(f.name for f in dataclasses.fields(MockSettings))


@contextmanager
def embedded_mock(settings: RunSettings, style: str = "full") -> Iterator[Target]:
    from connectpsp_mock.settings import MockSettings
    from connectpsp_mock.testing import running_mock

    options: dict[str, object] = {}
    if "response_style" in _mock_settings_fields():
        options["response_style"] = style
    elif style != "full":
        raise TargetError(
            f"{ENV_RESPONSE_STYLE}={style}, but this mock has no response styles yet (issue 10 "
            "item 5)"
        )
    mock_settings = MockSettings(
        seed=settings.seed,
        webhook_retry_delays=MOCK_WEBHOOK_RETRY_DELAYS,
        webhook_timeout_seconds=MOCK_WEBHOOK_TIMEOUT,
        settlement_delay_seconds=MOCK_SETTLEMENT_DELAY,
        **options,  # type: ignore[arg-type]
    )
    with running_mock(mock_settings) as mock:
        yield Target(
            kind="mock",
            base_url=mock.base_url.rstrip("/"),
            client_id=mock_settings.client_id,
            client_secret=Secret(mock_settings.client_secret),
            application_token=Secret(mock_settings.application_token),
            crypto_token=Secret(mock_settings.crypto_tokens[0]),
            allow_money_movement=True,
            max_amount=None,
            mock=mock,
            response_style=style,
        )


@contextmanager
def open_target(settings: RunSettings, env: Mapping[str, str] | None = None) -> Iterator[Target]:
    """The target for this run; the embedded mock is stopped when the block exits."""
    env = os.environ if env is None else env
    if choose_kind(settings, env) == "staging":
        yield staging_target(settings, env)
        return
    with embedded_mock(settings, response_style(env)) as target:
        yield target
