"""The mock's modules import only downwards (issue 12 item 7; docs/mock.md "How the mock is built").

Every module of ``connectpsp_mock`` belongs to exactly one layer below; a module may import modules
of strictly lower layers only. An import of a module in the same layer ("sideways") or a higher one
("upwards") fails the test, and so does a module no layer names. The one exception: a package's
``__init__`` may import its own submodules (``dashboard/__init__`` re-exports its routes).

Imports are read from the source with ``ast`` (nothing is imported), inside functions and under
``TYPE_CHECKING`` too: a type dependency is a dependency.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

import connectpsp_mock

PACKAGE = "connectpsp_mock"
PACKAGE_DIR = Path(connectpsp_mock.__file__).resolve().parent

# Lowest first. A module may import only from layers above it in this list.
LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "foundation",
        frozenset(
            {
                "connectpsp_mock",
                "money",
                "clock",
                "ids",
                "problems",
                "encoding",
                "timefmt",
                "settings",
                "pixcode",
                "jwt",
                "tasks",
                "receiver_slots",
                "own_addresses",
                "transaction_table",
            }
        ),
    ),
    ("checks", frozenset({"validation", "response_style"})),
    ("domain", frozenset({"models", "records"})),
    ("rules and representations", frozenset({"payloads", "views", "outcomes", "faults"})),
    ("state", frozenset({"store"})),
    ("bookkeeping over the state", frozenset({"ledger", "idempotency", "webhooks"})),
    ("services", frozenset({"auth", "cash_in", "cash_out", "account"})),
    ("composition root", frozenset({"runtime"})),
    ("http support", frozenset({"http_helpers", "wire", "dashboard.snapshot"})),
    (
        "http",
        frozenset(
            {
                "api",
                "control",
                "dashboard",
                "dashboard.routes",
                "request_ids",
                "loop_guard",
                "counters",
                "guard",
                "gateway",
            }
        ),
    ),
    ("front door", frozenset({"front", "coalescing"})),
    ("serving", frozenset({"serving"})),
    ("application", frozenset({"app"})),
    ("entry points", frozenset({"__main__", "testing"})),
)


def layer_index(layers: Iterable[tuple[str, frozenset[str]]] = LAYERS) -> dict[str, int]:
    index: dict[str, int] = {}
    for number, (_, modules) in enumerate(layers):
        for module in modules:
            assert module not in index, f"{module} is in two layers"
            index[module] = number
    return index


def module_name(path: Path, root: Path) -> str:
    """``dashboard/routes.py`` -> ``dashboard.routes``; the package's own ``__init__`` is the
    package name itself (``connectpsp_mock``), a subpackage's is the subpackage."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts) if parts else PACKAGE


def _short(dotted: str, known: set[str], *, exact: bool = False) -> str | None:
    """``connectpsp_mock.dashboard.routes`` -> ``dashboard.routes``; None outside the package
    (and, when ``exact``, None unless ``dotted`` is itself one of the ``known`` modules)."""
    if dotted == PACKAGE:
        return PACKAGE
    if not dotted.startswith(PACKAGE + "."):
        return None
    name = dotted[len(PACKAGE) + 1 :]
    if exact:
        return name if name in known else None
    while name and name not in known:  # ``from .models import X`` names a module, not X
        name = name.rpartition(".")[0]
    return name or PACKAGE


