"""The stack's ceiling: one Starlette route returning a small JSON body, served by uvicorn with
the same options as the mock (``connectpsp_mock.__main__.server_options``). Nothing the mock does
(auth, validation, state) happens here, so no mock route can be faster than this.

    python -m bench.bare_app --port 8099
"""

from __future__ import annotations

import argparse
import sys

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from connectpsp_mock.__main__ import build_parser, server_options

from .servers import BARE_PATH

BODY = b'{"ok":true}'


async def ping(request: Request) -> Response:
    return Response(BODY, media_type="application/json")


app = Starlette(routes=[Route(BARE_PATH, ping, methods=["GET"])])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bare_app")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    options = server_options(build_parser().parse_args(["--port", str(args.port)]))
    uvicorn.run(app, **{**options, "log_level": "warning"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
