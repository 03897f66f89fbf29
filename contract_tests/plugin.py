"""pytest plugin of the contract suite: collects outcomes and writes ``contract-summary.md``.

Registered by ``contract_tests/conftest.py``. The schemathesis ``RunResult`` reaches it through the
config stash (the session fixture puts it there); flow tests are summarised from their reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .deviations import FLOWS, merged
from .redaction import redact
from .results import RunResult
from .summary import Outcome, render_summary, write_summary

RESULT_KEY = pytest.StashKey[RunResult]()
TARGET_KEY = pytest.StashKey[str]()
SUMMARY_NAME = "contract-summary.md"


def _detail(report: pytest.TestReport) -> str:
    if report.skipped and isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).removeprefix("Skipped: ")
    if report.failed:
        text = str(report.longreprtext).strip().splitlines()
        return redact(text[-1] if text else "failed")[:200]
    return ""


class SummaryPlugin:
    def __init__(self, config: pytest.Config, reports_dir: Path) -> None:
        self.config = config
        self.reports_dir = reports_dir
        self.outcomes: dict[str, Outcome] = {}
        FLOWS.clear()  # one session, one tally

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call" or (report.when == "setup" and not report.passed):
            outcome = "error" if report.when == "setup" and report.failed else report.outcome
            self.outcomes[report.nodeid] = Outcome(
                nodeid=report.nodeid,
                outcome=outcome,
                duration=report.duration,
                detail=_detail(report),
            )
        elif report.when == "teardown" and report.failed:
            self.outcomes[report.nodeid] = Outcome(
                report.nodeid, "error", report.duration, "teardown: " + _detail(report)
            )

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if not self.outcomes:
            return  # collection-only or nothing ran: keep the previous summary
        result = self.config.stash.get(RESULT_KEY, None)
        target = self.config.stash.get(TARGET_KEY, "not started")
        logs = (FLOWS,) if result is None else (result.deviations, FLOWS)
        text = render_summary(
            result,
            list(self.outcomes.values()),
            target=target,
            exit_ok=exitstatus == 0,
            deviations=merged(*logs),
        )
        write_summary(self.reports_dir / SUMMARY_NAME, text)
