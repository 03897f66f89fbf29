"""How the mock writes times (D-19): transaction times in ``-03:00``, token/event/snapshot times
in UTC ``Z``, to the second, as in the docs. Views, records and services all use it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

BRT = timezone(timedelta(hours=-3))


def utc_time(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def local_time(value: datetime) -> str:
    return value.astimezone(BRT).isoformat(timespec="seconds")


def local_date(value: datetime) -> str:
    return value.astimezone(BRT).date().isoformat()
