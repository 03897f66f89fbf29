"""Response bodies as JSON bytes, fast: orjson, with ``Decimal`` money written as exact JSON
numbers (``orjson.Fragment``), the same bytes ``connectpsp_client.types.json_dumps`` writes for
ASCII text (non-ASCII text is written as UTF-8 instead of ``\\u`` escapes; both are valid JSON).

About 4x faster than the pure-Python encoder on the mock's bodies (D-85): it runs on every answer.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import orjson


def _exact_number(value: Any) -> orjson.Fragment:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("amounts must be finite")
        return orjson.Fragment(format(value, "f"))
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def dump_json(value: Any) -> bytes:
    """``value`` (dicts, lists, str, int, bool, None, Decimal) as compact JSON bytes."""
    return orjson.dumps(value, default=_exact_number)


def dump_json_to_keep(value: Any) -> bytes:
    """Like :func:`dump_json`, for bodies kept in memory (idempotency records): orjson's bytes
    keep its growth buffer (12 KiB for a 2 KiB cash-in 201), so they are copied to their size."""
    return bytes(memoryview(dump_json(value)))
