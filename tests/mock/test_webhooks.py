"""Webhooks (D-22) against a real receiver on loopback: signature, X-Event-Id per attempt, retries,
the envelope and its schema, data = the GET representation, redeliver/duplicate, the allow-list."""

from __future__ import annotations

import json
import uuid

import httpx
import pytest
from connectpsp_client.types import json_loads

from connectpsp_ext.signing import webhook_signature
from connectpsp_mock.settings import MockSettings
from connectpsp_mock.testing import RunningMock, WebhookReceiver, running_mock
from connectpsp_mock.webhooks import host_allowed
from tests.support.credentials import CRYPTO_TOKEN

from .helpers import Api, bank_account_destination, component


def _paid_cash_in(api: Api, mock: RunningMock, url: str) -> dict[str, object]:
    created = api.create_cash_in(webhookUrl=url).json()
    mock.pay_cash_in(created["internalCode"])
    return created


def test_cash_in_paid_delivery(api: Api, mock: RunningMock, receiver: WebhookReceiver) -> None:
    created = _paid_cash_in(api, mock, receiver.url)
    (delivery,) = receiver.wait_for(1)
    assert delivery.headers["content-type"] == "application/json"
    assert delivery.signature == webhook_signature(delivery.body, CRYPTO_TOKEN)
    uuid.UUID(delivery.event_id)
    event = json_loads(delivery.body)
    assert set(event) == {"eventType", "eventAt", "data"}
    assert event["eventType"] == "CASHIN_PAID"
    assert event["eventAt"] == "2026-03-10T14:00:00Z"
    assert not list(component("CashInPaidEvent").iter_errors(json.loads(delivery.body)))
    # data is exactly the GET representation at that moment
    got = api.get_cash_in(str(created["internalCode"]))
    assert event["data"] == json_loads(got.content)


def test_every_event_type_validates_against_its_schema(
    api: Api, mock: RunningMock, receiver: WebhookReceiver
) -> None:
    code = str(_paid_cash_in(api, mock, receiver.url)["internalCode"])
    api.refund(code)
    payee = {"name": "M", "document": "12345678909", "destination": bank_account_destination()}
    for amount in (10.00, 10.91, 10.95):
        api.create_cash_out(amount=amount, webhookUrl=receiver.url, payee=payee)
    assert mock.wait_idle()
    deliveries = receiver.wait_for(6)
    schemas = {
        "CASHIN_PAID": "CashInPaidEvent",
        "CASHIN_REFUNDED": "CashInRefundedEvent",
        "CASHOUT_COMPLETED": "CashOutCompletedEvent",
        "CASHOUT_FAILED": "CashOutFailedEvent",
        "CASHOUT_REFUNDED": "CashOutRefundedEvent",
    }
    seen = set()
    for delivery in deliveries:
        event = json.loads(delivery.body)
        seen.add(event["eventType"])
        errors = [e.message for e in component(schemas[event["eventType"]]).iter_errors(event)]
        assert not errors, (event["eventType"], errors)
        assert delivery.signature_valid(CRYPTO_TOKEN)
    assert seen == set(schemas)


def test_retries_after_non_2xx_with_a_new_event_id_each_time(
    api: Api, mock: RunningMock, receiver: WebhookReceiver
) -> None:
    receiver.respond_with(500, 503, 404)
    created = _paid_cash_in(api, mock, receiver.url)
    deliveries = receiver.wait_for(4)
    assert mock.wait_idle()
    assert [d.status for d in deliveries] == [500, 503, 404, 200]
    assert len({d.event_id for d in deliveries}) == 4  # a new X-Event-Id on every attempt
    assert len({d.body for d in deliveries}) == 1  # the same signed body every time
    (event,) = mock.events(transaction_id=str(created["transactionId"]))
    assert event["state"] == "delivered"
    attempts = event["attempts"]
    assert [a["statusCode"] for a in attempts] == [500, 503, 404, 200]
    assert [a["trigger"] for a in attempts] == ["initial", "retry", "retry", "retry"]
    assert [a["outcome"] for a in attempts] == ["failed", "failed", "failed", "delivered"]
    assert [a["headers"]["X-Event-Id"] for a in attempts] == [d.event_id for d in deliveries]
    assert all(a["headers"]["X-Connect-Signature"] == deliveries[0].signature for a in attempts)


