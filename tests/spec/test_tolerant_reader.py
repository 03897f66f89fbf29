"""Issue 10: real-world variants of every response and webhook payload load, never raise.

Each variant starts from a documented example, changes one thing the way a real server plausibly
would (a field left out, `null`, an extra field, a timestamp/date/id in another shape, an amount as
a string or with three decimals, an unknown enum or destination type, a wrong JSON type) and feeds
the bytes through the operation's generated response parser (`_parse_response`, JSON decoding
included) or the webhook payload model. For every variant: no exception, the value as sent still
reachable in `model.raw`, and a deviation recorded at the changed path with the expected kind.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from types import ModuleType
from typing import Any

import connectpsp_client.models as models
import httpx
import pytest
from connectpsp_client import Client
from connectpsp_client.api.account import get_balance, rebalance_account
from connectpsp_client.api.authentication import auth_token
from connectpsp_client.api.cash_in import create_cash_in, get_cash_in, refund_cash_in
from connectpsp_client.api.cash_out import create_cash_out, get_cash_out
from connectpsp_client.models import (
    CashInPaidEvent,
    CashInRefundedEvent,
    CashOutCompletedEvent,
    CashOutFailedEvent,
    CashOutRefundedEvent,
    WebhookEvent,
)
from connectpsp_client.types import UNSET, Deviation, json_dumps, json_loads
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .spec_helpers import SPEC

DELETE = object()  # a variant that removes the field


def _example(path: str, method: str, status: str, name: str) -> dict[str, Any]:
    content = SPEC["paths"][path][method]["responses"][status]["content"]["application/json"]
    return dict(content["examples"][name]["value"])


def _problem() -> dict[str, Any]:
    content = SPEC["components"]["responses"]["UnprocessableEntity"]["content"]
    return dict(content["application/problem+json"]["examples"]["insufficientFunds"]["value"])


TOKEN = _example("/auth/token", "post", "200", "guide")
CASH_IN_201 = _example("/cash-in", "post", "201", "tutorial")
CASH_IN = _example("/cash-in/{id}", "get", "200", "reference")
REFUND = _example("/cash-in/{id}/refund", "post", "202", "reference")
CASH_OUT_202 = _example("/cash-out", "post", "202", "accepted")
CASH_OUT = _example("/cash-out/{id}", "get", "200", "completed")
CASH_OUT_FAILED = _example("/cash-out/{id}", "get", "200", "failed")
BALANCE = _example("/account/balance", "get", "200", "reference")
REBALANCE = _example("/account/rebalance", "post", "200", "reference")
PROBLEM = _problem()
_PAID_EVENT = SPEC["webhooks"]["CASHIN_PAID"]["post"]["requestBody"]["content"]["application/json"]
CASHIN_PAID = dict(_PAID_EVENT["examples"]["tutorial"]["value"])


def _event(event_type: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"eventType": event_type, "eventAt": "2026-03-10T18:27:05Z", "data": data}


CASHIN_REFUNDED = _event("CASHIN_REFUNDED", CASH_IN)
CASHOUT_COMPLETED = _event("CASHOUT_COMPLETED", CASH_OUT)
CASHOUT_FAILED = _event("CASHOUT_FAILED", CASH_OUT_FAILED)
CASHOUT_REFUNDED = _event(
    "CASHOUT_REFUNDED",
    {
        **CASH_OUT,
        "status": "REFUNDED",
        "endToEndId": "D00000000202603111200retrnAbc123",
        "originalEndToEndId": CASH_OUT["endToEndId"],
    },
)


@dataclass(frozen=True)
class Source:
    """Where a payload goes: an operation's response parser, or a webhook model."""

    name: str
    base: dict[str, Any]
    load: Callable[[bytes], Any]


def _parser(module: ModuleType, status: int) -> Callable[[bytes], Any]:
    client = Client(base_url="https://api.homologacao.connectpsp.com")

    def load(content: bytes) -> Any:
        response = httpx.Response(status, content=content)
        return module._parse_response(client=client, response=response)

    return load


def _webhook(model: Any) -> Callable[[bytes], Any]:
    return lambda content: model.from_dict(json_loads(content))


