"""``connectpsp trigger``: the mock's control API from the command line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from connectpsp_ext import ConnectPSP, pix_key_destination
from connectpsp_testing import MockPSP, WebhookInbox

from .conftest import Run, json_of


def _cash_in(psp: ConnectPSP, url: str) -> str:
    return psp.cash_in.create(
        amount=Decimal("15.00"),
        external_reference="t-1",
        payer_name="Joao",
        payer_document="12345678909",
        webhook_url=url,
    ).data.transaction_id


def _cash_out(psp: ConnectPSP, url: str) -> str:
    return str(
        psp.cash_out.create(
            amount=Decimal("30.00"),
            external_reference="t-2",
            payee_name="Maria",
            payee_document="12345678909",
            destination=pix_key_destination("EMAIL", "maria@example.com"),
            webhook_url=url,
        ).data.internal_code
    )


def test_cash_in_paid(run: Run, psp: ConnectPSP, psp_webhooks: WebhookInbox) -> None:
    transaction = _cash_in(psp, psp_webhooks.url)
    result = run("trigger", "cash-in.paid", transaction)
    assert result.exit_code == 0, result.stderr
    assert "PAID" in result.stdout
    assert psp_webhooks.wait_for("CASHIN_PAID", transaction=transaction)
    assert str(psp.cash_in.get(transaction).data.status) == "PAID"


def test_cash_in_expired(run: Run, psp: ConnectPSP) -> None:
    transaction = _cash_in(psp, "http://127.0.0.1:9/unused")
    assert json_of(run("trigger", "cash-in.expired", transaction, "--json"))["status"] == "EXPIRED"


@pytest.mark.parametrize(
    ("event", "webhook", "status"),
    [
        ("cash-out.completed", "CASHOUT_COMPLETED", "COMPLETED"),
        ("cash-out.failed", "CASHOUT_FAILED", "FAILED"),
    ],
)
def test_cash_out_settled(
    run: Run, psp: ConnectPSP, psp_webhooks: WebhookInbox, event: str, webhook: str, status: str
) -> None:
    code = _cash_out(psp, psp_webhooks.url)
    assert json_of(run("trigger", event, code, "--json"))["status"] == status
    assert psp_webhooks.wait_for(webhook, transaction=code)


def test_cash_out_failed_with_a_chosen_failure(
    run: Run, psp: ConnectPSP, psp_webhooks: WebhookInbox
) -> None:
    code = _cash_out(psp, psp_webhooks.url)
    result = run(
        "trigger", "cash-out.failed", code, "--failure-code", "ACCOUNT_CLOSED",
        "--failure-message", "closed", "--json",
    )  # fmt: skip
    assert json_of(result)["failure"] == {"code": "ACCOUNT_CLOSED", "message": "closed"}
    received = psp_webhooks.wait_for("CASHOUT_FAILED", transaction=code)
    assert received.event.data.failure.code == "ACCOUNT_CLOSED"


def test_cash_out_returned(run: Run, psp: ConnectPSP, psp_webhooks: WebhookInbox) -> None:
    code = _cash_out(psp, psp_webhooks.url)
    json_of(run("trigger", "cash-out.completed", code, "--json"))
    assert json_of(run("trigger", "cash-out.returned", code, "--json"))["status"] == "REFUNDED"
    assert psp_webhooks.wait_for("CASHOUT_REFUNDED", transaction=code)


def test_wrong_state_is_one_line_and_exit_1(run: Run, psp: ConnectPSP) -> None:
    code = _cash_out(psp, "http://127.0.0.1:9/unused")
    result = run("trigger", "cash-out.returned", code)  # still PROCESSING
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the mock answered 409 INVALID_STATE")
    assert result.stderr.count("\n") == 1


def test_unknown_transaction(run: Run) -> None:
    result = run("trigger", "cash-in.paid", "NOSUCH1")
    assert result.exit_code == 1 and "404 TRANSACTION_NOT_FOUND" in result.stderr


def test_refuses_a_non_loopback_base_url(run: Run, psp_mock: MockPSP) -> None:
    result = run("trigger", "cash-in.paid", "ABC", env={"CONNECTPSP_BASE_URL": "https://api.x.com"})
    assert result.exit_code == 2
    assert "loopback" in result.stderr


def test_nothing_listening_is_one_line(run: Run) -> None:
    # a loopback port where nothing listens: a connection error, one line, exit 1
    result = run(
        "trigger", "cash-in.paid", "ABC", env={"CONNECTPSP_BASE_URL": "http://127.0.0.1:9"}
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ConnectError")


def test_failure_options_only_for_cash_out_failed(run: Run) -> None:
    result = run("trigger", "cash-in.paid", "ABC", "--failure-code", "X")
    assert result.exit_code == 2
