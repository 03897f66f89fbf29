"""An httpx transport for the flow tests' client that tallies the deviations of every response.

The client (``connectpsp_ext``) reads responses through the same tolerant models; this transport
reads each response body once more, by operation, into ``deviations.FLOWS`` so that the flow
tests' responses become findings in the summary too (issue 10). It never changes a response.
"""

from __future__ import annotations

import re
from functools import cache

import httpx

from .deviations import FLOWS, DeviationLog, record_response
from .spec import operations


@cache
def _routes() -> list[tuple[str, re.Pattern[str], str]]:
    """(method, path regex, label) for every operation of the spec."""
    routes = []
    for label, info in operations().items():
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(info.path))
        routes.append((info.method, re.compile(pattern + "$"), label))
    return routes


def operation_label(method: str, path: str) -> str | None:
    for route_method, pattern, label in _routes():
        if route_method == method and pattern.search(path):
            return label
    return None


class RecordingTransport(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport | None = None, log: DeviationLog = FLOWS) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self.log = log

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        label = operation_label(request.method, request.url.path)
        if label is not None:
            content = response.read()
            record_response(self.log, label, response.status_code, content)
        return response

    def close(self) -> None:
        self.inner.close()
