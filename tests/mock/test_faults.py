"""Fault injection: queued faults and the X-Mock-Fault header, seen by a real httpx client over
uvicorn, and the state they leave behind (drop-after-commit + retry = one transaction)."""

from __future__ import annotations

import time
import uuid

import httpx
import pytest

from connectpsp_mock.testing import MockControlError, RunningMock

from .helpers import Api, assert_problem, cash_out_body


def test_queued_status_fault_hits_the_next_matching_requests(api: Api, mock: RunningMock) -> None:
    queued = mock.inject_fault(
        kind="status",
        status=503,
        count=2,
        retry_after=3,
        match={"method": "POST", "path": "/cash-out"},
    )
    assert queued == [
        {
            "kind": "status",
            "count": 2,
            "status": 503,
            "retry_after": 3,
            "match": {"method": "POST", "path": "/cash-out"},
        }
    ]
    assert api.client.get("/account/balance", headers=api.headers).status_code == 200  # no match
    key = str(uuid.uuid4())
    for _ in range(2):
        response = api.create_cash_out(key=key)
        assert_problem(response, 503, "SERVICE_UNAVAILABLE")
        assert response.headers["retry-after"] == "3"
    assert mock.state()["cashOuts"] == []  # a plain status fault processes nothing
    assert api.create_cash_out(key=key).status_code == 202
    counters = mock.state()["counters"]
    assert counters["faults.injected"] == 2 and counters["faults.status"] == 2
    assert mock.state()["queuedFaults"] == []


def test_rate_limit_fault(api: Api, mock: RunningMock) -> None:
    mock.inject_fault(kind="rate_limit", retry_after=2)
    response = api.client.get("/account/balance", headers=api.headers)
    assert_problem(response, 429, "RATE_LIMITED")
    assert response.headers["retry-after"] == "2"
    assert api.client.get("/account/balance", headers=api.headers).status_code == 200


def test_path_globs_and_faults_on_the_token_endpoint(api: Api, mock: RunningMock) -> None:
    mock.inject_fault(
        {"kind": "status", "status": 502, "match": {"path": "/cash-in/*/refund"}},
        {"kind": "status", "status": 500, "match": {"path": "/auth/token"}},
    )
    assert_problem(api.refund("ABCDEFG"), 502, "BAD_GATEWAY")
    with pytest.raises(httpx.HTTPStatusError):
        httpx.post(
            mock.base_url + "/auth/token",
            json={"clientId": mock.settings.client_id, "clientSecret": mock.settings.client_secret},
        ).raise_for_status()
    assert mock.token()


def test_delay_fault_then_normal_processing(api: Api, mock: RunningMock) -> None:
    mock.inject_fault(kind="delay", seconds=0.2)
    started = time.monotonic()
    response = api.client.get("/account/balance", headers=api.headers)
    assert response.status_code == 200
    assert time.monotonic() - started >= 0.2


def test_delay_longer_than_the_client_timeout_still_commits(api: Api, mock: RunningMock) -> None:
    key = str(uuid.uuid4())
    headers = {**api.signed, "X-Idempotency-Key": key, "X-Mock-Fault": "delay=0.3"}
    body = cash_out_body()
    with pytest.raises(httpx.ReadTimeout):
        api.client.post("/cash-out", json=body, headers=headers, timeout=0.1)
    headers.pop("X-Mock-Fault")
    retry = api.client.post("/cash-out", json=body, headers=headers)
    assert retry.status_code == 202
    assert mock.wait_idle()
    assert len(mock.state()["cashOuts"]) == 1


def test_drop_after_commit_then_retry_gets_the_original_response(
    api: Api, mock: RunningMock
) -> None:
    mock.inject_fault(kind="drop_after_commit", match={"path": "/cash-out"})
    key = str(uuid.uuid4())
    body = cash_out_body(amount=42)
    headers = {**api.signed, "X-Idempotency-Key": key}
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        api.client.post("/cash-out", json=body, headers=headers)
    state = mock.state()
    assert len(state["cashOuts"]) == 1  # committed although the client saw a transport error
    assert state["idempotencyRecords"] == 1
    retry = api.client.post("/cash-out", json=body, headers=headers)
    assert retry.status_code == 202
    assert retry.json()["transactionId"] == state["cashOuts"][0]["transactionId"]
    assert retry.json()["status"] == "PROCESSING"  # the original response, not today's state
    assert len(mock.state()["cashOuts"]) == 1
    assert mock.state()["counters"]["faults.drop_after_commit"] == 1


