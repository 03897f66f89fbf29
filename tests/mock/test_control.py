"""The control API: reset, seeded determinism, clock, idleness, state for reconciliation."""

from __future__ import annotations

from decimal import Decimal

import httpx

from connectpsp_mock.settings import MockSettings
from connectpsp_mock.testing import RunningMock, running_mock

from .helpers import Api, assert_problem


def _ids_of_a_small_run(settings: MockSettings) -> list[str]:
    with running_mock(settings) as mock, httpx.Client(base_url=mock.base_url) as client:
        api = Api(mock, client)
        cash_in = api.create_cash_in(externalReference="same").json()
        paid = mock.pay_cash_in(cash_in["internalCode"])
        cash_out = api.create_cash_out(
            externalReference="same", key="5f2b8c1e-0000-4000-8000-000000000001"
        ).json()
        return [
            api.token,
            cash_in["transactionId"],
            cash_in["internalCode"],
            cash_in["pixData"]["copyAndPaste"],
            paid["endToEndId"],
            cash_out["transactionId"],
            cash_out["internalCode"],
            cash_out["requestedAt"],
        ]


def test_same_seed_same_ids_and_times() -> None:
    # Full style: the run reads requestedAt, which the minimal cash-out leaves out.
    first = _ids_of_a_small_run(MockSettings(seed=42, response_style="full"))
    assert first == _ids_of_a_small_run(MockSettings(seed=42, response_style="full"))
    assert first != _ids_of_a_small_run(MockSettings(seed=43, response_style="full"))


def test_reset_restores_everything(api: Api, mock: RunningMock) -> None:
    mock.reset()  # the api fixture's token drew from the seeded generator
    created = api.create_cash_in().json()
    mock.pay_cash_in(created["internalCode"])
    api.create_cash_out(amount=10)
    mock.inject_fault(kind="status", status=503, match={"path": "/nothing"})
    mock.advance_clock(60)
    mock.reset()
    state = mock.state()
    assert state["cashIns"] == [] and state["cashOuts"] == []
    assert state["events"] == {"total": 0, "byState": {}}
    assert state["idempotencyRecords"] == 0 and state["queuedFaults"] == []
    assert state["counters"] == {}
    assert state["now"] == "2026-03-10T14:00:00Z"
    assert state["balance"]["consolidated"]["totalBalance"] == 1500000
    # The seeded ids restart too: the first cash-in after a reset gets the same id again.
    assert api.create_cash_in().json()["transactionId"] == created["transactionId"]


def test_tokens_survive_a_reset(api: Api, mock: RunningMock) -> None:
    mock.reset()
    assert api.client.get("/account/balance", headers=api.headers).status_code == 200


def test_state_counts_requests_and_outcomes(api: Api, mock: RunningMock) -> None:
    api.create_cash_in()
    api.create_cash_out(amount=1)
    api.get_cash_in("NOPE")
    assert mock.wait_idle()
    state = mock.state()
    counters = state["counters"]
    assert counters["requests"] == 4  # token + 3 calls; control calls are not counted
    assert counters["responses.201"] == 1 and counters["responses.202"] == 1
    assert counters["responses.404"] == 1
    assert counters["cash_in.created"] == 1 and counters["cash_out.completed"] == 1
    assert counters["auth.tokens_issued"] == 1
    assert state["pendingTasks"] == 0
    assert state["events"] == {"total": 1, "byState": {"no_url": 1}}
    (cash_out,) = state["cashOuts"]
    assert cash_out["status"] == "COMPLETED"
    transactional = sum(
        Decimal(str(b["accounts"]["transactional"]["balance"])) for b in state["balance"]["banks"]
    )
    assert transactional == Decimal("499999.00")


def test_clock_advance_is_forward_only(mock: RunningMock) -> None:
    assert mock.advance_clock(90) == "2026-03-10T14:01:30Z"
    assert_problem(
        mock.control.post("/_mock/clock/advance", json={"seconds": -1}), 400, "VALIDATION_ERROR"
    )
    assert_problem(mock.control.post("/_mock/clock/advance", json={}), 400, "VALIDATION_ERROR")


def test_wait_idle_reports_pending_work() -> None:
    with running_mock(MockSettings(seed=1, settlement_delay_seconds=0.5)) as mock:
        with httpx.Client(base_url=mock.base_url) as client:
            Api(mock, client).create_cash_out()
        assert mock._call("POST", "/wait-idle", {"timeout": 0}) == {
            "idle": False,
            "pendingTasks": 1,
        }
        assert mock.wait_idle(5)
        assert mock.state()["cashOuts"][0]["status"] == "COMPLETED"


def test_event_filters_and_lookup(api: Api, mock: RunningMock) -> None:
    first = api.create_cash_in().json()
    second = api.create_cash_in().json()
    mock.pay_cash_in(first["internalCode"])
    mock.pay_cash_in(second["internalCode"])
    assert len(mock.events(event_type="CASHIN_PAID")) == 2
    (event,) = mock.events(transaction_id=second["internalCode"])
    assert event["transactionId"] == second["transactionId"]
    fetched = mock.control.get(f"/_mock/events/{event['id']}").json()
    assert fetched["id"] == event["id"] and fetched["rawBody"].startswith(
        '{"eventType":"CASHIN_PAID"'
    )
    assert_problem(mock.control.get("/_mock/events/evt_nope"), 404, "EVENT_NOT_FOUND")


def test_unknown_routes_and_methods_are_problems(mock: RunningMock) -> None:
    assert_problem(mock.control.get("/_mock/nothing"), 404, "NOT_FOUND")
    assert_problem(mock.control.get("/nothing"), 404, "NOT_FOUND")
    response = mock.control.delete("/cash-in")
    assert_problem(response, 405, "METHOD_NOT_ALLOWED")
    assert response.headers["allow"] == "POST"
    assert_problem(mock.control.get("/cash-in/"), 404, "NOT_FOUND")  # no slash redirects


def test_health(mock: RunningMock) -> None:
    assert mock.control.get("/_mock/health").json() == {"ok": True, "now": "2026-03-10T14:00:00Z"}
