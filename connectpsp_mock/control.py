"""The control API under ``/_mock/`` (not part of the public spec; no authentication).

Simulates what the outside world does (a payer pays, the PIX network settles or returns, time
passes), exposes every webhook attempt, queues faults and reports the whole state for
reconciliation. JSON in, JSON out; errors are problem+json like the public API.
"""

from __future__ import annotations

from decimal import Decimal

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .faults import parse_fault_list
from .http_helpers import json_response, path_id, runtime
from .models import Failure, PayerBank
from .outcomes import SETTLEMENT_FAILED
from .payloads import ISPB_RE
from .problems import validation_error
from .settings import RESPONSE_STYLES
from .timefmt import utc_time
from .validation import Fields
from .views import cash_in_view, cash_out_view
from .wire import read_optional_json

MAX_WAIT_SECONDS = 120.0


async def _body(request: Request) -> Fields:
    body = await read_optional_json(request, runtime(request).settings.max_body_bytes)
    return Fields.root({} if body is None else body)


async def health(request: Request) -> Response:
    return json_response(200, {"ok": True, "now": utc_time(runtime(request).clock.now())})


async def reset(request: Request) -> Response:
    await runtime(request).reset()
    return json_response(200, {"ok": True})


async def state(request: Request) -> Response:
    return json_response(200, runtime(request).state())


# --- cash-in simulations ------------------------------------------------------------------------


def _payer_bank(fields: Fields) -> PayerBank | None:
    payer = fields.optional_object("payer")
    data = payer.optional_object("bankData") if payer else None
    if data is None:
        return None
    return PayerBank(
        ispb=data.required_str("ispb", pattern=ISPB_RE, pattern_hint="must be 8 digits."),
        bank=data.optional_str("bank", max_length=140) or "Mock Payer Bank",
        branch=data.optional_str("branch", max_length=10) or "0001",
        account=data.optional_str("account", max_length=20) or "123456",
    )


async def pay_cash_in(request: Request) -> Response:
    mock = runtime(request)
    lookup = path_id(request)
    fields = await _body(request)
    if fields.has("amount"):
        raise validation_error("amount", "cannot be overridden: the payer pays the full amount.")
    with_e2e = not fields.optional_bool("withoutEndToEndId")
    cash_in = await mock.cash_in.pay(lookup, _payer_bank(fields), with_end_to_end_id=with_e2e)
    return json_response(200, cash_in_view(cash_in))


async def expire_cash_in(request: Request) -> Response:
    mock = runtime(request)
    return json_response(200, cash_in_view(await mock.cash_in.expire(path_id(request))))


async def cancel_cash_in(request: Request) -> Response:
    mock = runtime(request)
    return json_response(200, cash_in_view(await mock.cash_in.cancel(path_id(request))))


# --- cash-out simulations -----------------------------------------------------------------------


async def settle_cash_out(request: Request) -> Response:
    """Body ``{"outcome": "COMPLETED"}`` (default) or ``{"outcome": "FAILED", "failure":
    {"code": ..., "message": ...}}``."""
    mock = runtime(request)
    lookup = path_id(request)
    fields = await _body(request)
    outcome = "COMPLETED"
    if fields.has("outcome"):
        outcome = fields.required_enum("outcome", ("COMPLETED", "FAILED"))
    failure: Failure | None = None
    if outcome == "FAILED":
        given = fields.optional_object("failure")
        failure = (
            Failure(
                code=given.required_str("code", max_length=64),
                message=given.required_str("message", max_length=500),
            )
            if given
            else SETTLEMENT_FAILED
        )
    cash_out = await mock.cash_out.settle(lookup, failure=failure)
    return json_response(200, cash_out_view(cash_out))


async def return_cash_out(request: Request) -> Response:
    mock = runtime(request)
    return json_response(200, cash_out_view(await mock.cash_out.return_payment(path_id(request))))


async def cancel_cash_out(request: Request) -> Response:
    mock = runtime(request)
    return json_response(200, cash_out_view(await mock.cash_out.cancel(path_id(request))))


# --- webhooks -----------------------------------------------------------------------------------


async def list_events(request: Request) -> Response:
    mock = runtime(request)
    wanted_type = request.query_params.get("eventType")
    wanted_tx = request.query_params.get("transactionId")
    events = [
        e.to_json()
        for e in mock.store.events()
        if (wanted_type is None or e.event_type == wanted_type)
        and (wanted_tx is None or wanted_tx in (e.transaction_id, e.internal_code))
    ]
    return json_response(200, {"events": events})


async def get_event(request: Request) -> Response:
    mock = runtime(request)
    event = mock.webhooks.event(str(request.path_params["event_id"]))
    return json_response(200, event.to_json())


