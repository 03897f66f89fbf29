"""A stateful mock ConnectPSP server (ASGI)."""
