"""Configuration of one mock instance: credentials, clocks, settlement, webhooks, initial balances.

Credentials come from the same environment variables the client reads, with the documented
development defaults (used only by the mock and tests, never as client defaults).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

DEV_CLIENT_ID = "1000001"
DEV_CLIENT_SECRET = "3f9a1c2e-7b4d-4e8f-9a6b-5c2d1e0f9a8b"  # noqa: S105 (documented dev value)
DEV_APPLICATION_TOKEN = "f47ac10b-58cc-4372-a567-0e02b2c3d479"  # noqa: S105 (docs example)
DEV_CRYPTO_TOKEN = "dev-crypto-token"  # noqa: S105 (documented dev value)

# Webhooks only ever go to these hosts unless configured otherwise: fuzzers put arbitrary URLs
# into webhookUrl and this machine must never send traffic to non-loopback addresses.
LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")

# How complete the mock's responses are (issue 10 item 5, D-71): "full" sends every field the
# mock knows, "minimal" only what the docs guarantee (optional fields left out or null), "random"
# mixes the two per response and field, reproducibly from the seed.
RESPONSE_STYLES: tuple[str, ...] = ("full", "minimal", "random")
RESPONSE_STYLE_ENV = "CONNECTPSP_MOCK_RESPONSE_STYLE"


def response_style_from_env(environ: Mapping[str, str] | None = None) -> str:
    """``$CONNECTPSP_MOCK_RESPONSE_STYLE`` (lower-cased), ``full`` when unset or empty."""
    env = os.environ if environ is None else environ
    return env.get(RESPONSE_STYLE_ENV, "").strip().lower() or "full"


# The frozen "now" of a seeded mock (advance it with POST /_mock/clock/advance).
SEEDED_START = datetime(2026, 3, 10, 14, 0, 0, tzinfo=UTC)


@dataclass(frozen=True)
class AccountSeed:
    """One bank account (transactional or proprietary) and its initial balance in BRL."""

    branch: str
    account: str
    balance: Decimal


@dataclass(frozen=True)
class BankSeed:
    """A banking partner with its two accounts."""

    ispb: str
    name: str
    transactional: AccountSeed
    proprietary: AccountSeed


# Totals mirror the Get Balance example: transactional 500,000.00, proprietary 1,000,000.00.
# Celcoin's ISPB and account numbers are the docs' example; Delbank's ISPB is a plausible mock
# value (not verified), StarkBank's is its public ISPB.
DEFAULT_BANKS: tuple[BankSeed, ...] = (
    BankSeed(
        ispb="11491029",
        name="DELBANK S.A.",
        transactional=AccountSeed("0001", "100200", Decimal("200000.00")),
        proprietary=AccountSeed("0001", "100201", Decimal("400000.00")),
    ),
    BankSeed(
        ispb="13935893",
        name="CELCOIN IP S.A.",
        transactional=AccountSeed("0001", "123456", Decimal("200000.00")),
        proprietary=AccountSeed("0001", "654321", Decimal("400000.00")),
    ),
    BankSeed(
        ispb="20018183",
        name="STARK BANK S.A.",
        transactional=AccountSeed("0001", "300300", Decimal("100000.00")),
        proprietary=AccountSeed("0001", "300301", Decimal("200000.00")),
    ),
)


@dataclass(frozen=True)
class MockSettings:
    """Everything that configures a mock instance. Secrets are kept out of ``repr``."""

    client_id: str = DEV_CLIENT_ID
    client_secret: str = field(default=DEV_CLIENT_SECRET, repr=False)
    application_token: str = field(default=DEV_APPLICATION_TOKEN, repr=False)
    # The first token signs webhooks; every token verifies DigitalSignature (rotation).
    crypto_tokens: tuple[str, ...] = field(default=(DEV_CRYPTO_TOKEN,), repr=False)
    token_ttl_seconds: int = 3600
    # None: random ids and the real clock. An int: deterministic ids and a frozen clock.
    seed: int | None = None
    # Delay before a cash-out settles by itself; None = only by a control call.
    settlement_delay_seconds: float | None = 0.05
    # Pause before each retry of a failed webhook delivery (so len + 1 attempts in all, D-22).
    webhook_retry_delays: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0, 16.0)
    webhook_timeout_seconds: float = 5.0
    webhook_allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    banks: tuple[BankSeed, ...] = DEFAULT_BANKS
    idempotency_ttl_seconds: int = 24 * 3600
    max_body_bytes: int = 1024 * 1024
    # Upper bound of a request's fault delays, so a fault can never hang a server forever.
    max_fault_delay_seconds: float = 60.0
    # The environment is read when the field is not given, so every mock a test run starts
    # (whatever its other settings) follows CONNECTPSP_MOCK_RESPONSE_STYLE; CI runs both styles.
    response_style: str = field(default_factory=response_style_from_env)
    # Memory bounds (D-84): the most recent cash-ins, cash-outs (each) and 2x as many webhook
    # events are kept; older ones answer 404. Idempotency records: the most recent ones within
    # the TTL; a retry past them is processed anew (its externalReference then answers 409).
    max_transactions: int = 20_000
    max_idempotency_records: int = 20_000

    def __post_init__(self) -> None:
        if not self.client_id or not self.client_secret:
            raise ValueError("client_id and client_secret must not be empty")
        if not self.application_token:
            raise ValueError("application_token must not be empty")
        tokens = tuple(self.crypto_tokens)
        if not tokens or any(not t for t in tokens):
            raise ValueError("crypto_tokens must hold at least one non-empty token")
        object.__setattr__(self, "crypto_tokens", tokens)
        if self.token_ttl_seconds < 1:
            raise ValueError("token_ttl_seconds must be at least 1")
        if self.settlement_delay_seconds is not None and self.settlement_delay_seconds < 0:
            raise ValueError("settlement_delay_seconds must be >= 0 or None")
        delays = tuple(float(d) for d in self.webhook_retry_delays)
        if any(d < 0 for d in delays):
            raise ValueError("webhook_retry_delays must be >= 0")
        object.__setattr__(self, "webhook_retry_delays", delays)
        if self.webhook_timeout_seconds <= 0:
            raise ValueError("webhook_timeout_seconds must be > 0")
        hosts = tuple(h.strip().strip("[]").lower() for h in self.webhook_allowed_hosts)
        object.__setattr__(self, "webhook_allowed_hosts", hosts)
        if not self.banks:
            raise ValueError("at least one bank is required")
        if len({b.ispb for b in self.banks}) != len(self.banks):
            raise ValueError("bank ISPBs must be unique")
        for bank in self.banks:
            for account in (bank.transactional, bank.proprietary):
                if account.balance < 0 or account.balance != account.balance.quantize(
                    Decimal("0.01")
                ):
                    raise ValueError("initial balances must be >= 0 with at most two decimals")
        if self.idempotency_ttl_seconds < 1:
            raise ValueError("idempotency_ttl_seconds must be at least 1")
        if self.response_style not in RESPONSE_STYLES:
            raise ValueError(
                f"response_style must be one of {', '.join(RESPONSE_STYLES)} "
                f"(also in ${RESPONSE_STYLE_ENV})"
            )
        if self.max_transactions < 1 or self.max_idempotency_records < 1:
            raise ValueError("max_transactions and max_idempotency_records must be at least 1")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> MockSettings:
        """Credentials from ``CONNECTPSP_*`` variables (dev defaults otherwise), then ``overrides``
        (applied as given: ``settlement_delay_seconds=None`` means settlement by control call only).

        ``CONNECTPSP_CRYPTO_TOKEN`` may hold several comma-separated tokens (rotation); the first
        one signs webhooks.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {
            "client_id": env.get("CONNECTPSP_CLIENT_ID") or DEV_CLIENT_ID,
            "client_secret": env.get("CONNECTPSP_CLIENT_SECRET") or DEV_CLIENT_SECRET,
            "application_token": env.get("CONNECTPSP_APPLICATION_TOKEN") or DEV_APPLICATION_TOKEN,
            "crypto_tokens": parse_crypto_tokens(env.get("CONNECTPSP_CRYPTO_TOKEN", "")),
            "response_style": response_style_from_env(env),
        }
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown MockSettings fields: {sorted(unknown)}")
        values.update(overrides)
        return cls(**values)

    def with_changes(self, **changes: Any) -> MockSettings:
        """A copy with some fields replaced (validated again)."""
        return replace(self, **changes)


def parse_crypto_tokens(raw: str) -> tuple[str, ...]:
    """``"a, b"`` -> ``("a", "b")``; empty input gives the development default."""
    tokens = tuple(t.strip() for t in raw.split(",") if t.strip())
    return tokens or (DEV_CRYPTO_TOKEN,)
