"""Issue 11 item 6: a server that echoes the credentials back gets none of them printed.

The server copies the ``Authorization`` value into the problem's ``code``, ``title``, ``type``
and ``detail``, every other secret into ``title``/``detail``, and the ``ApplicationToken`` into
``X-Request-Id``. ``str()``, ``repr()`` and ``args`` of the error, and the SDK's log records at
DEBUG, must contain none of the secrets. Before the fix only ``detail`` was scrubbed: ``code`` and
``request_id`` went out as received."""

from __future__ import annotations

import logging

import pytest

from connectpsp_ext import ConnectPSPError, RedactingFilter

from .hostile_server import (
    ACCESS_TOKEN,
    APPLICATION_TOKEN,
    CASH_IN,
    SECRETS,
    Exchange,
    Handler,
    HostileServer,
    Request,
    json_body,
)
from .support import MODES, Operation, client_kwargs, create_cash_out, get_cash_in, run

KEY = "0f1e2d3c-4b5a-4968-8776-655443322110"


def _echo(status: int) -> Handler:
    def handler(request: Request, exchange: Exchange) -> None:
        authorization = request.headers.get("authorization", "")
        application_token = request.headers.get("applicationtoken", "")
        everything = " ".join(
            [authorization, application_token, *SECRETS.values(), request.body.decode()]
        )
        body = {
            "type": f"https://errors.example/{authorization}",
            "title": f"{authorization} {application_token}",
            "status": status,
            "code": authorization,
            "detail": everything,
        }
        exchange.respond(
            status,
            json_body(body),
            headers={"X-Request-Id": application_token, "Retry-After": "0"},
            content_type="application/problem+json",
        )

    return handler


class _Collect(logging.Handler):
    """Every record's final text, as a handler carrying ``RedactingFilter`` would print it.
    The filter runs on a copy: it rewrites the record, which caplog holds too."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        copy = logging.makeLogRecord(record.__dict__)
        RedactingFilter().filter(copy)
        self.texts.append(f"{copy.name}: {self.format(copy)}")


def _leaks(texts: list[str]) -> list[str]:
    return [
        f"{name} in {text[:200]!r}"
        for text in texts
        for name, secret in SECRETS.items()
        if secret in text
    ]


OPERATIONS = [
    pytest.param(create_cash_out(KEY), "/cash-out", id="cash_out"),
    pytest.param(get_cash_in(), "/cash-in/US7B1JQ", id="get_cash_in"),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", [401, 422, 503])
@pytest.mark.parametrize(("operation", "path"), OPERATIONS)
def test_echoed_secrets_are_never_printed(
    mode: str, status: int, operation: Operation, path: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    collect = _Collect()
    logging.getLogger().addHandler(collect)
    try:
        with HostileServer(_echo(status)) as server, pytest.raises(ConnectPSPError) as caught:
            run(mode, client_kwargs(server), operation)
    finally:
        logging.getLogger().removeHandler(collect)
    attempts = server.seen(path=path)
    # The hostile echo really happened: the server had the secrets to echo.
    assert attempts
    assert attempts[0].headers["authorization"] == f"Bearer {ACCESS_TOKEN}"
    assert attempts[0].headers["applicationtoken"] == APPLICATION_TOKEN
    error = caught.value
    assert error.status == status

    printed = [str(error), repr(error), *(str(arg) for arg in error.args)]
    assert not _leaks(printed), _leaks(printed)

    sdk_records = [r for r in caplog.records if r.name.split(".")[0] == "connectpsp"]
    assert sdk_records, "the SDK logged nothing at DEBUG"
    sdk_texts = [caplog.handler.format(r) for r in sdk_records]
    assert not _leaks(sdk_texts), _leaks(sdk_texts)

    # The documented recipe for other libraries' records (docs/client.md): a handler with
    # RedactingFilter prints no secret from any logger (httpx and httpcore included).
    assert not _leaks(collect.texts), _leaks(collect.texts)


def _token_echo(request: Request, exchange: Exchange) -> None:
    """``POST /auth/token`` refused, with the request's clientSecret echoed everywhere."""
    secret = (request.json or {}).get("clientSecret", "")
    body = {"title": secret, "status": 401, "code": secret, "detail": request.body.decode()}
    exchange.respond(
        401,
        json_body(body),
        headers={"X-Request-Id": secret},
        content_type="application/problem+json",
    )


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode", MODES)
def test_an_echoed_client_secret_from_the_token_endpoint_is_never_printed(
    mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    server = HostileServer(_token_echo, answer_token=False)
    with server, pytest.raises(ConnectPSPError) as caught:
        run(mode, client_kwargs(server), get_cash_in())
    assert server.seen("POST", "/auth/token")[0].json["clientSecret"] == SECRETS["client secret"]
    error = caught.value
    assert error.status == 401
    printed = [str(error), repr(error), *(str(arg) for arg in error.args)]
    assert not _leaks(printed), _leaks(printed)
    sdk_texts = [
        caplog.handler.format(r) for r in caplog.records if r.name.split(".")[0] == "connectpsp"
    ]
    assert not _leaks(sdk_texts), _leaks(sdk_texts)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode", MODES)
def test_a_result_does_not_print_an_echoed_application_token(mode: str) -> None:
    """The same echo on a success: ``Result`` prints its ``request_id``."""

    def handler(request: Request, exchange: Exchange) -> None:
        token = request.headers.get("applicationtoken", "")
        exchange.respond(200, json_body(CASH_IN), headers={"X-Request-Id": token})

    with HostileServer(handler) as server:
        result = run(mode, client_kwargs(server), get_cash_in())
    assert server.seen("GET", "/cash-in/US7B1JQ")[0].headers["applicationtoken"] == (
        APPLICATION_TOKEN
    )
    printed = [str(result), repr(result)]
    assert not _leaks(printed), _leaks(printed)
