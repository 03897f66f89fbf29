"""Which uvicorn HTTP protocol serves the mock (D-86).

The coalescing protocol (``coalescing.py``) subclasses uvicorn's httptools protocol, an internal
of uvicorn. If a uvicorn release moves it, the mock still serves, with uvicorn's stock protocol
(two writes per response, a plain-text 400 for a request the parser refuses), and says so once.
"""

from __future__ import annotations

import asyncio
import logging

logger = logging.getLogger("connectpsp_mock")


def http_protocol(choice: str) -> str | type[asyncio.Protocol]:
    """uvicorn's ``http`` option for ``--http``: "auto" and "httptools" get the coalescing
    protocol (httptools is a dependency of the package), "h11" stays uvicorn's own."""
    if choice not in ("auto", "httptools"):
        return choice
    try:
        from .coalescing import CoalescingHttpToolsProtocol
    except ImportError as exc:
        logger.warning(
            "serving with uvicorn's stock %s protocol: the one-write protocol needs an internal "
            "uvicorn moved (%s)",
            choice,
            exc,
        )
        return choice
    return CoalescingHttpToolsProtocol
