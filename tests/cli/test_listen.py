"""``connectpsp listen --forward-to``: the mock's signed deliveries reach a local app unchanged,
and each event is printed with the app's answer. The "app" is the plugin's webhook inbox, which
runs the SDK's handler, so a forwarded delivery passes only if its signature still verifies."""

from __future__ import annotations

import json
from decimal import Decimal

from connectpsp_ext import ConnectPSP
from connectpsp_testing import MockPSP, WebhookInbox

from .processes import connectpsp


def _pay_through(listen_url: str, psp: ConnectPSP, psp_mock: MockPSP, reference: str) -> str:
    created = psp.cash_in.create(
        amount=Decimal("10.00"),
        external_reference=reference,
        payer_name="Joao",
        payer_document="12345678909",
        webhook_url=listen_url,
    ).data
    psp_mock.pay_cash_in(created.transaction_id)
    return created.transaction_id


def test_forwards_signed_deliveries_and_prints_each_event(
    psp: ConnectPSP, psp_mock: MockPSP, psp_webhooks: WebhookInbox
) -> None:
    with connectpsp("listen", "--forward-to", psp_webhooks.url, "--json", env=psp_mock.env) as cli:
        ready = json.loads(cli.next_line())
        assert ready["forwardTo"] == psp_webhooks.url
        transaction = _pay_through(ready["webhookUrl"], psp, psp_mock, "l-1")

        line = json.loads(cli.next_line())
        received = psp_webhooks.wait_for("CASHIN_PAID", transaction=transaction)

    assert received.signed_with == 0  # the app verified the mock's own signature
    assert line["eventType"] == "CASHIN_PAID"
    assert line["transactionId"] == transaction
    assert line["signature"] == "valid"
    assert line["appStatus"] == 200
    assert "payer" not in json.dumps(line) and "12345678909" not in json.dumps(line)
    (event,) = psp_mock.events(event_type="CASHIN_PAID", transaction=transaction)
    assert event["attempts"][0]["statusCode"] == 200


def test_app_answers_go_back_to_the_mock_which_retries(
    psp: ConnectPSP, psp_mock: MockPSP, psp_webhooks: WebhookInbox
) -> None:
    psp_webhooks.refuse_next(1)  # the app's callback fails once: 500, then the retry succeeds
    with connectpsp("listen", "--forward-to", psp_webhooks.url, "--json", env=psp_mock.env) as cli:
        url = json.loads(cli.next_line())["webhookUrl"]
        transaction = _pay_through(url, psp, psp_mock, "l-2")
        first, second = json.loads(cli.next_line()), json.loads(cli.next_line())
    assert (first["appStatus"], second["appStatus"]) == (500, 200)
    assert psp_webhooks.wait_for("CASHIN_PAID", transaction=transaction)
    (event,) = psp_mock.events(event_type="CASHIN_PAID", transaction=transaction)
    assert [a["statusCode"] for a in event["attempts"]] == [500, 200]


def test_unreachable_app_is_a_502_to_the_mock(psp: ConnectPSP, psp_mock: MockPSP) -> None:
    env = {**psp_mock.env, "CONNECTPSP_CRYPTO_TOKEN": "another-token"}
    with connectpsp("listen", "--forward-to", "http://127.0.0.1:9/hooks", "--json", env=env) as cli:
        url = json.loads(cli.next_line())["webhookUrl"]
        _pay_through(url, psp, psp_mock, "l-3")
        line = json.loads(cli.next_line())
    assert line["appStatus"] == 502
    assert line["error"].startswith("ConnectError")
    assert line["signature"] == "invalid"  # listen checks with the token it was given


def test_text_output(psp: ConnectPSP, psp_mock: MockPSP, psp_webhooks: WebhookInbox) -> None:
    env = {**psp_mock.env, "CONNECTPSP_CRYPTO_TOKEN": ""}
    with connectpsp("listen", "--forward-to", psp_webhooks.url, "--path", "/hooks", env=env) as cli:
        ready = cli.next_line()
        assert ready.startswith("Ready. Give your transactions  webhookUrl=http://127.0.0.1:")
        url = ready.rsplit("=", 1)[1]
        assert url.endswith("/hooks")
        assert cli.next_line().startswith(f"Forwarding to {psp_webhooks.url}")
        assert "not checked" in cli.next_line()
        transaction = _pay_through(url, psp, psp_mock, "l-4")
        line = cli.next_line()
    assert f"CASHIN_PAID {transaction} PAID" in line
    assert "(signature unchecked)" in line and "[200]" in line


def test_bad_forward_url_is_a_usage_error(psp_mock: MockPSP) -> None:
    with connectpsp("listen", "--forward-to", "ftp://x", env=psp_mock.env) as cli:
        line = cli.next_line()
        assert cli.popen.wait(20) == 2
    assert line == "Error: --forward-to must be an http(s) URL"