def test_gives_up_after_the_retry_schedule(
    api: Api, mock: RunningMock, receiver: WebhookReceiver
) -> None:
    receiver.respond_with(500, 500, 500, 500, 500)
    created = _paid_cash_in(api, mock, receiver.url)
    assert mock.wait_idle()
    assert len(receiver.deliveries) == 4  # 1 + len(webhook_retry_delays)
    (event,) = mock.events(transaction_id=str(created["transactionId"]))
    assert event["state"] == "failed"
    receiver.clear()
    mock.redeliver(event["id"])
    assert mock.wait_idle()
    assert [d.status for d in receiver.wait_for(1)] == [200]
    (event,) = mock.events(transaction_id=str(created["transactionId"]))
    assert event["state"] == "delivered"
    assert event["attempts"][-1]["trigger"] == "redeliver"


def test_slow_receiver_times_out_and_is_retried(receiver: WebhookReceiver) -> None:
    settings = MockSettings(seed=5, webhook_timeout_seconds=0.2, webhook_retry_delays=(0.01,))
    with running_mock(settings) as mock, httpx.Client(base_url=mock.base_url) as client:
        api = Api(mock, client)
        receiver.respond_with(200, delay=0.5)
        created = _paid_cash_in(api, mock, receiver.url)
        assert mock.wait_idle()
        (event,) = mock.events(transaction_id=str(created["transactionId"]))
        first, second = event["attempts"]
        assert first["statusCode"] is None and "0.2 s" in first["error"]
        assert first["outcome"] == "failed" and second["outcome"] == "delivered"
        receiver.wait_for(2)  # the slow first request still lands; keep it out of later tests


def test_connection_refused_is_a_failed_attempt(api: Api, mock: RunningMock) -> None:
    created = _paid_cash_in(api, mock, "http://127.0.0.1:9/webhooks")
    assert mock.wait_idle()
    (event,) = mock.events(transaction_id=str(created["transactionId"]))
    assert event["state"] == "failed"
    assert all(a["statusCode"] is None and a["error"] for a in event["attempts"])


def test_duplicate_sends_the_same_body_concurrently(
    api: Api, mock: RunningMock, receiver: WebhookReceiver
) -> None:
    created = _paid_cash_in(api, mock, receiver.url)
    (original,) = receiver.wait_for(1)
    (event,) = mock.events(transaction_id=str(created["transactionId"]))
    mock.duplicate(event["id"], copies=3)
    deliveries = receiver.wait_for(4)
    assert {d.body for d in deliveries} == {original.body}
    assert len({d.event_id for d in deliveries}) == 4
    problem_response = mock.control.post("/_mock/events/evt_unknown/duplicate")
    assert problem_response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "https://api.yourdomain.com/webhooks/connectpsp",
        "http://10.0.0.1/hook",
        "http://127.0.0.1.nip.io/hook",
        "http://127.0.0.1@example.com/hook",
        "http://0x7f000001/hook",
    ],
)
def test_non_loopback_hosts_are_recorded_as_skipped_and_never_contacted(
    api: Api, mock: RunningMock, url: str
) -> None:
    created = _paid_cash_in(api, mock, url)
    assert mock.wait_idle()
    (event,) = mock.events(transaction_id=str(created["transactionId"]))
    assert event["state"] == "skipped"
    (attempt,) = event["attempts"]
    assert attempt["outcome"] == "skipped" and attempt["headers"] == {}
    assert mock.state()["counters"]["webhooks.skipped"] == 1
    assert "webhooks.attempts" not in mock.state()["counters"]


def test_host_allow_list_rules() -> None:
    loopback = ("127.0.0.1", "localhost", "::1")
    assert host_allowed("http://127.0.0.1:8000/x", loopback)
    assert host_allowed("https://localhost/x", loopback)
    assert host_allowed("http://[::1]:9000/x", loopback)
    assert host_allowed("http://LOCALHOST/x", loopback)
    assert not host_allowed("ftp://127.0.0.1/x", loopback)
    assert not host_allowed("http://evil.example/x", loopback)
    assert not host_allowed("not a url", loopback)
    assert host_allowed("http://hooks.internal/x", (*loopback, "hooks.internal"))


def test_no_webhook_url_records_the_event_without_delivery(api: Api, mock: RunningMock) -> None:
    created = api.create_cash_in().json()
    mock.pay_cash_in(created["internalCode"])
    (event,) = mock.events()
    assert event["state"] == "no_url" and event["attempts"] == []
    assert event["body"]["data"]["status"] == "PAID"
