"""Target selection and run settings come from the environment, safely."""

from __future__ import annotations

from decimal import Decimal

import pytest

from contract_tests.settings import DEFAULT_SEED, RunSettings, SettingsError
from contract_tests.target import TargetError, choose_kind, staging_target

STAGING_ENV = {
    "CONNECTPSP_BASE_URL": "https://api.homologacao.connectpsp.com",
    "CONNECTPSP_CLIENT_ID": "42",
    "CONNECTPSP_CLIENT_SECRET": "secret-value-not-to-print",
    "CONNECTPSP_APPLICATION_TOKEN": "application-token-not-to-print",
    "CONNECTPSP_CRYPTO_TOKEN": "crypto-token-not-to-print",
}


def test_defaults_are_fixed_and_bounded() -> None:
    settings = RunSettings.from_env({})
    assert settings.seed == DEFAULT_SEED
    assert settings.phases == ("examples", "coverage", "fuzzing", "stateful")
    assert settings.examples_for("mock") > settings.examples_for("staging") > 0
    assert settings.rate_limit_for("mock") is None
    assert settings.rate_limit_for("staging") == "2/s"
    assert settings.max_amount == Decimal("1.00")
    assert settings.allow_money_movement is False


def test_environment_overrides() -> None:
    settings = RunSettings.from_env(
        {
            "CONNECTPSP_CONTRACT_SEED": "7",
            "CONNECTPSP_CONTRACT_MAX_EXAMPLES": "3",
            "CONNECTPSP_CONTRACT_PHASES": "examples, stateful",
            "CONNECTPSP_CONTRACT_ALLOW_MONEY_MOVEMENT": "1",
            "CONNECTPSP_CONTRACT_MAX_AMOUNT": "0.50",
            "CONNECTPSP_CONTRACT_RATE_LIMIT": "1/s",
        }
    )
    assert (settings.seed, settings.examples_for("mock")) == (7, 3)
    assert settings.phases == ("examples", "stateful")
    assert settings.allow_money_movement is True
    assert settings.max_amount == Decimal("0.50")
    assert settings.rate_limit_for("staging") == "1/s"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CONNECTPSP_CONTRACT_SEED", "abc"),
        ("CONNECTPSP_CONTRACT_MAX_EXAMPLES", "0"),
        ("CONNECTPSP_CONTRACT_PHASES", "examples,explode"),
        ("CONNECTPSP_CONTRACT_ALLOW_MONEY_MOVEMENT", "maybe"),
        ("CONNECTPSP_CONTRACT_MAX_AMOUNT", "0.001"),
        ("CONNECTPSP_CONTRACT_MAX_AMOUNT", "-1"),
        ("CONNECTPSP_CONTRACT_TARGET", "production"),
    ],
)
def test_bad_values_are_refused_by_name(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        RunSettings.from_env({name: value})


def test_mock_is_the_default_and_staging_needs_every_credential() -> None:
    settings = RunSettings.from_env({})
    assert choose_kind(settings, {}) == "mock"
    # Credentials alone (e.g. a developer's shell) do not select staging: the base URL does.
    only_credentials = {k: v for k, v in STAGING_ENV.items() if k != "CONNECTPSP_BASE_URL"}
    assert choose_kind(settings, only_credentials) == "mock"
    assert choose_kind(settings, STAGING_ENV) == "staging"
    partial = dict(STAGING_ENV, CONNECTPSP_CRYPTO_TOKEN="")
    with pytest.raises(TargetError) as error:
        choose_kind(settings, partial)
    assert "CONNECTPSP_CRYPTO_TOKEN" in str(error.value)
    assert "not-to-print" not in str(error.value)


def test_forced_mock_ignores_staging_variables() -> None:
    settings = RunSettings.from_env({"CONNECTPSP_CONTRACT_TARGET": "mock"})
    assert choose_kind(settings, STAGING_ENV) == "mock"


def test_staging_target_is_capped_read_only_and_secret_free() -> None:
    settings = RunSettings.from_env({})
    target = staging_target(settings, STAGING_ENV)
    assert target.kind == "staging" and not target.may_move_money
    assert target.max_amount == Decimal("1.00")
    for text in (repr(target), target.describe(), str(target)):
        assert "not-to-print" not in text
    allowed = staging_target(
        RunSettings.from_env({"CONNECTPSP_CONTRACT_ALLOW_MONEY_MOVEMENT": "1"}), STAGING_ENV
    )
    assert allowed.may_move_money


def test_staging_requires_https() -> None:
    settings = RunSettings.from_env({})
    with pytest.raises(TargetError, match="https"):
        staging_target(settings, dict(STAGING_ENV, CONNECTPSP_BASE_URL="http://example.com"))
    loopback = staging_target(settings, dict(STAGING_ENV, CONNECTPSP_BASE_URL="http://127.0.0.1:1"))
    assert loopback.base_url == "http://127.0.0.1:1"
