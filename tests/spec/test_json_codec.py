"""connectpsp_client.types.json_dumps/json_loads: exact money on the wire, valid JSON always."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from connectpsp_client.types import json_dumps, json_loads
from hypothesis import given
from hypothesis import strategies as st

cents = st.integers(min_value=-(10**12), max_value=10**12).map(lambda c: Decimal(c).scaleb(-2))
scalars = st.none() | st.booleans() | st.integers() | st.text() | cents
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=20,
)


@given(documents)
def test_round_trip_is_exact(value: Any) -> None:
    encoded = json_dumps(value)
    assert json_loads(encoded) == value
    json.loads(encoded)  # and it is plain, valid JSON for any other reader


def test_amounts_keep_their_digits() -> None:
    assert json_dumps({"amount": Decimal("0.07")}) == b'{"amount":0.07}'
    assert json_dumps([Decimal("10.00"), Decimal("500")]) == b"[10.00,500]"
    assert json_loads(b'{"amount": 10.07}') == {"amount": Decimal("10.07")}


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), Decimal("NaN"), Decimal("-Infinity")])
def test_non_finite_numbers_are_refused(bad: Any) -> None:
    with pytest.raises(ValueError):
        json_dumps({"amount": bad})


def test_unknown_types_are_refused() -> None:
    with pytest.raises(TypeError):
        json_dumps({"when": object()})
