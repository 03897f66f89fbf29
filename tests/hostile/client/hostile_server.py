"""A real HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose, for the client's hostile tests.

Each test gives it a *handler* ``(request, exchange) -> None`` that decides, request by request,
what goes back on the wire: a well-formed answer, a body trickled one byte per second, a 100 MB
stream, a dropped connection, silence. ``POST /auth/token`` is answered with a valid token unless
the handler is told to see it (``answer_token=False``).

The server is plain sockets and threads (no framework to be polite on our behalf), counts every
request it fully read and every byte it sent per connection, and stops itself: ``stop()`` (the
context manager's exit) closes every socket, and every wait inside it is bounded, so a client that
misbehaves in turn cannot hang a test.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self

# The docs' sample bodies, defined once in tests/support (re-exported for the hostile tests).
from tests.support.samples import CASH_IN as CASH_IN
from tests.support.samples import CASH_OUT as CASH_OUT
from tests.support.samples import PAYEE_DOCUMENT as PAYEE_DOCUMENT
from tests.support.samples import PAYER_DOCUMENT as PAYER_DOCUMENT
from tests.support.samples import problem_document

ACCESS_TOKEN = "at-Q3ZtW9xKp2LrVb7NcYdE5uHs8JfGa4Tm"
CLIENT_ID = "1000001"
CLIENT_SECRET = "cs-Hn4Rk8Wq2Zx6Vt9Lm3Pb7Yd5Jf1Gs0Ce"
APPLICATION_TOKEN = "app-Mv6Tq1Xr8Kz3Nw5Bp9Ld2Hy7Fs4Jc0Ga"
CRYPTO_TOKEN = "ct-Wd3Pk7Ry1Mx9Qv5Ht2Ln8Zb6Gj4Fs0Ke"
SECRETS = {
    "access token": ACCESS_TOKEN,
    "client secret": CLIENT_SECRET,
    "application token": APPLICATION_TOKEN,
    "crypto token": CRYPTO_TOKEN,
}

# Upper bound of every blocking wait in the server: no test can hang on it for longer.
SOCKET_TIMEOUT = 30.0
_REASONS = {
    200: "OK",
    201: "Created",
    202: "Accepted",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    503: "Service Unavailable",
}


def json_body(value: Any) -> bytes:
    return json.dumps(value).encode()


def problem(status: int, code: str, title: str, detail: str | None = None) -> bytes:
    return json_body(problem_document(status, code, title, detail))


def head(status: int, headers: dict[str, str] | None = None) -> bytes:
    """Status line and header block (with the blank line)."""
    lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Whatever')}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


@dataclass(frozen=True)
class Request:
    """A request the server read completely."""

    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    body: bytes
    connection: int  # the connection it came on (see HostileServer.bytes_sent)

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class ClientGone(Exception):
    """The client closed or reset the connection while the server was writing."""


class Exchange:
    """One request's way back to the client. After ``close()`` the connection ends."""

    def __init__(self, server: HostileServer, sock: socket.socket, connection: int) -> None:
        self._server = server
        self._sock = sock
        self.connection = connection
        self.closed = False

    def send(self, data: bytes) -> None:
        """Write ``data`` (counted); ClientGone when the client hung up."""
        if self._server.stopping.is_set():
            raise ClientGone("server stopping")
        try:
            self._sock.sendall(data)
        except OSError as exc:  # BrokenPipe, ConnectionReset, timeout
            raise ClientGone(str(exc)) from exc
        self._server.count_sent(self.connection, len(data))

    def respond(
        self,
        status: int,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        content_type: str = "application/json",
    ) -> None:
        """A complete, well-formed response (keep-alive)."""
        all_headers = {"Content-Type": content_type, "Content-Length": str(len(body))}
        all_headers.update(headers or {})
        self.send(head(status, all_headers) + body)

    def trickle(self, data: bytes, interval: float = 1.0) -> None:
        """Send ``data`` one byte per ``interval`` seconds."""
        for index in range(len(data)):
            self.send(data[index : index + 1])
            if index + 1 < len(data) and self._server.stopping.wait(interval):
                raise ClientGone("server stopping")

    def stream(self, total: int, chunk: bytes) -> None:
        """Send ``total`` bytes made of ``chunk`` repeated (never built in memory at once)."""
        left = total
        while left > 0:
            piece = chunk if left >= len(chunk) else chunk[:left]
            self.send(piece)
            left -= len(piece)

    def wait_for_hangup(self, limit: float) -> None:
        """Say nothing until the client closes the connection (or ``limit`` seconds pass)."""
        deadline = time.monotonic() + limit
        while not self._server.stopping.is_set() and time.monotonic() < deadline:
            self._sock.settimeout(0.2)
            try:
                if not self._sock.recv(65536):
                    break
            except TimeoutError:
                continue
            except OSError:
                break
        self.close()

    def close(self) -> None:
        """End the connection without (another) answer."""
        self.closed = True
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)


