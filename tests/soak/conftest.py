"""The ``bench`` package (benchmarks and soak) lives at the repository root and is not installed:
make it importable however pytest is started (``pytest`` or ``python -m pytest``)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[2])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
