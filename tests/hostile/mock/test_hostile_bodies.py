"""Issue 11 items 8 and 10: request bodies and tokens that used to crash the mock (500) or that it
accepted against its own rules. Each must be a 4xx problem, and the mock must keep serving."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from connectpsp_mock import jwt
from connectpsp_mock.testing import RunningMock

from ...mock.helpers import assert_problem, cash_in_body, cash_out_body
from .conftest import SEED

OVERFLOWING = "1e1000000000000000000"

# Every endpoint that reads a JSON body, public and control. The ids need not exist: the body is
# read (and must be refused) before any lookup.
BODY_ENDPOINTS = [
    "/auth/token",
    "/cash-in",
    "/cash-in/US7B1JQ/refund",
    "/cash-out",
    "/account/rebalance",
    "/_mock/cash-in/US7B1JQ/pay",
    "/_mock/cash-out/IVKPRMOCDY/settle",
    "/_mock/events/evt_x/duplicate",
    "/_mock/faults",
    "/_mock/clock/advance",
    "/_mock/wait-idle",
]


def _headers(mock: RunningMock) -> dict[str, str]:
    return {
        **mock.auth_headers(signed=True),
        "X-Idempotency-Key": str(uuid.uuid4()),
        "Content-Type": "application/json",
    }


def _assert_problem_4xx(response: httpx.Response) -> dict[str, Any]:
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status", "code", "detail"} <= set(body)
    return body


@pytest.mark.parametrize("path", BODY_ENDPOINTS)
@pytest.mark.parametrize(
    "template",
    [
        '{"amount": %s}',
        '{"amount": 10, "extra": [%s]}',
        "%s",
        '{"seconds": %s, "timeout": %s, "copies": %s, "targetAmount": %s}',
    ],
)
def test_overflowing_exponent_is_a_400_everywhere(
    mock: RunningMock, client: httpx.Client, path: str, template: str
) -> None:
    content = template.replace("%s", OVERFLOWING)
    response = client.post(path, content=content, headers=_headers(mock))
    assert_problem(response, 400, "VALIDATION_ERROR")


def test_overflowing_exponent_on_auth_token_without_credentials(client: httpx.Client) -> None:
    """No credentials needed to reach the parser: this was an unauthenticated 500."""
    content = '{"clientId": "1000001", "clientSecret": "x", "n": ' + OVERFLOWING + "}"
    response = client.post(
        "/auth/token", content=content, headers={"Content-Type": "application/json"}
    )
    assert_problem(response, 400, "VALIDATION_ERROR")


@pytest.mark.parametrize(
    "number", ["-1e1000000000000000000", "1e-1000000000000000000", "1E+999999999999999999999"]
)
def test_other_extreme_exponents_are_handled(
    mock: RunningMock, client: httpx.Client, number: str
) -> None:
    for path in ("/cash-in", "/cash-out", "/account/rebalance", "/_mock/clock/advance"):
        content = json.dumps(cash_in_body()).replace('"amount": 10.0', '"amount": ' + number)
        _assert_problem_4xx(client.post(path, content=content, headers=_headers(mock)))


@pytest.mark.parametrize("member", ["clientId", "clientSecret"])
@pytest.mark.parametrize("surrogate", ["\\ud800", "\\udfff", "a\\udc00b"])
def test_lone_surrogate_in_credentials_is_a_400(
    client: httpx.Client, member: str, surrogate: str
) -> None:
    body = {"clientId": "1000001", "clientSecret": "x"}
    content = json.dumps(body).replace(
        f'"{member}": "{body[member]}"', f'"{member}": "{surrogate}"'
    )
    assert surrogate in content
    response = client.post(
        "/auth/token", content=content, headers={"Content-Type": "application/json"}
    )
    assert_problem(response, 400, "VALIDATION_ERROR")


def test_lone_surrogate_anywhere_in_a_body_is_a_400(
    mock: RunningMock, client: httpx.Client
) -> None:
    content = json.dumps(cash_in_body(note="\ud800"), ensure_ascii=True)
    assert "\\ud800" in content
    response = client.post("/cash-in", content=content, headers=_headers(mock))
    assert_problem(response, 400, "VALIDATION_ERROR")
    # A valid surrogate pair (an astral character) is fine.
    content = json.dumps(cash_in_body(note="\U0001f600"), ensure_ascii=True)
    assert client.post("/cash-in", content=content, headers=_headers(mock)).status_code == 201


@pytest.mark.parametrize(
    "url",
    [
        "https://xn--/hook",
        "http://xn--/",
        "https://xn--zz/hook",
        "https://xn--a.xn--/x",
        "https://a.xn--/x",
        "http://xn--ls8h/",
    ],
)
def test_webhook_url_with_a_broken_idna_host_is_a_400(
    mock: RunningMock, client: httpx.Client, url: str
) -> None:
    for path, body in (
        ("/cash-in", cash_in_body(webhookUrl=url)),
        ("/cash-out", cash_out_body(webhookUrl=url)),
        ("/cash-in", cash_in_body(openFinance={"redirectUrl": url})),
    ):
        response = client.post(path, json=body, headers=_headers(mock))
        if response.status_code >= 400:
            detail = assert_problem(response, 400, "VALIDATION_ERROR")["detail"]
            assert detail.split(":")[0] in ("webhookUrl", "openFinance.redirectUrl")
        else:  # a host that IDNA accepts is a valid URL: created, and never contacted
            assert response.status_code in (201, 202)
    assert mock.wait_idle()


def _nested(depth: int) -> Any:
    value: Any = "leaf"
    for i in range(depth):
        value = {"n": value} if i % 2 else [value]
    return value


@pytest.mark.parametrize("depth", [450, 900, 5000])
@pytest.mark.parametrize("path", ["/cash-in", "/cash-out", "/cash-in/US7B1JQ/refund"])
def test_deeply_nested_ignored_member_with_an_idempotency_key(
    mock: RunningMock, client: httpx.Client, depth: int, path: str
) -> None:
    base = cash_out_body() if path == "/cash-out" else cash_in_body()
    if path.endswith("/refund"):
        base = {"reason": "FRAUD"}
    content = json.dumps(base)[:-1] + ', "ignored": ' + json.dumps(_nested(0)) + "}"
    # json.dumps itself cannot nest this deep: build the text by hand.
    opening = "".join('{"n":' if i % 2 else "[" for i in range(depth))
    closing = "".join("}" if i % 2 else "]" for i in reversed(range(depth)))
    content = content.replace('"ignored": "leaf"', f'"ignored": {opening}"leaf"{closing}')
    response = client.post(path, content=content, headers=_headers(mock))
    detail = assert_problem(response, 400, "VALIDATION_ERROR")["detail"]
    assert detail.startswith("body:"), detail
    assert mock.state()["cashIns"] == [] and mock.state()["cashOuts"] == []


def test_moderate_nesting_of_ignored_members_is_still_accepted(
    mock: RunningMock, client: httpx.Client
) -> None:
    """The limit refuses absurd nesting, not ordinary extension objects."""
    response = client.post(
        "/cash-in", json=cash_in_body(extension=_nested(16)), headers=_headers(mock)
    )
    assert response.status_code == 201, response.text


def _forge(claims: dict[str, Any] | str) -> str:
    """A token signed with the seeded mock's key (derivable from the seed, by design)."""
    key = hashlib.sha256(f"connectpsp-mock-jwt:{SEED}".encode()).digest()
    if isinstance(claims, str):  # raw claims text
        header = jwt._b64encode(b'{"alg":"HS256","typ":"JWT"}')
        payload = jwt._b64encode(claims.encode())
        signing_input = f"{header}.{payload}".encode()
        return f"{header}.{payload}.{jwt._b64encode(jwt._sign(signing_input, key))}"
    return jwt.encode(claims, key)


