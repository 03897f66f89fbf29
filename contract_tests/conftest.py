"""Fixtures of the contract suite: the target (embedded mock or staging), the schemathesis run, the
client, a webhook receiver, and the mock's control API."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from connectpsp_ext import ConnectPSP
from connectpsp_mock.testing import RunningMock

from . import present as presence
from .hypothesis_storage import release, use_temporary_storage
from .plugin import RESULT_KEY, TARGET_KEY, SummaryPlugin
from .progress import ContractProgress
from .recording import RecordingTransport
from .results import RunResult
from .runner import run_schemathesis
from .settings import RunSettings, SettingsError
from .target import Target, TargetError, open_target
from .webhook_receiver import WebhookReceiver, webhook_receiver

CONTRACT_DIR = Path(__file__).resolve().parent


HYPOTHESIS_DIR = pytest.StashKey[Path | None]()


def pytest_configure(config: pytest.Config) -> None:
    try:
        settings = RunSettings.from_env()
    except SettingsError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[HYPOTHESIS_DIR] = use_temporary_storage()
    config.pluginmanager.register(
        SummaryPlugin(config, Path(settings.reports_dir)), "connectpsp-contract-summary"
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    release(config.stash.get(HYPOTHESIS_DIR, None))


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
            presence.configure(strict=opened.sends_everything_documented)
            yield opened
    except TargetError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def schemathesis_result(
    target: Target, run_settings: RunSettings, pytestconfig: pytest.Config
) -> RunResult:
    if target.mock is not None:
        target.mock.reset()  # same starting state whatever ran before: the seed reproduces the run
    # Progress goes to the real terminal: pytest captures output during fixture setup.
    capture = pytestconfig.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled(), ContractProgress(sys.stderr) as progress:
        result = run_schemathesis(target, run_settings, progress=progress)
    pytestconfig.stash[RESULT_KEY] = result
    return result


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with webhook_receiver() as running:
        yield running


@pytest.fixture(scope="session")
def client(target: Target) -> Iterator[ConnectPSP]:
    """The project's client, configured for the target (one pool for the whole session)."""
    with ConnectPSP(
        base_url=target.base_url,
        client_id=target.client_id,
        client_secret=target.client_secret,
        application_token=target.application_token,
        crypto_token=target.crypto_token,
        transport=RecordingTransport(),  # tallies response deviations as findings (issue 10)
    ) as psp:
        yield psp


@pytest.fixture
def mock(target: Target) -> RunningMock:
    """The embedded mock's control API; flows that simulate the outside world need it."""
    if target.mock is None:
        pytest.skip(
            "needs the mock's control API (/_mock/: payer simulation, settlement outcomes, "
            "state); not available against staging"
        )
    target.mock.reset()
    return target.mock


@pytest.fixture
def money_movement(target: Target) -> None:
    """Marks a flow that moves money: always on the mock, on staging only when allowed."""
    if not target.may_move_money:
        pytest.skip("moves money: set CONNECTPSP_CONTRACT_ALLOW_MONEY_MOVEMENT=1 to run on staging")
