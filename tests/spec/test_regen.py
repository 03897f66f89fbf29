"""scripts/regen: deterministic, detects drift, reports spec changes, fails clearly when offline."""

from __future__ import annotations

import ast
import copy
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from .spec_helpers import ROOT, SPEC


def _load(name: str) -> ModuleType:
    path = ROOT / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_scripts_{name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.parent))
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


regen = _load("regen")
spec_diff = _load("spec_diff")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_committed_client_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "regen.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "up to date" in result.stdout


def test_two_generations_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "connectpsp_client", tmp_path / "b" / "connectpsp_client"
    for dest in (first, second):
        dest.parent.mkdir()
        regen.generate(regen.SPEC, dest)
    assert _tree(first) == _tree(second)
    assert _tree(first) == _tree(regen.OUTPUT)


def test_check_reports_a_stale_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "connectpsp_client"
    shutil.copytree(regen.OUTPUT, stale)
    (stale / "client.py").write_text((stale / "client.py").read_text() + "\n# hand edit\n")
    (stale / "extra.py").write_text("x = 1\n")
    monkeypatch.setattr(regen, "OUTPUT", stale)
    assert regen.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "changed: client.py" in out
    assert "stale file (would be removed): extra.py" in out


def test_unreachable_source_fails_clearly() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "regen.py"),
            "--source",
            "http://127.0.0.1:9/index.yaml",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "cannot fetch the spec" in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_spec_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.1.0\ninfo: {}\npaths: 42\n")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "regen.py"), "--check", "--source", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "not a valid OpenAPI document" in result.stderr


def _changed_spec() -> dict[str, Any]:
    new = copy.deepcopy(SPEC)
    schemas = new["components"]["schemas"]
    schemas["CashOutRequest"]["required"].append("description")  # newly required request field
    schemas["CashOutRequest"]["properties"]["priority"] = {"type": "string"}  # optional: fine
    del schemas["CashIn"]["properties"]["paidAt"]  # response field removed
    schemas["CashInStatus"]["enum"].append("ON_HOLD")  # new response enum value: tolerated
    schemas["RefundReason"]["enum"].remove("FRAUD")  # request enum value removed
    schemas["TokenResponse"]["properties"]["expiresIn"] = {"type": "string"}  # type change
    del new["paths"]["/account/rebalance"]  # operation removed
    new["paths"]["/pix-keys"] = {
        "get": {"operationId": "listKeys", "responses": {"200": {"description": "ok"}}}
    }
    return new


def test_change_report_marks_breaking_changes() -> None:
    report = spec_diff.compare(SPEC, _changed_spec())
    lines = report.render().splitlines()

    def line(fragment: str) -> str:
        matches = [x for x in lines if fragment in x]
        assert matches, f"{fragment!r} not in report:\n{report.render()}"
        return matches[0]

    assert "BREAKING" in line("POST /account/rebalance: operation removed")
    assert "ok" in line("GET /pix-keys: operation added")
    assert "BREAKING" in line("field description newly required")
    assert "BREAKING" not in line("field priority added")
    assert "BREAKING" in line("field paidAt removed")
    assert "tolerated" in line("gained ['ON_HOLD']")
    assert "BREAKING" in line("lost ['FRAUD']")
    assert "BREAKING" in line("field expiresIn type")
    assert report.breaking


def test_identical_specs_report_nothing() -> None:
    report = spec_diff.compare(SPEC, copy.deepcopy(SPEC))
    assert report.changes == []
    assert report.render() == "No contract changes."


def test_check_with_a_moved_source_prints_the_report_and_fails(tmp_path: Path) -> None:
    moved = tmp_path / "published.yaml"
    moved.write_text(yaml.safe_dump(_changed_spec(), sort_keys=False, allow_unicode=True))
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "regen.py"), "--check", "--source", str(moved)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Change report" in result.stdout
    assert "BREAKING" in result.stdout


ALLOWED_THIRD_PARTY = {"httpx", "attrs", "dateutil"}


def test_generated_package_imports_only_declared_dependencies() -> None:
    stdlib = set(sys.stdlib_module_names)
    for path in regen.OUTPUT.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top in stdlib or top in ALLOWED_THIRD_PARTY, f"{path.name} imports {name}"
    declared = " ".join(
        __import__("tomllib").loads((ROOT / "pyproject.toml").read_text())["project"][
            "dependencies"
        ]
    )
    for dist in ("httpx", "attrs", "python-dateutil"):
        assert dist in declared
