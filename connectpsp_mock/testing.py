"""Test helpers: a real mock server on loopback, and a webhook receiver, each in a thread.

    with running_mock(MockSettings(seed=1)) as mock:
        token = mock.token()
        ...
        mock.pay_cash_in(internal_code)
        mock.wait_idle()

Both bind 127.0.0.1 on a free port chosen by the OS (the socket is bound before the server
starts, so there is no port race), start in well under a second and stop cleanly. They are served
like the mock's own process (D-89): httptools with one write per response, on a uvloop event loop
made for the server's thread only (the process's event loop policy is left alone), when uvloop is
installed.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn
from connectpsp_client.types import json_loads
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp

from connectpsp_ext.signing import digital_signature, signature_matches, webhook_signature

from .app import create_app
from .runtime import MockRuntime
from .serving import http_protocol
from .settings import MockSettings
from .store import Store

LOOPBACK = "127.0.0.1"


def _loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop's loop when it is installed (a dependency on CPython/POSIX), else asyncio's."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - Windows, PyPy
        return None
    new_loop: Callable[[], asyncio.AbstractEventLoop] = uvloop.new_event_loop
    return new_loop


class ServerThread:
    """uvicorn serving ``app`` on 127.0.0.1 in a daemon thread."""

    def __init__(self, app: ASGIApp, *, lifespan: str = "on") -> None:
        # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on sockets whose proto says TCP, and
        # without it every keep-alive response waits ~40 ms for a delayed ACK (Nagle).
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((LOOPBACK, 0))
        self.port: int = self._sock.getsockname()[1]
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan=lifespan,  # type: ignore[arg-type]
            http=http_protocol("httptools"),
            proxy_headers=False,
            ws="none",
            timeout_graceful_shutdown=2,
            backlog=4096,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        # The loop is made here, for this thread: uvicorn's own loop setup may install uvloop's
        # policy process-wide (older versions do), which would change the tests' event loops.
        with asyncio.Runner(loop_factory=_loop_factory()) as runner:
            runner.run(self._server.serve(sockets=[self._sock]))

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def start(self, timeout: float = 10.0) -> None:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the server thread stopped during startup")
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start in time")
            time.sleep(0.002)

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)
        self._sock.close()


@dataclass
class RunningMock:
    """A started mock: its URL, settings, app and state, plus control-API shortcuts."""

    base_url: str
    settings: MockSettings
    app: Starlette
    control: httpx.Client = field(repr=False)

    @property
    def runtime(self) -> MockRuntime:
        mock: MockRuntime = self.app.state.mock
        return mock

    @property
    def store(self) -> Store:
        """Direct state access. It lives in the server thread: read it after :meth:`wait_idle`."""
        return self.runtime.store

    # --- credentials ---------------------------------------------------------------------

    def token(self) -> str:
        """A fresh access token for the configured credentials."""
        response = self.control.post(
            "/auth/token",
            json={"clientId": self.settings.client_id, "clientSecret": self.settings.client_secret},
        )
        response.raise_for_status()
        token: str = response.json()["accessToken"]
        return token

    def auth_headers(self, token: str | None = None, *, signed: bool = False) -> dict[str, str]:
        """Authorization + ApplicationToken (+ DigitalSignature when ``signed``)."""
        access_token = token or self.token()
        headers = {
            "Authorization": f"Bearer {access_token}",
            "ApplicationToken": self.settings.application_token,
        }
        if signed:
            headers["DigitalSignature"] = digital_signature(
                access_token, self.settings.crypto_tokens[0]
            )
        return headers

    # --- control API ---------------------------------------------------------------------

    def _call(self, method: str, path: str, body: Mapping[str, Any] | None = None) -> Any:
        response = self.control.request(method, "/_mock" + path, json=body)
        if response.status_code >= 400:
            raise MockControlError(response.status_code, response.text)
        return json_loads(response.content)

    def reset(self) -> None:
        self._call("POST", "/reset")

    def state(self) -> dict[str, Any]:
        state: dict[str, Any] = self._call("GET", "/state")
        return state

    def pay_cash_in(
        self,
        lookup: str,
        *,
        bank_data: Mapping[str, str] | None = None,
        without_end_to_end_id: bool = False,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if bank_data is not None:
            body["payer"] = {"bankData": dict(bank_data)}
        if without_end_to_end_id:
            body["withoutEndToEndId"] = True
        result: dict[str, Any] = self._call("POST", f"/cash-in/{lookup}/pay", body)
        return result

    def expire_cash_in(self, lookup: str) -> dict[str, Any]:
        result: dict[str, Any] = self._call("POST", f"/cash-in/{lookup}/expire")
        return result

    def cancel_cash_in(self, lookup: str) -> dict[str, Any]:
        result: dict[str, Any] = self._call("POST", f"/cash-in/{lookup}/cancel")
        return result

    def settle_cash_out(
        self, lookup: str, outcome: str = "COMPLETED", failure: Mapping[str, str] | None = None
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"outcome": outcome}
        if failure is not None:
            body["failure"] = dict(failure)
        result: dict[str, Any] = self._call("POST", f"/cash-out/{lookup}/settle", body)
        return result

    def return_cash_out(self, lookup: str) -> dict[str, Any]:
        result: dict[str, Any] = self._call("POST", f"/cash-out/{lookup}/return")
        return result

    def cancel_cash_out(self, lookup: str) -> dict[str, Any]:
        result: dict[str, Any] = self._call("POST", f"/cash-out/{lookup}/cancel")
        return result

    def events(
        self, *, event_type: str | None = None, transaction_id: str | None = None
    ) -> list[dict[str, Any]]:
        params = {
            k: v
            for k, v in (("eventType", event_type), ("transactionId", transaction_id))
            if v is not None
        }
        response = self.control.get("/_mock/events", params=params)
        response.raise_for_status()
        events: list[dict[str, Any]] = json_loads(response.content)["events"]
        return events

    def redeliver(self, event_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self._call("POST", f"/events/{event_id}/redeliver")
        return result

    def duplicate(self, event_id: str, copies: int = 2) -> dict[str, Any]:
        result: dict[str, Any] = self._call(
            "POST", f"/events/{event_id}/duplicate", {"copies": copies}
        )
        return result

    def inject_fault(self, *faults: Mapping[str, Any], **fault: Any) -> list[dict[str, Any]]:
        """``inject_fault(kind="status", status=503, count=2)`` or several fault dicts."""
        items = [dict(f) for f in faults] + ([fault] if fault else [])
        queued: list[dict[str, Any]] = self._call("POST", "/faults", {"faults": items})["queued"]
        return queued

    def clear_faults(self) -> None:
        self._call("DELETE", "/faults")

    def advance_clock(self, seconds: float) -> str:
        now: str = self._call("POST", "/clock/advance", {"seconds": seconds})["now"]
        return now

    def set_response_style(self, style: str) -> None:
        """``full``, ``minimal`` or ``random`` from now on (until :meth:`reset`), D-71."""
        self._call("POST", "/settings", {"responseStyle": style})

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until background settlements and webhook deliveries are finished."""
        idle: bool = self._call("POST", "/wait-idle", {"timeout": timeout})["idle"]
        return idle


