"""Routes under ``/_mock/dashboard``: the page, its panels (polled), and QR code images."""

from __future__ import annotations

import base64
import binascii

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from ..api import runtime
from ..problems import ProblemError
from .snapshot import take

_templates = Environment(
    loader=PackageLoader("connectpsp_mock.dashboard", "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_NO_STORE = {"Cache-Control": "no-store"}


async def page(request: Request) -> Response:
    snapshot = take(runtime(request))
    html = _templates.get_template("page.html").render(s=snapshot)
    return HTMLResponse(html, headers=_NO_STORE)


async def panels(request: Request) -> Response:
    snapshot = take(runtime(request))
    html = _templates.get_template("panels.html").render(s=snapshot)
    return HTMLResponse(html, headers=_NO_STORE)


async def qr_image(request: Request) -> Response:
    """The cash-in's QR code PNG (the same bytes as ``pixData.qrCodeImageBase64``)."""
    cash_in = runtime(request).store.find_cash_in(str(request.path_params["id"]))
    if cash_in is None or cash_in.qr_code_png_base64 is None:
        raise ProblemError(404, "TRANSACTION_NOT_FOUND", "No cash-in with a QR code has this id.")
    try:
        png = base64.b64decode(cash_in.qr_code_png_base64, validate=True)
    except binascii.Error:
        raise ProblemError(404, "TRANSACTION_NOT_FOUND", "This cash-in has no QR image.") from None
    # The URL carries a version (?v=<CRC of the BR Code>), so the image can be cached.
    return Response(png, media_type="image/png", headers={"Cache-Control": "max-age=3600"})


routes = [
    Route("/dashboard", page, methods=["GET"]),
    Route("/dashboard/panels", panels, methods=["GET"]),
    Route("/dashboard/qr/{id}.png", qr_image, methods=["GET"]),
]
