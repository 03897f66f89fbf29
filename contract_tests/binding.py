"""Which running schemathesis schema belongs to which contract target.

Some schemathesis extension points are process-global (``before_call`` hooks, custom checks),
while a test session may hold several schemas at once (the contract run, the broken-mock meta
tests, the mock's own schemathesis test). Our global hooks and checks look the case's schema up
here and do nothing for schemas they were not bound to.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from connectpsp_ext.secrets import Secret

if TYPE_CHECKING:
    from schemathesis import Case
    from schemathesis.schemas import BaseSchema


@dataclass
class Binding:
    """What the hooks need to know about the target of one schema."""

    base_url: str
    application_token: str = field(repr=False)
    crypto_token: str = field(repr=False)
    # Staging safety: amounts above this are never sent (``None`` against the mock).
    max_amount: Decimal | None = None
    # Signatures our auth provider attached; only these are re-derived before sending, so a
    # deliberately wrong or missing DigitalSignature (negative tests, auth probes) stays as it is.
    issued_signatures: set[str] = field(default_factory=set, repr=False)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # Access tokens obtained for this run, held as Secrets so that report redaction knows them.
    tokens: list[Secret] = field(default_factory=list, repr=False)
    # The target's credentials, for the examples phase of POST /auth/token (see hooks.py).
    client_id: str = ""
    client_secret: Secret | None = field(default=None, repr=False)
    # Mock only: called with the internalCode of every cash-in the run creates (pays some).
    on_cash_in_created: Callable[[str], None] | None = field(default=None, repr=False)
    # externalReference values already sent, per operation label; and variant -> original.
    used_references: dict[str, set[str]] = field(default_factory=dict, repr=False)
    reference_origins: dict[str, str] = field(default_factory=dict, repr=False)

    def unique_reference(self, operation: str, reference: str, max_length: int) -> str:
        """``reference`` the first time it is sent; a fresh unique variant when it repeats."""
        with self.lock:
            used = self.used_references.setdefault(operation, set())
            if reference in used:
                # A re-sent case carries our previous variant: derive from the original so that
                # the value never grows.
                original = self.reference_origins.get(reference, reference)
                suffix = uuid.uuid4().hex[:12]
                reference = f"{original[: max_length - len(suffix) - 1]}-{suffix}"
                self.reference_origins[reference] = original
            used.add(reference)
            return reference

    def remember_token(self, token: str) -> None:
        with self.lock:
            self.tokens.append(Secret(token))

    def issued_token(self, token: str | None) -> bool:
        """Whether ``token`` is one our auth provider obtained (not a generated credential)."""
        with self.lock:
            return token is not None and any(t.reveal() == token for t in self.tokens)

    def remember_signature(self, signature: str) -> None:
        with self.lock:
            self.issued_signatures.add(signature)

    def issued(self, signature: object) -> bool:
        with self.lock:
            return isinstance(signature, str) and signature in self.issued_signatures


_BINDINGS: dict[int, Binding] = {}
_LOCK = threading.Lock()


def bind(schema: BaseSchema, binding: Binding) -> None:
    with _LOCK:
        _BINDINGS[id(schema)] = binding


def unbind(schema: BaseSchema) -> None:
    with _LOCK:
        _BINDINGS.pop(id(schema), None)


def binding_for(case: Case[Any]) -> Binding | None:
    with _LOCK:
        return _BINDINGS.get(id(case.operation.schema))
