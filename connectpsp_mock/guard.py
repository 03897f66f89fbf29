"""The safety net: an unexpected exception becomes a 500 problem, never a crashed worker (the front
door, ``front.py``, runs every request inside it).

A correct mock never gets here for bad input (bad input is a 4xx); reaching it is a bug, logged
with its traceback (request bodies are never logged).
"""

from __future__ import annotations

import logging

from starlette.types import Scope

from .problems import ProblemError

logger = logging.getLogger("connectpsp_mock")


def unexpected_error(scope: Scope) -> ProblemError:
    """Log the exception being handled; the 500 problem to answer with if nothing was sent yet."""
    logger.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
    return ProblemError(500, "INTERNAL_ERROR", "Unexpected error in connectpsp-mock.")
