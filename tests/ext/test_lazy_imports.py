"""What the SDK imports, checked without timing (D-57; issue 14: import cost).

``bench/imports.py`` measures the time; these tests pin down where it goes: in a fresh
interpreter, ``import connectpsp_ext`` loads no generated code, ``from connectpsp_ext import
ConnectPSP`` and constructing a client build no model class and load no ``asyncio``, and the
first call imports only the models it sends and reads. The lazy namespaces stay complete:
every name in ``__all__`` resolves, ``dir()`` lists it, ``import *`` gets it, a misspelt name
is an ``AttributeError`` at run time and an error for ``mypy --strict``.
"""

from __future__ import annotations

import enum
import importlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import connectpsp_client
import connectpsp_client.models
import pytest

import connectpsp_ext
import connectpsp_ext.pix
import connectpsp_ext.types
from tests.support.mypy_run import mypy_strict

MODELS = "connectpsp_client.models."

# Run in a fresh interpreter: the modules loaded after each step of a user's first call.
FIRST_CALL = textwrap.dedent(
    """
    import json, sys

    steps = {}
    import connectpsp_ext
    steps["import connectpsp_ext"] = sorted(sys.modules)
    from connectpsp_ext import ConnectPSP
    steps["from connectpsp_ext import ConnectPSP"] = sorted(sys.modules)

    import httpx

    def answer(request):
        if request.url.path == "/auth/token":
            return httpx.Response(200, json={
                "accessToken": "a-token", "tokenType": "Bearer", "expiresIn": 3600,
            })
        return httpx.Response(202, json={
            "transactionId": "dd30446e-6cc5-4664-bf3f-6b7f5e55a1a9",
            "internalCode": "IVKPRMOCDY",
            "status": "PROCESSING",
        })

    psp = ConnectPSP(
        client_id="lazy-test", client_secret="secret", application_token="app-token",
        crypto_token="crypto-token", base_url="https://api.test.connectpsp.example",
        transport=httpx.MockTransport(answer),
    )
    steps["ConnectPSP(...)"] = sorted(sys.modules)

    from decimal import Decimal
    from connectpsp_ext import pix_key_destination

    result = psp.cash_out.create(
        amount=Decimal("1.00"), external_reference="order-1", payee_name="Maria Silva",
        payee_document="11222333000181", destination=pix_key_destination("CPF", "12345678909"),
    )
    assert type(result.data).__name__ == "CashOut", result
    steps["psp.cash_out.create(...)"] = sorted(sys.modules)
    print(json.dumps(steps))
    """
)


def _run(script: str) -> Any:
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def first_call() -> dict[str, set[str]]:
    return {step: set(modules) for step, modules in _run(FIRST_CALL).items()}


def _models(modules: set[str]) -> set[str]:
    return {m.removeprefix(MODELS) for m in modules if m.startswith(MODELS)}


def _model_classes(modules: set[str]) -> set[str]:
    """The loaded model modules that define a model class (not only a cheap ``StrEnum``)."""
    classes = set()
    for name in _models(modules):
        module = importlib.import_module(MODELS + name)
        defined = [
            v for v in vars(module).values() if getattr(v, "__module__", "") == MODELS + name
        ]
        if any(isinstance(v, type) and not issubclass(v, enum.Enum) for v in defined):
            classes.add(name)
    return classes


def test_import_connectpsp_ext_loads_no_generated_code(first_call: dict[str, set[str]]) -> None:
    loaded = first_call["import connectpsp_ext"]
    assert not {m for m in loaded if m.startswith("connectpsp_client")}
    assert not {m for m in loaded if m.split(".")[0] in ("attr", "attrs")}
    assert "asyncio" not in loaded


@pytest.mark.parametrize("step", ["from connectpsp_ext import ConnectPSP", "ConnectPSP(...)"])
def test_the_sync_client_builds_no_model_and_loads_no_asyncio(
    first_call: dict[str, set[str]], step: str
) -> None:
    loaded = first_call[step]
    assert _model_classes(loaded) == set()
    assert "asyncio" not in loaded
    unneeded = {
        "connectpsp_ext._async.client",  # the async client
        "connectpsp_ext.webhooks",
        "connectpsp_ext.pix.brcode",  # the mock builds BR Codes, the client never does
        "connectpsp_ext.pix.e2e",
        "connectpsp_client.api",  # the generated per-operation functions
    }
    assert loaded.isdisjoint(unneeded)


def test_the_first_call_imports_only_the_models_it_uses(first_call: dict[str, set[str]]) -> None:
    before = _models(first_call["ConnectPSP(...)"])
    after = _models(first_call["psp.cash_out.create(...)"])
    new = after - before
    # Sent (the request and its parts) and read (the token, the cash-out and its parts).
    assert {"cash_out_request", "payee", "pix_destination", "token_response", "cash_out"} <= new
    # Not this call's: the other operations' models and the webhook events.
    others = {"cash_in", "cash_in_request", "balance", "refund", "rebalance_response"}
    assert after.isdisjoint(others)
    assert not {m for m in after if m.endswith("_event")}


