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

The front door (``front.py``) asks :meth:`LoopGuard.refusal` first thing on every request.
"""

from __future__ import annotations

from starlette.types import Scope

from .own_addresses import DELIVERY_MARKER_HEADER, OwnAddresses
from .problems import ProblemError

_MARKER = DELIVERY_MARKER_HEADER.lower().encode("latin-1")
_MARKER_LENGTH = len(_MARKER)


def webhook_loop() -> ProblemError:
    return ProblemError(
        403,
        "WEBHOOK_LOOP",
        "This request is a webhook delivery of a connectpsp mock; mocks never "
        "process their own deliveries.",
    )


class LoopGuard:
    """Learns the mock's own addresses and spots requests that are a mock's webhook delivery."""

    def __init__(self, own: OwnAddresses) -> None:
        self._own = own
        self._last_server: object = None

    def refusal(self, scope: Scope) -> ProblemError | None:
        """The 403 to answer ``scope`` with, or None to go on."""
        server = scope.get("server")
        if server != self._last_server:  # learning the same address again changes nothing
            self._own.learn(server)
            self._last_server = server
        for key, _ in scope["headers"]:  # a plain loop: this runs on every request
            if len(key) == _MARKER_LENGTH and key.lower() == _MARKER:
                return webhook_loop()
        return None
