"""RFC 7807 problem details: the one error type of the mock and its JSON rendering (D-10).

``type`` is ``https://connect-psp.redocly.app/errors/<kebab-code>`` and ``title`` the Title Case of
the code. ``detail`` names fields but never quotes documents, keys or secrets.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from connectpsp_client.types import json_dumps

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://connect-psp.redocly.app/errors/"

# Status -> code used when something answers with a bare status (faults, routing errors).
DEFAULT_CODES: dict[int, str] = {
    400: "VALIDATION_ERROR",
    401: "INVALID_TOKEN",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    408: "REQUEST_TIMEOUT",
    409: "CONFLICT",
    413: "PAYLOAD_TOO_LARGE",
    422: "UNPROCESSABLE_ENTITY",
    429: "RATE_LIMITED",
    500: "INTERNAL_ERROR",
    502: "BAD_GATEWAY",
    503: "SERVICE_UNAVAILABLE",
    504: "GATEWAY_TIMEOUT",
}


class ProblemError(Exception):
    """Raised anywhere in a request; rendered as an ``application/problem+json`` response."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail
        self.headers: dict[str, str] = dict(headers or {})

    def body(self) -> dict[str, Any]:
        return problem_body(self.status, self.code, self.detail)

    def content(self) -> bytes:
        return json_dumps(self.body())


def title_for(code: str) -> str:
    return code.replace("_", " ").title()


def type_for(code: str) -> str:
    return PROBLEM_TYPE_BASE + code.lower().replace("_", "-")


def problem_body(status: int, code: str, detail: str) -> dict[str, Any]:
    return {
        "type": type_for(code),
        "title": title_for(code),
        "status": status,
        "code": code,
        "detail": detail,
    }


def code_for_status(status: int) -> str:
    if status in DEFAULT_CODES:
        return DEFAULT_CODES[status]
    return "INTERNAL_ERROR" if status >= 500 else "BAD_REQUEST"


# --- the errors the API documents or D-10 decides ---------------------------------------------


def validation_error(field: str, message: str) -> ProblemError:
    return ProblemError(400, "VALIDATION_ERROR", f"{field}: {message}")


def not_found() -> ProblemError:
    return ProblemError(404, "TRANSACTION_NOT_FOUND", "No transaction matches the given id.")


def insufficient_funds(requested: str, available: str) -> ProblemError:
    """The Error Handling guide's wording, amounts as ``500.00``."""
    return ProblemError(
        422,
        "INSUFFICIENT_FUNDS",
        f"The requested amount of R$ {requested} exceeds available balance of R$ {available}.",
    )


def invalid_state(detail: str) -> ProblemError:
    """Control calls on a transaction in the wrong state (not part of the public API)."""
    return ProblemError(409, "INVALID_STATE", detail)


def only_from(wanted: str, verb: str, status: str) -> ProblemError:
    """``only_from("a PROCESSING cash-out", "settled", "FAILED")``: a control call on a transaction
    in the wrong state."""
    return invalid_state(f"Only {wanted} can be {verb} (it is {status}).")
