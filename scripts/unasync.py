"""Write the sync half of connectpsp_ext from its async source (httpcore's unasync, in small).

    python scripts/unasync.py          # rewrite the generated files of every _sync folder
    python scripts/unasync.py --check  # exit 1 when a generated file differs (./run lint runs it)

The async files in connectpsp_ext/_async/ and connectpsp_ext/webhooks/_async/ are the source of
truth; the rules below turn ``async def``/``await``/``AsyncX`` into their sync forms, and a store
call handed to a worker thread (``await asyncio.to_thread(f, ...)``) into the plain call. What
differs for real between asyncio and threads is hand-written once per side, outside these files:
the token flights (``tokens.py``) and the deadline guards (``deadlines.py``).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The async sources, relative to ROOT; each one's sync twin is the same path with _sync for _async.
SOURCES = (
    "connectpsp_ext/_async/_bounded.py",
    "connectpsp_ext/_async/client.py",
    "connectpsp_ext/_async/requestor.py",
    "connectpsp_ext/_async/resources.py",
    "connectpsp_ext/webhooks/_async/confirmer.py",
    "connectpsp_ext/webhooks/_async/handler.py",
)
HEADER = "# Generated from {source} by scripts/unasync.py: do not edit.\n"

# (pattern, replacement), applied in order.
RULES: tuple[tuple[str, str], ...] = (
    # await asyncio.to_thread(store.claim, key, ...) -> store.claim(key, ...)
    (r"\bawait asyncio\.to_thread\(\s*([\w.]+),\s*", r"\1("),
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


def target_of(source: str) -> str:
    return source.replace("/_async/", "/_sync/")


def render(source: str) -> str:
    text = _private_async((ROOT / source).read_text("utf-8"))
    return HEADER.format(source=source) + unasync(text)


def formatted(text: str, target: str) -> str:
    """``text`` with its imports sorted, the ones it no longer uses (``asyncio``) dropped, and
    formatted as ruff would (the sync lines are shorter than their async source)."""
    for command in (["check", "--fix-only", "--select", "I,F401", "--quiet"], ["format"]):
        text = subprocess.run(
            [sys.executable, "-m", "ruff", *command, "--stdin-filename", str(ROOT / target), "-"],
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
    for source in SOURCES:
        target = target_of(source)
        expected = formatted(render(source), target)
        path = ROOT / target
        current = path.read_text("utf-8") if path.exists() else None
        if current != expected:
            stale.append(target)
            if not args.check:
                path.write_text(expected, "utf-8")
    if args.check and stale:
        print(f"stale: {', '.join(stale)}: run python scripts/unasync.py")
        return 1
    print("the _sync files are up to date." if args.check else "wrote the _sync files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
