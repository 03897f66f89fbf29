"""Never a 500 for bad input: random JSON, near-valid bodies, raw bytes and odd ids, over HTTP.

The generators include the shapes a hostile test once found 500s with (issue 11 item 8): numbers
whose exponent overflows ``Decimal``, lone surrogates, ``xn--`` hosts, members nested hundreds
deep (with an idempotency key) and forged tokens with absurd ``exp`` claims.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from connectpsp_mock import jwt
from connectpsp_mock.testing import RunningMock

from .conftest import FAST as FAST_SETTINGS
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
    "/_mock/settings",
]
GET_ENDPOINTS = [
    "/cash-in/{}",
    "/cash-out/{}",
    "/account/balance?date={}",
    "/_mock/events?eventType={}",
]


@dataclass(frozen=True)
class Raw:
    """JSON text put into a body verbatim: what ``json.dumps`` cannot produce."""

    text: str


def encode(value: Any) -> str:
    """``json.dumps`` (ASCII, so lone surrogates become ``\\ud800`` escapes) with Raw parts."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{encode(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(encode(v) for v in value) + "]"
    return json.dumps(value)


def _nested(depth: int, use_objects: bool) -> Raw:
    opening, closing = ('{"n":', "}") if use_objects else ("[", "]")
    return Raw(opening * depth + "0" + closing * depth)


extreme_numbers = st.sampled_from(
    [
        "1e1000000000000000000",
        "-1e1000000000000000000",
        "1e-1000000000000000000",
        "1E+999999999999999999",
        "1E-999999999999999999",
        "9" * 5000,
        "0." + "0" * 5000 + "1",
    ]
).map(Raw) | st.builds(
    lambda mantissa, exponent: Raw(f"{mantissa}e{exponent}"),
    st.integers(-99, 99),
    st.integers(-(10**25), 10**25),
)
surrogate_strings = st.lists(
    st.integers(0xD800, 0xDFFF).map(chr) | st.characters(), min_size=1, max_size=6
).map("".join)
hostile_urls = st.sampled_from(
    [
        "https://xn--/hook",
        "http://xn--/",
        "https://xn--zz/h",
        "https://a.xn--/x",
        "http://xn--ls8h/",
    ]
) | st.builds(
    lambda label, tld: f"https://xn--{label}.{tld}/hook",
    st.text("abcdefghijklmnopqrstuvwxyz0123456789-", max_size=8),
    st.sampled_from(["com", "xn--", "xn--p1ai", "br"]),
)
deep_values = st.builds(_nested, st.integers(20, 3000), st.booleans())

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | extreme_numbers
    | surrogate_strings
    | hostile_urls
    | deep_values,
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
    action = draw(st.sampled_from(["delete", "replace", "extra"]))
    if action == "delete":
        del node[path[-1]]
    elif action == "replace":
        node[path[-1]] = draw(json_values)
    else:  # the body stays valid, with an (ignored) hostile member beside it
        node[draw(st.text(max_size=8) | surrogate_strings)] = draw(json_values)
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
            path, content=encode(body), headers={**headers, "Content-Type": "application/json"}
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


def _forged_token(claims: Any) -> str:
    """Signed with the seeded test mock's key, which anyone who knows the seed can derive."""
    key = hashlib.sha256(f"connectpsp-mock-jwt:{FAST_SETTINGS.seed}".encode()).digest()
    header = jwt._b64encode(b'{"alg":"HS256","typ":"JWT"}')
    payload = jwt._b64encode(encode(claims).encode("utf-8", "surrogatepass"))
    signature = jwt._b64encode(jwt._sign(f"{header}.{payload}".encode(), key))
    return f"{header}.{payload}.{signature}"


@FAST
@given(
    exp=st.integers()
    | st.sampled_from([10**20, 2**63, -(2**63), 10**400, 253402300800, True])
    | st.floats()
    | extreme_numbers
    | json_values,
    sub=st.just(FAST_SETTINGS.client_id) | surrogate_strings | json_values,
    path=st.sampled_from(["/account/balance", "/cash-in/US7B1JQ", "/cash-out/IVKPRMOCDY"]),
)
def test_forged_tokens_never_crash(
    http: tuple[httpx.Client, dict[str, str]], exp: Any, sub: Any, path: str
) -> None:
    client, headers = http
    token = _forged_token({"sub": sub, "exp": exp, "iat": 0})
    if len(token) > jwt.MAX_TOKEN_LENGTH:
        token = token[: jwt.MAX_TOKEN_LENGTH]
    _assert_handled(client.get(path, headers={**headers, "Authorization": f"Bearer {token}"}))