@pytest.mark.parametrize(
    "exp",
    [
        1e20,
        10**20,
        -(10**20),
        2**63,
        10**400,
        "x",
        True,
        None,
        [1],
        {"a": 1},
    ],
)
def test_forged_token_with_absurd_exp_is_a_401(
    mock: RunningMock, client: httpx.Client, exp: Any
) -> None:
    token = _forge({"sub": mock.settings.client_id, "exp": exp, "iat": 0})
    headers = {**mock.auth_headers(token), "Content-Type": "application/json"}
    response = client.get("/account/balance", headers=headers)
    assert_problem(response, 401, "INVALID_TOKEN")


def test_forged_token_with_the_largest_real_date_is_valid_not_a_crash(
    mock: RunningMock, client: httpx.Client
) -> None:
    """The boundary: an exp in year 9999 is a date (a well-signed token that expires then)."""
    exp = int(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp())
    token = _forge({"sub": mock.settings.client_id, "exp": exp, "iat": 0})
    response = client.get("/account/balance", headers=mock.auth_headers(token))
    assert response.status_code == 200, response.text
    token = _forge({"sub": mock.settings.client_id, "exp": exp + 1, "iat": 0})
    response = client.get("/account/balance", headers=mock.auth_headers(token))
    assert_problem(response, 401, "INVALID_TOKEN")


