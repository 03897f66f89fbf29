"""Issue 11 items 9 and 14: a 500 is counted like any other response, and a request's fault delay
is capped as a whole, not per comma-separated part."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from connectpsp_mock.settings import MockSettings
from connectpsp_mock.testing import RunningMock, running_mock

from ...mock.helpers import assert_problem, cash_in_body


def test_a_500_is_counted_in_the_response_counters(
    mock: RunningMock, client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        raise RuntimeError("a bug in the mock")

    monkeypatch.setattr(mock.runtime.account, "balance", broken)
    response = client.get("/account/balance", headers=mock.auth_headers())
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers.get("x-request-id")
    counters = mock.state()["counters"]
    assert counters["responses.500"] == 1
    assert counters["requests"] == 2  # the token and the failed call


def test_a_500_on_a_control_call_is_not_counted(
    mock: RunningMock, client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Control calls are never counted (test_control), a failing one neither."""

    def broken(timeout: float) -> bool:
        raise RuntimeError("a bug in the mock")

    monkeypatch.setattr(mock.runtime.tasks, "wait_idle", broken)
    assert client.post("/_mock/wait-idle", json={"timeout": 1}).status_code == 500
    monkeypatch.undo()
    assert mock.state()["counters"] == {}


def test_every_status_of_a_mixed_session_is_counted(
    mock: RunningMock, client: httpx.Client
) -> None:
    headers = mock.auth_headers()
    client.post("/cash-in", json=cash_in_body(), headers=headers)
    client.post(
        "/cash-in", content=b"\xff", headers={**headers, "Content-Type": "application/json"}
    )
    client.post("/cash-in", json=cash_in_body(), headers={**headers, "X-Mock-Fault": "503"})
    counters = mock.state()["counters"]
    assert counters["requests"] == 4
    assert sum(v for k, v in counters.items() if k.startswith("responses.")) == 4


@pytest.fixture
def capped_mock() -> Iterator[RunningMock]:
    with running_mock(MockSettings(seed=3, max_fault_delay_seconds=0.5)) as started:
        yield started


def test_many_delay_parts_are_capped_per_request(capped_mock: RunningMock) -> None:
    """12 x delay=0.5 with a 0.5 s cap waited 6 s: the total is what the cap bounds."""
    header = ",".join(["delay=0.5"] * 12)
    with httpx.Client(base_url=capped_mock.base_url, timeout=30, trust_env=False) as client:
        started = time.monotonic()
        response = client.get(
            "/account/balance", headers={**capped_mock.auth_headers(), "X-Mock-Fault": header}
        )
        elapsed = time.monotonic() - started
    detail = assert_problem(response, 400, "VALIDATION_ERROR")["detail"]
    assert "X-Mock-Fault" in detail and "0.5" in detail
    assert elapsed < 5.0  # refused up front: 6 s of sleeping was the bug


def test_delay_parts_within_the_cap_still_add_up(capped_mock: RunningMock) -> None:
    with httpx.Client(base_url=capped_mock.base_url, timeout=30, trust_env=False) as client:
        started = time.monotonic()
        response = client.get(
            "/account/balance",
            headers={**capped_mock.auth_headers(), "X-Mock-Fault": "delay=0.2,delay=0.3"},
        )
        elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert elapsed >= 0.5


def test_several_fault_headers_are_capped_together(capped_mock: RunningMock) -> None:
    headers = [(k.encode(), v.encode()) for k, v in capped_mock.auth_headers().items()]
    headers += [(b"X-Mock-Fault", b"delay=0.5")] * 8
    with httpx.Client(base_url=capped_mock.base_url, timeout=30, trust_env=False) as client:
        started = time.monotonic()
        response = client.get("/account/balance", headers=headers)
        elapsed = time.monotonic() - started
    assert_problem(response, 400, "VALIDATION_ERROR")
    assert elapsed < 3.5  # 8 x 0.5 s = 4 s was the bug


def test_a_queued_delay_and_a_header_delay_share_the_cap() -> None:
    """A queued delay (accepted earlier) plus a header delay on one request: the request never
    sleeps longer than the cap (2 s here; both together would be 4 s)."""
    with (
        running_mock(MockSettings(seed=3, max_fault_delay_seconds=2.0)) as mock,
        httpx.Client(base_url=mock.base_url, timeout=30, trust_env=False) as client,
    ):
        headers = mock.auth_headers()
        mock.inject_fault(kind="delay", seconds=2.0, match={"path": "/account/balance"})
        started = time.monotonic()
        response = client.get("/account/balance", headers={**headers, "X-Mock-Fault": "delay=2.0"})
        elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert 2.0 <= elapsed < 3.5


def test_delay_cap_still_allows_a_terminal_fault(capped_mock: RunningMock) -> None:
    with httpx.Client(base_url=capped_mock.base_url, timeout=30, trust_env=False) as client:
        response = client.post(
            "/cash-in",
            json=cash_in_body(),
            headers={
                **capped_mock.auth_headers(),
                "X-Mock-Fault": "delay=0.2,delay=0.2,503",
                "X-Idempotency-Key": str(uuid.uuid4()),
            },
        )
    assert_problem(response, 503, "SERVICE_UNAVAILABLE")