SOURCES = {
    source.name: source
    for source in (
        Source("authToken 200", TOKEN, _parser(auth_token, 200)),
        Source("createCashIn 201", CASH_IN_201, _parser(create_cash_in, 201)),
        Source("getCashIn 200", CASH_IN, _parser(get_cash_in, 200)),
        Source("refundCashIn 202", REFUND, _parser(refund_cash_in, 202)),
        Source("createCashOut 202", CASH_OUT_202, _parser(create_cash_out, 202)),
        Source("getCashOut 200", CASH_OUT, _parser(get_cash_out, 200)),
        Source("getCashOut 200 failed", CASH_OUT_FAILED, _parser(get_cash_out, 200)),
        Source("getBalance 200", BALANCE, _parser(get_balance, 200)),
        Source("rebalanceAccount 200", REBALANCE, _parser(rebalance_account, 200)),
        Source("refundCashIn 422 problem", PROBLEM, _parser(refund_cash_in, 422)),
        Source("CASHIN_PAID", CASHIN_PAID, _webhook(CashInPaidEvent)),
        Source("CASHIN_REFUNDED", CASHIN_REFUNDED, _webhook(CashInRefundedEvent)),
        Source("CASHOUT_COMPLETED", CASHOUT_COMPLETED, _webhook(CashOutCompletedEvent)),
        Source("CASHOUT_FAILED", CASHOUT_FAILED, _webhook(CashOutFailedEvent)),
        Source("CASHOUT_REFUNDED", CASHOUT_REFUNDED, _webhook(CashOutRefundedEvent)),
        Source("unknown event", _event("CASHOUT_RETURNED", CASH_OUT), _webhook(WebhookEvent)),
    )
}


