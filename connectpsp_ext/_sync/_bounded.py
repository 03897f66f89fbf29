"""Send one request and read its answer within the call's deadline and the size limit (threads).

Hand-written twin of ``_async/_bounded.py``. Each socket read is bounded by the attempt's
timeouts (cut to the time left), and the body is read chunk by chunk with the clock checked after
each one, so a server trickling its body cannot hold the call past the deadline.
"""

from __future__ import annotations

import httpx

from ..answer import Answer, deadline_passed
from ..seams import Clock


def send_bounded(
    http: httpx.Client, request: httpx.Request, *, deadline: float, clock: Clock, limit: int
) -> Answer:
    response = http.send(request, stream=True)
    try:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:  # not read at all
            return Answer(response.status_code, response.headers, b"", too_large=True)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            if chunks and clock() > deadline:  # more body after the deadline
                raise deadline_passed(request)
            size += len(chunk)
            if size > limit:
                return Answer(response.status_code, response.headers, b"", too_large=True)
            chunks.append(chunk)
    finally:
        response.close()
    return Answer(response.status_code, response.headers, b"".join(chunks))
