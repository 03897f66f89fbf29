"""Small helpers shared by the HTTP layer: the public API (``api.py``), the control API
(``control.py``), the dashboard and the ASGI middlewares. They sit below all of them, so none of
those modules imports another sideways (``tests/mock/test_layers.py``)."""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Send

from .encoding import dump_json
from .problems import PROBLEM_MEDIA_TYPE, ProblemError, validation_error
from .runtime import MockRuntime

# Paths of the control API and the dashboard: not counted, never faulted.
CONTROL_PREFIX = "/_mock"
PATH_ID_RE = re.compile(r"[A-Za-z0-9-]{1,64}")  # D-21


def runtime(request: Request) -> MockRuntime:
    mock: MockRuntime = request.app.state.mock
    return mock


def json_response(status: int, body: dict[str, Any]) -> Response:
    return Response(dump_json(body), status_code=status, media_type="application/json")


def path_id(request: Request) -> str:
    value = str(request.path_params["id"])
    if not PATH_ID_RE.fullmatch(value):
        raise validation_error("id", "must be 1 to 64 letters, digits or hyphens.")
    return value


async def send_problem(send: Send, error: ProblemError) -> None:
    """Answer with ``error`` from raw ASGI (middlewares run outside Starlette's handlers)."""
    body = error.content()
    headers = [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    headers += [
        (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in error.headers.items()
    ]
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
