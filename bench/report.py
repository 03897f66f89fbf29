"""Result rows, the printed table and the reports/bench.md + reports/bench.json files."""

from __future__ import annotations

import json
import math
import os
import platform
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPORTS = Path(__file__).resolve().parent.parent / "reports"


@dataclass
class Row:
    """One line of the benchmark table; ``details`` holds the raw numbers for bench.json."""

    name: str
    subject: str
    baseline: str = ""
    ratio: float | None = None
    target: str = ""
    verdict: str = ""
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    def cells(self) -> list[str]:
        shown = "" if self.ratio is None or math.isnan(self.ratio) else f"{self.ratio:.3f}x"
        return [self.name, self.subject, self.baseline, shown, self.target, self.verdict, self.note]


HEADERS = ["benchmark", "measured", "baseline", "ratio", "target", "result", "note"]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def markdown_table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    for row in rows:
        cells = [c.replace("|", "\\|") for c in row.cells()]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def text_table(rows: list[Row]) -> str:
    """Fixed-width table for the terminal."""
    grid = [HEADERS, *[row.cells() for row in rows]]
    widths = [max(len(r[i]) for r in grid) for i in range(len(HEADERS))]
    out = []
    for i, r in enumerate(grid):
        out.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if i == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "loadavg_at_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


def write(rows: list[Row], stem: str, title: str, extra: dict[str, Any] | None = None) -> Path:
    """Write reports/<stem>.md and reports/<stem>.json; returns the markdown path."""
    REPORTS.mkdir(exist_ok=True)
    when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    info = machine()
    md = [
        f"# {title}",
        "",
        f"Run {when} on {info['cpus']} CPUs, Python {info['python']}, {info['platform']}. "
        "Numbers are indicative: the machine is shared with other work.",
        "",
        markdown_table(rows),
        "",
    ]
    for row in rows:
        if row.details:
            md.append(f"- **{row.name}**: `{json.dumps(row.details, default=str)}`")
    md_path = REPORTS / f"{stem}.md"
    md_path.write_text("\n".join(md) + "\n")
    payload = {
        "title": title,
        "generated_at": when,
        "machine": info,
        "rows": [
            {
                "name": r.name,
                "measured": r.subject,
                "baseline": r.baseline,
                "ratio": None if r.ratio is None or math.isnan(r.ratio) else r.ratio,
                "target": r.target,
                "result": r.verdict,
                "note": r.note,
                "details": r.details,
            }
            for r in rows
        ],
        **(extra or {}),
    }
    (REPORTS / f"{stem}.json").write_text(json.dumps(payload, indent=2, default=str) + "\n")
    return md_path
