"""Issue 11 item 7: a webhook URL whose host IDNA cannot encode (``xn--``) is a
``ValidationError`` naming the argument, raised before anything is sent; before the fix a raw
``idna`` exception escaped."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from connectpsp_ext import ValidationError

from .hostile_server import Exchange, HostileServer, Request
from .support import MODES, Operation, client_kwargs, create_cash_in, create_cash_out, run

# "xn--" alone has no Punycode content; "xn--a" decodes to a forbidden code point (U+0080).
BAD_URLS = ["https://xn--/hook", "https://xn--a.example/hook"]


def _never(request: Request, exchange: Exchange) -> None:
    exchange.respond(500, b"{}")


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("url", BAD_URLS)
@pytest.mark.parametrize("create", [create_cash_in, create_cash_out], ids=["cash_in", "cash_out"])
def test_an_unencodable_webhook_host_is_a_validation_error_before_sending(
    mode: str, url: str, create: Callable[..., Operation]
) -> None:
    server = HostileServer(_never, answer_token=False)
    with server, pytest.raises(ValidationError) as caught:
        run(mode, client_kwargs(server), create(webhook_url=url))
    assert caught.value.field == "webhook_url"
    assert caught.value.status is None
    assert server.seen() == [], "nothing may be sent, not even a token request"


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("url", BAD_URLS)
def test_an_unencodable_open_finance_redirect_is_a_validation_error_before_sending(
    mode: str, url: str
) -> None:
    """The same URL check guards ``open_finance.redirectUrl``."""
    server = HostileServer(_never, answer_token=False)
    operation = create_cash_in(open_finance={"redirectUrl": url})
    with server, pytest.raises(ValidationError) as caught:
        run(mode, client_kwargs(server), operation)
    assert caught.value.field == "open_finance.redirect_url"
    assert server.seen() == [], "nothing may be sent, not even a token request"
