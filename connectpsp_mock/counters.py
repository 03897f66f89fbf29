"""Request and response counters of the public API (``GET /_mock/state``), kept by the front door
(``front.py``).

Every public request counts once under ``requests`` and its response under
``responses.<status>``, whatever answered it: a handler, a problem, an injected fault or the error
guard's 500 (issue 11 item 9). ``/_mock/`` control calls are not counted.
"""

from __future__ import annotations

from .http_helpers import CONTROL_PREFIX

REQUESTS = "requests"
_RESPONSE_COUNTERS = {status: f"responses.{status}" for status in range(100, 600)}


def is_counted(path: str) -> bool:
    """True for the public API; control calls and the dashboard are not counted."""
    return not path.startswith(CONTROL_PREFIX)


def response_counter(status: int) -> str:
    return _RESPONSE_COUNTERS.get(status) or f"responses.{status}"
