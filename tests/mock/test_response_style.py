"""Response styles (issue 10 item 5, D-71): full, minimal (the documented-minimal form) and random
(a seeded mix), chosen by settings, environment, command line, ``running_mock`` or control API."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from connectpsp_mock.__main__ import build_parser, settings_from_args
from connectpsp_mock.response_style import RULES
from connectpsp_mock.settings import MockSettings
from connectpsp_mock.testing import RunningMock, WebhookReceiver, running_mock

from .helpers import Api, assert_problem, cash_in_body

# What the spec requires whatever the style (D-40, the spec's tolerant-reader decision) and what
# the docs show on every page of the representation, which minimal keeps too.
REQUIRED = {
    "token": {"accessToken", "expiresIn"},
    "cashIn": {"transactionId", "internalCode", "status", "externalReference", "amount", "payer"},
    "refund": {"transactionId", "internalCode", "externalReference", "endToEndId"},
    "cashOut": {"transactionId", "internalCode", "status", "externalReference", "amount", "payee"},
    "rebalance": {"success"},
}


@pytest.fixture
def minimal(mock: RunningMock) -> RunningMock:
    mock.set_response_style("minimal")  # the fixture's reset restores "full" for the next test
    return mock


def _pay_and_refund(api: Api, mock: RunningMock, **overrides: Any) -> tuple[str, httpx.Response]:
    created = api.create_cash_in(**overrides)
    assert created.status_code == 201, created.text
    code = created.json()["internalCode"]
    mock.pay_cash_in(code)
    return code, api.refund(code)


# --- configuration ------------------------------------------------------------------------------


def test_style_comes_from_the_environment_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONNECTPSP_MOCK_RESPONSE_STYLE", raising=False)
    assert MockSettings().response_style == "full"
    monkeypatch.setenv("CONNECTPSP_MOCK_RESPONSE_STYLE", "Minimal")
    assert MockSettings().response_style == "minimal"
    assert MockSettings(seed=1).response_style == "minimal"
    assert MockSettings(response_style="random").response_style == "random"
    assert MockSettings.from_env({"CONNECTPSP_MOCK_RESPONSE_STYLE": "random"}).response_style == (
        "random"
    )
    monkeypatch.setenv("CONNECTPSP_MOCK_RESPONSE_STYLE", "")
    assert MockSettings().response_style == "full"


def test_unknown_styles_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="response_style"):
        MockSettings(response_style="tiny")
    monkeypatch.setenv("CONNECTPSP_MOCK_RESPONSE_STYLE", "tiny")
    with pytest.raises(ValueError, match="CONNECTPSP_MOCK_RESPONSE_STYLE"):
        MockSettings()


def test_command_line_option(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONNECTPSP_MOCK_RESPONSE_STYLE", raising=False)
    parser = build_parser()
    assert settings_from_args(parser.parse_args([])).response_style == "full"
    args = parser.parse_args(["--response-style", "minimal"])
    assert settings_from_args(args).response_style == "minimal"
    monkeypatch.setenv("CONNECTPSP_MOCK_RESPONSE_STYLE", "random")
    assert settings_from_args(parser.parse_args([])).response_style == "random"
    assert settings_from_args(args).response_style == "minimal"  # the flag wins
    with pytest.raises(SystemExit):
        parser.parse_args(["--response-style", "tiny"])


def test_running_mock_argument_wins_over_settings() -> None:
    with running_mock(MockSettings(seed=1, response_style="full"), response_style="minimal") as m:
        assert m.settings.response_style == "minimal"
        assert m.state()["responseStyle"] == "minimal"
        body = m.control.post(
            "/auth/token",
            json={"clientId": m.settings.client_id, "clientSecret": m.settings.client_secret},
        ).json()
    assert set(body) == {"accessToken", "expiresIn"}


def test_control_api_switches_and_reset_restores(mock: RunningMock) -> None:
    assert mock.control.get("/_mock/settings").json() == {
        "responseStyle": "full",
        "configuredResponseStyle": "full",
    }
    changed = mock.control.post("/_mock/settings", json={"responseStyle": "random"})
    assert changed.status_code == 200
    assert changed.json()["responseStyle"] == "random"
    assert mock.state()["responseStyle"] == "random"
    mock.reset()
    assert mock.state()["responseStyle"] == "full"


@pytest.mark.parametrize(
    "body",
    [{"responseStyle": "tiny"}, {"responseStyle": None}, {}, {"responseStyles": "minimal"}, [1]],
)
def test_control_api_refuses_bad_settings(mock: RunningMock, body: Any) -> None:
    response = mock.control.post("/_mock/settings", json=body)
    assert_problem(response, 400, "VALIDATION_ERROR")
    assert mock.state()["responseStyle"] == "full"


# --- minimal --------------------------------------------------------------------------------------


def test_minimal_token_has_no_type_or_issue_time(
    minimal: RunningMock, client: httpx.Client
) -> None:
    settings = minimal.settings
    response = client.post(
        "/auth/token",
        json={"clientId": settings.client_id, "clientSecret": settings.client_secret},
    )
    assert response.status_code == 200
    assert set(response.json()) == {"accessToken", "expiresIn"}


def test_minimal_cash_in_omits_some_fields_and_nulls_others(minimal: RunningMock, api: Api) -> None:
    created = api.create_cash_in()
    assert created.status_code == 201
    body = created.json()
    assert REQUIRED["cashIn"] <= set(body)
    assert set(body["pixData"]) == {"copyAndPaste", "qrCodeImageBase64"}  # the 201's purpose
    assert body["requestedAt"]
    assert body["expiresAt"] is None and body["endToEndId"] is None
    assert body["refundedAt"] is None
    assert "paidAt" not in body and "expiredAt" not in body and "originalEndToEndId" not in body
    minimal.pay_cash_in(body["internalCode"])
    paid = api.get_cash_in(body["internalCode"]).json()
    assert paid["status"] == "PAID"
    assert paid["endToEndId"] is None and paid["payer"]["bankData"] is None
    assert "paidAt" not in paid
    assert set(paid["payer"]) == {"name", "document", "bankData"}
    assert "pixData" not in paid  # D-31, as in full


def test_minimal_refund_is_the_four_fields_of_the_reference_page(
    minimal: RunningMock, api: Api
) -> None:
    _, refund = _pay_and_refund(api, minimal)
    assert refund.status_code == 202
    body = refund.json()
    assert list(body) == ["transactionId", "internalCode", "externalReference", "endToEndId"]
    assert body["endToEndId"].startswith("D")


def test_minimal_cash_out_has_no_request_time(minimal: RunningMock, api: Api) -> None:
    created = api.create_cash_out(amount=12.94)  # .94 stays PROCESSING (D-29)
    assert created.status_code == 202
    body = created.json()
    assert REQUIRED["cashOut"] <= set(body)
    assert "requestedAt" not in body and "description" not in body
    assert body["endToEndId"] is None and body["completedAt"] is None
    assert set(body["payee"]["destination"]) == {"type", "pixKeyType", "pixKey"}
    minimal.settle_cash_out(body["internalCode"])
    settled = api.get_cash_out(body["internalCode"]).json()
    assert settled["status"] == "COMPLETED" and settled["endToEndId"].startswith("E")
    assert settled["completedAt"] is None and "requestedAt" not in settled


def test_minimal_failed_cash_out_keeps_its_failure(minimal: RunningMock, api: Api) -> None:
    created = api.create_cash_out(amount=12.94).json()
    minimal.settle_cash_out(created["internalCode"], "FAILED")
    failed = api.get_cash_out(created["internalCode"]).json()
    assert failed["status"] == "FAILED" and set(failed["failure"]) == {"code", "message"}
    assert "failedAt" not in failed


def test_minimal_balance_lists_no_proprietary_fields(minimal: RunningMock, api: Api) -> None:
    balance = api.balance()
    assert balance["banks"] and all(b["accounts"]["proprietary"] == {} for b in balance["banks"])
    assert all(
        set(b["accounts"]["transactional"]) == {"branch", "account", "balance"}
        for b in balance["banks"]
    )
    assert set(balance) == {"currency", "referenceDate", "consolidated", "banks", "updatedAt"}


def test_minimal_webhook_data_mirrors_the_minimal_get(
    minimal: RunningMock, api: Api, receiver: WebhookReceiver
) -> None:
    created = api.create_cash_in(webhookUrl=receiver.url).json()
    minimal.pay_cash_in(created["internalCode"])
    (delivery,) = receiver.wait_for(1)
    event = delivery.json()
    assert set(event) == {"eventType", "eventAt", "data"}
    assert event["data"] == api.get_cash_in(created["internalCode"]).json()
    assert event["data"]["endToEndId"] is None and "paidAt" not in event["data"]
    assert delivery.signature_valid(minimal.settings.crypto_tokens[0])


def test_control_api_and_state_stay_full(minimal: RunningMock, api: Api) -> None:
    code = api.create_cash_in().json()["internalCode"]
    paid = minimal.pay_cash_in(code)
    assert paid["endToEndId"].startswith("E") and "paidAt" in paid and "expiresAt" in paid
    (state_cash_in,) = minimal.state()["cashIns"]
    assert state_cash_in["endToEndId"] == paid["endToEndId"]


def test_idempotent_replay_repeats_the_stored_bytes_whatever_the_style_now(
    mock: RunningMock, api: Api
) -> None:
    key = str(uuid.uuid4())
    body = cash_in_body()
    headers = {**api.headers, "X-Idempotency-Key": key}
    first = api.client.post("/cash-in", json=body, headers=headers)
    mock.set_response_style("minimal")
    again = api.client.post("/cash-in", json=body, headers=headers)
    assert again.status_code == 201 and again.content == first.content
    assert "expiresAt" in again.json() and again.json()["expiresAt"] is not None


def test_a_whole_flow_works_in_minimal(minimal: RunningMock, api: Api) -> None:
    """Only ids and status are needed to drive every operation."""
    code, refund = _pay_and_refund(api, minimal)
    assert refund.status_code == 202
    assert api.get_cash_in(code).json()["status"] == "REFUNDED"
    out = api.create_cash_out().json()
    assert minimal.wait_idle()
    assert api.get_cash_out(out["internalCode"]).json()["status"] == "COMPLETED"
    rebalance = api.rebalance(500000)
    assert rebalance.status_code == 200 and rebalance.json()["success"] is True


# --- random ---------------------------------------------------------------------------------------


def _random_run(seed: int) -> list[dict[str, Any]]:
    settings = MockSettings(seed=seed, response_style="random", settlement_delay_seconds=None)
    with running_mock(settings) as mock, httpx.Client(base_url=mock.base_url) as client:
        api = Api(mock, client)
        bodies = []
        for n in range(6):
            created = api.create_cash_in(externalReference=f"random-{n}")
            bodies.append(created.json())
            mock.pay_cash_in(created.json()["internalCode"])
            bodies.append(api.get_cash_in(created.json()["internalCode"]).json())
        bodies.append(api.balance())
        return bodies


@pytest.fixture(scope="module")
def random_runs() -> Iterator[tuple[list[dict[str, Any]], ...]]:
    yield _random_run(21), _random_run(21), _random_run(22)


def test_random_is_reproducible_from_the_seed(
    random_runs: tuple[list[dict[str, Any]], ...],
) -> None:
    first, same_seed, other_seed = random_runs
    assert first == same_seed
    assert first != other_seed


def test_random_mixes_kept_omitted_and_null_fields(
    random_runs: tuple[list[dict[str, Any]], ...],
) -> None:
    seen: dict[str, set[str]] = {}
    for body in random_runs[0]:
        if "internalCode" not in body:
            continue
        assert REQUIRED["cashIn"] <= set(body)
        for path in RULES["cashIn"]:
            *parents, last = path.split(".")
            node: Any = body
            for key in parents:
                node = node.get(key) if isinstance(node, dict) else None
            if not isinstance(node, dict):
                continue
            kind = "omitted" if last not in node else "null" if node[last] is None else "kept"
            seen.setdefault(path, set()).add(kind)
    # Over 12 responses every rule's field shows at least two of the three forms, and the run as a
    # whole shows all three.
    assert all(len(kinds) >= 2 for kinds in seen.values()), seen
    assert set().union(*seen.values()) == {"omitted", "null", "kept"}


def test_random_sequence_restarts_on_reset() -> None:
    settings = MockSettings(seed=5, response_style="random")
    with running_mock(settings) as mock, httpx.Client(base_url=mock.base_url) as client:
        api = Api(mock, client)

        def run() -> list[dict[str, Any]]:
            return [api.balance() for _ in range(4)]

        mock.reset()  # the token request above drew from the sequence already
        first = run()
        mock.reset()
        assert run() == first
        assert len({repr(b) for b in first}) > 1  # and it does vary from response to response
