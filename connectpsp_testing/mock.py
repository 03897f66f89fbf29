"""``MockPSP``: a running mock plus what a test needs around it (clients, environment, the
payer's and the PIX network's side of each transaction)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

from connectpsp_ext import AsyncConnectPSP, ConnectPSP
from connectpsp_mock.settings import MockSettings
from connectpsp_mock.testing import RunningMock, running_mock


class _HasTransactionId(Protocol):
    @property
    def transaction_id(self) -> Any: ...


class _HasData(Protocol):
    @property
    def data(self) -> Any: ...


# A transaction id, internal code or E2E id; a client ``Result``; or a model with transaction_id.
TransactionRef = str | _HasTransactionId | _HasData


def transaction_id(ref: TransactionRef) -> str:
    """The id to use in a control call, from whatever the test has at hand."""
    if isinstance(ref, str):
        return ref
    target: object = ref
    if not hasattr(target, "transaction_id") and hasattr(target, "data"):
        target = target.data
    value = getattr(target, "transaction_id", None)  # a str (cash-in) or a UUID (cash-out)
    if value is None or not str(value):
        raise TypeError(f"cannot find a transaction id in {type(ref).__name__}")
    return str(value)


def test_settings(**overrides: Any) -> MockSettings:
    """The plugin's mock settings: ``CONNECTPSP_*`` credentials as the mock reads them, webhook
    retries in fractions of a second, and cash-outs that settle only when the test says so
    (D-101). ``overrides`` win."""
    values: dict[str, Any] = {
        "settlement_delay_seconds": None,
        "webhook_retry_delays": (0.05, 0.1, 0.2, 0.4),
        "webhook_timeout_seconds": 2.0,
    }
    values.update(overrides)
    return MockSettings.from_env(**values)


test_settings.__test__ = False  # type: ignore[attr-defined]  # not a test, despite its name


class MockPSP:
    """A started mock. ``env`` configures any client; the helpers play the outside world."""

    def __init__(self, running: RunningMock) -> None:
        self.raw = running
        """The underlying :class:`connectpsp_mock.testing.RunningMock` (every control call)."""

    def __repr__(self) -> str:
        return f"MockPSP(base_url={self.base_url!r})"

    @property
    def base_url(self) -> str:
        return self.raw.base_url

    @property
    def settings(self) -> MockSettings:
        return self.raw.settings

    @property
    def env(self) -> dict[str, str]:
        """``CONNECTPSP_*`` variables pointing a client (or your app) at this mock."""
        settings = self.settings
        return {
            "CONNECTPSP_BASE_URL": self.base_url,
            "CONNECTPSP_CLIENT_ID": settings.client_id,
            "CONNECTPSP_CLIENT_SECRET": settings.client_secret,
            "CONNECTPSP_APPLICATION_TOKEN": settings.application_token,
            "CONNECTPSP_CRYPTO_TOKEN": settings.crypto_tokens[0],
        }

    @property
    def crypto_tokens(self) -> tuple[str, ...]:
        """What a webhook receiver needs to verify this mock's deliveries."""
        return self.settings.crypto_tokens

    def client(self, **overrides: Any) -> ConnectPSP:
        """A new sync client for this mock (close it, or use it in a ``with``)."""
        return ConnectPSP.from_env(self.env, **overrides)

    def async_client(self, **overrides: Any) -> AsyncConnectPSP:
        """A new async client for this mock (``async with``)."""
        return AsyncConnectPSP.from_env(self.env, **overrides)

    # --- the payer's bank -----------------------------------------------------------------

    def pay_cash_in(
        self, cash_in: TransactionRef, *, bank_data: Mapping[str, str] | None = None
    ) -> dict[str, Any]:
        """The payer pays: AWAITING_PAYMENT -> PAID, ``CASHIN_PAID`` is sent."""
        return self.raw.pay_cash_in(transaction_id(cash_in), bank_data=bank_data)

    def expire_cash_in(self, cash_in: TransactionRef) -> dict[str, Any]:
        """The QR code runs out: AWAITING_PAYMENT -> EXPIRED (no webhook exists for this)."""
        return self.raw.expire_cash_in(transaction_id(cash_in))

    # --- the PIX network --------------------------------------------------------------------

    def settle_cash_out(self, cash_out: TransactionRef) -> dict[str, Any]:
        """PROCESSING -> COMPLETED, ``CASHOUT_COMPLETED`` is sent."""
        return self.raw.settle_cash_out(transaction_id(cash_out))

    def fail_cash_out(
        self,
        cash_out: TransactionRef,
        code: str = "PIX_KEY_NOT_FOUND",
        message: str = "The provided PIX key did not resolve to a valid account.",
    ) -> dict[str, Any]:
        """PROCESSING -> FAILED with ``failure{code, message}``, funds back, ``CASHOUT_FAILED``."""
        return self.raw.settle_cash_out(
            transaction_id(cash_out), "FAILED", {"code": code, "message": message}
        )

    def return_cash_out(self, cash_out: TransactionRef) -> dict[str, Any]:
        """The receiving bank returns it: COMPLETED -> REFUNDED, ``CASHOUT_REFUNDED``."""
        return self.raw.return_cash_out(transaction_id(cash_out))

    # --- state and plumbing ---------------------------------------------------------------

    def events(
        self, *, event_type: str | None = None, transaction: TransactionRef | None = None
    ) -> list[dict[str, Any]]:
        """Webhook events the mock recorded, with every delivery attempt."""
        wanted = None if transaction is None else transaction_id(transaction)
        return self.raw.events(event_type=event_type, transaction_id=wanted)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until background settlements and webhook deliveries are finished."""
        return self.raw.wait_idle(timeout)

    def reset(self) -> None:
        self.raw.reset()


@contextmanager
def running_psp_mock(settings: MockSettings | None = None) -> Iterator[MockPSP]:
    """Outside pytest: ``with running_psp_mock() as mock: psp = mock.client()``."""
    with running_mock(settings if settings is not None else test_settings()) as running:
        yield MockPSP(running)
