"""Loads the documented example receiver (``docs/examples/webhook_receiver.py``): it lives with the
docs, not in the library, so the tests import it by path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs/examples/webhook_receiver.py"


def load_example() -> ModuleType:
    name = "webhook_receiver_example"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


example = load_example()
DemoLedger = example.DemoLedger
create_app = example.create_app
app_from_env = example.app_from_env
