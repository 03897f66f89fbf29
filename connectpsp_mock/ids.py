"""Identifier generation, random or reproducible (seeded).

Formats follow the docs' examples: cash-in ``transactionId`` 35 lower-case alphanumerics and
``internalCode`` 7 upper-case alphanumerics; cash-out ``transactionId`` a UUID and ``internalCode``
10 upper-case letters; E2E ids via ``connectpsp_ext.pix``.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from datetime import datetime

from connectpsp_ext.pix.e2e import new_end_to_end_id

_LOWER_ALNUM = string.ascii_lowercase + string.digits
_UPPER_ALNUM = string.ascii_uppercase + string.digits
# Version 4 and the RFC 4122 variant, as uuid.UUID(..., version=4) sets them.
_UUID4_CLEAR = ~((0xF << 76) | (0x3 << 62))
_UUID4_SET = (0x4 << 76) | (0x2 << 62)


class IdFactory:
    """All ids of one mock. With a seed the sequence is reproducible (and restarts on reset)."""

    def __init__(self, seed: int | None) -> None:
        self._seed = seed
        self.rng: random.Random = self._new_rng()

    def _new_rng(self) -> random.Random:
        # Unseeded: a Mersenne Twister seeded from os.urandom. Ids only need to be unique (they
        # are checked), not secret, and SystemRandom costs a system call per character (D-85).
        return random.Random(self._seed)

    def reset(self) -> None:
        self.rng = self._new_rng()

    def _text(self, alphabet: str, length: int) -> str:
        return "".join(self.rng.choices(alphabet, k=length))

    def uuid4(self) -> str:
        # The text of uuid.UUID(int=bits, version=4), without building the object (D-88).
        text = f"{self.rng.getrandbits(128) & _UUID4_CLEAR | _UUID4_SET:032x}"
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"

    def cash_in_transaction_id(self) -> str:
        return self._text(_LOWER_ALNUM, 35)

    def cash_in_internal_code(self) -> str:
        return self._text(_UPPER_ALNUM, 7)

    def cash_out_transaction_id(self) -> str:
        return self.uuid4()

    def cash_out_internal_code(self) -> str:
        return self._text(string.ascii_uppercase, 10)

    def event_id(self) -> str:
        """The mock's own handle of a webhook event (for /_mock/events); not sent on the wire."""
        return "evt_" + self._text(_LOWER_ALNUM, 20)

    def end_to_end_id(self, kind: str, ispb: str, when: datetime) -> str:
        return new_end_to_end_id(kind, ispb, when, self.rng)


def unused_id(draw: Callable[[], str], find: Callable[[str], object | None]) -> str:
    """An id from ``draw`` that ``find`` does not know yet (random ids are checked, not trusted)."""
    for _ in range(100):
        candidate = draw()
        if find(candidate) is None:
            return candidate
    raise RuntimeError("could not draw a unique id")
