"""End to end: the contract command against a broken API exits non-zero, prints the reproducing
request with secrets filtered, and writes the JUnit XML and the summary."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from connectpsp_mock.settings import (
    DEV_APPLICATION_TOKEN,
    DEV_CLIENT_ID,
    DEV_CLIENT_SECRET,
    DEV_CRYPTO_TOKEN,
)

from .breakage import Breakage, broken_mock, server_error

ROOT = Path(__file__).resolve().parents[2]


def test_failing_contract_run_exits_non_zero_with_a_filtered_reproduction(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    junit = reports / "contract-junit.xml"
    with broken_mock(Breakage("GET", "/account/balance", 200, server_error)) as target:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("CONNECTPSP_")},
            # A loopback "staging": the path a user takes against any deployed API.
            "CONNECTPSP_BASE_URL": target.base_url,
            "CONNECTPSP_CLIENT_ID": DEV_CLIENT_ID,
            "CONNECTPSP_CLIENT_SECRET": DEV_CLIENT_SECRET,
            "CONNECTPSP_APPLICATION_TOKEN": DEV_APPLICATION_TOKEN,
            "CONNECTPSP_CRYPTO_TOKEN": DEV_CRYPTO_TOKEN,
            "CONNECTPSP_CONTRACT_OPERATIONS": "getBalance",
            "CONNECTPSP_CONTRACT_PHASES": "examples",
            "CONNECTPSP_CONTRACT_MAX_EXAMPLES": "2",
            "CONNECTPSP_CONTRACT_RATE_LIMIT": "1000/s",
            "CONNECTPSP_CONTRACT_REPORTS": str(reports),
        }
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "contract_tests/test_schemathesis.py",
                f"--junitxml={junit}",
                "-p",
                "no:cacheprovider",
                "-q",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert "test_operation_conforms_to_spec[getBalance]" in output
    assert "Reproduce with" in output and "curl -X GET" in output
    assert "Authorization: [Filtered]" in output and "ApplicationToken: [Filtered]" in output
    summary = (reports / "contract-summary.md").read_text(encoding="utf-8")
    assert "**FAILED**" in summary and "not_a_server_error" in summary
    for text in (output, summary, junit.read_text(encoding="utf-8")):
        for secret in (DEV_CLIENT_SECRET, DEV_APPLICATION_TOKEN, DEV_CRYPTO_TOKEN):
            assert secret not in text
        assert "Bearer eyJ" not in text
    cases = {case.get("name"): case for case in ET.parse(junit).getroot().iter("testcase")}
    failed = cases["test_operation_conforms_to_spec[getBalance]"]
    assert failed.find("failure") is not None
    skipped = cases["test_operation_conforms_to_spec[createCashOut]"]
    assert skipped.find("skipped") is not None  # not selected here
