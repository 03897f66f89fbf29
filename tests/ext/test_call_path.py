"""The call path of ``cash_out.create`` stays short and flat (issue 12: one requestor owns a call).

Counted with ``sys.setprofile``: every call of a function defined in ``connectpsp_ext`` or in the
generated ``connectpsp_client`` during the first ``cash_out.create`` of a client, token fetch
included. A generator (a ``with`` block's context manager) counts once, not once per resumption;
comprehensions are not counted: they are expressions, inlined since Python 3.12 (PEP 709), and
counting them would make the number depend on the interpreter.
"""

from __future__ import annotations

import inspect
import sys
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

import connectpsp_client

import connectpsp_ext
from connectpsp_ext import ConnectPSP
from tests.support.credentials import CREDENTIALS

from .fakes import BASE_URL, FakeConnectPSP, cash_out_kwargs

MAX_CALLS = 60  # was 115 before the redesign (103 with this counting)
ROOTS = (str(Path(connectpsp_ext.__file__).parent), str(Path(connectpsp_client.__file__).parent))
COMPREHENSIONS = {"<listcomp>", "<dictcomp>", "<setcomp>"}


def trace_first_cash_out() -> tuple[list[str], int]:
    """The project functions called, in order, and the deepest nesting of the send step."""
    server = FakeConnectPSP()
    psp = ConnectPSP(**CREDENTIALS, base_url=BASE_URL, transport=server.transport())
    kwargs = cash_out_kwargs()
    calls: list[str] = []
    generators: set[FrameType] = set()
    depth = deepest = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal depth, deepest
        code = frame.f_code
        if not code.co_filename.startswith(ROOTS) or code.co_name in COMPREHENSIONS:
            return
        if event == "call" and code.co_flags & inspect.CO_GENERATOR:
            if frame in generators:
                return  # resumed, not called
            generators.add(frame)
        if event == "call":
            calls.append(f"{Path(code.co_filename).stem}.{code.co_name}")
            if code.co_name == "send_bounded":
                depth += 1
                deepest = max(deepest, depth)
        elif event == "return" and code.co_name == "send_bounded":
            depth -= 1

    with psp:
        sys.setprofile(profile)
        try:
            result = psp.cash_out.create(**kwargs)
        finally:
            sys.setprofile(None)
    assert result.status_code == 202
    assert len(server.token_requests) == 1  # the token fetch is part of the traced call
    return calls, deepest


def test_first_cash_out_takes_at_most_60_project_calls() -> None:
    calls, _ = trace_first_cash_out()
    assert len(calls) <= MAX_CALLS, Counter(calls).most_common()


def test_the_token_fetch_does_not_reenter_the_send_path() -> None:
    calls, deepest = trace_first_cash_out()
    assert calls.count("_bounded.send_bounded") == 2  # the token request, then the cash-out
    assert deepest == 1  # one after the other, never one inside the other
    assert calls.count("requestor._attempts") == 1  # one retry loop for the logical call


if __name__ == "__main__":  # python -m tests.ext.test_call_path: print the path
    traced, _ = trace_first_cash_out()
    print(f"{len(traced)} calls")
    print("\n".join(traced))