async def redeliver_event(request: Request) -> Response:
    mock = runtime(request)
    event = mock.webhooks.redeliver(str(request.path_params["event_id"]))
    return json_response(202, event.to_json())


async def duplicate_event(request: Request) -> Response:
    mock = runtime(request)
    fields = await _body(request)
    copies = fields.optional_int("copies", minimum=1, maximum=20) or 2
    event = mock.webhooks.duplicate(str(request.path_params["event_id"]), copies)
    return json_response(202, event.to_json())


# --- settings that can change while running ------------------------------------------------------

_SETTINGS_MEMBERS = ("responseStyle",)


def _settings_view(request: Request) -> dict[str, str]:
    style = runtime(request).style
    return {"responseStyle": style.current, "configuredResponseStyle": style.configured}


async def get_settings(request: Request) -> Response:
    return json_response(200, _settings_view(request))


async def update_settings(request: Request) -> Response:
    """``{"responseStyle": "minimal"}``: full, minimal or random (D-71) until changed again or
    until ``POST /_mock/reset``, which restores the configured style."""
    mock = runtime(request)
    body = await read_optional_json(request, mock.settings.max_body_bytes)
    fields = Fields.root({} if body is None else body)
    unknown = sorted(set(body or {}) - set(_SETTINGS_MEMBERS))
    if unknown:  # a typo must not be silently ignored
        raise validation_error("body", f"unknown setting; allowed: {', '.join(_SETTINGS_MEMBERS)}.")
    mock.style.set(fields.required_enum("responseStyle", RESPONSE_STYLES))
    return json_response(200, _settings_view(request))


# --- faults, clock, idleness ----------------------------------------------------------------------


async def add_faults(request: Request) -> Response:
    mock = runtime(request)
    body = await read_optional_json(request, mock.settings.max_body_bytes)
    faults = parse_fault_list(body, mock.settings.max_fault_delay_seconds)
    mock.faults.add(faults)
    return json_response(200, {"queued": mock.faults.snapshot()})


async def list_faults(request: Request) -> Response:
    return json_response(200, {"queued": runtime(request).faults.snapshot()})


async def clear_faults(request: Request) -> Response:
    runtime(request).faults.clear()
    return json_response(200, {"queued": []})


async def advance_clock(request: Request) -> Response:
    mock = runtime(request)
    fields = await _body(request)
    seconds = fields.required_number("seconds")
    if not 0 <= seconds <= 10 * 365 * 24 * 3600:
        raise validation_error("seconds", "must be from 0 to ten years.")
    now = mock.clock.advance(float(seconds))
    return json_response(200, {"now": utc_time(now)})


async def wait_idle(request: Request) -> Response:
    """Wait until background settlements and webhook deliveries are done (``timeout`` s)."""
    mock = runtime(request)
    fields = await _body(request)
    timeout = fields.required_number("timeout") if fields.has("timeout") else Decimal(10)
    if not 0 <= timeout <= MAX_WAIT_SECONDS:
        raise validation_error("timeout", f"must be from 0 to {MAX_WAIT_SECONDS:g} seconds.")
    idle = await mock.tasks.wait_idle(float(timeout))
    return json_response(200, {"idle": idle, "pendingTasks": mock.tasks.pending})


routes = [
    Route("/health", health, methods=["GET"]),
    Route("/reset", reset, methods=["POST"]),
    Route("/state", state, methods=["GET"]),
    Route("/cash-in/{id}/pay", pay_cash_in, methods=["POST"]),
    Route("/cash-in/{id}/expire", expire_cash_in, methods=["POST"]),
    Route("/cash-in/{id}/cancel", cancel_cash_in, methods=["POST"]),
    Route("/cash-out/{id}/settle", settle_cash_out, methods=["POST"]),
    Route("/cash-out/{id}/return", return_cash_out, methods=["POST"]),
    Route("/cash-out/{id}/cancel", cancel_cash_out, methods=["POST"]),
    Route("/events", list_events, methods=["GET"]),
    Route("/events/{event_id}", get_event, methods=["GET"]),
    Route("/events/{event_id}/redeliver", redeliver_event, methods=["POST"]),
    Route("/events/{event_id}/duplicate", duplicate_event, methods=["POST"]),
    Route("/settings", get_settings, methods=["GET"]),
    Route("/settings", update_settings, methods=["POST"]),
    Route("/faults", add_faults, methods=["POST"]),
    Route("/faults", list_faults, methods=["GET"]),
    Route("/faults", clear_faults, methods=["DELETE"]),
    Route("/clock/advance", advance_clock, methods=["POST"]),
    Route("/wait-idle", wait_idle, methods=["POST"]),
]
