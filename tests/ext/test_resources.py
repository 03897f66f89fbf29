"""Operations: request shapes, results, pre-send validation, forward compatibility."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest
from connectpsp_client.models import (
    CashIn,
    CashInStatus,
    CashOut,
    CashOutStatus,
    DestinationDetails,
    OpenFinanceRequest,
    PixDestination,
    PixKeyType,
    RefundReason,
)

from connectpsp_ext import (
    ConnectPSP,
    Result,
    ValidationError,
    bank_account_destination,
    pix_key_destination,
)
from tests.support.samples import CASH_IN, CASH_OUT, PAYEE_DOCUMENT, PAYER_DOCUMENT

from .fakes import FakeConnectPSP, body_of, cash_in_kwargs, cash_out_kwargs, make_client, ok


def sent(server: FakeConnectPSP) -> httpx.Request:
    (request,) = server.api_requests
    return request


def test_cash_in_create_request_and_result(server: FakeConnectPSP) -> None:
    with make_client(server) as psp:
        result = psp.cash_in.create(
            **cash_in_kwargs(payer_document="123.456.789-09"),
            expiration_in_minutes=30,
            webhook_url="https://example.com/webhooks/connectpsp",
        )
    request = sent(server)
    assert request.method == "POST" and request.url.path == "/cash-in"
    assert request.headers["Content-Type"] == "application/json"
    assert body_of(request) == {
        "amount": Decimal("10.00"),
        "externalReference": "test-order-001",
        "expirationInMinutes": 30,
        "webhookUrl": "https://example.com/webhooks/connectpsp",
        "payer": {"name": "Test User", "document": PAYER_DOCUMENT},  # normalised
    }
    key = uuid.UUID(request.headers["X-Idempotency-Key"])
    assert key.version == 4
    assert isinstance(result, Result)
    assert result.idempotency_key == key
    assert result.status_code == 201
    assert isinstance(result.data, CashIn)
    assert result.data.status is CashInStatus.AWAITING_PAYMENT
    assert result.data.pix_data.copy_and_paste.startswith("000201")  # type: ignore[union-attr]


def test_each_call_gets_its_own_key(server: FakeConnectPSP) -> None:
    with make_client(server) as psp:
        a = psp.cash_in.create(**cash_in_kwargs())
        b = psp.cash_in.create(**cash_in_kwargs())
    assert a.idempotency_key != b.idempotency_key


@pytest.mark.parametrize("key", [uuid.uuid4(), str(uuid.uuid4())])
def test_caller_key(key: uuid.UUID | str, server: FakeConnectPSP) -> None:
    with make_client(server) as psp:
        result = psp.cash_in.create(**cash_in_kwargs(), idempotency_key=key)
    assert str(result.idempotency_key) == str(key)
    assert sent(server).headers["X-Idempotency-Key"] == str(key)


def test_open_finance(server: FakeConnectPSP) -> None:
    server.queue(
        "POST /cash-in",
        ok(
            201,
            {
                **{k: v for k, v in CASH_IN.items() if k != "pixData"},
                "paymentUrl": "https://bank.example/authorize/1",
            },
        ),
    )
    with make_client(server) as psp:
        result = psp.cash_in.create(
            **cash_in_kwargs(), open_finance={"redirectUrl": "https://shop.example/back"}
        )
        psp.cash_in.create(**cash_in_kwargs(), open_finance=OpenFinanceRequest())
    assert body_of(server.api_requests[0])["openFinance"] == {
        "redirectUrl": "https://shop.example/back"
    }
    assert body_of(server.api_requests[1])["openFinance"] == {}
    assert result.data.payment_url == "https://bank.example/authorize/1"


def test_cash_in_get_and_refund(server: FakeConnectPSP) -> None:
    with make_client(server) as psp:
        got = psp.cash_in.get("kk6g232xel65a0daee4dd13kk2912714964")
        refund = psp.cash_in.refund("US7B1JQ", RefundReason.CUSTOMER_REQUEST, "ticket #1234")
    get_request, refund_request = server.api_requests
    assert get_request.method == "GET"
    assert get_request.url.path == "/cash-in/kk6g232xel65a0daee4dd13kk2912714964"
    assert "X-Idempotency-Key" not in get_request.headers
    assert got.idempotency_key is None
    assert refund_request.url.path == "/cash-in/US7B1JQ/refund"
    assert body_of(refund_request) == {"reason": "CUSTOMER_REQUEST", "description": "ticket #1234"}
    assert refund.status_code == 202
    assert str(refund.idempotency_key) == refund_request.headers["X-Idempotency-Key"]
    assert refund.data.end_to_end_id.startswith("D")
    assert refund.data.amount == Decimal("150.5")


def test_cash_out_to_a_pix_key(server: FakeConnectPSP) -> None:
    with make_client(server) as psp:
        result = psp.cash_out.create(
            **cash_out_kwargs(
                destination=pix_key_destination("EMAIL", " Maria@Example.COM "),
                payee_document="11.222.333/0001-81",
            ),
            description="User withdrawal",
            webhook_url="http://127.0.0.1:9000/hook",
        )
    body = body_of(sent(server))
    assert body == {
        "amount": Decimal("50.00"),
        "externalReference": "withdrawal-user-42-001",
        "description": "User withdrawal",
        "webhookUrl": "http://127.0.0.1:9000/hook",
        "payee": {
            "name": "Maria Silva",
            "document": PAYEE_DOCUMENT,
            "destination": {"type": "PIX", "pixKeyType": "EMAIL", "pixKey": "maria@example.com"},
        },
    }
    assert isinstance(result.data, CashOut)
    assert result.data.status is CashOutStatus.PROCESSING
    assert result.idempotency_key is not None


def test_cash_out_to_a_bank_account(server: FakeConnectPSP) -> None:
    destination = bank_account_destination(
        ispb="18236120", branch="0001", account="947710840", account_type="PAYMENT"
    )
    with make_client(server) as psp:
        psp.cash_out.create(**cash_out_kwargs(destination=destination))
    assert body_of(sent(server))["payee"]["destination"] == {
        "type": "BANK_ACCOUNT",
        "bankAccount": {
            "ispb": "18236120",
            "branch": "0001",
            "account": "947710840",
            "accountType": "PAYMENT",
        },
    }


def test_hand_built_destinations_are_revalidated(server: FakeConnectPSP) -> None:
    good = PixDestination(type_="PIX", pix_key_type=PixKeyType.PHONE, pix_key="+55 (11) 98765-4321")
    with make_client(server) as psp:
        psp.cash_out.create(**cash_out_kwargs(destination=good))
        bad = PixDestination(type_="PIX", pix_key_type=PixKeyType.CPF, pix_key="12345678900")
        with pytest.raises(ValidationError, match=r"destination\.pix_key"):
            psp.cash_out.create(**cash_out_kwargs(destination=bad))
    assert body_of(sent(server))["payee"]["destination"]["pixKey"] == "+5511987654321"


def test_cash_out_get_and_account(server: FakeConnectPSP) -> None:
    with make_client(server) as psp:
        psp.cash_out.get("E00416968202603101827cemeFscF6AG")
        psp.account.balance(datetime.date(2026, 3, 10))
        rebalance = psp.account.rebalance(Decimal("0"))
    get_request, balance_request, rebalance_request = server.api_requests
    assert get_request.url.path == "/cash-out/E00416968202603101827cemeFscF6AG"
    assert balance_request.url.params["date"] == "2026-03-10"
    assert rebalance_request.content == b'{"targetAmount":0.00}'
    assert "X-Idempotency-Key" not in rebalance_request.headers
    assert rebalance.idempotency_key is None
    assert rebalance.data.success is True


INVALID_CASH_INS: list[tuple[dict[str, Any], str]] = [
    ({"amount": 10.0}, "amount"),
    ({"amount": Decimal("10.001")}, "amount"),
    ({"external_reference": ""}, "external_reference"),
    ({"external_reference": "x" * 101}, "external_reference"),
    ({"payer_name": "   "}, "payer_name"),
    ({"payer_name": "x" * 141}, "payer_name"),
    ({"payer_document": "12345678900"}, "payer_document"),
    ({"payer_document": "1234"}, "payer_document"),
    ({"payer_document": 12345678909}, "payer_document"),
    ({"expiration_in_minutes": 0}, "expiration_in_minutes"),
    ({"expiration_in_minutes": 43201}, "expiration_in_minutes"),
    ({"expiration_in_minutes": True}, "expiration_in_minutes"),
    ({"webhook_url": "http://example.com/hook"}, "webhook_url"),
    ({"webhook_url": "/relative"}, "webhook_url"),
    ({"open_finance": {"redirectUrl": "javascript:alert(1)"}}, "open_finance.redirect_url"),
    ({"open_finance": "yes"}, "open_finance"),
    ({"idempotency_key": "1234"}, "idempotency_key"),
    ({"idempotency_key": 42}, "idempotency_key"),
]


@pytest.mark.parametrize(("override", "field"), INVALID_CASH_INS)
def test_cash_in_validation(override: dict[str, Any], field: str, server: FakeConnectPSP) -> None:
    kwargs = cash_in_kwargs()
    kwargs.update(override)
    with make_client(server) as psp, pytest.raises(ValidationError) as info:
        psp.cash_in.create(**kwargs)
    assert info.value.field == field
    assert server.requests == []  # nothing sent, not even a token request
    assert PAYER_DOCUMENT[:9] not in str(info.value)


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: pix_key_destination("CPF", "11111111111"), "destination.pix_key"),
        (lambda: pix_key_destination("EMAIL", "not-an-email"), "destination.pix_key"),
        (lambda: pix_key_destination("PHONE", "11987654321"), "destination.pix_key"),
        (lambda: pix_key_destination("EVP", "not-a-uuid"), "destination.pix_key"),
        (lambda: pix_key_destination("IBAN", "x"), "destination.pix_key_type"),
        (
            lambda: bank_account_destination(
                ispb="1823612", branch="0001", account="1", account_type="PAYMENT"
            ),
            "destination.bank_account.ispb",
        ),
        (
            lambda: bank_account_destination(
                ispb="18236120", branch="00001", account="1", account_type="PAYMENT"
            ),
            "destination.bank_account.branch",
        ),
        (
            lambda: bank_account_destination(
                ispb="18236120", branch="0001", account="12-3", account_type="PAYMENT"
            ),
            "destination.bank_account.account",
        ),
        (
            lambda: bank_account_destination(
                ispb="18236120", branch="0001", account="1", account_type="BROKERAGE"
            ),
            "destination.bank_account.account_type",
        ),
    ],
)
def test_destination_validation(build: Any, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        build()
    assert info.value.field == field


def test_cash_out_rejects_other_destination_types(server: FakeConnectPSP) -> None:
    with make_client(server) as psp, pytest.raises(ValidationError, match="destination"):
        psp.cash_out.create(**cash_out_kwargs(destination={"type": "PIX"}))
    assert server.requests == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: setattr(d, "pix_key", "11111111111"), "destination.pix_key"),
        (lambda d: setattr(d, "pix_key", "123.456.789-00"), "destination.pix_key"),
        (lambda d: setattr(d, "pix_key_type", PixKeyType.EMAIL), "destination.pix_key"),
        (lambda d: setattr(d, "pix_key_type", "IBAN"), "destination.pix_key_type"),
    ],
)
def test_destination_changed_after_building_is_validated_again(
    change: Any, field: str, server: FakeConnectPSP
) -> None:
    # pix_key_destination() results are not validated twice; a later change must still be seen.
    destination = pix_key_destination("CPF", PAYER_DOCUMENT)
    change(destination)
    with make_client(server) as psp, pytest.raises(ValidationError) as info:
        psp.cash_out.create(**cash_out_kwargs(destination=destination))
    assert info.value.field == field
    assert server.requests == []


def test_built_destination_is_an_ordinary_model() -> None:
    # pix_key_destination() remembers what it validated inside the destination; nothing of it
    # shows in the wire form, the repr or equality.
    built = pix_key_destination("CPF", "123.456.789-09")
    by_hand = PixDestination(type_="PIX", pix_key_type=PixKeyType.CPF, pix_key=PAYER_DOCUMENT)
    assert built == by_hand
    assert repr(built) == repr(by_hand)
    assert built.to_dict() == by_hand.to_dict()
    assert built.additional_properties == {}


def test_payee_document_equal_to_a_changed_key_is_still_checked(server: FakeConnectPSP) -> None:
    # A payee document equal to the validated CPF key is not checked twice, but only while the
    # destination still holds the validated key.
    destination = pix_key_destination("CPF", PAYER_DOCUMENT)
    destination.pix_key = PAYER_DOCUMENT[:-1] + "0"  # wrong check digit
    with make_client(server) as psp, pytest.raises(ValidationError) as info:
        psp.cash_out.create(
            **cash_out_kwargs(destination=destination, payee_document=destination.pix_key)
        )
    assert info.value.field == "payee_document"
    assert server.requests == []


def test_payee_document_equal_to_the_key_is_sent_canonical(server: FakeConnectPSP) -> None:
    destination = pix_key_destination("CPF", PAYER_DOCUMENT)
    formatted = (
        f"{PAYER_DOCUMENT[:3]}.{PAYER_DOCUMENT[3:6]}.{PAYER_DOCUMENT[6:9]}-{PAYER_DOCUMENT[9:]}"
    )
    with make_client(server) as psp:
        psp.cash_out.create(**cash_out_kwargs(destination=destination, payee_document=formatted))
    assert body_of(sent(server))["payee"]["document"] == PAYER_DOCUMENT


def test_destination_changed_to_another_valid_key_is_normalised(server: FakeConnectPSP) -> None:
    destination = pix_key_destination("CPF", PAYER_DOCUMENT)
    destination.pix_key_type = PixKeyType.EMAIL
    destination.pix_key = " Maria@Example.COM "
    with make_client(server) as psp:
        psp.cash_out.create(**cash_out_kwargs(destination=destination))
    sent_destination = body_of(sent(server))["payee"]["destination"]
    assert sent_destination == {"type": "PIX", "pixKeyType": "EMAIL", "pixKey": "maria@example.com"}


@pytest.mark.parametrize("bad_id", ["", "../account/balance", "US7B1JQ?x=1", "a/b", "x" * 65, 7])
def test_path_ids_are_checked(bad_id: Any, server: FakeConnectPSP) -> None:
    with make_client(server) as psp:
        for call in (psp.cash_in.get, psp.cash_out.get, lambda i: psp.cash_in.refund(i, "FRAUD")):
            with pytest.raises(ValidationError) as info:
                call(bad_id)
            assert info.value.field == "id"
    assert server.requests == []


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda p: p.cash_in.refund("US7B1JQ", "BORED"), "reason"),
        (lambda p: p.cash_in.refund("US7B1JQ", "FRAUD", "x" * 501), "description"),
        (lambda p: p.cash_out.create(**cash_out_kwargs(), description="x" * 141), "description"),
        (lambda p: p.cash_out.create(**cash_out_kwargs(payee_document="1")), "payee_document"),
        (lambda p: p.account.rebalance(Decimal("-1")), "target_amount"),
        (lambda p: p.account.rebalance(1.5), "target_amount"),
        (lambda p: p.account.balance("2026-03-10"), "date"),
    ],
)
def test_other_validation(call: Any, field: str, server: FakeConnectPSP) -> None:
    with make_client(server) as psp, pytest.raises(ValidationError) as info:
        call(psp)
    assert info.value.field == field
    assert server.requests == []


def test_unknown_enum_values_and_extra_fields_are_tolerated(server: FakeConnectPSP) -> None:
    base_payee: dict[str, Any] = CASH_OUT["payee"]  # type: ignore[assignment]
    cash_out = {
        **CASH_OUT,
        "status": "ON_HOLD",
        "riskScore": 0.12,
        "payee": {
            **base_payee,
            "destination": {"type": "PIX", "pixKeyType": "NEW_KEY_KIND", "pixKey": "abc"},
        },
    }
    cash_in = {**CASH_IN, "status": "UNDER_REVIEW", "newField": {"nested": True}}
    server.queue("GET /cash-out/IVKPRMOCDY", ok(200, cash_out))
    server.queue("GET /cash-in/US7B1JQ", ok(200, cash_in))
    with make_client(server) as psp:
        out = psp.cash_out.get("IVKPRMOCDY").data
        got = psp.cash_in.get("US7B1JQ").data
    assert out.status == "ON_HOLD" and not out.status.is_known
    assert out.additional_properties["riskScore"] == Decimal("0.12")
    destination = out.payee.destination
    assert isinstance(destination, DestinationDetails)  # the response-side destination (D-44)
    assert destination.pix_key_type == "NEW_KEY_KIND"
    assert got.status == "UNDER_REVIEW" and not got.status.is_known
    assert got.additional_properties["newField"] == {"nested": True}


def test_unknown_enum_in_a_bank_account_destination(server: FakeConnectPSP) -> None:
    base_payee: dict[str, Any] = CASH_OUT["payee"]  # type: ignore[assignment]
    payee = {
        **base_payee,
        "destination": {
            "type": "BANK_ACCOUNT",
            "bankAccount": {"ispb": "18236120", "branch": "1", "account": "2", "accountType": "X"},
        },
    }
    server.queue("GET /cash-out/IVKPRMOCDY", ok(200, {**CASH_OUT, "payee": payee}))
    with make_client(server) as psp:
        destination = psp.cash_out.get("IVKPRMOCDY").data.payee.destination
    assert isinstance(destination, DestinationDetails)  # the response-side destination (D-44)
    assert not destination.bank_account.account_type.is_known


def test_result_repr_hides_the_model(server: FakeConnectPSP) -> None:
    with make_client(server) as psp:
        result = psp.cash_in.create(**cash_in_kwargs())
    text = repr(result)
    assert PAYER_DOCUMENT not in text
    assert str(result.idempotency_key) in text and "CashIn" in text


def test_request_id_on_results(server: FakeConnectPSP) -> None:
    server.queue("GET /cash-in/US7B1JQ", ok(200, CASH_IN, **{"X-Request-Id": "r-7"}))
    with make_client(server) as psp:
        assert psp.cash_in.get("US7B1JQ").request_id == "r-7"


def test_client_is_a_context_manager_with_one_pool(server: FakeConnectPSP) -> None:
    psp: ConnectPSP = make_client(server)
    with psp:
        psp.account.balance()
        psp.cash_in.get("US7B1JQ")
    pool = psp._requestor._http
    assert pool.is_closed
    assert psp.generated_client.get_httpx_client().is_closed