def test_drop_before_commit_processes_nothing(api: Api, mock: RunningMock) -> None:
    headers = {**api.headers, "X-Mock-Fault": "drop-before-commit"}
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        api.client.post("/cash-in", json={"amount": 1}, headers=headers)
    assert mock.state()["cashIns"] == []


def test_status_after_commit_commits_then_answers_the_error(api: Api, mock: RunningMock) -> None:
    key = str(uuid.uuid4())
    body = cash_out_body()
    headers = {**api.signed, "X-Idempotency-Key": key}
    response = api.client.post(
        "/cash-out", json=body, headers={**headers, "X-Mock-Fault": "504,after-commit"}
    )
    assert_problem(response, 504, "GATEWAY_TIMEOUT")
    assert len(mock.state()["cashOuts"]) == 1
    replay = api.client.post("/cash-out", json=body, headers=headers)
    assert replay.status_code == 202
    assert len(mock.state()["cashOuts"]) == 1


@pytest.mark.parametrize(
    ("header", "status", "code"),
    [
        ("503", 503, "SERVICE_UNAVAILABLE"),
        ("429", 429, "RATE_LIMITED"),
        ("500", 500, "INTERNAL_ERROR"),
        ("delay=0.01,502", 502, "BAD_GATEWAY"),
        ("429, retry-after=7", 429, "RATE_LIMITED"),
    ],
)
def test_fault_header(api: Api, mock: RunningMock, header: str, status: int, code: str) -> None:
    response = api.client.get("/account/balance", headers={**api.headers, "X-Mock-Fault": header})
    assert_problem(response, status, code)
    if status == 429:
        assert response.headers["retry-after"] == ("7" if "retry-after" in header else "1")
    assert api.client.get("/account/balance", headers=api.headers).status_code == 200


@pytest.mark.parametrize(
    "header", ["boom", "delay=-1", "delay=nan", "delay=1000", "200", "retry-after=x"]
)
def test_bad_fault_header_is_400(api: Api, header: str) -> None:
    response = api.client.get("/account/balance", headers={**api.headers, "X-Mock-Fault": header})
    assert_problem(response, 400, "VALIDATION_ERROR")


def test_fault_header_is_not_part_of_the_idempotent_request(api: Api, mock: RunningMock) -> None:
    key = str(uuid.uuid4())
    body = cash_out_body()
    headers = {**api.signed, "X-Idempotency-Key": key}
    first = api.client.post("/cash-out", json=body, headers={**headers, "X-Mock-Fault": "delay=0"})
    second = api.client.post("/cash-out", json=body, headers=headers)
    assert first.status_code == second.status_code == 202 and first.content == second.content


def test_control_api_is_never_faulted(mock: RunningMock) -> None:
    mock.inject_fault(kind="status", status=500, count=5)
    assert mock.state()["queuedFaults"][0]["count"] == 5
    mock.clear_faults()
    assert mock.state()["queuedFaults"] == []


@pytest.mark.parametrize(
    "fault",
    [
        {"kind": "explode"},
        {"kind": "status"},
        {"kind": "status", "status": 200},
        {"kind": "delay"},
        {"kind": "delay", "seconds": 3600},
        {"kind": "status", "status": 503, "count": 0},
        {"kind": "status", "status": 503, "match": "POST"},
    ],
)
def test_bad_fault_specs_are_400(mock: RunningMock, fault: dict[str, object]) -> None:
    with pytest.raises(MockControlError) as raised:
        mock.inject_fault(fault)
    assert raised.value.status == 400
    assert mock.state()["queuedFaults"] == []