@pytest.mark.parametrize(
    "claims",
    [
        '{"sub": "1000001", "exp": 1e1000000000000000000}',
        '{"sub": "1000001", "exp": ' + "[" * 1500 + "]" * 1500 + "}",
        '{"sub": "1000001", "exp": 1, "x": "\\ud800"}',
        '{"sub": "\\ud800", "exp": 99999999999}',
    ],
)
def test_forged_token_with_hostile_claims_text_is_a_401(
    mock: RunningMock, client: httpx.Client, claims: str
) -> None:
    response = client.get("/account/balance", headers=mock.auth_headers(_forge(claims)))
    body = assert_problem(response, 401, response.json().get("code", "?"))
    assert body["code"] in ("INVALID_TOKEN", "TOKEN_EXPIRED")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("path", ["/auth/token", "/cash-in", "/_mock/clock/advance"])
def test_utf16_and_utf32_bodies_are_a_400(
    mock: RunningMock, client: httpx.Client, encoding: str, path: str
) -> None:
    """The mock's rule: a body is UTF-8 JSON; anything else is 400, even if Python could guess."""
    body: dict[str, Any] = cash_in_body() if path == "/cash-in" else {"seconds": 1}
    if path == "/auth/token":
        body = {"clientId": mock.settings.client_id, "clientSecret": mock.settings.client_secret}
    content = json.dumps(body).encode(encoding)
    response = client.post(path, content=content, headers=_headers(mock))
    assert_problem(response, 400, "VALIDATION_ERROR")
    assert mock.state()["cashIns"] == []


def test_utf8_byte_order_mark_is_a_400(mock: RunningMock, client: httpx.Client) -> None:
    """RFC 8259: senders MUST NOT add a BOM; the strict mock refuses it (D-70)."""
    content = b"\xef\xbb\xbf" + json.dumps(cash_in_body()).encode()
    assert_problem(
        client.post("/cash-in", content=content, headers=_headers(mock)), 400, "VALIDATION_ERROR"
    )


def test_the_mock_still_serves_after_all_of_this(mock: RunningMock, client: httpx.Client) -> None:
    for template in (
        '{"amount": ' + OVERFLOWING + "}",
        '{"clientId": "\\ud800", "clientSecret": "x"}',
    ):
        client.post("/auth/token", content=template, headers={"Content-Type": "application/json"})
    response = client.post("/cash-in", json=cash_in_body(), headers=_headers(mock))
    assert response.status_code == 201
    assert "responses.500" not in mock.state()["counters"]
