"""Which running schemathesis schema belongs to which contract target.

Some schemathesis extension points are process-global (``before_call`` hooks, custom checks),
while a test session may hold several schemas at once (the contract run, the broken-mock meta
tests, the mock's own schemathesis test). Our global hooks and checks look the case's schema up
here and do nothing for schemas they were not bound to.
"""

from __future__ import annotations

import threading
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

    def remember_token(self, token: str) -> None:
        with self.lock:
            self.tokens.append(Secret(token))

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
