"""Documented-optional response fields that a flow needs for its check.

Since the tolerant reader (D-40), a response may leave out every field the docs do not guarantee,
and the models type them ``T | None | Unset``. A flow that needs one (a balance to compare, an
amount to match) goes through :func:`present`:

- against the embedded mock in its ``full`` response style the field must be there: its absence is
  a mock bug and fails the test;
- otherwise (``minimal``/``random`` style, or staging) its absence is allowed by the contract: the
  test is skipped with the field named, and the run's deviation findings list it too.
"""

from __future__ import annotations

from typing import NoReturn, TypeVar

import pytest
from connectpsp_client.types import Unset

T = TypeVar("T")

_strict = True


def configure(*, strict: bool) -> None:
    """Set by the ``target`` fixture: strict only for the mock's ``full`` style."""
    global _strict
    _strict = strict


def _absent(what: str) -> NoReturn:
    message = f"{what} is not in the response (documented, but optional: D-40)"
    if _strict:
        pytest.fail(message + "; the mock's full style must send it", pytrace=False)
    pytest.skip(message + "; this check needs it")


def present(value: T | Unset | None, what: str) -> T:
    """``value`` when the response carried it, else fail (strict) or skip (tolerant)."""
    if value is None or isinstance(value, Unset):
        _absent(what)
    return value


def matches(value: object, expected: object, what: str) -> None:
    """A documented-optional field, when sent, must equal ``expected``; absent, see present."""
    if value is None or isinstance(value, Unset):
        if _strict:
            _absent(what)
        return
    assert value == expected, f"{what}: the response says otherwise than expected"
