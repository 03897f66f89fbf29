"""``ConnectPSP`` (sync) and ``AsyncConnectPSP`` (async): the clients integrators use.

Both are written once, in ``_async/client.py``; ``_sync/client.py`` is generated from it.
"""

from ._async.client import AsyncConnectPSP
from ._sync.client import ConnectPSP

__all__ = ["AsyncConnectPSP", "ConnectPSP"]
