"""Request bodies (wire.py): the shape check's shortcut refuses what the full walk refuses, and
fingerprints ignore key order and number spelling but nothing else (D-88)."""

from __future__ import annotations

import pytest

from connectpsp_mock.problems import ProblemError
from connectpsp_mock.wire import MAX_DEPTH, fingerprint, parse_json


def test_nesting_past_the_limit_is_refused_with_or_without_escapes() -> None:
    deep = b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1)
    with pytest.raises(ProblemError) as caught:
        parse_json(deep)
    assert "nest" in caught.value.body()["detail"]
    at_limit = b"[" * MAX_DEPTH + b"]" * MAX_DEPTH
    assert parse_json(at_limit) is not None
    # Brackets inside strings count for the shortcut only; the walk then lets the body through.
    assert parse_json(b'{"a": "' + b"[" * 100 + b'"}') == {"a": "[" * 100}


@pytest.mark.parametrize(
    "raw",
    [b'{"name": "\\ud800"}', b'{"\\udfff": 1}', b'["ok", {"x": ["\\uDBFF"]}]'],
)
def test_a_lone_surrogate_escape_is_refused(raw: bytes) -> None:
    with pytest.raises(ProblemError) as caught:
        parse_json(raw)
    assert "surrogate" in caught.value.body()["detail"]


def test_escapes_that_are_characters_pass() -> None:
    assert parse_json(b'{"name": "Jo\\u00e3o \\ud83d\\ude00"}') == {"name": "João 😀"}


def test_encoded_surrogates_are_not_utf_8() -> None:
    with pytest.raises(ProblemError) as caught:
        parse_json(b'{"name": "\xed\xa0\x80"}')
    assert "UTF-8" in caught.value.body()["detail"]


def test_fingerprints_ignore_key_order_and_number_spelling() -> None:
    first = parse_json(b'{"amount": 10, "payer": {"name": "A", "document": "1"}, "x": [1.50]}')
    second = parse_json(b'{"x": [1.5], "payer": {"document": "1", "name": "A"}, "amount": 1E1}')
    assert fingerprint("POST", "/cash-in", first) == fingerprint("POST", "/cash-in", second)


@pytest.mark.parametrize(
    "other",
    [
        b'{"amount": 10.01}',
        b'{"amount": "10"}',
        b'{"amount": -10}',
        b'{"amount": 10, "extra": null}',
        b'{"Amount": 10}',
        b'{"amount": [10]}',
        b'{"amount": 100}',
        b'{"amount": 1}',
    ],
)
def test_fingerprints_tell_different_bodies_apart(other: bytes) -> None:
    base = fingerprint("POST", "/cash-out", parse_json(b'{"amount": 10}'))
    assert fingerprint("POST", "/cash-out", parse_json(other)) != base
    assert fingerprint("POST", "/cash-in", parse_json(b'{"amount": 10}')) != base


def test_huge_exponents_stay_compact() -> None:
    assert fingerprint(parse_json(b"[1E+999999]")) == fingerprint(parse_json(b"[10E+999998]"))
    assert fingerprint(parse_json(b"[0.000]")) == fingerprint(parse_json(b"[0]"))
