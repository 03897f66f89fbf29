"""Schemathesis hooks of the contract run.

Schema-scoped (only the bound schema sees them):
- ``map_case`` (``before_add_examples`` for explicit examples): positive-mode bodies get
  consistent PIX keys, valid documents and two-decimal amounts (``body_fixes``); against
  staging, amounts are folded under the cap. In the examples phase of ``POST /auth/token`` the
  example's ``YOUR_CLIENT_ID`` / ``YOUR_CLIENT_SECRET`` placeholders become the target's
  credentials, so the 200 answer is validated too (every other case keeps made-up credentials
  and must get 401).
- ``filter_case``: against staging, a negative case whose amount exceeds the cap is never sent.
- ``after_call`` (mock only): every other cash-in the run creates is paid through the control API,
  so stateful refund and get steps meet PAID cash-ins and the 202 refund answer is validated too.

Process-global (``before_call`` only exists globally), inert for unbound schemas:
- the ``DigitalSignature`` our auth provider attached is re-derived with
  ``connectpsp_ext.signing.digital_signature`` from the bearer token on the *final* request;
- every valid ``X-Idempotency-Key`` gets a fresh UUID v4, so unrelated cases never collide on a
  key (hypothesis happily draws the same UUID twice, which the API answers as a replay or a 409);
- a valid ``externalReference`` this run already sent is made unique, so boundary and example
  bodies reach the create logic instead of all stopping at 409 DUPLICATE_EXTERNAL_REFERENCE (the
  first use of each value is sent unchanged; duplicates are exercised by the flow tests).
"""

from __future__ import annotations

import json
import threading
import uuid
from typing import TYPE_CHECKING, Any

from schemathesis.core.parameters import ParameterLocation
from schemathesis.hooks import GLOBAL_HOOK_DISPATCHER

from connectpsp_ext.signing import digital_signature

from . import spec
from .binding import Binding, binding_for
from .body_fixes import cap_money, exceeds_cap, fix_valid_body
from .headers import bearer_token, find_header, get_header

if TYPE_CHECKING:
    from schemathesis import Case, HookContext, Response
    from schemathesis.schemas import BaseSchema

IDEMPOTENCY_HEADER = "X-Idempotency-Key"
REFERENCE_MAX_LENGTH = 100  # CashInRequest / CashOutRequest externalReference maxLength
CREATE_OPERATIONS = frozenset({"POST /cash-in", "POST /cash-out"})
PLACEHOLDER_CREDENTIALS = {"clientId": "YOUR_CLIENT_ID", "clientSecret": "YOUR_CLIENT_SECRET"}

_global_lock = threading.Lock()
_global_installed = False


def body_is_positive(case: Case[Any]) -> bool:
    meta = case.meta
    if meta is None:
        return True  # explicit examples carry no metadata; they are valid by construction
    return meta.generation.mode.is_positive or not meta.is_negative_at(ParameterLocation.BODY)


def is_examples_phase(case: Case[Any]) -> bool:
    meta = case.meta
    return meta is not None and meta.phase.name.value == "examples"


def prepare_case(case: Case[Any], binding: Binding) -> None:
    if not isinstance(case.body, dict) or not body_is_positive(case):
        return
    fix_valid_body(case.body)
    if binding.max_amount is not None:
        cap_money(case.body, binding.max_amount)
    if (
        case.operation.label == "POST /auth/token"
        and is_examples_phase(case)
        and binding.client_secret is not None
        and all(case.body.get(k) == v for k, v in PLACEHOLDER_CREDENTIALS.items())
    ):
        case.body["clientId"] = binding.client_id
        case.body["clientSecret"] = binding.client_secret.reveal()


def unique_reference(case: Case[Any], binding: Binding) -> None:
    body = case.body
    if case.operation.label not in CREATE_OPERATIONS or not isinstance(body, dict):
        return
    reference = body.get("externalReference")
    if isinstance(reference, str) and reference and body_is_positive(case):
        body["externalReference"] = binding.unique_reference(
            case.operation.label, reference, REFERENCE_MAX_LENGTH
        )


def resign(case: Case[Any], binding: Binding) -> None:
    info = spec.operation(case.operation.label)
    if info is None or "digitalSignature" not in info.schemes:
        return
    headers = case.headers
    key = find_header(headers, "DigitalSignature")
    token = bearer_token(headers)
    if key is None or token is None or not binding.issued(headers[key]):
        return
    signature = digital_signature(token, binding.crypto_token)
    binding.remember_signature(signature)
    headers[key] = signature


def fresh_idempotency_key(case: Case[Any]) -> None:
    headers = case.headers
    key = find_header(headers, IDEMPOTENCY_HEADER)
    value = get_header(headers, IDEMPOTENCY_HEADER)
    if key is None or not isinstance(value, str):
        return
    try:
        uuid.UUID(value)
    except ValueError:
        return  # a deliberately invalid key: negative test, keep it
    headers[key] = str(uuid.uuid4())


def _json_field(content: bytes | None, name: str) -> str | None:
    try:
        payload = json.loads(content or b"null")
    except ValueError:
        return None
    value = payload.get(name) if isinstance(payload, dict) else None
    return value if isinstance(value, str) else None


def _before_call(context: HookContext, case: Case[Any], kwargs: dict[str, Any]) -> None:
    binding = binding_for(case)
    if binding is None:
        return
    fresh_idempotency_key(case)
    unique_reference(case, binding)
    resign(case, binding)


def install(schema: BaseSchema, binding: Binding) -> None:
    """Register the schema hooks, and the global ``before_call`` once per process."""
    global _global_installed

    def map_case(context: HookContext, case: Case[Any]) -> Case[Any]:
        prepare_case(case, binding)
        return case

    def before_add_examples(context: HookContext, examples: list[Case[Any]]) -> None:
        # Explicit examples do not pass through map_case; they get the same preparation here.
        for case in examples:
            prepare_case(case, binding)

    schema.hooks.register_hook_with_name(map_case, "map_case")
    schema.hooks.register_hook_with_name(before_add_examples, "before_add_examples")
    if binding.on_cash_in_created is not None:
        on_created = binding.on_cash_in_created

        def after_call(context: HookContext, case: Case[Any], response: Response) -> None:
            if case.operation.label == "POST /cash-in" and response.status_code == 201:
                code = _json_field(response.content, "internalCode")
                if code is not None:
                    on_created(code)

        schema.hooks.register_hook_with_name(after_call, "after_call")
    if binding.max_amount is not None:
        cap = binding.max_amount

        def filter_case(context: HookContext, case: Case[Any]) -> bool:
            # map_case folds positive bodies under the cap; a negative one above it is dropped.
            return body_is_positive(case) or not exceeds_cap(case.body, cap)

        schema.hooks.register_hook_with_name(filter_case, "filter_case")

    with _global_lock:
        if not _global_installed:
            GLOBAL_HOOK_DISPATCHER.register_hook_with_name(_before_call, "before_call")
            _global_installed = True
