"""MockSettings (env, validation, no secrets in repr) and the command line."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from decimal import Decimal

import httpx
import pytest

from connectpsp_mock.__main__ import build_parser, settings_from_args
from connectpsp_mock.settings import (
    DEV_APPLICATION_TOKEN,
    DEV_CLIENT_SECRET,
    DEV_CRYPTO_TOKEN,
    AccountSeed,
    BankSeed,
    MockSettings,
)
from connectpsp_mock.testing import running_mock


def test_from_env_reads_the_client_variables() -> None:
    env = {
        "CONNECTPSP_CLIENT_ID": "42",
        "CONNECTPSP_CLIENT_SECRET": "s3cret",
        "CONNECTPSP_APPLICATION_TOKEN": "app-token",
        "CONNECTPSP_CRYPTO_TOKEN": "new, old",
    }
    settings = MockSettings.from_env(env, seed=9)
    assert settings.client_id == "42" and settings.client_secret == "s3cret"
    assert settings.application_token == "app-token"
    assert settings.crypto_tokens == ("new", "old")
    assert settings.seed == 9
    manual = MockSettings.from_env(env, settlement_delay_seconds=None)
    assert manual.settlement_delay_seconds is None


def test_from_env_defaults_are_the_documented_dev_values() -> None:
    settings = MockSettings.from_env({})
    assert settings.client_id == "1000001"
    assert settings.client_secret == DEV_CLIENT_SECRET
    assert settings.application_token == DEV_APPLICATION_TOKEN
    assert settings.crypto_tokens == (DEV_CRYPTO_TOKEN,)
    assert settings.webhook_allowed_hosts == ("127.0.0.1", "localhost", "::1")
    assert settings.token_ttl_seconds == 3600 and settings.idempotency_ttl_seconds == 86400
    with pytest.raises(TypeError):
        MockSettings.from_env({}, no_such_field=1)


def test_repr_hides_secrets() -> None:
    settings = MockSettings(client_secret="s3cret", application_token="app", crypto_tokens=("ct",))
    text = repr(settings)
    assert "s3cret" not in text and "'app'" not in text and "ct'" not in text
    assert "client_id='1000001'" in text


@pytest.mark.parametrize(
    "changes",
    [
        {"crypto_tokens": ()},
        {"crypto_tokens": ("",)},
        {"token_ttl_seconds": 0},
        {"settlement_delay_seconds": -1},
        {"webhook_retry_delays": (-1,)},
        {"webhook_timeout_seconds": 0},
        {"banks": ()},
        {"client_secret": ""},
        {
            "banks": (
                BankSeed(
                    "1",
                    "A",
                    AccountSeed("1", "1", Decimal("0.001")),
                    AccountSeed("1", "2", Decimal(0)),
                ),
            )
        },
    ],
)
def test_invalid_settings_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        MockSettings(**changes)  # type: ignore[arg-type]


def test_custom_banks_and_balances() -> None:
    banks = (
        BankSeed(
            "12345678",
            "ONLY BANK",
            AccountSeed("1", "10", Decimal("5.00")),
            AccountSeed("1", "11", Decimal("0")),
        ),
    )
    with running_mock(MockSettings(seed=1, banks=banks)) as mock:
        body = httpx.get(mock.base_url + "/account/balance", headers=mock.auth_headers()).json()
        assert body["consolidated"]["totalBalance"] == 5
        assert [b["bank"] for b in body["banks"]] == ["ONLY BANK"]


def test_command_line_options() -> None:
    args = build_parser().parse_args(
        [
            "--seed",
            "5",
            "--token-ttl",
            "60",
            "--settlement-delay",
            "none",
            "--crypto-token",
            "a,b",
            "--webhook-allow-host",
            "hooks.internal",
            "--webhook-retry-delays",
            "0.1,0.2",
            "--client-id",
            "77",
        ]
    )
    settings = settings_from_args(args)
    assert settings.seed == 5 and settings.token_ttl_seconds == 60
    assert settings.settlement_delay_seconds is None
    assert settings.crypto_tokens == ("a", "b")
    assert settings.webhook_allowed_hosts == ("127.0.0.1", "localhost", "::1", "hooks.internal")
    assert settings.webhook_retry_delays == (0.1, 0.2)
    assert settings.client_id == "77"
    default = settings_from_args(build_parser().parse_args([]))
    assert default.settlement_delay_seconds == 0.05 and default.seed is None


def test_python_dash_m_serves_on_loopback() -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "connectpsp_mock",
            "--port",
            "0",
            "--seed",
            "1",
            "--log-level",
            "info",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        port = None
        deadline = time.monotonic() + 20
        while port is None and time.monotonic() < deadline:
            line = process.stderr.readline()
            match = re.search(r"Uvicorn running on http://127\.0\.0\.1:(\d+)", line)
            port = int(match.group(1)) if match else None
        assert port, "the server did not report its address"
        health = httpx.get(f"http://127.0.0.1:{port}/_mock/health")
        assert health.json() == {"ok": True, "now": "2026-03-10T14:00:00Z"}
    finally:
        process.terminate()
        process.wait(10)
