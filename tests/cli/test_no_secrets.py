"""A hostile server echoes every credential back: the CLI's one-line errors still show none."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from connectpsp_cli.main import cli
from connectpsp_mock.testing import ServerThread

SECRETS = {
    "CONNECTPSP_CLIENT_ID": "client-4711",
    "CONNECTPSP_CLIENT_SECRET": "very-secret-client-secret-0042",
    "CONNECTPSP_APPLICATION_TOKEN": "app-token-that-must-stay-hidden",
    "CONNECTPSP_CRYPTO_TOKEN": "crypto-token-that-must-stay-hidden",
}
TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"


async def _token(request: Request) -> Response:
    body = {
        "accessToken": TOKEN,
        "tokenType": "Bearer",
        "expiresIn": 3600,
        "issuedAt": "2026-03-10T14:00:00Z",
    }
    return Response(json.dumps(body), media_type="application/json")


async def _echo(request: Request) -> Response:
    """A 500 problem whose detail repeats the request's headers and body."""
    echoed = " ".join(f"{k}={v}" for k, v in request.headers.items())
    echoed += " body=" + (await request.body()).decode() + " " + " ".join(SECRETS.values())
    problem = {"type": "about:blank", "title": "Oops", "status": 400, "detail": echoed}
    return Response(json.dumps(problem), status_code=400, media_type="application/problem+json")


@pytest.fixture(scope="module")
def hostile() -> Iterator[str]:
    app = Starlette(
        routes=[
            Route("/auth/token", _token, methods=["POST"]),
            Route("/{path:path}", _echo, methods=["GET", "POST"]),
        ]
    )
    server = ServerThread(app, lifespan="off")
    server.start()
    try:
        yield server.base_url
    finally:
        server.stop()


@pytest.mark.parametrize(
    "args",
    [
        ("balance",),
        ("balance", "--json"),
        ("cash-in", "get", "ABC1234"),
        ("rebalance", "10.00", "--json"),
        ("cash-in", "create", "--amount", "1.00", "--payer-name", "A", "--payer-document",
         "12345678909"),
    ],
)  # fmt: skip
def test_errors_never_echo_credentials(hostile: str, args: tuple[str, ...]) -> None:
    env = {**SECRETS, "CONNECTPSP_BASE_URL": hostile}
    result = CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "HTTP 400 Oops" in result.stderr and "[REDACTED]" in result.stderr  # echoed, scrubbed
    for name, value in SECRETS.items():
        if name != "CONNECTPSP_CLIENT_ID":  # the client id is not a secret
            assert value not in result.stderr, name
    assert TOKEN not in result.stderr
    assert "12345678909" not in result.stderr