# (source, JSON path, new value or DELETE, expected deviation kind). A path is dotted; `[i]`
# indexes an array. The deviation is expected at the same path.
VARIANTS: list[tuple[str, str, Any, str]] = [
    # --- POST /auth/token
    ("authToken 200", "tokenType", DELETE, "missing"),
    ("authToken 200", "issuedAt", DELETE, "missing"),
    ("authToken 200", "tokenType", None, "null"),
    ("authToken 200", "tokenType", "bearer", "unknown_enum"),
    ("authToken 200", "issuedAt", 1773151200, "bad_format"),
    ("authToken 200", "issuedAt", "Tue, 10 Mar 2026 14:00:00 GMT", "bad_format"),
    ("authToken 200", "expiresIn", "3600", "wrong_type"),
    ("authToken 200", "expiresIn", DELETE, "missing"),
    ("authToken 200", "refreshToken", "eyJ.refresh", "undocumented"),
    ("authToken 200", "accessToken", None, "null"),
    # --- POST /cash-in 201
    ("createCashIn 201", "pixData", None, "null"),
    ("createCashIn 201", "pixData.qrCodeImageBase64", DELETE, "missing"),
    ("createCashIn 201", "pixData", "00020101021226...", "wrong_type"),
    ("createCashIn 201", "amount", "10.00", "wrong_type"),
    ("createCashIn 201", "amount", Decimal("10.005"), "bad_format"),
    ("createCashIn 201", "expiresAt", None, "null"),
    ("createCashIn 201", "requestedAt", "2026-03-10T11:20:00", "bad_format"),
    ("createCashIn 201", "status", "CREATED", "unknown_enum"),
    ("createCashIn 201", "transactionId", 123456789, "wrong_type"),
    ("createCashIn 201", "externalReference", DELETE, "missing"),
    # --- GET /cash-in/{id}
    ("getCashIn 200", "requestedAt", DELETE, "missing"),
    ("getCashIn 200", "amount", DELETE, "missing"),
    ("getCashIn 200", "payer", DELETE, "missing"),
    ("getCashIn 200", "payer", None, "null"),
    ("getCashIn 200", "payer.document", DELETE, "missing"),
    ("getCashIn 200", "payer.bankData", "n/a", "wrong_type"),
    ("getCashIn 200", "payer.bankData.ispb", None, "null"),
    ("getCashIn 200", "payer.bankData.agency", "0001", "undocumented"),
    ("getCashIn 200", "paidAt", 1773152535000, "bad_format"),
    ("getCashIn 200", "refundedAt", "11/03/2026 09:00", "bad_format"),
    ("getCashIn 200", "refundedAt", None, "null"),
    ("getCashIn 200", "expiredAt", {"at": "2026-03-11"}, "wrong_type"),
    ("getCashIn 200", "status", "PARTIALLY_REFUNDED", "unknown_enum"),
    ("getCashIn 200", "status", None, "null"),
    ("getCashIn 200", "internalCode", DELETE, "missing"),
    ("getCashIn 200", "amount", {"value": 150.5, "currency": "BRL"}, "wrong_type"),
    # --- POST /cash-in/{id}/refund 202
    ("refundCashIn 202", "endToEndId", DELETE, "missing"),
    ("refundCashIn 202", "endToEndId", None, "null"),
    ("refundCashIn 202", "reason", "CHARGEBACK", "unknown_enum"),
    ("refundCashIn 202", "amount", "150.50", "wrong_type"),
    ("refundCashIn 202", "refundedAt", "2026-03-11", "bad_format"),
    ("refundCashIn 202", "status", 7, "wrong_type"),
    ("refundCashIn 202", "devolutionId", "D123", "undocumented"),
    # --- POST /cash-out 202 and GET /cash-out/{id}
    ("createCashOut 202", "payee.destination.type", "BOLETO", "unknown_enum"),
    ("createCashOut 202", "payee.destination.pixKeyType", "RANDOM", "unknown_enum"),
    ("createCashOut 202", "payee.destination", None, "null"),
    ("createCashOut 202", "payee.destination.type", DELETE, "missing"),
    ("createCashOut 202", "transactionId", 99887766, "wrong_type"),
    ("createCashOut 202", "requestedAt", "2026-03-10T11:30:00 BRT", "bad_format"),
    ("createCashOut 202", "amount", "50", "wrong_type"),
    ("getCashOut 200", "payee", DELETE, "missing"),
    ("getCashOut 200", "payee.name", None, "null"),
    ("getCashOut 200", "payee.destination.bankAccount", [], "wrong_type"),
    ("getCashOut 200", "completedAt", "2026-03-10 18:27:04", "bad_format"),
    ("getCashOut 200", "amount", Decimal("500.001"), "bad_format"),
    ("getCashOut 200", "status", "SETTLED", "unknown_enum"),
    ("getCashOut 200", "externalReference", None, "null"),
    ("getCashOut 200 failed", "failure", None, "null"),
    ("getCashOut 200 failed", "failure.message", DELETE, "missing"),
    ("getCashOut 200 failed", "failure.code", 404, "wrong_type"),
    ("getCashOut 200 failed", "failedAt", 1773178023, "bad_format"),
    # --- GET /account/balance
    ("getBalance 200", "referenceDate", "2026-03-10T00:00:00-03:00", "bad_format"),
    ("getBalance 200", "referenceDate", "10/03/2026", "bad_format"),
    ("getBalance 200", "currency", "USD", "unknown_enum"),
    ("getBalance 200", "consolidated", DELETE, "missing"),
    ("getBalance 200", "consolidated.totalBalance", "1500000.00", "wrong_type"),
    ("getBalance 200", "consolidated.proprietaryBalance", None, "null"),
    ("getBalance 200", "banks", {"CELCOIN": {}}, "wrong_type"),
    ("getBalance 200", "banks[0]", None, "null"),
    ("getBalance 200", "banks[0].accounts.proprietary", "n/a", "wrong_type"),
    (
        "getBalance 200",
        "banks[0].accounts.transactional.balance",
        Decimal("200000.999"),
        "bad_format",
    ),
    ("getBalance 200", "banks[0].ispb", 13935893, "wrong_type"),
    ("getBalance 200", "updatedAt", DELETE, "missing"),
    # --- POST /account/rebalance and problem bodies
    ("rebalanceAccount 200", "success", "true", "wrong_type"),
    ("rebalanceAccount 200", "message", DELETE, "missing"),
    ("rebalanceAccount 200", "success", DELETE, "missing"),
    ("refundCashIn 422 problem", "status", "422", "wrong_type"),
    ("refundCashIn 422 problem", "title", DELETE, "missing"),
    ("refundCashIn 422 problem", "traceId", "abc", "undocumented"),
    # --- webhook payloads
    ("CASHIN_PAID", "data.payer.bankData", [], "wrong_type"),
    ("CASHIN_PAID", "data.paidAt", 1773152535, "bad_format"),
    ("CASHIN_PAID", "data.amount", "10.00", "wrong_type"),
    ("CASHIN_PAID", "data.status", "CONFIRMED", "unknown_enum"),
    ("CASHIN_PAID", "data.requestedAt", DELETE, "missing"),
    ("CASHIN_PAID", "eventAt", "2026-03-10 11:22:18", "bad_format"),
    ("CASHIN_REFUNDED", "data.refundedAt", None, "null"),
    ("CASHIN_REFUNDED", "data.transactionId", None, "null"),
    ("CASHOUT_COMPLETED", "data.payee.destination.type", "PIX_AUTOMATICO", "unknown_enum"),
    ("CASHOUT_COMPLETED", "data.completedAt", "yesterday", "bad_format"),
    ("CASHOUT_COMPLETED", "data", "not an object", "wrong_type"),
    ("CASHOUT_FAILED", "data.failure.code", DELETE, "missing"),
    ("CASHOUT_REFUNDED", "data.originalEndToEndId", 12345, "wrong_type"),
    ("CASHOUT_REFUNDED", "data.status", "RETURNED", "unknown_enum"),
    ("CASHOUT_REFUNDED", "eventType", "CASHOUT_RETURNED", "unknown_enum"),
    ("unknown event", "eventAt", 1773178025, "bad_format"),
    ("unknown event", "data", None, "null"),
]