def imported_modules(source: str, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The package's modules that ``source`` (the module ``module``) imports."""
    dotted = PACKAGE if module == PACKAGE else f"{PACKAGE}.{module}"
    package = dotted if is_package else dotted.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # ``from . import jwt`` imports the module ``jwt``; ``from .x import Y`` the module x.
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                targets.append(submodule if _short(submodule, known, exact=True) else base)
        for target in targets:
            short = _short(target, known)
            if short is not None and short != module:
                found.add(short)
    if is_package:  # a package's __init__ may import its own submodules
        found = {name for name in found if not name.startswith(module + ".")}
    return found


def read_package(root: Path) -> dict[str, tuple[str, bool]]:
    """Module name -> (source, is a package ``__init__``) for every ``.py`` file under ``root``."""
    return {
        module_name(path, root): (path.read_text(encoding="utf-8"), path.name == "__init__.py")
        for path in sorted(root.rglob("*.py"))
    }


def violations(
    sources: Mapping[str, tuple[str, bool]], layers: Iterable[tuple[str, frozenset[str]]] = LAYERS
) -> list[str]:
    """Every import that does not go strictly downwards, and every module without a layer."""
    layers = tuple(layers)
    index = layer_index(layers)
    known = set(sources)
    problems = [f"{module}: in no layer" for module in sorted(known - set(index))]
    for module, (source, is_package) in sorted(sources.items()):
        if module not in index:
            continue
        for target in sorted(imported_modules(source, module, is_package, known)):
            if target not in index:
                continue  # reported above as a module without a layer
            mine, theirs = index[module], index[target]
            if theirs >= mine:
                direction = "sideways" if theirs == mine else "upwards"
                problems.append(
                    f"{module} ({layers[mine][0]}) imports {target} ({layers[theirs][0]}): "
                    f"{direction}"
                )
    return problems


def test_every_module_imports_only_lower_layers() -> None:
    assert violations(read_package(PACKAGE_DIR)) == []


def test_every_layer_names_only_existing_modules() -> None:
    """A renamed or deleted module must leave the table too, or the table stops describing it."""
    assert set(layer_index()) - set(read_package(PACKAGE_DIR)) == set()


LAYERS_OF_THE_EXAMPLE: tuple[tuple[str, frozenset[str]], ...] = (
    ("low", frozenset({"connectpsp_mock", "base"})),
    ("middle", frozenset({"left", "right"})),
    ("high", frozenset({"top", "pkg", "pkg.part"})),
)


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("left", "from .base import thing\n", []),
        ("left", "from . import base\n", []),
        ("left", "import connectpsp_mock.base\n", []),
        ("left", "from .right import thing\n", ["left (middle) imports right (middle): sideways"]),
        ("left", "from . import right\n", ["left (middle) imports right (middle): sideways"]),
        ("left", "from .top import thing\n", ["left (middle) imports top (high): upwards"]),
        (
            "left",
            "def late():\n    from connectpsp_mock.top import thing\n",
            ["left (middle) imports top (high): upwards"],
        ),
        (
            "left",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .right import T\n",
            ["left (middle) imports right (middle): sideways"],
        ),
        ("left", "import json\nfrom starlette.requests import Request\n", []),
    ],
)
def test_the_rule_catches_sideways_and_upward_imports(
    module: str, source: str, expected: list[str]
) -> None:
    sources = {name: ("", False) for name in ("connectpsp_mock", "base", "right", "top")}
    sources["connectpsp_mock"] = ("", True)
    sources[module] = (source, False)
    layers = (*LAYERS_OF_THE_EXAMPLE[:2], ("high", frozenset({"top"})))
    assert violations(sources, layers) == expected


def test_a_package_init_may_import_its_own_submodules_only() -> None:
    sources = {
        "connectpsp_mock": ("", True),
        "base": ("", False),
        "left": ("", False),
        "right": ("", False),
        "top": ("", False),
        "pkg": ("from .part import routes\nfrom ..top import x\n", True),
        "pkg.part": ("from ..base import y\n", False),
    }
    assert violations(sources, LAYERS_OF_THE_EXAMPLE) == ["pkg (high) imports top (high): sideways"]


def test_a_module_without_a_layer_is_reported() -> None:
    sources = {"connectpsp_mock": ("", True), "base": ("", False), "stray": ("", False)}
    assert violations(sources, LAYERS_OF_THE_EXAMPLE) == ["stray: in no layer"]
