"""Never a 500 for bad input: random JSON, near-valid bodies, raw bytes and odd ids, over HTTP."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from copy import deepcopy
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectpsp_mock.testing import RunningMock

from .helpers import bank_account_destination, cash_in_body, cash_out_body

POST_ENDPOINTS = [
    "/auth/token",
    "/cash-in",
    "/cash-in/US7B1JQ/refund",
    "/cash-out",
    "/account/rebalance",
    "/_mock/cash-in/US7B1JQ/pay",
    "/_mock/cash-out/IVKPRMOCDY/settle",
    "/_mock/events/evt_x/duplicate",
    "/_mock/clock/advance",
]
GET_ENDPOINTS = [
    "/cash-in/{}",
    "/cash-out/{}",
    "/account/balance?date={}",
    "/_mock/events?eventType={}",
]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)

VALID_BODIES = [
    cash_in_body(),
    cash_in_body(openFinance={"redirectUrl": "https://shop.example/back"}),
    cash_out_body(),
    cash_out_body(
        payee={"name": "M", "document": "12345678909", "destination": bank_account_destination()}
    ),
    {"reason": "FRAUD", "description": "x"},
    {"targetAmount": 10},
    {"clientId": "1000001", "clientSecret": "x"},
]


def _paths(value: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*prefix, key)
            yield from _paths(child, (*prefix, key))


@st.composite
def near_valid_bodies(draw: st.DrawFn) -> Any:
    """A valid body with one member replaced by a random JSON value (or removed)."""
    body = deepcopy(draw(st.sampled_from(VALID_BODIES)))
    path = draw(st.sampled_from(list(_paths(body))))
    node = body
    for key in path[:-1]:
        node = node[key]
    if draw(st.booleans()):
        del node[path[-1]]
    else:
        node[path[-1]] = draw(json_values)
    return body


@pytest.fixture(scope="module")
def http(shared_mock: RunningMock) -> Iterator[tuple[httpx.Client, dict[str, str]]]:
    with httpx.Client(base_url=shared_mock.base_url, timeout=10, trust_env=False) as client:
        shared_mock.reset()
        yield client, shared_mock.auth_headers(signed=True)


def _assert_handled(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"] == "application/problem+json"
        body = response.json()
        assert {"type", "title", "status", "code", "detail"} <= set(body)


FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FAST
@given(path=st.sampled_from(POST_ENDPOINTS), body=json_values | near_valid_bodies())
def test_random_json_never_crashes(
    http: tuple[httpx.Client, dict[str, str]], path: str, body: Any
) -> None:
    client, headers = http
    headers = {**headers, "X-Idempotency-Key": str(uuid.uuid4())}
    _assert_handled(
        client.post(
            path, content=json.dumps(body), headers={**headers, "Content-Type": "application/json"}
        )
    )


@FAST
@given(
    path=st.sampled_from(POST_ENDPOINTS),
    content=st.binary(max_size=200),
    content_type=st.sampled_from(
        ["application/json", "text/plain", "", "application/json; charset=latin-1"]
    ),
)
def test_random_bytes_never_crash(
    http: tuple[httpx.Client, dict[str, str]], path: str, content: bytes, content_type: str
) -> None:
    client, headers = http
    _assert_handled(
        client.post(path, content=content, headers={**headers, "Content-Type": content_type})
    )


@FAST
@given(template=st.sampled_from(GET_ENDPOINTS), value=st.text(min_size=1, max_size=80))
def test_random_ids_never_crash(
    http: tuple[httpx.Client, dict[str, str]], template: str, value: str
) -> None:
    client, headers = http
    _assert_handled(client.get(template.format(quote(value, safe="")), headers=headers))


@FAST
@given(
    name=st.sampled_from(
        [
            "Authorization",
            "ApplicationToken",
            "DigitalSignature",
            "X-Idempotency-Key",
            "X-Mock-Fault",
        ]
    ),
    value=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=255), max_size=80),
)
def test_random_header_values_never_crash(
    http: tuple[httpx.Client, dict[str, str]], name: str, value: str
) -> None:
    client, headers = http
    value = value.strip(" \t")  # a client cannot send surrounding whitespace (h11 refuses)
    headers = {**headers, "X-Idempotency-Key": str(uuid.uuid4()), name: value}
    raw = [(k.encode(), v.encode("latin-1")) for k, v in headers.items()]
    response = client.post("/cash-out", json=cash_out_body(), headers=raw)
    if name == "X-Mock-Fault" and response.status_code >= 500:
        return  # a valid fault header asks for exactly this
    _assert_handled(response)
