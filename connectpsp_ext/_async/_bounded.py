"""Send one request and read its answer within the call's deadline and the size limit (asyncio).

Hand-written twin of ``_sync/_bounded.py``: here ``asyncio.timeout`` bounds the whole exchange,
headers and a trickling body included.
"""

from __future__ import annotations

import asyncio

import httpx

from ..answer import Answer, deadline_passed
from ..seams import Clock


async def send_bounded(
    http: httpx.AsyncClient, request: httpx.Request, *, deadline: float, clock: Clock, limit: int
) -> Answer:
    try:
        async with asyncio.timeout(max(deadline - clock(), 0.0)):
            response = await http.send(request, stream=True)
            try:
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > limit:  # not read at all
                    return Answer(response.status_code, response.headers, b"", too_large=True)
                chunks: list[bytes] = []
                size = 0
                async for chunk in response.aiter_bytes():
                    if chunks and clock() > deadline:  # more body after the deadline
                        raise deadline_passed(request)
                    size += len(chunk)
                    if size > limit:
                        return Answer(response.status_code, response.headers, b"", too_large=True)
                    chunks.append(chunk)
            finally:
                await response.aclose()
    except TimeoutError:
        raise deadline_passed(request) from None
    return Answer(response.status_code, response.headers, b"".join(chunks))
