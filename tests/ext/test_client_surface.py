"""The constructor, per-call options and deviations on results (issue 12 item 5, issue 10)."""

from __future__ import annotations

import dataclasses
import inspect
import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from connectpsp_ext import (
    AsyncConnectPSP,
    ConfigurationError,
    ConnectPSP,
    ServerError,
    Settings,
    UnexpectedResponseError,
)
from connectpsp_ext.operations import CREATE_CASH_IN, GET_CASH_IN
from tests.support.credentials import CREDENTIALS
from tests.support.samples import CASH_IN

from .fakes import BASE_URL, FakeConnectPSP, make_client, ok, problem


@pytest.mark.parametrize("cls", [ConnectPSP, AsyncConnectPSP])
def test_test_seams_are_not_constructor_arguments(cls: type) -> None:
    parameters = set(inspect.signature(cls).parameters)
    assert not parameters & {"sleep", "clock", "rng"}
    assert {"client_id", "timeout", "retry", "max_response_bytes", "settings"} <= parameters


@pytest.mark.parametrize("cls", [ConnectPSP, AsyncConnectPSP])
def test_settings_together_with_arguments_is_an_error(cls: type) -> None:
    settings = Settings(**{k: v for k, v in CREDENTIALS.items()}, base_url=BASE_URL)
    with pytest.raises(ConfigurationError, match="client_id, timeout"):
        cls(settings=settings, client_id="other", timeout=3)
    assert cls(settings=settings).settings is settings


def test_a_plain_number_is_a_timeout(server: FakeConnectPSP) -> None:
    with make_client(server, timeout=7) as psp:
        assert psp.settings.timeout == httpx.Timeout(7.0)
        psp.cash_in.get("US7B1JQ")
    assert server.api_requests[0].extensions["timeout"] == {
        "connect": 7.0,
        "read": 7.0,
        "write": 7.0,
        "pool": 7.0,
    }
    with pytest.raises(ConfigurationError):
        ConnectPSP(**CREDENTIALS, timeout=-1)


def test_with_options_changes_one_call_and_shares_the_pool(server: FakeConnectPSP) -> None:
    unavailable = problem(503, "SERVICE_UNAVAILABLE", "Unavailable")
    server.queue("GET /cash-in/US7B1JQ", unavailable)
    with make_client(server) as psp:
        quick = psp.with_options(timeout=2, max_retries=0)
        with pytest.raises(ServerError):
            quick.cash_in.get("US7B1JQ")  # not retried
        assert psp.cash_in.get("US7B1JQ").status_code == 200  # the original is unchanged
        assert quick._requestor is psp._requestor  # same pool, same token
    first, second = server.api_requests
    assert set(first.extensions["timeout"].values()) == {2.0}
    assert second.extensions["timeout"]["read"] == 30.0
    assert len(server.token_requests) == 1
    with pytest.raises(ConfigurationError):
        psp.with_options(max_retries=-1)


# --- deviations (issue 10 item 3, client side) ----------------------------------------------


@dataclass(frozen=True)
class StubDeviation:
    path: str
    kind: str
    detail: str


@dataclass
class StubModel:
    """Stands in for a tolerant generated model: loads anything, lists what surprised it."""

    raw: dict[str, Any]
    deviations: list[StubDeviation] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StubModel:
        found = [StubDeviation(k, "undocumented", "a member the spec does not list") for k in data]
        if data.get("status") is None:
            found.append(StubDeviation("status", "null", "null where a string is documented"))
        return cls(raw=data, deviations=found)


def test_deviations_on_the_result_and_one_warning_each(
    server: FakeConnectPSP, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="connectpsp")
    body = {"surprise": "12345678909", "status": None}
    server.queue("GET /cash-in/US7B1JQ", ok(200, body), ok(200, body))
    op = dataclasses.replace(GET_CASH_IN, response_model=StubModel)
    with make_client(server) as psp:
        first = psp._requestor.call(op, psp._options, path_id="US7B1JQ")
        second = psp._requestor.call(op, psp._options, path_id="US7B1JQ")
    kinds = {(d.path, d.kind) for d in first.deviations}
    assert kinds == {("surprise", "undocumented"), ("status", "undocumented"), ("status", "null")}
    assert second.deviations == first.deviations
    assert isinstance(first.deviations, tuple)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 3  # one per (operation, path, kind), not per call
    assert all("GET /cash-in/{id}" in w for w in warnings)
    assert not any("12345678909" in w for w in warnings)  # never a value


def test_a_documented_response_has_no_deviations(server: FakeConnectPSP) -> None:
    server.queue("GET /cash-in/US7B1JQ", ok(200, CASH_IN))
    with make_client(server) as psp:
        result = psp.cash_in.get("US7B1JQ")
    assert result.deviations == ()
    assert "deviations=0" in repr(result)


def test_a_required_field_the_model_could_not_read_is_unreadable(
    server: FakeConnectPSP, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tolerant models (issue 10) never raise; they mark a missing required field (D-45).
    import connectpsp_client.types

    def lacks_required(deviations: Any) -> bool:
        return any(d.detail.startswith("required field") for d in deviations)

    monkeypatch.setattr(connectpsp_client.types, "lacks_required", lacks_required, raising=False)

    @dataclass
    class Incomplete(StubModel):
        @classmethod
        def from_dict(cls, data: dict[str, Any]) -> StubModel:
            return cls(raw=data, deviations=[StubDeviation("status", "missing", "required field")])

    server.queue("POST /cash-in", ok(201, {"transactionId": "t"}))
    op = dataclasses.replace(CREATE_CASH_IN, response_model=Incomplete)
    with make_client(server) as psp, pytest.raises(UnexpectedResponseError) as info:
        psp._requestor.call(op, psp._options, key=uuid.UUID(int=7))
    assert info.value.status == 201 and info.value.outcome_unknown
    assert info.value.idempotency_key == uuid.UUID(int=7)
