"""The fenced code blocks of README.md and docs/*.md, parsed the way pytest-markdown-docs parses
them (markdown-it-py, CommonMark), so this suite and the plugin agree on what a block is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[2]
PYTHON = frozenset({"py", "python", "python3"})
SHELL = frozenset({"sh", "bash", "shell"})
# How a block says "do not run me": the plugin's `notest` option in the fence's info string, and,
# for the reader, a first line that starts with this comment (checked by test_block_marking.py).
ILLUSTRATION_OPTION = "notest"
ILLUSTRATION_COMMENT = "# Illustration (not run):"
# Pages whose blocks have a runner of their own (they are a pytest project, or a shell session).
DEDICATED_PAGES = {
    "docs/testing.md": "tests/integration/test_docs_testing.py",
    "docs/cli.md": "tests/cli/test_docs.py",
}


@dataclass(frozen=True)
class Block:
    page: str  # path relative to the repository root, e.g. "docs/client.md"
    line: int  # 1-based line of the opening fence
    lang: str
    options: frozenset[str]
    source: str

    @property
    def is_python(self) -> bool:
        return self.lang in PYTHON

    @property
    def is_shell(self) -> bool:
        return self.lang in SHELL

    @property
    def is_pytest_file(self) -> bool:
        """A block of test functions: it means something only when pytest runs it."""
        return re.search(r"^(async )?def test_", self.source, re.M) is not None

    @property
    def is_illustration(self) -> bool:
        return ILLUSTRATION_OPTION in self.options

    def __str__(self) -> str:
        return f"{self.page}:{self.line} ({self.lang})"


def pages() -> list[str]:
    """README.md and every page under docs/ (not docs/examples/: those are Python files)."""
    docs = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").glob("*.md"))
    return ["README.md", *docs]


def blocks(page: str) -> list[Block]:
    text = (ROOT / page).read_text(encoding="utf-8")
    found = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.type != "fence" or token.map is None:
            continue
        lang, *options = token.info.split() or [""]
        found.append(Block(page, token.map[0] + 1, lang, frozenset(options), token.content))
    return found


def all_blocks() -> list[Block]:
    return [block for page in pages() for block in blocks(page)]
