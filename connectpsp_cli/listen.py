"""``connectpsp listen --forward-to URL``: receive the mock's signed webhooks, forward them to a
local app unchanged, print each event and the app's answer (like ``stripe listen``).

Design (D-103): ``listen`` serves a receiver on 127.0.0.1 and prints the ``webhookUrl`` to give
the transactions. The mock delivers only to loopback addresses, so this works without any change
to how the mock (or the real API) delivers: each transaction's events go to its own
``webhookUrl``, as in production. The body and the ``X-Connect-Signature``/``X-Event-Id`` headers
are forwarded byte for byte, so the app verifies the real signature, and the app's status (and
``Retry-After``) goes back to the mock, whose retries then behave as they would for the app.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import socket
import time
from collections.abc import AsyncIterator
from typing import Any

import click
import httpx
import uvicorn
from connectpsp_client.types import json_loads
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from connectpsp_ext.config import ENV_CRYPTO_TOKEN
from connectpsp_ext.webhooks import SignatureVerifier, WebhookSignatureError
from connectpsp_ext.webhooks.signature import EVENT_ID_HEADER, SIGNATURE_HEADER

from .main import CommandFailed, UsageFailure
from .output import emit_json, json_option, one_line

FORWARDED_HEADERS = ("content-type", SIGNATURE_HEADER.lower(), EVENT_ID_HEADER.lower())
MAX_BODY = 1024 * 1024
# The mock waits 5 s for an answer; give the app a little less so the mock sees our answer.
FORWARD_TIMEOUT = 4.5


def _verifier() -> SignatureVerifier | None:
    tokens = [t.strip() for t in os.environ.get(ENV_CRYPTO_TOKEN, "").split(",") if t.strip()]
    return SignatureVerifier(tokens) if tokens else None


def _signature_state(verifier: SignatureVerifier | None, body: bytes, headers: Any) -> str:
    if verifier is None:
        return "unchecked"
    try:
        verifier.verify_headers(body, headers)
    except WebhookSignatureError:
        return "invalid"
    return "valid"


def _summary(body: bytes) -> dict[str, Any]:
    """Event type, ids, status and amount: never the payer's or payee's data."""
    try:
        event = json_loads(body)
    except ValueError:
        return {"eventType": "(not JSON)"}
    if not isinstance(event, dict):
        return {"eventType": "(not an object)"}
    data = event.get("data")
    if not isinstance(data, dict):
        data = {}
    summary: dict[str, Any] = {"eventType": event.get("eventType")}
    for key in ("transactionId", "internalCode", "status", "amount"):
        if key in data:
            summary[key] = data[key]
    return summary


class Forwarder:
    def __init__(self, forward_to: str, as_json: bool) -> None:
        self.forward_to = forward_to
        self.as_json = as_json
        self.verifier = _verifier()
        self.http = httpx.AsyncClient(
            timeout=FORWARD_TIMEOUT, trust_env=False, follow_redirects=False
        )
        self.app = Starlette(
            routes=[Route("/{path:path}", self.receive, methods=["POST"])], lifespan=self.lifespan
        )

    @contextlib.asynccontextmanager
    async def lifespan(self, _app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await self.http.aclose()

    async def receive(self, request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY:
            return Response(status_code=413)
        started = time.monotonic()
        line: dict[str, Any] = {
            "receivedAt": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            **_summary(body),
            "eventId": request.headers.get(EVENT_ID_HEADER),
            "signature": _signature_state(self.verifier, body, request.headers),
            "forwardedTo": self.forward_to,
        }
        headers = {k: v for k, v in request.headers.items() if k.lower() in FORWARDED_HEADERS}
        try:
            answer = await self.http.post(self.forward_to, content=body, headers=headers)
        except httpx.HTTPError as exc:
            line["error"] = one_line(f"{type(exc).__name__}: {exc}")[:200]
            status, extra = 502, {}
        else:
            status = answer.status_code
            retry_after = answer.headers.get("retry-after")
            extra = {"Retry-After": retry_after} if retry_after else {}
        line["appStatus"] = status
        line["elapsedMs"] = round((time.monotonic() - started) * 1000)
        self.print(line)
        return Response(status_code=status, headers=extra)

    def print(self, line: dict[str, Any]) -> None:
        if self.as_json:
            emit_json(line)
            return
        answer = f"[{line['appStatus']}]" + (f" {line['error']}" if "error" in line else "")
        color = "green" if 200 <= line["appStatus"] < 300 else "red"
        ids = line.get("transactionId") or line.get("internalCode") or "-"
        click.echo(
            f"{line['receivedAt']}  --> {line.get('eventType')} {ids} {line.get('status', '')}"
            f"  (signature {line['signature']})  <-- "
            + click.style(answer, fg=color)
            + f" {line['elapsedMs']} ms"
        )


def _bind(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        raise CommandFailed(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None
    # Listen now, before "Ready" is printed: deliveries that arrive while uvicorn starts wait in
    # the backlog instead of being refused.
    sock.listen(128)
    return sock


@click.command("listen")
@click.option("--forward-to", required=True, help="your app's webhook URL (http or https)")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="default: any free port")
@click.option("--path", default="/webhooks", show_default=True, help="path of the webhookUrl")
@json_option
def listen(forward_to: str, port: int, path: str, as_json: bool) -> None:
    """Receive the mock's webhooks and forward them to a local app (Ctrl-C stops)."""
    try:
        target = httpx.URL(forward_to)
    except httpx.InvalidURL:
        target = None
    if target is None or target.scheme not in ("http", "https") or not target.host:
        raise UsageFailure("--forward-to must be an http(s) URL")
    sock = _bind(port)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/{path.lstrip('/')}"
    forwarder = Forwarder(forward_to, as_json)
    if as_json:
        emit_json({"webhookUrl": url, "forwardTo": forward_to})
    else:
        click.echo(f"Ready. Give your transactions  webhookUrl={url}")
        click.echo(f"Forwarding to {forward_to}  (Ctrl-C to stop)")
        if forwarder.verifier is None:
            click.echo(f"{ENV_CRYPTO_TOKEN} is not set: signatures are forwarded, not checked")
    config = uvicorn.Config(
        forwarder.app, log_level="warning", access_log=False, lifespan="on", ws="none"
    )
    uvicorn.Server(config).run(sockets=[sock])
