"""Schemathesis hooks of the contract run.

Schema-scoped (only the bound schema sees them):
- ``map_case``: positive-mode bodies get consistent PIX keys, valid documents and two-decimal
  amounts (``body_fixes``); against staging, amounts are folded under the cap.
- ``filter_case``: against staging, a case whose amount exceeds the cap is never generated.

Process-global (``before_call`` only exists globally), inert for unbound schemas:
- the ``DigitalSignature`` our auth provider attached is re-derived with
  ``connectpsp_ext.signing.digital_signature`` from the bearer token on the *final* request;
- every valid ``X-Idempotency-Key`` gets a fresh UUID v4, so unrelated cases never collide on a key
  (hypothesis happily draws the same UUID twice, which the API would answer as a replay or a 409).
"""

from __future__ import annotations

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
    from schemathesis import Case, HookContext
    from schemathesis.schemas import BaseSchema

IDEMPOTENCY_HEADER = "X-Idempotency-Key"

_global_lock = threading.Lock()
_global_installed = False


def body_is_positive(case: Case[Any]) -> bool:
    meta = case.meta
    if meta is None:
        return True  # explicit examples carry no metadata; they are valid by construction
    return meta.generation.mode.is_positive or not meta.is_negative_at(ParameterLocation.BODY)


def prepare_case(case: Case[Any], binding: Binding) -> None:
    if isinstance(case.body, dict) and body_is_positive(case):
        fix_valid_body(case.body)
        if binding.max_amount is not None:
            cap_money(case.body, binding.max_amount)


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


def _before_call(context: HookContext, case: Case[Any], kwargs: dict[str, Any]) -> None:
    binding = binding_for(case)
    if binding is None:
        return
    fresh_idempotency_key(case)
    resign(case, binding)


def install(schema: BaseSchema, binding: Binding) -> None:
    """Register the schema hooks, and the global ``before_call`` once per process."""
    global _global_installed

    def map_case(context: HookContext, case: Case[Any]) -> Case[Any]:
        prepare_case(case, binding)
        return case

    schema.hooks.register_hook_with_name(map_case, "map_case")
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
