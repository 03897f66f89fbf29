"""The CI workflow files: schema-valid (offline, check-jsonschema's vendored GitHub schema) and
running commands that exist (./run sessions are nox sessions, scripts/regen takes the flags)."""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
CI = WORKFLOWS / "ci.yml"
NIGHTLY = WORKFLOWS / "nightly.yml"
PUBLISHED_SPEC = "https://docs.connectpsp.com/_bundle/apis/index.yaml"
SUPPORTED_PYTHONS = {"3.11", "3.12", "3.13"}
STAGING_SECRETS = (
    "CONNECTPSP_CLIENT_ID",
    "CONNECTPSP_CLIENT_SECRET",
    "CONNECTPSP_APPLICATION_TOKEN",
    "CONNECTPSP_CRYPTO_TOKEN",
)


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean True.
    value = workflow.get("on", workflow.get(True))
    assert isinstance(value, dict), value
    return value


def run_lines(workflow: dict[Any, Any]) -> list[str]:
    lines = []
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            for line in str(step.get("run", "")).splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    lines.append(line)
    return lines


@cache
def nox_sessions() -> frozenset[str]:
    from nox import registry

    runpy.run_path(str(ROOT / "noxfile.py"))
    return frozenset(registry.get())


@pytest.mark.parametrize("path", [CI, NIGHTLY], ids=["ci", "nightly"])
def test_workflow_matches_github_schema(path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    stepz: []\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(broken),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0


@pytest.mark.parametrize("path", [CI, NIGHTLY], ids=["ci", "nightly"])
def test_commands_exist(path: Path) -> None:
    sessions = nox_sessions()
    lines = run_lines(load(path))
    assert lines
    for line in lines:
        match = re.match(r"\./run (\S+)", line)
        if match and match.group(1) != "--list":
            assert match.group(1) in sessions, f"{path.name}: {line!r} names no nox session"
        if line.startswith("scripts/"):
            script = ROOT / line.split()[0]
            assert script.is_file() and os.access(script, os.X_OK), line
    run = ROOT / "run"
    assert run.is_file() and os.access(run, os.X_OK)


def test_regen_takes_the_flags_the_workflows_use() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "regen.py"), "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "--check" in result.stdout and "--source" in result.stdout


def test_ci_runs_every_gate_on_push_and_pr_for_each_python() -> None:
    workflow = load(CI)
    on = triggers(workflow)
    assert "push" in on and "pull_request" in on
    commands = set(run_lines(workflow))
    for command in ("./run lint", "./run typecheck", "./run tests", "./run contract"):
        assert command in commands, command
    assert "scripts/regen --check" in commands
    for job_name in ("tests", "contract"):
        job = workflow["jobs"][job_name]
        assert set(job["strategy"]["matrix"]["python-version"]) == SUPPORTED_PYTHONS
        setup = next(s for s in job["steps"] if "setup-python" in s.get("uses", ""))
        assert setup["with"]["python-version"] == "${{ matrix.python-version }}"
        # Issue 10: every job runs against the mock in its full and its minimal response style.
        assert set(job["strategy"]["matrix"]["style"]) == {"full", "minimal"}
        assert job["env"] == {"CONNECTPSP_MOCK_RESPONSE_STYLE": "${{ matrix.style }}"}
    # Against the mock: no staging variables may leak into CI (only the mock's response style).
    text = CI.read_text(encoding="utf-8").replace("CONNECTPSP_*", "")
    assert "CONNECTPSP" not in text.replace("CONNECTPSP_MOCK_RESPONSE_STYLE", "")


def test_nightly_runs_contract_against_staging_with_secrets_and_checks_drift() -> None:
    workflow = load(NIGHTLY)
    on = triggers(workflow)
    assert on["schedule"][0]["cron"]
    staging = workflow["jobs"]["contract-staging"]
    env = staging["env"]
    for name in STAGING_SECRETS:
        assert env[name] == f"${{{{ secrets.{name} }}}}", name
    assert env["CONNECTPSP_BASE_URL"]
    assert env["CONNECTPSP_CONTRACT_TARGET"] == "staging"
    steps = staging["steps"]
    assert any(step.get("run") == "./run contract" for step in steps)
    upload = next(s for s in steps if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "reports/" and upload["if"] == "always()"
    drift = run_lines({"jobs": {"drift": workflow["jobs"]["spec-drift"]}})
    assert f"scripts/regen --check --source {PUBLISHED_SPEC}" in drift
    # Secrets are only ever referenced, never written out.
    text = NIGHTLY.read_text(encoding="utf-8")
    assert "echo $CONNECTPSP" not in text and "set -x" not in text
