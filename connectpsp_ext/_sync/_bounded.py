# Generated from connectpsp_ext/_async/_bounded.py by scripts/unasync.py: do not edit.
"""Send one request and read its answer within the call's deadline and the size limit.

The requestor's deadline guard (:mod:`connectpsp_ext.deadlines`) ends an exchange that is still
running at the deadline, headers included; here the body is read chunk by chunk with the clock
checked in between, and reading stops at ``limit`` bytes (a ``Content-Length`` past it is not
read at all).
This file is the async source; ``_sync/_bounded.py`` is generated from it.
"""

from __future__ import annotations

import httpx

from ..answer import Answer, deadline_passed
from ..seams import Clock


def send_bounded(
    http: httpx.Client,
    request: httpx.Request,
    *,
    deadline: float,
    clock: Clock,
    limit: int,
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
