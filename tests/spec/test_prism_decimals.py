"""D-42: two decimal places without `multipleOf: 0.01`, checked with Stoplight Prism itself.

Prism (npm `@stoplight/prism-cli`, validation by AJV with binary floats) is what many integrators
put in front of a spec. With `multipleOf: 0.01` it refuses valid amounts such as 0.07 and 60.91
(0.07 / 0.01 is 7.000000000000001 in floats). The spec therefore carries the rule as
`x-connectpsp-decimal-places: 2`. These tests run Prism's own request and response validation:

- our spec: Prism's mock accepts 0.07 and 60.91, and Prism's validating proxy in front of our mock
  finds nothing wrong with the requests or the responses;
- the same spec with `multipleOf: 0.01` put back: Prism refuses 0.07 (why D-42 exists);
- the rule is still enforced where it can be exactly: the client refuses 0.123 before sending,
  the mock answers it with 400, and the contract suite's exact validator refuses it.

Prism is installed through the project's own pinned install step (`bench.prism`, npm registry,
cached outside the checkout). Without node/npm (`scripts/system-packages.txt`) the tests fail: they
never skip.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.prism import PrismUnavailable, prism_executable, prism_mock
from bench.servers import free_port, server_process
from connectpsp_ext import ValidationError
from connectpsp_ext.money import to_amount
from connectpsp_mock.testing import RunningMock, running_mock

from .spec_helpers import RAW_SPEC, SPEC, component_validator

pytestmark = pytest.mark.slow

AUTH = {"Authorization": "Bearer prism-test", "ApplicationToken": "prism-test"}
AMOUNTS_FLOATS_GET_WRONG = ("0.07", "60.91")


def _cash_in(amount: str) -> bytes:
    reference = "prism-" + amount.replace(".", "-")
    payer = '"payer": {"name": "Test User", "document": "12345678909"}'
    return f'{{"amount": {amount}, "externalReference": "{reference}", {payer}}}'.encode()


def _violations(response: httpx.Response) -> list[dict[str, Any]]:
    header = response.headers.get("sl-violations")
    return list(json.loads(header)) if header else []


@pytest.fixture(scope="module")
def prism() -> Path:
    try:
        return prism_executable(install_timeout=600.0)
    except PrismUnavailable as exc:
        pytest.fail(f"Prism is needed for D-42's test and could not be installed: {exc}")


def _spec_file(tmp: Path, document: dict[str, Any], name: str) -> Path:
    path = tmp / name
    path.write_text(json.dumps(document))
    return path


@pytest.fixture(scope="module")
def specs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("prism")
    return {
        "ours": _spec_file(tmp, RAW_SPEC, "ours.json"),
        "multipleOf": _spec_file(tmp, SPEC, "multiple-of.json"),  # the rule as multipleOf
    }


def test_the_spec_has_no_multiple_of_and_says_two_decimals_otherwise() -> None:
    text = json.dumps(RAW_SPEC)
    assert '"multipleOf"' not in text
    schemas = RAW_SPEC["components"]["schemas"]
    for name in ("Money", "TargetAmount", "Amount", "BalanceAmount"):
        assert schemas[name]["x-connectpsp-decimal-places"] == 2


def test_prism_mock_accepts_amounts_that_float_division_gets_wrong(
    prism: Path, specs: dict[str, Path]
) -> None:
    with prism_mock(specs["ours"], "/account/balance", AUTH) as (url, _pid):
        for amount in (*AMOUNTS_FLOATS_GET_WRONG, "10.00", "150.5"):
            response = httpx.post(
                f"{url}/cash-in",
                content=_cash_in(amount),
                headers={**AUTH, "Content-Type": "application/json"},
                timeout=30,
            )
            assert response.status_code == 201, (amount, response.text[:300])
            assert _violations(response) == [], amount


def test_with_multiple_of_prism_refuses_them(prism: Path, specs: dict[str, Path]) -> None:
    """What D-42 avoids: the same spec with `multipleOf: 0.01` fails valid requests in Prism."""
    with prism_mock(specs["multipleOf"], "/account/balance", AUTH) as (url, _pid):
        for amount in AMOUNTS_FLOATS_GET_WRONG:
            response = httpx.post(
                f"{url}/cash-in",
                content=_cash_in(amount),
                headers={**AUTH, "Content-Type": "application/json"},
                timeout=30,
            )
            codes = [v.get("code") for v in _violations(response)]
            assert response.status_code == 422 and "multipleOf" in codes, amount


@pytest.fixture(scope="module")
def mock() -> Iterator[RunningMock]:
    with running_mock() as running:
        yield running


def _mock_headers(mock: RunningMock) -> dict[str, str]:
    settings = mock.settings
    token = httpx.post(
        f"{mock.base_url}/auth/token",
        json={"clientId": settings.client_id, "clientSecret": settings.client_secret},
        timeout=30,
    ).json()["accessToken"]
    return {"Authorization": f"Bearer {token}", "ApplicationToken": settings.application_token}


def test_prism_validating_proxy_finds_nothing_wrong_with_our_mock(
    prism: Path, specs: dict[str, Path], mock: RunningMock
) -> None:
    """Requests and responses, both validated by Prism against the spec, on amounts 0.07/60.91."""
    headers = _mock_headers(mock)
    port = free_port()
    cmd = [str(prism), "proxy", "-h", "127.0.0.1", "-p", str(port), "-v", "error"]
    cmd += [str(specs["ours"]), mock.base_url]
    url = f"http://127.0.0.1:{port}"
    with server_process(cmd, url + "/account/balance", probe_headers=headers, startup_timeout=90):
        for amount in AMOUNTS_FLOATS_GET_WRONG:
            created = httpx.post(
                f"{url}/cash-in",
                content=_cash_in(amount),
                headers={**headers, "Content-Type": "application/json"},
                timeout=30,
            )
            assert created.status_code == 201, created.text[:300]
            assert _violations(created) == [], amount
            assert json.loads(created.text, parse_float=Decimal)["amount"] == Decimal(amount)
            code = json.loads(created.text)["internalCode"]
            got = httpx.get(f"{url}/cash-in/{code}", headers=headers, timeout=30)
            assert got.status_code == 200 and _violations(got) == [], amount
        balance = httpx.get(f"{url}/account/balance", headers=headers, timeout=30)
        assert balance.status_code == 200 and _violations(balance) == []


def test_two_decimals_are_still_enforced_exactly(mock: RunningMock) -> None:
    with pytest.raises(ValidationError, match="two decimal places"):
        to_amount("0.123")
    headers = _mock_headers(mock)
    refused = httpx.post(
        f"{mock.base_url}/cash-in",
        content=_cash_in("0.123"),
        headers={**headers, "Content-Type": "application/json"},
        timeout=30,
    )
    assert refused.status_code == 400 and "amount" in refused.json()["detail"]
    money = component_validator("Money")  # the contract suite's exact reading of the rule
    assert not money.is_valid(Decimal("0.123")) and money.is_valid(Decimal("0.07"))
