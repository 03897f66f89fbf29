"""A client library for accessing ConnectPSP API"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

# connectpsp: ``.client`` is imported on first use of these names, so that importing
# ``connectpsp_client.types`` or ``.models`` alone does not build the client classes (D-57).
# Hidden from type checkers, so that a misspelt name stays an error there.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        if name != "client" and name not in __all__:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from importlib import import_module

        client = import_module(".client", __name__)
        if name == "client":  # the module itself
            return client
        value = getattr(client, name)
        globals()[name] = value  # from now on a plain module attribute
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
