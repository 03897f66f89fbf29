"""Outermost safety net: an unexpected exception becomes a 500 problem, never a crashed worker.

A correct mock never gets here for bad input (bad input is a 4xx); reaching it is a bug, logged
with its traceback (request bodies are never logged).
"""

from __future__ import annotations

import logging

from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .http_helpers import send_problem
from .problems import ProblemError

logger = logging.getLogger("connectpsp_mock")


class ErrorGuardMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except ClientDisconnect:
            return  # the client went away mid-request: nobody to answer, nothing to log
        except Exception:
            logger.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await send_problem(
                    send,
                    ProblemError(500, "INTERNAL_ERROR", "Unexpected error in connectpsp-mock."),
                )
