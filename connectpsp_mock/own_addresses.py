"""The mock's own addresses, so its webhooks never reach the mock itself (issue 11 item 11, D-73).

Used by the webhook dispatcher (a delivery to one of these is skipped) and by the loop guard
middleware (which learns them from every request and refuses a request bearing
:data:`DELIVERY_MARKER_HEADER`); see ``loop_guard.py`` for the two lines of defence.
"""

from __future__ import annotations

import ipaddress

import httpx

DELIVERY_MARKER_HEADER = "X-ConnectPSP-Mock-Delivery"
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