NAMESPACES = [
    connectpsp_client.models,
    connectpsp_client,
    connectpsp_ext.types,
    connectpsp_ext.pix,
    connectpsp_ext,
]


@pytest.mark.parametrize("module", NAMESPACES, ids=lambda m: m.__name__)
def test_every_exported_name_resolves_in_a_fresh_interpreter(module: ModuleType) -> None:
    script = textwrap.dedent(
        f"""
        import json, {module.__name__} as module
        star = {{}}
        exec("from {module.__name__} import *", star)
        print(json.dumps({{
            "resolved": {{n: getattr(module, n).__class__.__name__ for n in module.__all__}},
            "dir": dir(module),
            "star": sorted(star),
        }}))
        """
    )
    seen = _run(script)
    assert set(seen["resolved"]) == set(module.__all__)
    assert set(module.__all__) <= set(seen["dir"])
    assert set(module.__all__) <= set(seen["star"])


@pytest.mark.parametrize("module", NAMESPACES, ids=lambda m: m.__name__)
def test_a_misspelt_name_is_an_attribute_error(module: ModuleType) -> None:
    with pytest.raises(AttributeError, match="has no attribute 'CashOutt'"):
        module.CashOutt  # noqa: B018
    with pytest.raises(ImportError):
        exec(f"from {module.__name__} import CashOutt", {})


def test_the_models_table_names_every_generated_model_module() -> None:
    models = connectpsp_client.models
    files = {p.stem for p in Path(models.__file__).parent.glob("*.py")} - {"__init__"}
    table: dict[str, str] = vars(models)["_MODULES"]
    assert {module.removeprefix(".") for module in table.values()} == files
    assert set(table) == set(models.__all__)
    for name, module in table.items():
        value = getattr(models, name)
        assert value.__name__ == name
        assert value.__module__ == "connectpsp_client.models" + module


def test_a_model_module_stays_reachable_as_an_attribute() -> None:
    assert connectpsp_client.models.cash_out.CashOut is connectpsp_client.models.CashOut
    assert connectpsp_ext.pix.brcode.BRCode is connectpsp_ext.pix.BRCode
    assert connectpsp_client.client.Client is connectpsp_client.Client


USER_SCRIPT = """\
from connectpsp_client import AuthenticatedClient
from connectpsp_client.models import CashOut, PixKeyType
from connectpsp_ext.pix import BRCode
from connectpsp_ext.types import Balance


def shown(
    cash_out: CashOut, key_type: PixKeyType, code: BRCode, balance: Balance, c: AuthenticatedClient
) -> None:
    reveal_type(cash_out)
    reveal_type(key_type)
    reveal_type(code)
    reveal_type(balance)
    reveal_type(c)


from connectpsp_client.models import CashOutt
from connectpsp_ext.types import Balanse
import connectpsp_ext.pix
connectpsp_ext.pix.parse_brcodee
"""


@pytest.mark.slow
def test_mypy_sees_the_lazy_names_and_rejects_misspelt_ones(tmp_path: Path) -> None:
    lines, output = mypy_strict(tmp_path, USER_SCRIPT)
    revealed = [line.split("Revealed type is ", 1)[1] for line in lines if "Revealed" in line]
    assert revealed == [
        '"connectpsp_client.models.cash_out.CashOut"',
        '"connectpsp_client.models.pix_key_type.PixKeyType"',
        '"connectpsp_ext.pix.brcode.BRCode"',
        '"connectpsp_client.models.balance.Balance"',
        '"connectpsp_client.client.AuthenticatedClient"',
    ], output
    errors = [line for line in lines if ": error:" in line]
    assert len(errors) == 3, output
    for misspelt, error in zip(["CashOutt", "Balanse", "parse_brcodee"], errors, strict=True):
        assert f'has no attribute "{misspelt}"' in error


@pytest.mark.slow
def test_the_import_bench_measures_both_bytecode_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from bench import imports

    monkeypatch.setattr(
        imports, "STATEMENTS", {imports.BASELINE: False, "import connectpsp_ext": True}
    )
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    rows = imports.import_time(runs=2)
    assert [row.name.split(",")[0] for row in rows] == [
        "import time (installed)",
        "import time (this checkout without bytecode)",
    ]
    for row in rows:
        assert row.ratio is not None and 0 < row.ratio < 100
        assert row.verdict in ("PASS", "FAIL")
        assert len(row.details["ms"]) == len(row.details["httpx_ms"]) == 2
        assert all(ms > 0 for ms in row.details["ms"])
