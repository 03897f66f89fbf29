"""The ASGI application: ``create_app(settings) -> Starlette``.

One middleware, the front door (``front.py``, D-87), does in order: the request id (D-35), the
loop guard (learns the mock's own addresses, refuses a mock's webhook delivery: D-73), the
request/response counters (outside the guard, so a 500 is counted too), the error guard
(unexpected exception -> 500 problem, never a crash), the gateway (fault injection), then routing:
the public API from a direct table, the rest through Starlette's router. Routing errors (unknown
path, wrong method) and every :class:`ProblemError` are answered as ``application/problem+json``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount

from . import api, control
from .dashboard import routes as dashboard_routes
from .front import FrontDoor
from .gateway import DeliberateDropFilter
from .http_helpers import CONTROL_PREFIX
from .problems import PROBLEM_MEDIA_TYPE, ProblemError, code_for_status
from .runtime import MockRuntime
from .settings import MockSettings

_drop_filter = DeliberateDropFilter()


def _install_log_filter() -> None:
    server_log = logging.getLogger("uvicorn.error")
    if _drop_filter not in server_log.filters:
        server_log.addFilter(_drop_filter)


def _problem_response(error: ProblemError) -> Response:
    return Response(
        error.content(),
        status_code=error.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=error.headers,
    )


async def _on_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProblemError)
    return _problem_response(exc)


async def _on_http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        detail = "No such endpoint."
    elif exc.status_code == 405:
        detail = f"Method {request.method} is not allowed on this endpoint."
    else:
        detail = "The request could not be processed."
    return _problem_response(
        ProblemError(
            exc.status_code,
            code_for_status(exc.status_code),
            detail,
            headers=dict(exc.headers or {}),
        )
    )


def create_app(settings: MockSettings | None = None) -> Starlette:
    """A fresh mock with its own state. ``app.state.mock`` is the :class:`MockRuntime`."""
    _install_log_filter()
    mock = MockRuntime(settings if settings is not None else MockSettings.from_env())

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await mock.aclose()

    app = Starlette(
        routes=[*api.routes, Mount(CONTROL_PREFIX, routes=[*control.routes, *dashboard_routes])],
        middleware=[Middleware(FrontDoor, mock=mock, routes=api.routes)],
        exception_handlers={ProblemError: _on_problem, HTTPException: _on_http_exception},
        lifespan=lifespan,
    )
    app.router.redirect_slashes = False
    app.state.mock = mock
    return app
