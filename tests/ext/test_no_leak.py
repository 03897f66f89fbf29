"""No secret and no payer/payee document in logs (DEBUG, every logger), reprs or error texts,
through full flows: token fetch and refresh, retries, 401 replay, typed errors."""

from __future__ import annotations

import json
import logging
import threading
import traceback
from collections.abc import Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from connectpsp_ext import ConnectPSP, ConnectPSPError, RedactingFilter, Secret, seams
from connectpsp_ext.redaction import scrub
from connectpsp_ext.signing import digital_signature
from tests.support.clock import FakeClock
from tests.support.credentials import APPLICATION_TOKEN, CLIENT_SECRET, CREDENTIALS, CRYPTO_TOKEN
from tests.support.samples import CASH_IN, PAYEE_DOCUMENT, PAYER_DOCUMENT

from .fakes import (
    FakeConnectPSP,
    FakeSleep,
    cash_in_kwargs,
    cash_out_kwargs,
    make_client,
    problem,
    token_value,
)

FORMATTED_DOCUMENTS = ("123.456.789-09", "11.222.333/0001-81")


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def captured() -> Iterator[Capture]:
    handler = Capture()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def forbidden(tokens: list[str]) -> list[str]:
    values = [CLIENT_SECRET, APPLICATION_TOKEN, CRYPTO_TOKEN, PAYER_DOCUMENT, PAYEE_DOCUMENT]
    values += FORMATTED_DOCUMENTS
    for token in tokens:
        values += [token, digital_signature(token, CRYPTO_TOKEN)]
    return values


def texts_of(error: BaseException) -> list[str]:
    return [str(error), repr(error), "".join(traceback.format_exception(error))]


def assert_clean(texts: list[str], tokens: list[str]) -> None:
    assert tokens, "the flow must have fetched tokens"
    blob = "\n".join(texts)
    for value in forbidden(tokens):
        assert value not in blob, f"leaked a value starting {value[:4]!r}"


def test_full_flow_leaks_nothing(captured: Capture) -> None:
    server = FakeConnectPSP()
    clock = FakeClock()
    echo = f"payer {PAYER_DOCUMENT} / {FORMATTED_DOCUMENTS[0]} token {token_value(1)}"
    server.queue("POST /cash-in", problem(503, "SERVICE_UNAVAILABLE", "Unavailable"))
    server.queue("POST /cash-out", problem(401, "TOKEN_EXPIRED", "Expired"))
    server.queue(
        "POST /cash-in/US7B1JQ/refund",
        problem(422, "CASH_IN_NOT_PAID", "Cash In Not Paid", echo),
    )
    server.queue("POST /account/rebalance", httpx.ReadTimeout("timed out"))
    server.queue(
        "GET /cash-out/IVKPRMOCDY", *(httpx.Response(502, text="<h1>down</h1>") for _ in range(3))
    )
    texts: list[str] = []
    errors: list[ConnectPSPError] = []
    psp = make_client(server, clock, FakeSleep(clock))
    with psp:
        results = [
            psp.cash_in.create(**cash_in_kwargs(payer_document=FORMATTED_DOCUMENTS[0])),
            psp.cash_out.create(**cash_out_kwargs(payee_document=FORMATTED_DOCUMENTS[1])),
        ]
        clock.advance(3600)  # proactive refresh
        results.append(psp.cash_in.get("US7B1JQ"))
        for call in (
            lambda: psp.cash_in.refund("US7B1JQ", "FRAUD"),
            lambda: psp.account.rebalance(Decimal("10")),
            lambda: psp.cash_out.get("IVKPRMOCDY"),
            lambda: psp.cash_in.create(**cash_in_kwargs(payer_document="12345678900")),
        ):
            try:
                call()
            except ConnectPSPError as exc:
                errors.append(exc)
                logging.getLogger("connectpsp").exception("call failed")
        texts += [repr(r) for r in results]
        texts += [
            repr(psp),
            repr(psp.settings),
            repr(psp.token_cache),
            repr(psp.token_cache.current),
        ]
        texts += [repr(psp.cash_in), repr(psp.cash_out), repr(psp.account)]
        texts += [repr(psp.generated_client), repr(psp._requestor.credentials)]
    assert len(errors) == 4
    assert len(server.token_requests) == 3  # first, after the 401, after the clock jump
    for error in errors:
        texts += texts_of(error)
    texts += captured.lines
    assert any("attempt" in line for line in captured.lines)
    assert any("401" in line for line in captured.lines)
    assert any("httpx" in line for line in captured.lines)
    assert_clean(texts, server.issued_tokens)


class _Handler(BaseHTTPRequestHandler):
    calls = 0

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        if self.path == "/auth/token":
            self._send(
                200,
                {
                    "accessToken": token_value(1),
                    "tokenType": "Bearer",
                    "expiresIn": 3600,
                    "issuedAt": "2026-03-10T14:00:00Z",
                },
            )
            return
        type(self).calls += 1
        if type(self).calls == 1:
            self._send(
                503,
                {
                    "type": "about:blank",
                    "title": "Unavailable",
                    "status": 503,
                    "code": "SERVICE_UNAVAILABLE",
                },
            )
        else:
            self._send(201, CASH_IN)

    def _send(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def test_real_http_stack_on_loopback_leaks_nothing(captured: Capture) -> None:
    """httpcore's DEBUG trace (not exercised by MockTransport) on a real loopback socket."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        clock = FakeClock()
        psp = ConnectPSP(**CREDENTIALS, base_url=f"http://127.0.0.1:{httpd.server_address[1]}")
        with seams.install(psp, sleep=FakeSleep(clock), clock=clock):
            result = psp.cash_in.create(**cash_in_kwargs())
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert result.status_code == 201
    assert any(line.startswith("httpcore") for line in captured.lines)
    assert_clean([*captured.lines, repr(result)], [token_value(1)])


def test_redacting_filter_scrubs_other_loggers(captured: Capture) -> None:
    secret = Secret("an-application-secret-value")
    captured.addFilter(RedactingFilter())
    log = logging.getLogger("app")
    log.info("header Authorization: Bearer %s", token_value(9))
    log.info("secret %s and document %s", secret.reveal(), PAYER_DOCUMENT)
    try:
        raise RuntimeError(f"boom {secret.reveal()}")
    except RuntimeError:
        log.exception("failed with %s", "11.222.333/0001-81")
    blob = "\n".join(captured.lines)
    for value in (token_value(9), secret.reveal(), PAYER_DOCUMENT, "11.222.333/0001-81"):
        assert value not in blob
    assert blob.count("[REDACTED]") >= 5


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("E2E E00416968202603101827cemeFscF6AG", "E00416968202603101827cemeFscF6AG"),
        ("key 6f1c1f0e-3f5a-4b7e-9d43-2f1e0c9a8b7d", "6f1c1f0e-3f5a-4b7e-9d43-2f1e0c9a8b7d"),
        ("amount 10.07 on 2026-03-10", "10.07 on 2026-03-10"),
        ("txn kk6g232xel65a0daee4dd13kk2912714964", "kk6g232xel65a0daee4dd13kk2912714964"),
    ],
)
def test_scrub_keeps_identifiers(text: str, kept: str) -> None:
    assert kept in scrub(text)


def test_short_placeholder_secrets_do_not_mangle_logs() -> None:
    Secret("s")
    assert scrub("status success") == "status success"
    kept = Secret("a-real-looking-secret")
    assert scrub("x a-real-looking-secret y") == "x [REDACTED] y"
    assert kept.reveal()
