"""The front door: the one ASGI layer between the server and the routes (D-87).

Every request passes, in this order (the order five separate middlewares used to have):

1. a fresh ``X-Request-Id`` on whatever response it gets (``request_ids.py``);
2. the loop guard: the mock learns its own address, and a mock's webhook delivery is refused
   with 403 ``WEBHOOK_LOOP`` (``loop_guard.py``; not counted);
3. the counters of the public API (``counters.py``): the request, then its response's status;
4. the error guard: an unexpected exception is logged and answered with a 500 problem
   (``guard.py``); a client that went away gets nothing;
5. for the public API, the gateway's fault injection (``gateway.py``);
6. the route. The eight public operations are looked up in a table made from their Starlette
   routes (method + path segments) and called directly; a :class:`ProblemError` they raise is
   answered as ``application/problem+json``. Anything else (the control API, the dashboard, an
   unknown path or method: 404, 405) goes to Starlette's router, exactly as before.

One wrapper around ``send`` does 1, 3 and 4's bookkeeping; five layers each wrapped it, and with
Starlette's routing and response objects they cost 30-45 us per request, more than the handler of
a balance read itself.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .counters import REQUESTS, is_counted, response_counter
from .gateway import GatewayMiddleware
from .guard import unexpected_error
from .http_helpers import send_problem
from .loop_guard import LoopGuard
from .problems import ProblemError
from .request_ids import new_request_id, with_request_id
from .runtime import MockRuntime

Endpoint = Callable[[Request], Awaitable[Response]]
# (method, number of path segments) -> [(segments, where the parameters are, endpoint)]
_Table = dict[tuple[str, int], list[tuple[tuple[str, ...], dict[int, str], Endpoint]]]


def route_table(routes: Sequence[BaseRoute]) -> _Table:
    """The direct-dispatch table of plain routes (``/a/{id}/b``, string parameters only)."""
    table: _Table = {}
    for route in routes:
        if not isinstance(route, Route) or route.methods is None:
            raise TypeError(f"not a plain route: {route!r}")
        segments = tuple(route.path.split("/"))
        params: dict[int, str] = {}
        for number, segment in enumerate(segments):
            if segment.startswith("{"):
                name = segment.strip("{}")
                if ":" in name or route.param_convertors[name].regex != "[^/]+":
                    raise TypeError(f"only string path parameters: {route.path}")
                params[number] = name
        endpoint: Endpoint = route.endpoint
        for method in route.methods - {"HEAD"}:  # HEAD is left to Starlette
            table.setdefault((method, len(segments)), []).append((segments, params, endpoint))
    return table


def _match(table: _Table, method: str, path: str) -> tuple[Endpoint, dict[str, str]] | None:
    """The endpoint and path parameters Starlette's router would pick, or None."""
    parts = path.split("/")
    for segments, params, endpoint in table.get((method, len(parts)), ()):
        values: dict[str, str] = {}
        for number, (expected, given) in enumerate(zip(segments, parts, strict=True)):
            if number in params:
                if not given:  # Starlette's [^/]+: a parameter is never empty
                    break
                values[params[number]] = given
            elif given != expected:
                break
        else:
            return endpoint, values
    return None


class FrontDoor:
    """See the module docstring. ``app`` is Starlette's router behind its exception handlers."""

    def __init__(self, app: ASGIApp, mock: MockRuntime, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self._store = mock.store
        self._loop_guard = LoopGuard(mock.own_addresses)
        self._table = route_table(routes)
        self._gateway = GatewayMiddleware(
            self._route,
            store=mock.store,
            faults=mock.faults,
            max_delay=mock.settings.max_fault_delay_seconds,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = new_request_id()
        refusal = self._loop_guard.refusal(scope)
        if refusal is not None:
            await send_problem(_with_id(send, request_id), refusal)
            return
        counted = is_counted(scope["path"])
        store = self._store
        if counted:
            store.increment(REQUESTS)
        started = False

        async def send_out(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if counted:
                    store.increment(response_counter(message["status"]))
                message = {
                    **message,
                    "headers": with_request_id(message.get("headers", ()), request_id),
                }
            await send(message)

        try:
            if counted:
                await self._gateway(scope, receive, send_out)
            else:
                await self.app(scope, receive, send_out)
        except ClientDisconnect:
            return  # the client went away mid-request: nobody to answer, nothing to log
        except Exception:
            error = unexpected_error(scope)
            if not started:
                await send_problem(send_out, error)

    async def _route(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Behind the gateway: a public operation directly, anything else through Starlette."""
        found = (
            None if scope.get("root_path") else _match(self._table, scope["method"], scope["path"])
        )
        if found is None:
            await self.app(scope, receive, send)
            return
        endpoint, path_params = found
        scope["path_params"] = path_params
        try:
            response = await endpoint(Request(scope, receive))
        except ProblemError as error:
            await send_problem(send, error)
            return
        if type(response) is not Response or response.background is not None:
            await response(scope, receive, send)  # not a plain body: let it send itself
            return
        await send(
            {
                "type": "http.response.start",
                "status": response.status_code,
                "headers": response.raw_headers,
            }
        )
        await send({"type": "http.response.body", "body": response.body})


def _with_id(send: Send, request_id: bytes) -> Send:
    async def send_with_id(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": with_request_id(message["headers"], request_id)}
        await send(message)

    return send_with_id
