"""Regenerate the ConnectPSP client (generated/connectpsp_client) from the OpenAPI description.

    scripts/regen                      # vendored openapi/index.yaml -> generated/
    scripts/regen --check              # exit 1 when generated/ is stale (CI)
    scripts/regen --source URL|PATH    # print a change report, vendor the new spec, regenerate
    scripts/regen --check --source URL # spec drift: exit 1 with the report when the spec moved

Steps: load and validate the spec (openapi-spec-validator), run the pinned openapi-python-client
with openapi/generator-config.yaml and the custom templates in openapi/templates/, format with the
pinned ruff, and write the package. Two runs give byte-identical trees.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "index.yaml"
CONFIG = ROOT / "openapi" / "generator-config.yaml"
TEMPLATES = ROOT / "openapi" / "templates"
OUTPUT = ROOT / "generated" / "connectpsp_client"
PUBLISHED_URL = "https://docs.connectpsp.com/_bundle/apis/index.yaml"
PINNED = {"openapi-python-client": "0.29.1", "ruff": "0.17.5"}

sys.path.insert(0, str(ROOT / "scripts"))
import spec_diff  # noqa: E402


class RegenError(Exception):
    """A failure the user can act on; printed without a traceback."""


def load_source(source: str) -> tuple[bytes, dict[str, Any]]:
    if source.startswith(("http://", "https://")):
        import httpx

        try:
            response = httpx.get(source, timeout=20.0, follow_redirects=True)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise RegenError(
                f"cannot fetch the spec from {source}: {type(exc).__name__}: {exc}. "
                "The published bundle is not reachable from here; use the vendored "
                "openapi/index.yaml or pass --source PATH."
            ) from exc
        raw = response.content
    else:
        path = Path(source)
        if not path.is_file():
            raise RegenError(f"no spec file at {path}")
        raw = path.read_bytes()
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise RegenError(f"{source} is not valid YAML/JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise RegenError(f"{source} is not an OpenAPI document")
    return raw, data


def validate(data: dict[str, Any], source: str) -> None:
    from openapi_spec_validator import validate as validate_spec

    try:
        validate_spec(data)
    except Exception as exc:  # the validator raises several unrelated types
        raise RegenError(f"{source} is not a valid OpenAPI document: {exc}") from exc


def check_pins(bin_dir: Path) -> None:
    from importlib.metadata import version

    found = {
        "openapi-python-client": version("openapi-python-client"),
        "ruff": version("ruff"),
    }
    wrong = {k: v for k, v in found.items() if v != PINNED[k]}
    if wrong:
        raise RegenError(
            f"pinned tools required {PINNED}, found {found}: run `pip install -e .[dev]`"
        )
    if not (bin_dir / "ruff").exists():
        raise RegenError(
            f"ruff is not installed next to {sys.executable}; formatting would be skipped"
        )


def generate(spec_path: Path, dest: Path) -> None:
    """Run the generator into dest (a package directory that must not exist yet)."""
    bin_dir = Path(sys.executable).parent
    check_pins(bin_dir)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    cmd = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path",
        str(spec_path),
        "--output-path",
        str(dest),
        "--meta",
        "none",
        "--config",
        str(CONFIG),
        "--custom-template-path",
        str(TEMPLATES),
        "--overwrite",
    ]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or "Warning" in output or "Error" in output:
        raise RegenError(f"openapi-python-client failed or warned:\n{output}")
    for cache in dest.rglob("__pycache__"):
        shutil.rmtree(cache)
    # PEP 561 marker: without it a user's mypy skips the package and sees result.data as Any
    # (issue 12 item 4). The generator writes it only with --meta, which this project does not use.
    (dest / "py.typed").write_text("")


def tree_diff(old: Path, new: Path) -> list[str]:
    """Relative paths that differ between two trees, with a few diff lines for each."""
    lines: list[str] = []

    def walk(cmp: filecmp.dircmp[str], rel: str) -> None:
        for name in sorted(cmp.left_only):
            lines.append(f"  stale file (would be removed): {rel}{name}")
        for name in sorted(cmp.right_only):
            lines.append(f"  missing file (would be added): {rel}{name}")
        for name in sorted(cmp.diff_files):
            a = (Path(cmp.left) / name).read_text().splitlines()
            b = (Path(cmp.right) / name).read_text().splitlines()
            delta = [
                d
                for d in difflib.unified_diff(a, b, lineterm="", n=0)
                if d.startswith(("+", "-")) and not d.startswith(("+++", "---"))
            ]
            lines.append(f"  changed: {rel}{name} ({len(delta)} lines differ)")
            lines.extend(f"      {d}" for d in delta[:4])
        for name, sub in sorted(cmp.subdirs.items()):
            if name != "__pycache__":
                walk(sub, f"{rel}{name}/")

    if not old.exists():
        return [f"  {old} does not exist"]
    walk(filecmp.dircmp(old, new, ignore=["__pycache__"]), "")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--source",
        help=f"spec URL or path (default: the vendored spec; published: {PUBLISHED_URL})",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if generated/ (or the vendored spec) is stale",
    )
    args = parser.parse_args(argv)

    source = args.source or str(SPEC)
    raw, data = load_source(source)
    validate(data, source)

    vendored_raw = SPEC.read_bytes()
    source_moved = raw != vendored_raw
    if source_moved:
        _, vendored = load_source(str(SPEC))
        report = spec_diff.compare(vendored, data)
        print(f"Change report: {SPEC.relative_to(ROOT)} -> {source}")
        print(report.render())
        if args.check:
            print("The source differs from the vendored spec: run scripts/regen --source SOURCE.")
            return 1

    with tempfile.TemporaryDirectory(prefix="connectpsp-regen-") as tmp:
        spec_path = Path(tmp) / "index.yaml"
        spec_path.write_bytes(raw)
        fresh = Path(tmp) / "out" / OUTPUT.name
        fresh.parent.mkdir()
        generate(spec_path, fresh)
        if args.check:
            diff = tree_diff(OUTPUT, fresh)
            if diff:
                print(f"generated/ is stale against {source}:")
                print("\n".join(diff[:60]))
                print("Run scripts/regen and commit the result.")
                return 1
            print("generated/ is up to date.")
            return 0
        if source_moved:
            SPEC.write_bytes(raw)
            print(f"Vendored the new spec into {SPEC.relative_to(ROOT)}.")
        if OUTPUT.exists():
            shutil.rmtree(OUTPUT)
        OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(fresh, OUTPUT)
    print(f"Wrote {OUTPUT.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except RegenError as exc:
        print(f"regen: {exc}", file=sys.stderr)
        sys.exit(2)