def _split(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for segment in path.split("."):
        name, _, index = segment.partition("[")
        parts.append(name)
        if index:
            parts.append(int(index.rstrip("]")))
    return parts


def _mutate(document: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    *parents, last = _split(path)
    node: Any = changed
    for part in parents:
        node = node[part]
    if value is DELETE:
        del node[last]
    else:
        node[last] = value
    return changed


def _lookup(document: Any, path: str) -> Any:
    node = document
    for part in _split(path):
        if isinstance(part, int):
            node = node[part]
        else:
            node = node.get(part, DELETE) if isinstance(node, dict) else DELETE
    return node


def _ids() -> list[str]:
    return [f"{s}: {p} {'deleted' if v is DELETE else type(v).__name__}" for s, p, v, _ in VARIANTS]


def test_there_are_at_least_seventy_variants_over_every_source() -> None:
    assert len(VARIANTS) >= 70
    assert {source for source, *_ in VARIANTS} == set(SOURCES)


@pytest.mark.parametrize(("source", "path", "value", "kind"), VARIANTS, ids=_ids())
def test_variant_loads_keeps_the_raw_value_and_records_a_deviation(
    source: str, path: str, value: Any, kind: str
) -> None:
    payload = _mutate(SOURCES[source].base, path, value)
    model = SOURCES[source].load(json_dumps(payload))  # never raises: that is the point

    assert model is not None
    assert model.raw is not None
    assert _lookup(model.raw, path) == value  # the value as sent stays reachable
    found = [(d.path, d.kind) for d in model.deviations]
    assert (path, kind) in found, found
    for deviation in model.deviations:
        assert isinstance(deviation, Deviation)
        # No payload value is copied into a deviation (personal data, secrets).
        if isinstance(value, str) and len(value) > 3:
            assert value not in deviation.detail


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_every_documented_example_loads_without_deviation(source: str) -> None:
    model = SOURCES[source].load(json_dumps(SOURCES[source].base))
    assert [(d.path, d.kind) for d in model.deviations] == []


def test_a_timestamp_in_another_shape_is_kept_as_text() -> None:
    payload = _mutate(CASH_IN, "refundedAt", "11/03/2026 09:00")
    model = get_cash_in._parse_response(
        client=Client(base_url="https://x"),
        response=httpx.Response(200, content=json_dumps(payload)),
    )
    assert model is not None
    assert model.refunded_at == "11/03/2026 09:00"
    assert isinstance(model.paid_at, datetime.datetime)


def test_an_epoch_timestamp_is_read_as_utc() -> None:
    model = SOURCES["CASHIN_PAID"].load(json_dumps(_mutate(CASHIN_PAID, "data.paidAt", 1773152535)))
    assert model.data.paid_at == datetime.datetime(2026, 3, 10, 14, 22, 15, tzinfo=datetime.UTC)


def test_a_three_decimal_amount_stays_exact() -> None:
    payload = _mutate(CASH_OUT, "amount", Decimal("500.001"))
    model = SOURCES["getCashOut 200"].load(json_dumps(payload))
    assert model.amount == Decimal("500.001") and isinstance(model.amount, Decimal)


def test_a_missing_required_field_holds_its_type_placeholder() -> None:
    """D-45: a required field that did not come is its type's empty value, never a crash; an
    amount placeholder is NaN so that it can never pass for zero."""
    token = SOURCES["authToken 200"].load(json_dumps(_mutate(TOKEN, "accessToken", DELETE)))
    assert token.access_token == "" and ("accessToken", "missing") in [
        (d.path, d.kind) for d in token.deviations
    ]
    event = SOURCES["CASHOUT_COMPLETED"].load(
        json_dumps(_mutate(CASHOUT_COMPLETED, "data", DELETE))
    )
    assert event.data.transaction_id == "" and event.data.raw == {}
    assert [(d.path, d.kind) for d in event.deviations] == [("data", "missing")]


def test_an_unknown_destination_type_keeps_the_whole_destination() -> None:
    payload = _mutate(CASH_OUT_202, "payee.destination", {"type": "BOLETO", "barcode": "8364"})
    model = SOURCES["createCashOut 202"].load(json_dumps(payload))
    destination = model.payee.destination
    assert destination.type_ == "BOLETO" and not destination.type_.is_known
    assert destination.additional_properties == {"barcode": "8364"}
    kinds = {(d.path, d.kind) for d in model.deviations}
    assert ("payee.destination.type", "unknown_enum") in kinds
    assert ("payee.destination.barcode", "undocumented") in kinds


def test_a_body_that_is_not_an_object_is_a_deviation_not_a_crash() -> None:
    model = SOURCES["getCashIn 200"].load(b"[1, 2, 3]")
    assert model.deviations[0] == Deviation("$", "wrong_type", "expected object, got array")
    assert model.internal_code == "" and model.amount is UNSET


# --- property-based: whatever JSON comes, no model raises ------------------------------------


def _json_values(floats: st.SearchStrategy[float]) -> st.SearchStrategy[Any]:
    scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.decimals(allow_nan=False, allow_infinity=False)
        | floats
        | st.text(max_size=30)
    )
    return st.recursive(
        scalars,
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=12), children, max_size=4)
        ),
        max_leaves=12,
    )


JSON_VALUES = _json_values(st.floats())  # NaN/Infinity too: json.loads accepts them
WIRE_JSON_VALUES = _json_values(st.floats(allow_nan=False, allow_infinity=False))
MODEL_CLASSES = sorted(
    (cls for cls in vars(models).values() if isinstance(cls, type) and hasattr(cls, "from_dict")),
    key=lambda cls: cls.__name__,
)


@pytest.mark.parametrize("model", MODEL_CLASSES, ids=lambda cls: cls.__name__)
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(value=JSON_VALUES)
def test_no_model_raises_on_any_json(model: Any, value: Any) -> None:
    loaded = model.from_dict(value)
    assert isinstance(loaded.deviations, list)
    if not isinstance(value, dict):
        assert loaded.deviations[0].kind == "wrong_type"


@pytest.mark.parametrize("source", sorted(SOURCES))
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_any_field_replaced_by_any_json_still_loads(source: str, data: st.DataObject) -> None:
    base = SOURCES[source].base
    key = data.draw(st.sampled_from(sorted(base)))
    value = data.draw(WIRE_JSON_VALUES)
    payload = {**base, key: value}
    model = SOURCES[source].load(json_dumps(payload))
    assert model.raw is not None and key in model.raw
