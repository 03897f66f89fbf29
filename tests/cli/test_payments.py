"""``cash-in``, ``cash-out``, ``balance``, ``rebalance`` against a running mock."""

from __future__ import annotations

from decimal import Decimal

from connectpsp_ext import ConnectPSP
from connectpsp_testing import MockPSP, WebhookInbox

from .conftest import Run, json_of

PAYER = ["--payer-name", "Joao Pagador", "--payer-document", "123.456.789-09"]
PAYEE = ["--payee-name", "Maria Silva", "--payee-document", "12345678909"]


def test_cash_in_create_prints_the_br_code_and_a_qr_code(run: Run, psp: ConnectPSP) -> None:
    result = run("cash-in", "create", "--amount", "10.00", "--reference", "order-7", *PAYER)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    internal_code = next(
        line.split()[-1] for line in out.splitlines() if line.strip().startswith("internalCode")
    )
    created = psp.cash_in.get(internal_code).data
    assert created.external_reference == "order-7"
    assert created.amount == Decimal("10.00")
    brcode = out.split("PIX copy and paste (BR Code):\n", 1)[1].splitlines()[0]
    assert brcode.startswith("000201") and internal_code in brcode
    assert "▀" in out or "▄" in out  # the QR code, drawn with half blocks
    assert "12345678909" not in out and "123.456.789-09" not in out  # document masked
    assert "idempotencyKey" in out


def test_cash_in_create_json_is_the_api_object(run: Run) -> None:
    data = json_of(
        run("cash-in", "create", "--amount", "0.07", "--expires-in", "5", "--json", *PAYER)
    )
    assert data["status"] == "AWAITING_PAYMENT"
    assert data["amount"] == 0.07
    assert data["externalReference"].startswith("cli-")
    assert data["pixData"]["copyAndPaste"].startswith("000201")


def test_cash_in_get_and_refund(run: Run, psp_mock: MockPSP) -> None:
    created = json_of(run("cash-in", "create", "--amount", "20.00", "--json", *PAYER))
    psp_mock.pay_cash_in(created["transactionId"])

    fetched = json_of(run("cash-in", "get", created["internalCode"], "--json"))
    assert fetched["status"] == "PAID"

    refunded = run("cash-in", "refund", created["transactionId"], "--reason", "FRAUD")
    assert refunded.exit_code == 0, refunded.stderr
    assert "Cash-in refunded" in refunded.stdout and created["internalCode"] in refunded.stdout
    # The 202 may be the reference page's four fields (minimal style): the status is read back.
    after = json_of(run("cash-in", "get", created["internalCode"], "--json"))
    assert after["status"] == "REFUNDED"


def test_business_error_is_one_line_with_exit_code_1(run: Run) -> None:
    created = json_of(run("cash-in", "create", "--amount", "20.00", "--json", *PAYER))
    result = run("cash-in", "refund", created["transactionId"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: BusinessRuleError")
    assert "CASH_IN_NOT_PAID" in result.stderr


def test_json_errors_are_one_json_line(run: Run) -> None:
    import json

    result = run("cash-in", "get", "NOSUCH1", "--json")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    error = json.loads(line)["error"]
    assert error["status"] == 404 and error["type"] == "NotFoundError"


def test_cash_out_create_and_get(run: Run, psp_mock: MockPSP, psp_webhooks: WebhookInbox) -> None:
    created = json_of(
        run(
            "cash-out", "create", "--amount", "50.00", "--pix-key", "email:maria@example.com",
            "--description", "payout", "--webhook-url", psp_webhooks.url, "--json", *PAYEE,
        )
    )  # fmt: skip
    assert created["status"] == "PROCESSING"
    assert created["payee"]["destination"] == {
        "type": "PIX",
        "pixKeyType": "EMAIL",
        "pixKey": "maria@example.com",
    }
    psp_mock.settle_cash_out(created["transactionId"])
    psp_webhooks.wait_for("CASHOUT_COMPLETED", transaction=created["transactionId"])

    shown = run("cash-out", "get", created["internalCode"])
    assert shown.exit_code == 0, shown.stderr
    assert "COMPLETED" in shown.stdout


def test_cash_out_to_a_bank_account(run: Run) -> None:
    created = json_of(
        run(
            "cash-out", "create", "--amount", "12.00",
            "--bank-account", "18236120:0001:947710840:payment", "--json", *PAYEE,
        )
    )  # fmt: skip
    assert created["payee"]["destination"]["bankAccount"]["accountType"] == "PAYMENT"


def test_cash_out_destination_is_checked_before_sending(run: Run, psp_mock: MockPSP) -> None:
    neither = run("cash-out", "create", "--amount", "1.00", *PAYEE)
    both = run(
        "cash-out", "create", "--amount", "1.00", "--pix-key", "EMAIL:a@b.co",
        "--bank-account", "18236120:0001:1:PAYMENT", *PAYEE,
    )  # fmt: skip
    bad_key = run("cash-out", "create", "--amount", "1.00", "--pix-key", "CPF:123", *PAYEE)
    for result in (neither, both, bad_key):
        assert result.exit_code == 2
    assert "--pix-key" in bad_key.stderr
    assert psp_mock.raw.state()["cashOuts"] == []


def test_amounts_are_decimals_checked_before_sending(run: Run, psp_mock: MockPSP) -> None:
    not_a_number = run("cash-in", "create", "--amount", "ten", *PAYER)
    three_decimals = run("cash-in", "create", "--amount", "10.001", *PAYER)
    assert not_a_number.exit_code == 2 and "--amount" in not_a_number.stderr
    assert three_decimals.exit_code == 2
    assert three_decimals.stderr.startswith("Error: ValidationError: amount")
    assert psp_mock.raw.state()["cashIns"] == []


def test_balance_text_and_json(run: Run) -> None:
    data = json_of(run("balance", "--json"))
    assert data["consolidated"]["transactionalBalance"] == 500000
    text = run("balance")
    assert text.exit_code == 0
    assert "CELCOIN IP S.A." in text.stdout and "200,000.00" in text.stdout


def test_rebalance(run: Run, psp: ConnectPSP) -> None:
    result = run("rebalance", "450000.00", "--json")
    assert json_of(result)["success"] is True
    assert psp.account.balance().data.consolidated.transactional_balance == Decimal("450000.00")


def test_signed_command_without_crypto_token_is_a_usage_error(run: Run) -> None:
    result = run("rebalance", "1.00", env={"CONNECTPSP_CRYPTO_TOKEN": ""})
    assert result.exit_code == 2
    assert "ConfigurationError" in result.stderr


def test_missing_configuration_names_the_variables(run: Run) -> None:
    result = run("balance", env={"CONNECTPSP_CLIENT_ID": "", "CONNECTPSP_CLIENT_SECRET": ""})
    assert result.exit_code == 2
    assert "CONNECTPSP_CLIENT_ID" in result.stderr and "CONNECTPSP_CLIENT_SECRET" in result.stderr


def test_wrong_secret_never_appears_in_the_output(run: Run) -> None:
    secret = "s3cr3t-that-must-not-leak-0001"
    for args in (("balance",), ("balance", "--json"), ("cash-in", "get", "ABC1234")):
        result = run(*args, env={"CONNECTPSP_CLIENT_SECRET": secret})
        assert result.exit_code == 1
        assert "AuthenticationError" in result.stderr
        assert secret not in result.output
        assert result.stderr.count("\n") == 1
