"""BACEN/SPI end-to-end ids (``endToEndId``).

Format (32 characters): ``E`` (original payment) or ``D`` (devolution/refund) + the 8-digit ISPB of
the institution that created it + ``yyyyMMddHHmm`` in UTC + an 11-character alphanumeric sequence,
e.g. ``E00416968202603101827cemeFscF6AG``.
"""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from .errors import InvalidEndToEndId

END_TO_END_ID_LENGTH = 32
E2EKind = Literal["E", "D"]

_E2E_RE = re.compile(r"([ED])([0-9]{8})([0-9]{12})([A-Za-z0-9]{11})")
_ISPB_RE = re.compile(r"[0-9]{8}")
_SEQUENCE_RE = re.compile(r"[A-Za-z0-9]{11}")
_SEQUENCE_ALPHABET = string.ascii_letters + string.digits


@dataclass(frozen=True, slots=True)
class EndToEndId:
    kind: E2EKind
    ispb: str
    timestamp: datetime
    """UTC, minute precision."""
    sequence: str

    @property
    def is_devolution(self) -> bool:
        """True for a ``D`` id (a refund/devolution)."""
        return self.kind == "D"

    def __str__(self) -> str:
        return f"{self.kind}{self.ispb}{_stamp(self.timestamp)}{self.sequence}"


def _stamp(when: datetime) -> str:
    # Explicit zero padding: strftime("%Y") does not pad years below 1000 on every platform.
    return f"{when.year:04d}{when.month:02d}{when.day:02d}{when.hour:02d}{when.minute:02d}"


def _parse_timestamp(text: str) -> datetime:
    # Fixed-width slices, not strptime: strptime's %m/%d also accept one digit and can re-split
    # an invalid string into a valid date.
    try:
        return datetime(
            int(text[0:4]),
            int(text[4:6]),
            int(text[6:8]),
            int(text[8:10]),
            int(text[10:12]),
            tzinfo=UTC,
        )
    except ValueError:
        raise InvalidEndToEndId("end-to-end id timestamp is not a real date and time") from None


def parse_end_to_end_id(value: str) -> EndToEndId:
    """Split an E2E id into its parts; raise :class:`InvalidEndToEndId` when malformed."""
    if not isinstance(value, str) or len(value) != END_TO_END_ID_LENGTH:
        raise InvalidEndToEndId(f"an end-to-end id must be {END_TO_END_ID_LENGTH} characters")
    match = _E2E_RE.fullmatch(value)
    if not match:
        raise InvalidEndToEndId(
            "an end-to-end id must be E or D, an 8-digit ISPB, yyyyMMddHHmm and 11 alphanumerics"
        )
    kind, ispb, stamp, sequence = match.groups()
    return EndToEndId(
        kind="E" if kind == "E" else "D",
        ispb=ispb,
        timestamp=_parse_timestamp(stamp),
        sequence=sequence,
    )


def is_valid_end_to_end_id(value: object) -> bool:
    try:
        parse_end_to_end_id(value)  # type: ignore[arg-type]  # non-str is handled inside
    except InvalidEndToEndId:
        return False
    return True


def _check_parts(kind: str, ispb: str, when: datetime) -> datetime:
    if kind not in ("E", "D"):
        raise InvalidEndToEndId("end-to-end id kind must be 'E' or 'D'")
    if not isinstance(ispb, str) or not _ISPB_RE.fullmatch(ispb):
        raise InvalidEndToEndId("an ISPB must be exactly 8 digits")
    if when.tzinfo is None or when.utcoffset() is None:
        raise InvalidEndToEndId("end-to-end id time must be timezone-aware")
    return when.astimezone(UTC)


def new_end_to_end_id(kind: str, ispb: str, when: datetime, rng: random.Random) -> str:
    """A fresh E2E id. ``when`` must be timezone-aware (it is written in UTC, truncated to the
    minute); the sequence is drawn from ``rng`` (pass ``random.SystemRandom()`` for unguessable
    ids, a seeded ``random.Random`` for reproducible tests)."""
    utc = _check_parts(kind, ispb, when)
    sequence = "".join(rng.choice(_SEQUENCE_ALPHABET) for _ in range(11))
    return f"{kind}{ispb}{_stamp(utc)}{sequence}"


def end_to_end_id_from_parts(kind: str, ispb: str, timestamp: datetime, sequence: str) -> str:
    """Assemble an E2E id from explicit, validated parts (e.g. a ``D`` id reusing a sequence)."""
    utc = _check_parts(kind, ispb, timestamp)
    if not isinstance(sequence, str) or not _SEQUENCE_RE.fullmatch(sequence):
        raise InvalidEndToEndId("end-to-end id sequence must be 11 alphanumerics")
    return f"{kind}{ispb}{_stamp(utc)}{sequence}"
