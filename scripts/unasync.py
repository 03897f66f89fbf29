"""Write the sync half of connectpsp_ext from its async source (httpcore's unasync, in small).

    python scripts/unasync.py          # rewrite the generated files of connectpsp_ext/_sync
    python scripts/unasync.py --check  # exit 1 when a generated file differs (./run lint runs it)

The async files in connectpsp_ext/_async/ are the source of truth; the rules below turn
``async def``/``await``/``AsyncX`` into their sync forms. What differs for real between asyncio
and threads is hand-written once per side, outside these files: the token flights
(``tokens.py``) and the deadline guards (``deadlines.py``).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "connectpsp_ext" / "_async"
TARGET = ROOT / "connectpsp_ext" / "_sync"
FILES = ("_bounded.py", "client.py", "requestor.py", "resources.py")
HEADER = "# Generated from connectpsp_ext/_async/{name} by scripts/unasync.py: do not edit.\n"

# (pattern, replacement), applied in order.
RULES: tuple[tuple[str, str], ...] = (
    (r"\basync def\b", "def"),
    (r"\basync with\b", "with"),
    (r"\basync for\b", "for"),
    (r"\bawait ", ""),
    (r"\bAsyncSeams\b", "Seams"),
    (r"\bAsyncBaseTransport\b", "BaseTransport"),
    (r"\bAsyncClient\b", "Client"),
    (r"\bAsync(?=[A-Z])", ""),
    (r"\bhandle_async_request\b", "handle_request"),
    (r"\b([gs]et)_async_httpx_client\b", r"\1_httpx_client"),
    (r"\baread\b", "read"),
    (r"\baclose\b", "close"),
    (r"\baiter_bytes\b", "iter_bytes"),
    (r"__aenter__", "__enter__"),
    (r"__aexit__", "__exit__"),
    (r"Awaitable\[([^\[\]]*)\]", r"\1"),
    (r"\b_async\b", "_sync"),
)


def unasync(text: str) -> str:
    for pattern, replacement in RULES:
        text = re.sub(pattern, replacement, text)
    return text


def _private_async(text: str) -> str:
    # "_AsyncRequestorTransport" -> "_RequestorTransport" (the rule above handles "AsyncX").
    return re.sub(r"\b_Async(?=[A-Z])", "_", text)


def render(name: str) -> str:
    text = _private_async((SOURCE / name).read_text("utf-8"))
    return HEADER.format(name=name) + unasync(text)


def formatted(text: str, name: str) -> str:
    """``text`` with its imports sorted and formatted as ruff would (the sync lines are shorter
    than their async source)."""
    for command in (["check", "--fix-only", "--select", "I", "--quiet"], ["format"]):
        text = subprocess.run(
            [sys.executable, "-m", "ruff", *command, "--stdin-filename", str(TARGET / name), "-"],
            input=text,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    stale = []
    for name in FILES:
        expected = formatted(render(name), name)
        path = TARGET / name
        current = path.read_text("utf-8") if path.exists() else None
        if current != expected:
            stale.append(name)
            if not args.check:
                path.write_text(expected, "utf-8")
    if args.check and stale:
        print(f"connectpsp_ext/_sync is stale ({', '.join(stale)}): run python scripts/unasync.py")
        return 1
    print("connectpsp_ext/_sync is up to date." if args.check else "wrote connectpsp_ext/_sync")
    return 0


if __name__ == "__main__":
    sys.exit(main())
