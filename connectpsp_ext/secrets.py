"""``Secret``: a credential that cannot end up in a repr, a log line or an f-string by accident.

Not a ``str`` subclass on purpose: ``f"{value}"`` on a ``str`` subclass formats the raw value, so
the only way to read a ``Secret`` is the explicit :meth:`Secret.reveal`. Every live ``Secret`` is
known to :mod:`connectpsp_ext.redaction`, which scrubs its value from log records as a second line
of defence.
"""

from __future__ import annotations

import weakref
from typing import Any, NoReturn

MASK = "**********"

# Every Secret ever created (weakly held): the redaction filter scrubs their values from logs.
_LIVE: weakref.WeakSet[Secret] = weakref.WeakSet()
# Shorter values (test placeholders like "s") are not scrubbed by value: that would mangle every
# log line containing the letter. Real credentials are GUIDs and long random strings.
MIN_SCRUBBED_LENGTH = 8


class Secret:
    """A credential (client secret, CryptoToken, ApplicationToken, access token)."""

    __slots__ = ("__weakref__", "_value")

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"a Secret wraps a str, not {type(value).__name__}")
        self._value = value
        if len(value) >= MIN_SCRUBBED_LENGTH:
            _LIVE.add(self)

    @classmethod
    def of(cls, value: str | Secret) -> Secret:
        """Wrap ``value`` unless it already is a ``Secret``."""
        return value if isinstance(value, Secret) else cls(value)

    def reveal(self) -> str:
        """The raw value. Call it only where the value goes on the wire or into an HMAC."""
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return f"Secret('{MASK}')"

    def __str__(self) -> str:
        return MASK

    def __format__(self, spec: str) -> str:
        return format(MASK, spec)

    def __reduce__(self) -> NoReturn:
        # Pickling would write the raw value to disk or a queue; make that an explicit choice.
        raise TypeError("Secret values cannot be pickled; pickle secret.reveal() explicitly")

    def __copy__(self) -> Secret:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Secret:
        return self


def live_secret_values() -> list[str]:
    """The raw values of every live ``Secret``, longest first (so overlaps scrub fully)."""
    return sorted((s.reveal() for s in list(_LIVE)), key=len, reverse=True)
