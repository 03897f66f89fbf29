"""Keep Hypothesis' files (example database, constants cache) out of the checkout.

schemathesis runs on Hypothesis, and Hypothesis writes ``./.hypothesis/`` even with the example
database disabled (it caches constants it finds in the code). The contract run points that storage
at a temporary directory, removed at the end, unless ``HYPOTHESIS_STORAGE_DIRECTORY`` says
otherwise.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis.configuration import set_hypothesis_home_dir

ENV = "HYPOTHESIS_STORAGE_DIRECTORY"


def use_temporary_storage() -> Path | None:
    """Point Hypothesis at a fresh temporary directory; ``None`` when the user chose one."""
    if os.environ.get(ENV):
        return None
    directory = Path(tempfile.mkdtemp(prefix="connectpsp-hypothesis-"))
    set_hypothesis_home_dir(directory)
    return directory


def release(directory: Path | None) -> None:
    if directory is not None:
        shutil.rmtree(directory, ignore_errors=True)
