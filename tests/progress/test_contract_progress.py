"""contract_tests.progress on a real (small) schemathesis run against the mock: per operation and
per phase on a terminal, one summary line per phase in CI."""

from __future__ import annotations

import io
import re

import pytest

from contract_tests.progress import ContractProgress
from contract_tests.runner import run_schemathesis
from contract_tests.settings import RunSettings
from tests.contract_meta.breakage import broken_mock

OPERATIONS = ["getBalance", "createCashIn"]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run(stream: io.StringIO) -> None:
    with broken_mock() as target, ContractProgress(stream) as progress:
        result = run_schemathesis(
            target,
            RunSettings.from_env({}),
            max_examples=2,
            phases=("examples", "fuzzing"),
            operation_ids=OPERATIONS,
            progress=progress,
        )
    assert not result.errors, result.errors


@pytest.mark.slow  # a schemathesis run: 5-20 s on a loaded 2-core machine
def test_ci_gets_one_summary_line_per_phase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    out = Terminal()  # even on a terminal: CI=true keeps it quiet
    _run(out)
    lines = out.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == ["contract examples", "contract fuzzing"]
    for line in lines:
        assert re.fullmatch(r"contract \w+: 2 operations, \d+ requests in \d+\.\d s", line), line
    assert "\x1b[" not in out.getvalue()


@pytest.mark.slow  # a schemathesis run: 5-20 s on a loaded 2-core machine
def test_a_terminal_gets_a_line_per_operation_and_a_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    out = Terminal()
    _run(out)
    shown = out.getvalue()
    for phase in ("examples", "fuzzing"):
        for label in ("GET /account/balance", "POST /cash-in"):
            assert re.search(rf"{phase}\s+{re.escape(label)}\s+\d+ requests", shown), (phase, label)
    assert "2/2" in shown and "operations" in shown
