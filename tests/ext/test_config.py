"""Settings: arguments, environment variables, https enforcement, Secret handling."""

from __future__ import annotations

import copy
import pickle

import httpx
import pytest

from connectpsp_ext import (
    STAGING_URL,
    AsyncConnectPSP,
    ConfigurationError,
    ConnectPSP,
    RetryPolicy,
    Secret,
    Settings,
)
from connectpsp_ext.config import DEFAULT_TIMEOUT, check_base_url
from tests.support.credentials import APPLICATION_TOKEN, CLIENT_SECRET, CREDENTIALS, CRYPTO_TOKEN

from .fakes import FakeConnectPSP

ENV = {
    "CONNECTPSP_CLIENT_ID": "1000001",
    "CONNECTPSP_CLIENT_SECRET": CLIENT_SECRET,
    "CONNECTPSP_APPLICATION_TOKEN": APPLICATION_TOKEN,
    "CONNECTPSP_CRYPTO_TOKEN": CRYPTO_TOKEN,
}


def test_secret_never_shows_its_value() -> None:
    secret = Secret("s3cr3t-value")
    assert "s3cr3t" not in repr(secret)
    assert "s3cr3t" not in str(secret)
    assert "s3cr3t" not in f"{secret}"
    assert "s3cr3t" not in f"{secret!r:>30}"
    assert secret.reveal() == "s3cr3t-value"
    assert copy.deepcopy(secret) is secret
    with pytest.raises(TypeError):
        pickle.dumps(secret)
    with pytest.raises(TypeError):
        Secret(123)  # type: ignore[arg-type]


def test_defaults_staging_and_explicit_timeouts() -> None:
    settings = Settings.from_env(ENV)
    assert settings.base_url == STAGING_URL
    assert settings.timeout.connect == 5.0
    assert settings.timeout.read == 30.0
    assert settings.retry == RetryPolicy(
        max_retries=2, backoff_base=0.5, backoff_cap=8.0, retry_after_cap=60.0
    )
    assert settings.refresh_margin == 60.0
    assert settings.client_id == "1000001"
    assert settings.client_secret.reveal() == CLIENT_SECRET
    assert settings.crypto_token is not None and settings.crypto_token.reveal() == CRYPTO_TOKEN
    text = repr(settings)
    for secret in (CLIENT_SECRET, APPLICATION_TOKEN, CRYPTO_TOKEN):
        assert secret not in text


def test_env_base_url_and_overrides_win() -> None:
    env = {**ENV, "CONNECTPSP_BASE_URL": "http://127.0.0.1:8080/"}
    settings = Settings.from_env(env, client_id="42", timeout=httpx.Timeout(1.0))
    assert settings.base_url == "http://127.0.0.1:8080"
    assert settings.client_id == "42"
    assert settings.timeout == httpx.Timeout(1.0)


def test_crypto_token_is_optional() -> None:
    env = {k: v for k, v in ENV.items() if k != "CONNECTPSP_CRYPTO_TOKEN"}
    assert Settings.from_env(env).crypto_token is None


def test_missing_env_vars_are_named_not_valued() -> None:
    with pytest.raises(ConfigurationError) as info:
        Settings.from_env({"CONNECTPSP_CLIENT_SECRET": CLIENT_SECRET})
    message = str(info.value)
    assert "CONNECTPSP_CLIENT_ID" in message
    assert "CONNECTPSP_APPLICATION_TOKEN" in message
    assert CLIENT_SECRET not in message


def test_from_env_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CONNECTPSP_BASE_URL", "https://sandbox.example.com/v2")
    server = FakeConnectPSP()
    with ConnectPSP.from_env(transport=server.transport()) as psp:
        assert psp.settings.base_url == "https://sandbox.example.com/v2"
        psp.account.balance()
    assert [str(r.url) for r in server.requests] == [
        "https://sandbox.example.com/v2/auth/token",
        "https://sandbox.example.com/v2/account/balance",
    ]


@pytest.mark.parametrize(
    "url",
    [
        "https://api.connectpsp.com",
        "http://127.0.0.1:8000",
        "http://localhost:8000",
        "http://[::1]:8000",
        "http://127.5.6.7",
    ],
)
def test_https_or_loopback_accepted(url: str) -> None:
    assert check_base_url(url) == url


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("http://api.connectpsp.com", "https"),
        ("http://10.0.0.1:8000", "https"),
        ("http://localhost.evil.com", "https"),
        ("ftp://api.connectpsp.com", "absolute http"),
        ("api.connectpsp.com", "absolute http"),
        ("https://user:pw@api.connectpsp.com", "credentials"),
        ("https://api.connectpsp.com/?debug=1", "query"),
        ("", "non-empty"),
    ],
)
def test_bad_base_urls_refused(url: str, fragment: str) -> None:
    with pytest.raises(ConfigurationError, match=fragment):
        ConnectPSP(**CREDENTIALS, base_url=url)


@pytest.mark.parametrize("missing", ["client_id", "client_secret", "application_token"])
def test_credentials_required(missing: str) -> None:
    kwargs = {**CREDENTIALS, missing: ""}
    with pytest.raises(ConfigurationError, match=missing):
        ConnectPSP(**kwargs)


@pytest.mark.parametrize(
    "policy",
    [
        {"max_retries": -1},
        {"max_retries": True},
        {"backoff_base": float("nan")},
        {"deadline": 0},
        {"retry_after_cap": -1},
    ],
)
def test_bad_retry_policy_refused(policy: dict[str, object]) -> None:
    with pytest.raises(ConfigurationError):
        RetryPolicy(**policy)  # type: ignore[arg-type]


def test_client_reprs_hold_no_secrets() -> None:
    for cls in (ConnectPSP, AsyncConnectPSP):
        client = cls(**CREDENTIALS)
        text = (
            repr(client)
            + repr(client.settings)
            + repr(client.token_cache)
            + repr(client._requestor)
        )
        text += repr(client.cash_in) + repr(client.generated_client)
        for secret in (CLIENT_SECRET, APPLICATION_TOKEN, CRYPTO_TOKEN):
            assert secret not in text
        assert "1000001" in repr(client)


def test_default_timeout_object() -> None:
    assert httpx.Timeout(connect=5.0, read=30.0, write=30.0, pool=5.0) == DEFAULT_TIMEOUT