class MockControlError(Exception):
    def __init__(self, status: int, body: str) -> None:
        super().__init__(f"control call failed with {status}: {body[:500]}")
        self.status = status
        self.body = body


@contextmanager
def running_mock(
    settings: MockSettings | None = None, *, response_style: str | None = None
) -> Iterator[RunningMock]:
    """Start the mock on a free loopback port; stop it (and its background work) on exit.

    ``response_style`` (``full``, ``minimal``, ``random``) overrides the settings' style, which
    otherwise comes from ``$CONNECTPSP_MOCK_RESPONSE_STYLE`` (default ``full``).
    """
    effective = settings if settings is not None else MockSettings.from_env()
    if response_style is not None:
        effective = effective.with_changes(response_style=response_style)
    app = create_app(effective)
    server = ServerThread(app)
    server.start()
    try:
        with httpx.Client(base_url=server.base_url, timeout=130.0, trust_env=False) as client:
            yield RunningMock(server.base_url, effective, app, client)
    finally:
        server.stop()


# --- webhook receiver ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Delivery:
    """One webhook POST as the receiver got it."""

    headers: dict[str, str]
    body: bytes
    status: int  # what the receiver answered

    @property
    def event_id(self) -> str:
        return self.headers.get("x-event-id", "")

    @property
    def signature(self) -> str:
        return self.headers.get("x-connect-signature", "")

    def json(self) -> Any:
        return json_loads(self.body)

    def signature_valid(self, crypto_token: str) -> bool:
        return signature_matches(webhook_signature(self.body, crypto_token), self.signature)


class WebhookReceiver:
    """Records every POST to ``url``; answers 200, or the queued statuses/delays first."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._deliveries: list[Delivery] = []
        self._planned: list[tuple[int, float]] = []
        self.url = ""
        self.app = Starlette(routes=[Route("/{path:path}", self._receive, methods=["POST"])])

    def respond_with(self, *statuses: int, delay: float = 0.0) -> None:
        """The next ``len(statuses)`` deliveries get these statuses (after ``delay`` s)."""
        with self._lock:
            self._planned.extend((status, delay) for status in statuses)

    async def _receive(self, request: Request) -> Response:
        body = await request.body()
        with self._lock:
            status, delay = self._planned.pop(0) if self._planned else (200, 0.0)
        if delay:
            await asyncio.sleep(delay)
        with self._lock:
            self._deliveries.append(Delivery(dict(request.headers), body, status))
            self._lock.notify_all()
        return Response(status_code=status)

    @property
    def deliveries(self) -> list[Delivery]:
        with self._lock:
            return list(self._deliveries)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Delivery]:
        """Block until at least ``count`` deliveries arrived; raise on timeout."""
        with self._lock:
            if not self._lock.wait_for(lambda: len(self._deliveries) >= count, timeout):
                raise TimeoutError(f"expected {count} deliveries, got {len(self._deliveries)}")
            return list(self._deliveries)

    def clear(self) -> None:
        with self._lock:
            self._deliveries.clear()
            self._planned.clear()


@contextmanager
def running_webhook_receiver(path: str = "/webhooks/connectpsp") -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    server = ServerThread(receiver.app, lifespan="off")
    server.start()
    receiver.url = server.base_url + path
    try:
        yield receiver
    finally:
        server.stop()
