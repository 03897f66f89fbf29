"""BACEN end-to-end ids."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from connectpsp_ext.pix import (
    EndToEndId,
    InvalidEndToEndId,
    is_valid_end_to_end_id,
    parse_end_to_end_id,
)
from connectpsp_ext.pix.e2e import end_to_end_id_from_parts, new_end_to_end_id

DOCS_E2E = "E00416968202603101827cemeFscF6AG"


def test_parse_docs_example() -> None:
    e2e = parse_end_to_end_id(DOCS_E2E)
    assert e2e == EndToEndId(
        kind="E",
        ispb="00416968",
        timestamp=datetime(2026, 3, 10, 18, 27, tzinfo=UTC),
        sequence="cemeFscF6AG",
    )
    assert not e2e.is_devolution
    assert str(e2e) == DOCS_E2E


def test_devolution_prefix() -> None:
    e2e = parse_end_to_end_id("D00416968202603111200refundAbc12")
    assert e2e.kind == "D" and e2e.is_devolution


@pytest.mark.parametrize(
    "value",
    [
        "",
        DOCS_E2E[:-1],  # 31 characters
        DOCS_E2E + "A",  # 33
        "X" + DOCS_E2E[1:],  # bad kind
        "e" + DOCS_E2E[1:],  # lower-case kind
        "E0041696A202603101827cemeFscF6AG",  # letter in the ISPB
        "E00416968202613101827cemeFscF6AG",  # month 13
        "E00416968202602301827cemeFscF6AG",  # 30 February
        "E00416968202603102427cemeFscF6AG",  # hour 24
        "E00416968202603101860cemeFscF6AG",  # minute 60
        "E00416968000003101827cemeFscF6AG",  # year 0
        "E00416968202603101827ceme-scF6AG",  # non-alphanumeric sequence
        "E00416968202603101827cemeFscF6Aé",
    ],
)
def test_invalid(value: str) -> None:
    assert not is_valid_end_to_end_id(value)
    with pytest.raises(InvalidEndToEndId) as info:
        parse_end_to_end_id(value)
    assert isinstance(info.value, ValueError)


def test_leap_day_is_valid() -> None:
    assert is_valid_end_to_end_id("E00416968202802291200cemeFscF6AG")
    assert not is_valid_end_to_end_id("E00416968202702291200cemeFscF6AG")


def test_non_strings() -> None:
    assert not is_valid_end_to_end_id(None)
    assert not is_valid_end_to_end_id(32)


def test_new_id_is_utc_and_minute_precision() -> None:
    brt = timezone(timedelta(hours=-3))
    value = new_end_to_end_id(
        "E", "00416968", datetime(2026, 3, 10, 15, 27, 59, tzinfo=brt), random.Random(1)
    )
    e2e = parse_end_to_end_id(value)
    assert e2e.timestamp == datetime(2026, 3, 10, 18, 27, tzinfo=UTC)
    assert value.startswith("E00416968202603101827")
    assert new_end_to_end_id("E", "00416968", e2e.timestamp, random.Random(1)) == value


@pytest.mark.parametrize(
    ("kind", "ispb", "when"),
    [
        ("X", "00416968", datetime(2026, 1, 1, tzinfo=UTC)),
        ("E", "0041696", datetime(2026, 1, 1, tzinfo=UTC)),
        ("E", "0041696A", datetime(2026, 1, 1, tzinfo=UTC)),
        ("E", "00416968", datetime(2026, 1, 1)),  # naive
    ],
)
def test_new_id_rejects_bad_parts(kind: str, ispb: str, when: datetime) -> None:
    with pytest.raises(InvalidEndToEndId):
        new_end_to_end_id(kind, ispb, when, random.Random(0))


def test_from_parts() -> None:
    when = datetime(2026, 3, 10, 18, 27, tzinfo=UTC)
    assert end_to_end_id_from_parts("E", "00416968", when, "cemeFscF6AG") == DOCS_E2E
    with pytest.raises(InvalidEndToEndId):
        end_to_end_id_from_parts("E", "00416968", when, "short")


@given(
    st.sampled_from(["E", "D"]),
    st.from_regex(r"[0-9]{8}", fullmatch=True),
    st.datetimes(
        min_value=datetime(1, 1, 1),
        max_value=datetime(9999, 12, 30),
        timezones=st.just(UTC),
    ),
    st.integers(min_value=0, max_value=2**32),
)
def test_new_parse_round_trip(kind: str, ispb: str, when: datetime, seed: int) -> None:
    value = new_end_to_end_id(kind, ispb, when, random.Random(seed))
    assert len(value) == 32
    e2e = parse_end_to_end_id(value)
    assert (e2e.kind, e2e.ispb) == (kind, ispb)
    assert e2e.timestamp == when.replace(second=0, microsecond=0)
    assert str(e2e) == value
