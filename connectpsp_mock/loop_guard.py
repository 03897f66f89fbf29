"""Webhooks never reach the mock itself (issue 11 item 11, D-73).

A ``webhookUrl`` such as ``http://127.0.0.1:<mock port>/_mock/reset`` used to wipe the state, and
one pointing at ``/_mock/cash-in/{id}/pay`` paid a cash-in. Two lines of defence:

1. Before sending, a delivery whose target is one of the mock's own addresses is skipped:
   the port is one the mock serves on (learnt from every request it receives) and the host is
   loopback in any spelling (127.0.0.0/8, ``localhost``, ``::1``, IPv4-mapped), the unspecified
   address (``0.0.0.0``, ``::``; connecting to it reaches this machine) or an address the mock was
   reached at.
2. Every delivery carries :data:`DELIVERY_MARKER_HEADER`, and any mock refuses a request bearing it
   with 403 ``WEBHOOK_LOOP`` before anything runs, for what (1) cannot see through: a DNS alias,
   a port mapping, another mock instance.
"""

from __future__ import annotations

import ipaddress

import httpx
from starlette.types import ASGIApp, Receive, Scope, Send

from .gateway import send_problem
from .problems import ProblemError

DELIVERY_MARKER_HEADER = "X-ConnectPSP-Mock-Delivery"
_MARKER = DELIVERY_MARKER_HEADER.lower().encode("latin-1")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_MAX_LEARNT = 64  # addresses a server listens on; a bound keeps odd setups from growing it


class OwnAddresses:
    """The hosts and ports this mock has been reached at (ASGI ``scope["server"]``)."""

    def __init__(self) -> None:
        self._hosts: set[str] = set()
        self._ports: set[int] = set()

    def learn(self, server: object) -> None:
        if not (isinstance(server, tuple | list) and len(server) == 2):
            return
        host, port = server
        if isinstance(port, int) and len(self._ports) < _MAX_LEARNT:
            self._ports.add(port)
        if isinstance(host, str) and len(self._hosts) < _MAX_LEARNT:
            self._hosts.add(_normalise(host))

    def includes(self, host: str, port: int) -> bool:
        if port not in self._ports:
            return False
        host = _normalise(host)
        return host in self._hosts or _is_this_machine(host)


def _normalise(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def _is_this_machine(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):  # RFC 6761: always loopback
        return True
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])  # drop an IPv6 zone id
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback or address.is_unspecified


def targets_the_mock_itself(url: str, own: OwnAddresses) -> bool:
    """True when ``url`` would be served by this very mock (see the module docstring)."""
    try:
        parsed = httpx.URL(url)
        host = parsed.host
    except (httpx.InvalidURL, ValueError, TypeError):
        return False  # not a URL the dispatcher could send to either
    port = parsed.port or _DEFAULT_PORTS.get(parsed.scheme, 0)
    return own.includes(host, port)


class LoopGuardMiddleware:
    """Learns the mock's own addresses and refuses requests that are a mock's webhook delivery."""

    def __init__(self, app: ASGIApp, own: OwnAddresses) -> None:
        self.app = app
        self._own = own

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self._own.learn(scope.get("server"))
        if any(key.lower() == _MARKER for key, _ in scope["headers"]):
            await send_problem(
                send,
                ProblemError(
                    403,
                    "WEBHOOK_LOOP",
                    "This request is a webhook delivery of a connectpsp mock; mocks never "
                    "process their own deliveries.",
                ),
            )
            return
        await self.app(scope, receive, send)