Handler = Callable[[Request, Exchange], None]


def _token_answer(exchange: Exchange, access_token: str) -> None:
    exchange.respond(
        200,
        json_body(
            {
                "accessToken": access_token,
                "tokenType": "Bearer",
                "expiresIn": 3600,
                "issuedAt": "2026-03-10T14:00:00Z",
            }
        ),
    )


@dataclass
class HostileServer:
    """``with HostileServer(handler) as server: ... server.base_url ...``"""

    handler: Handler
    answer_token: bool = True
    access_token: str = ACCESS_TOKEN
    send_buffer: int | None = None  # SO_SNDBUF of accepted sockets (None: the kernel default)
    requests: list[Request] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    handler_errors: list[BaseException] = field(default_factory=list)
    _sent: dict[int, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _threads: list[threading.Thread] = field(default_factory=list)
    _sockets: list[socket.socket] = field(default_factory=list)
    _listener: socket.socket | None = None
    _connections: int = 0

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> Self:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        listener.settimeout(0.2)
        self._listener = listener
        self._spawn(self._accept_loop)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
        if exc_type is None and self.handler_errors:
            # A broken script would look like a misbehaving client: fail loudly instead.
            raise AssertionError(f"the test's handler failed: {self.handler_errors[0]!r}")

    def stop(self) -> None:
        self.stopping.set()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for thread in list(self._threads):
            thread.join(timeout=5)
        for sock in sockets:
            sock.close()
        if self._listener is not None:
            self._listener.close()

    @property
    def base_url(self) -> str:
        assert self._listener is not None, "use the server as a context manager"
        host, port = self._listener.getsockname()
        return f"http://{host}:{port}"

    # -- what the tests look at --------------------------------------------------------------

    def seen(self, method: str | None = None, path: str | None = None) -> list[Request]:
        """Requests fully read, optionally only those to ``method`` ``path``."""
        with self._lock:
            return [
                r
                for r in self.requests
                if (method is None or r.method == method) and (path is None or r.path == path)
            ]

    def api_requests(self) -> list[Request]:
        """Every request except the token requests."""
        return [r for r in self.seen() if r.path != "/auth/token"]

    def count_sent(self, connection: int, count: int) -> None:
        with self._lock:
            self._sent[connection] = self._sent.get(connection, 0) + count

    def bytes_sent(self, connection: int) -> int:
        with self._lock:
            return self._sent.get(connection, 0)

    def wait_idle(self, limit: float = 15.0) -> None:
        """Wait (bounded) until every connection handler has finished."""
        deadline = time.monotonic() + limit
        for thread in list(self._threads[1:]):
            thread.join(timeout=max(deadline - time.monotonic(), 0.0))

    # -- internals ---------------------------------------------------------------------------

    def _spawn(self, target: Callable[..., None], *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        with self._lock:
            self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        assert self._listener is not None
        while not self.stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if self.send_buffer is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, self.send_buffer)
            with self._lock:
                self._sockets.append(sock)
                self._connections += 1
                number = self._connections
            self._spawn(self._serve, sock, number)

    def _serve(self, sock: socket.socket, connection: int) -> None:
        buffer = b""
        try:
            while not self.stopping.is_set():
                sock.settimeout(SOCKET_TIMEOUT)
                request, buffer = _read_request(sock, buffer, connection)
                if request is None:
                    return
                with self._lock:
                    self.requests.append(request)
                exchange = Exchange(self, sock, connection)
                if self.answer_token and (request.method, request.path) == ("POST", "/auth/token"):
                    _token_answer(exchange, self.access_token)
                else:
                    self.handler(request, exchange)
                if exchange.closed:
                    return
        except (ClientGone, OSError):
            return
        except BaseException as exc:  # a bug in a test's handler: let the test see it
            self.handler_errors.append(exc)
        finally:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def _read_request(
    sock: socket.socket, buffer: bytes, connection: int
) -> tuple[Request | None, bytes]:
    """The next request on ``sock`` (None when the client closed), and the bytes after it."""
    while b"\r\n\r\n" not in buffer:
        data = sock.recv(65536)
        if not data:
            return None, b""
        buffer += data
    header_block, _, rest = buffer.partition(b"\r\n\r\n")
    lines = header_block.decode("latin-1").split("\r\n")
    method, target, _version = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        data = sock.recv(65536)
        if not data:
            return None, b""
        rest += data
    body, remainder = rest[:length], rest[length:]
    path = target.split("?", 1)[0]
    return Request(method, path, headers, body, connection), remainder
