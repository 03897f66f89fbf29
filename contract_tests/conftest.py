"""Fixtures of the contract suite: the target (embedded mock or staging), the schemathesis run, the
client, a webhook receiver, and the mock's control API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .plugin import RESULT_KEY, TARGET_KEY, SummaryPlugin
from .results import RunResult
from .runner import run_schemathesis
from .settings import RunSettings, SettingsError
from .target import Target, TargetError, open_target
from .webhook_receiver import WebhookReceiver, webhook_receiver

CONTRACT_DIR = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    try:
        settings = RunSettings.from_env()
    except SettingsError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.pluginmanager.register(
        SummaryPlugin(config, Path(settings.reports_dir)), "connectpsp-contract-summary"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if CONTRACT_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.contract)


@pytest.fixture(scope="session")
def run_settings() -> RunSettings:
    return RunSettings.from_env()


@pytest.fixture(scope="session")
def target(run_settings: RunSettings, pytestconfig: pytest.Config) -> Iterator[Target]:
    try:
        with open_target(run_settings) as opened:
            pytestconfig.stash[TARGET_KEY] = opened.describe()
            yield opened
    except TargetError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def schemathesis_result(
    target: Target, run_settings: RunSettings, pytestconfig: pytest.Config
) -> RunResult:
    result = run_schemathesis(target, run_settings)
    pytestconfig.stash[RESULT_KEY] = result
    return result


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with webhook_receiver() as running:
        yield running
