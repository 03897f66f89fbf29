"""Routes under ``/_mock/dashboard``: the page, its panels (polled), and QR code images."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from ..http_helpers import runtime
from ..pixcode import qr_png
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
    if cash_in is None or cash_in.copy_and_paste is None:
        raise ProblemError(404, "TRANSACTION_NOT_FOUND", "No cash-in with a QR code has this id.")
    # Rendered on demand from the BR Code: the mock stores no image (D-84).
    png = qr_png(cash_in.copy_and_paste)
    # The URL carries a version (?v=<CRC of the BR Code>), so the image can be cached.
    return Response(png, media_type="image/png", headers={"Cache-Control": "max-age=3600"})


routes = [
    Route("/dashboard", page, methods=["GET"]),
    Route("/dashboard/panels", panels, methods=["GET"]),
    Route("/dashboard/qr/{id}.png", qr_image, methods=["GET"]),
]
