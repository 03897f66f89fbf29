"""``ConnectPSP`` (sync) and ``AsyncConnectPSP`` (async): the clients integrators use.

Both are written once, in ``_async/client.py``; ``_sync/client.py`` is generated from it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._async.client import AsyncConnectPSP
    from ._sync.client import ConnectPSP

__all__ = ["AsyncConnectPSP", "ConnectPSP"]
# Each imported on first use: the sync client never loads asyncio (issue 14).
_MODULES = {"AsyncConnectPSP": "._async.client", "ConnectPSP": "._sync.client"}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module, __package__), name)
