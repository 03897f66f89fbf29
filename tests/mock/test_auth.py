"""POST /auth/token, Bearer + ApplicationToken (401) and DigitalSignature (422), and their order."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid

import httpx
import pytest

from connectpsp_ext.signing import digital_signature
from connectpsp_mock import jwt
from connectpsp_mock.settings import DEV_APPLICATION_TOKEN, DEV_CRYPTO_TOKEN, MockSettings
from connectpsp_mock.testing import RunningMock, running_mock

from .helpers import Api, assert_conforms, assert_problem, cash_out_body


def _token_response(client: httpx.Client, mock: RunningMock, **override: str) -> httpx.Response:
    body = {"clientId": mock.settings.client_id, "clientSecret": mock.settings.client_secret}
    body.update(override)
    return client.post("/auth/token", json=body)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_token_is_a_real_hs256_jwt(mock: RunningMock, client: httpx.Client) -> None:
    response = _token_response(client, mock)
    body = assert_conforms(response, "/auth/token")
    assert body["tokenType"] == "Bearer"
    assert body["expiresIn"] == 3600
    assert body["issuedAt"] == "2026-03-10T14:00:00Z"  # seeded clock, UTC Z
    header_seg, payload_seg, _ = body["accessToken"].split(".")
    header = json.loads(base64.urlsafe_b64decode(header_seg + "=="))
    claims = json.loads(base64.urlsafe_b64decode(payload_seg + "=="))
    assert header == {"alg": "HS256", "typ": "JWT"}
    assert claims["sub"] == mock.settings.client_id
    assert claims["exp"] - claims["iat"] == 3600
    uuid.UUID(claims["jti"])


@pytest.mark.parametrize(
    "override",
    [{"clientId": "999"}, {"clientSecret": "wrong"}, {"clientId": "999", "clientSecret": "x"}],
)
def test_wrong_credentials_get_401(
    mock: RunningMock, client: httpx.Client, override: dict[str, str]
) -> None:
    response = _token_response(client, mock, **override)
    body = assert_problem(response, 401, "INVALID_CREDENTIALS")
    assert mock.settings.client_secret not in response.text
    assert "wrong" not in body["detail"]


def test_token_request_validation_is_400(mock: RunningMock, client: httpx.Client) -> None:
    assert_problem(
        client.post("/auth/token", json={"clientId": "1000001"}), 400, "VALIDATION_ERROR"
    )
    assert_problem(
        client.post("/auth/token", content=b"{", headers={"Content-Type": "application/json"}),
        400,
        "VALIDATION_ERROR",
    )
    assert_problem(
        client.post("/auth/token", json={"clientId": 1, "clientSecret": "x"}),
        400,
        "VALIDATION_ERROR",
    )


def test_several_tokens_are_valid_at_once(api: Api, mock: RunningMock) -> None:
    first, second = mock.token(), mock.token()
    assert first != second
    for token in (first, second):
        assert (
            api.client.get("/account/balance", headers=mock.auth_headers(token)).status_code == 200
        )


def test_expired_token_gets_token_expired(api: Api, mock: RunningMock) -> None:
    assert api.client.get("/account/balance", headers=api.headers).status_code == 200
    mock.advance_clock(3600)
    response = api.client.get("/account/balance", headers=api.headers)
    assert_problem(response, 401, "TOKEN_EXPIRED")
    assert response.headers["www-authenticate"].startswith("Bearer")
    fresh = mock.auth_headers(mock.token())
    assert api.client.get("/account/balance", headers=fresh).status_code == 200


def test_short_token_lifetime_is_configurable() -> None:
    with running_mock(MockSettings(seed=1, token_ttl_seconds=5)) as mock:
        response = httpx.post(
            mock.base_url + "/auth/token",
            json={"clientId": mock.settings.client_id, "clientSecret": mock.settings.client_secret},
        )
        assert response.json()["expiresIn"] == 5
        headers = mock.auth_headers(response.json()["accessToken"])
        assert httpx.get(mock.base_url + "/account/balance", headers=headers).status_code == 200
        mock.advance_clock(5)
        expired = httpx.get(mock.base_url + "/account/balance", headers=headers)
        assert expired.json()["code"] == "TOKEN_EXPIRED"


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Basic dXNlcjpwYXNz",
        "Bearer not-a-jwt",
        "Bearer a.b.c",
        "Bearer " + "x" * 5000,
    ],
)
def test_missing_or_malformed_bearer_gets_invalid_token(
    api: Api, authorization: str | None
) -> None:
    headers = {"ApplicationToken": DEV_APPLICATION_TOKEN}
    if authorization is not None:
        headers["Authorization"] = authorization
    assert_problem(api.client.get("/account/balance", headers=headers), 401, "INVALID_TOKEN")


def test_token_signed_with_another_key_is_invalid(api: Api) -> None:
    claims = {"sub": "1000001", "iat": 0, "exp": 4_000_000_000, "jti": "x"}
    forged = jwt.encode(claims, b"another key")
    headers = {"Authorization": f"Bearer {forged}", "ApplicationToken": DEV_APPLICATION_TOKEN}
    assert_problem(api.client.get("/account/balance", headers=headers), 401, "INVALID_TOKEN")


def test_alg_none_token_is_invalid(api: Api) -> None:
    header = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    payload = _b64(json.dumps({"sub": "1000001", "exp": 4_000_000_000}).encode())
    headers = {
        "Authorization": f"Bearer {header}.{payload}.",
        "ApplicationToken": DEV_APPLICATION_TOKEN,
    }
    assert_problem(api.client.get("/account/balance", headers=headers), 401, "INVALID_TOKEN")


def test_token_with_valid_signature_but_wrong_algorithm_header_is_invalid(
    api: Api, mock: RunningMock
) -> None:
    # Re-sign our own payload under a header claiming HS512: the pinned algorithm rejects it.
    key = mock.runtime.auth._key  # the mock's signing key
    header = _b64(json.dumps({"alg": "HS512", "typ": "JWT"}).encode())
    payload = api.token.split(".")[1]
    signature = _b64(hmac.new(key, f"{header}.{payload}".encode(), hashlib.sha256).digest())
    headers = {
        "Authorization": f"Bearer {header}.{payload}.{signature}",
        "ApplicationToken": DEV_APPLICATION_TOKEN,
    }
    assert_problem(api.client.get("/account/balance", headers=headers), 401, "INVALID_TOKEN")


@pytest.mark.parametrize("application_token", [None, "", str(uuid.uuid4())])
def test_missing_or_wrong_application_token(api: Api, application_token: str | None) -> None:
    headers = {"Authorization": f"Bearer {api.token}"}
    if application_token is not None:
        headers["ApplicationToken"] = application_token
    for path in ("/account/balance", "/cash-out/IVKPRMOCDY", "/cash-in/US7B1JQ"):
        response = api.client.get(path, headers=headers)
        assert_problem(response, 401, "INVALID_APPLICATION_TOKEN")
        assert DEV_APPLICATION_TOKEN not in response.text


@pytest.mark.parametrize("signature", [None, "", "0" * 64, "not hex"])
def test_missing_or_wrong_signature_gets_422(api: Api, signature: str | None) -> None:
    headers = dict(api.headers)
    if signature is not None:
        headers["DigitalSignature"] = signature
    calls = [
        ("/cash-out", cash_out_body(), {"X-Idempotency-Key": str(uuid.uuid4())}),
        ("/cash-in/US7B1JQ/refund", {"reason": "FRAUD"}, {}),
        ("/account/rebalance", {"targetAmount": 1}, {}),
    ]
    for path, body, extra in calls:
        response = api.client.post(path, json=body, headers={**headers, **extra})
        assert_problem(response, 422, "INVALID_SIGNATURE")
    assert api.mock.state()["cashOuts"] == []


def test_signature_of_another_token_is_rejected(api: Api, mock: RunningMock) -> None:
    other = mock.token()
    headers = {**api.headers, "DigitalSignature": digital_signature(other, DEV_CRYPTO_TOKEN)}
    response = api.client.post("/account/rebalance", json={"targetAmount": 1}, headers=headers)
    assert_problem(response, 422, "INVALID_SIGNATURE")


def test_signature_is_case_insensitive_hex(api: Api) -> None:
    headers = {**api.signed, "DigitalSignature": api.signed["DigitalSignature"].upper()}
    response = api.client.post("/account/rebalance", json={"targetAmount": 500000}, headers=headers)
    assert response.status_code == 200, response.text


def test_any_rotated_crypto_token_verifies_and_the_first_signs_webhooks() -> None:
    settings = MockSettings(seed=3, crypto_tokens=("new-token", "old-token"))
    with running_mock(settings) as mock:
        token = mock.token()
        for crypto in ("new-token", "old-token"):
            headers = {
                **mock.auth_headers(token),
                "DigitalSignature": digital_signature(token, crypto),
            }
            response = httpx.post(
                mock.base_url + "/account/rebalance", json={"targetAmount": 500000}, headers=headers
            )
            assert response.status_code == 200, response.text
        headers = {
            **mock.auth_headers(token),
            "DigitalSignature": digital_signature(token, "unknown"),
        }
        response = httpx.post(
            mock.base_url + "/account/rebalance", json={"targetAmount": 500000}, headers=headers
        )
        assert response.json()["code"] == "INVALID_SIGNATURE"


def test_check_order_auth_then_signature_then_validation(api: Api) -> None:
    bad_body = {"amount": "not a number"}
    # no token + bad signature + bad body -> 401
    response = api.client.post(
        "/cash-out",
        json=bad_body,
        headers={"ApplicationToken": DEV_APPLICATION_TOKEN, "DigitalSignature": "x"},
    )
    assert_problem(response, 401, "INVALID_TOKEN")
    # token ok + bad signature + bad body + no idempotency key -> 422 signature
    response = api.client.post(
        "/cash-out", json=bad_body, headers={**api.headers, "DigitalSignature": "x"}
    )
    assert_problem(response, 422, "INVALID_SIGNATURE")
    # signature ok + bad body -> 400
    response = api.client.post(
        "/cash-out", json=bad_body, headers={**api.signed, "X-Idempotency-Key": str(uuid.uuid4())}
    )
    assert_problem(response, 400, "VALIDATION_ERROR")
    # signature ok + valid body + unknown id -> 404 only after validation
    assert_problem(
        api.client.post("/cash-in/UNKNOWN1/refund", json={"reason": "X"}, headers=api.signed),
        400,
        "VALIDATION_ERROR",
    )
    assert_problem(api.refund("UNKNOWN1"), 404, "TRANSACTION_NOT_FOUND")


def test_token_endpoint_needs_no_auth_headers(mock: RunningMock, client: httpx.Client) -> None:
    response = client.post(
        "/auth/token",
        json={"clientId": mock.settings.client_id, "clientSecret": mock.settings.client_secret},
        headers={"Authorization": "Bearer garbage", "ApplicationToken": "garbage"},
    )
    assert response.status_code == 200


def test_a_verified_signature_lets_only_itself_through_again(api: Api, mock: RunningMock) -> None:
    """The verified-pair cache (D-86): after a good signature is accepted, a wrong one for the same
    token, and the good one for another token, are still refused and counted."""
    rebalance = {"targetAmount": 500000}
    good = api.signed["DigitalSignature"]
    for _ in range(2):
        response = api.client.post("/account/rebalance", json=rebalance, headers=api.signed)
        assert response.status_code == 200, response.text
    upper = {**api.signed, "DigitalSignature": good.upper()}
    assert api.client.post("/account/rebalance", json=rebalance, headers=upper).status_code == 200
    before = mock.state()["counters"].get("auth.invalid_signature", 0)
    wrong = {**api.signed, "DigitalSignature": good[:-1] + ("0" if good[-1] != "0" else "1")}
    assert_problem(
        api.client.post("/account/rebalance", json=rebalance, headers=wrong),
        422,
        "INVALID_SIGNATURE",
    )
    other = mock.token()
    reused = {**mock.auth_headers(other), "DigitalSignature": good}
    assert_problem(
        api.client.post("/account/rebalance", json=rebalance, headers=reused),
        422,
        "INVALID_SIGNATURE",
    )
    assert mock.state()["counters"]["auth.invalid_signature"] == before + 2
