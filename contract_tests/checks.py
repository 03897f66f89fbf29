"""Two checks that the spec implies but schemathesis cannot know, registered with schemathesis.

``positive_data_acceptance`` is configured to accept 404/409/422 for valid-shaped data, because
those are the documented *business* answers to well-formed requests (unknown id, duplicate
reference or reused key, insufficient funds, refund of an unpaid cash-in). Accepting the status
alone would hide a real failure such as a 422 ``INVALID_SIGNATURE`` for a correctly signed request,
so ``documented_business_outcome`` pins each accepted status to the codes that explain it.

``problem_status_matches`` asserts RFC 7807's rule: the body's ``status`` is the HTTP status.

``valid_amounts_have_two_decimals`` guards the suite itself: every amount it sends as *valid* data
must read with at most two decimals on the wire (D-01), whatever float the generator drew.

All are inert for schemas not bound to a contract target (see ``binding``).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

import schemathesis
from schemathesis.core.failures import Failure, Severity

from .binding import binding_for
from .headers import bearer_token
from .hooks import body_is_positive

if TYPE_CHECKING:
    from schemathesis import Case, CheckContext, Response

BUSINESS_REFUSALS = frozenset(
    {
        "CASH_IN_NOT_PAID",
        "CASH_IN_ALREADY_REFUNDED",
        "CASH_IN_EXPIRED",
        "CASH_IN_CANCELLED",
        "MISSING_END_TO_END_ID",
        "INSUFFICIENT_FUNDS",
    }
)
# HTTP status -> codes that make it a legitimate answer to a valid, authenticated request (D-33).
DOCUMENTED_OUTCOMES: dict[int, frozenset[str]] = {
    403: frozenset({"FORBIDDEN"}),
    404: frozenset({"TRANSACTION_NOT_FOUND"}),
    409: frozenset({"DUPLICATE_EXTERNAL_REFERENCE", "IDEMPOTENCY_KEY_REUSED"}),
    422: BUSINESS_REFUSALS,
    429: frozenset({"RATE_LIMITED"}),
}
# /auth/token answers made-up credentials with 401 INVALID_CREDENTIALS: valid shape, unknown client.
TOKEN_OUTCOMES: dict[int, frozenset[str]] = {401: frozenset({"INVALID_CREDENTIALS"})}


class UndocumentedOutcome(Failure):
    code = "ST902"
    checks: ClassVar[tuple[str, ...]] = ("documented_business_outcome",)
    kind_title = "Valid request refused with an undocumented reason"


class InvalidAmountSent(Failure):
    code = "ST904"
    checks: ClassVar[tuple[str, ...]] = ("valid_amounts_have_two_decimals",)
    kind_title = "The suite sent a valid-data amount with more than two decimals"


class ProblemStatusMismatch(Failure):
    code = "ST903"
    checks: ClassVar[tuple[str, ...]] = ("problem_status_matches",)
    kind_title = "Problem body status differs from the HTTP status"


def _problem(response: Response) -> dict[str, Any] | None:
    content_type = (response.headers.get("content-type") or [""])[0]
    if "json" not in content_type:
        return None
    try:
        body = json.loads(response.content or b"null")
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _is_positive(case: Case[Any]) -> bool:
    meta = case.meta
    return meta is None or meta.generation.mode.is_positive


@schemathesis.check
def documented_business_outcome(
    ctx: CheckContext, response: Response, case: Case[Any]
) -> bool | None:
    binding = binding_for(case)
    if binding is None or not _is_positive(case):
        return None
    status = response.status_code
    if not 400 <= status < 500 or status == 400:
        return None  # 400 for valid data is positive_data_acceptance's finding, not ours
    if status in (401, 403) and not binding.issued_token(bearer_token(case.headers)):
        # schemathesis also sends schema-valid but made-up credentials: refusing them is right.
        return None
    table = TOKEN_OUTCOMES if case.operation.path == "/auth/token" else DOCUMENTED_OUTCOMES
    allowed = table.get(status)
    problem = _problem(response) or {}
    code = problem.get("code")
    if allowed is not None and code in allowed:
        return None
    expected = ", ".join(sorted(allowed)) if allowed else "none: not a business outcome"
    raise UndocumentedOutcome(
        operation=case.operation.label,
        message=(
            f"A valid request with the suite's credentials got {status} with code {code!r}.\n"
            f"Documented codes for {status}: {expected}"
        ),
        severity=Severity.HIGH,
    )


@schemathesis.check
def problem_status_matches(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    if binding_for(case) is None or response.status_code < 400:
        return None
    problem = _problem(response)
    if problem is None or "status" not in problem:
        return None  # missing body/field is response_schema_conformance's finding
    if problem["status"] != response.status_code:
        raise ProblemStatusMismatch(
            operation=case.operation.label,
            message=f"HTTP status {response.status_code}, body status {problem['status']!r}",
            severity=Severity.MEDIUM,
        )
    return None


MONEY_FIELDS = ("amount", "targetAmount")


def _wire_amounts(body: object) -> list[tuple[str, Decimal | int]]:
    if not isinstance(body, bytes | str) or not body:
        return []
    try:
        payload = json.loads(body, parse_float=Decimal)
    except ValueError:
        return []
    if not isinstance(payload, dict):
        return []
    return [
        (name, value)
        for name in MONEY_FIELDS
        if isinstance(value := payload.get(name), Decimal | int) and not isinstance(value, bool)
    ]


@schemathesis.check
def valid_amounts_have_two_decimals(
    ctx: CheckContext, response: Response, case: Case[Any]
) -> bool | None:
    if binding_for(case) is None or not body_is_positive(case):
        return None
    for name, value in _wire_amounts(response.request.body):
        exponent = Decimal(value).as_tuple().exponent
        if isinstance(exponent, int) and exponent < -2:
            raise InvalidAmountSent(
                operation=case.operation.label,
                message=f"{name} went on the wire as {value}",
                severity=Severity.HIGH,
            )
    return None


CUSTOM_CHECKS = (
    "documented_business_outcome",
    "problem_status_matches",
    "valid_amounts_have_two_decimals",
)
