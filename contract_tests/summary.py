"""``reports/contract-summary.md``: the readable outcome of a contract run.

Per operation: requests sent (by phase) and failures; each failure with its reproduction command
(secrets filtered). Then the deviations from the documented contract the responses and webhook
payloads showed (named findings that do not fail the run, issue 10), the flow tests and any
run-level error. Everything written here has gone through ``redaction.redact``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from schemathesis import __version__ as SCHEMATHESIS_VERSION

from .deviations import DeviationFinding
from .redaction import redact
from .results import RunResult

PHASE_COLUMNS = ("examples", "coverage", "fuzzing", "stateful")


@dataclass(frozen=True)
class Outcome:
    nodeid: str
    outcome: str  # passed / failed / skipped / error
    duration: float
    detail: str = ""  # skip reason or first line of the failure


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_summary(
    result: RunResult | None,
    outcomes: Sequence[Outcome],
    *,
    target: str,
    exit_ok: bool,
    deviations: Sequence[DeviationFinding] = (),
) -> str:
    lines = ["# ConnectPSP contract run", ""]
    lines.append(f"- Result: **{'PASSED' if exit_ok else 'FAILED'}**")
    lines.append(f"- Target: {target}")
    if result is not None:
        lines.append(
            f"- schemathesis {SCHEMATHESIS_VERSION}: seed {result.seed}, max examples "
            f"{result.max_examples}, phases {', '.join(result.phases)}, "
            f"{result.total_cases} requests in {result.duration:.1f} s ({result.stop_reason})"
        )
    lines.append("")
    if result is not None:
        lines += _schemathesis_section(result)
    lines += _deviations_section(deviations)
    lines += _flows_section(outcomes)
    return redact("\n".join(lines).rstrip() + "\n")


def _schemathesis_section(result: RunResult) -> list[str]:
    header = "| operation | operationId | requests | " + " | ".join(PHASE_COLUMNS)
    lines = ["## Schemathesis, per operation", "", header + " | responses | failures | status |"]
    lines.append("|" + "---|" * (len(PHASE_COLUMNS) + 6))
    for stats in result.operations.values():
        if stats.excluded:
            status = f"skipped: {stats.excluded}"
        elif stats.ok and stats.cases:
            status = "ok"
        elif stats.ok:
            status = "NOT TESTED"
        else:
            status = "FAILED"
        phases = " | ".join(str(stats.by_phase.get(phase, 0)) for phase in PHASE_COLUMNS)
        failures = len(stats.failures) + len(stats.errors)
        responses = " ".join(f"{code}x{n}" for code, n in sorted(stats.statuses.items()))
        lines.append(
            f"| `{stats.label}` | {stats.operation_id} | {stats.cases} | {phases} | {responses} "
            f"| {failures} | {_cell(status)} |"
        )
    lines.append(f"| **total** | | {result.total_cases} | | | | | | {result.total_failures} | |")
    lines.append("")
    failing = [stats for stats in result.operations.values() if not stats.ok]
    if failing or result.errors:
        lines += ["## Failures", ""]
        for stats in failing:
            for failure in stats.failures:
                lines += [f"### `{stats.label}`: {failure.title}", ""]
                lines += [f"Check `{failure.check}`, {failure.phase} phase.", ""]
                lines += ["```", failure.message.strip(), "```", ""]
                if failure.response:
                    lines += ["Response:", "", "```", failure.response, "```", ""]
                lines += ["Reproduce with:", "", "```bash", failure.reproduction.strip(), "```", ""]
            for error in stats.errors:
                lines += [f"### `{stats.label}`: error", "", "```", error, "```", ""]
        for error in result.errors:
            lines += ["### Run-level error", "", "```", error, "```", ""]
    return lines


def _deviations_section(deviations: Sequence[DeviationFinding]) -> list[str]:
    lines = ["## Deviations from the documented contract", ""]
    if not deviations:
        return [*lines, "None: every response and webhook payload read as documented.", ""]
    kinds: dict[str, int] = {}
    for finding in deviations:
        kinds[finding.kind] = kinds.get(finding.kind, 0) + 1
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
    lines += [
        f"{len(deviations)} findings ({counts}). They do not fail the run: the models read these "
        "payloads anyway (D-44). `missing` on a documented field means the target stopped "
        "sending it.",
        "",
        "| finding | where | path | kind | detail | payloads |",
        "|---|---|---|---|---|---|",
    ]
    for number, finding in enumerate(deviations, 1):
        lines.append(
            f"| DEV-{number:03d} | `{_cell(finding.source)}` | `{_cell(finding.path)}` "
            f"| {finding.kind} | {_cell(finding.detail)} | {finding.count} |"
        )
    lines.append("")
    return lines


def _flows_section(outcomes: Sequence[Outcome]) -> list[str]:
    if not outcomes:
        return []
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.outcome] = counts.get(outcome.outcome, 0) + 1
    totals = ", ".join(f"{count} {name}" for name, count in sorted(counts.items()))
    lines = ["## Tests", "", f"{len(outcomes)} tests: {totals}.", ""]
    lines += ["| test | outcome | seconds | detail |", "|---|---|---|---|"]
    for outcome in outcomes:
        lines.append(
            f"| `{_cell(outcome.nodeid)}` | {outcome.outcome} | {outcome.duration:.2f} "
            f"| {_cell(outcome.detail)} |"
        )
    lines.append("")
    return lines


def write_summary(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
