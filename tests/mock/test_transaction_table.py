"""The one bounded table behind both cash-ins and cash-outs (D-84), tested on its own: lookups by
every id, the externalReference set, and what forgetting the oldest releases."""

from __future__ import annotations

from dataclasses import dataclass

from connectpsp_mock.transaction_table import TransactionTable


@dataclass
class Row:
    transaction_id: str
    internal_code: str
    external_reference: str
    end_to_end_id: str | None = None
    original_end_to_end_id: str | None = None


def row(n: int) -> Row:
    return Row(f"tx-{n}", f"IC{n}", f"ref-{n}")


def test_a_transaction_is_found_by_every_id_it_has_once_saved() -> None:
    table: TransactionTable[Row] = TransactionTable(limit=3)
    first = row(1)
    assert table.add(first) is None
    assert table.find("tx-1") is first and table.find("IC1") is first
    assert table.find("E2E-1") is None
    first.end_to_end_id = "E2E-1"
    assert table.find("E2E-1") is None  # not until the change is saved
    table.save(first)
    first.original_end_to_end_id, first.end_to_end_id = "E2E-1", "D2E-1"
    table.save(first)
    assert table.find("E2E-1") is first and table.find("D2E-1") is first
    assert table.reference_taken("ref-1") and not table.reference_taken("ref-2")


def test_past_the_limit_the_oldest_is_forgotten_with_its_ids_and_reference() -> None:
    table: TransactionTable[Row] = TransactionTable(limit=2)
    rows = [row(n) for n in range(3)]
    rows[0].end_to_end_id = "E2E-0"
    assert table.add(rows[0]) is None
    assert table.add(rows[1]) is None
    assert table.add(rows[2]) is rows[0]
    assert table.all() == rows[1:]
    for alias in ("tx-0", "IC0", "E2E-0"):
        assert table.find(alias) is None
    assert not table.reference_taken("ref-0")
    assert table.reference_taken("ref-1") and table.reference_taken("ref-2")


def test_a_forgotten_transaction_saved_later_stays_forgotten() -> None:
    """A settlement task may still hold a transaction the limit forgot (it stays PROCESSING)."""
    table: TransactionTable[Row] = TransactionTable(limit=1)
    held, newer = row(1), row(2)
    table.add(held)
    assert table.add(newer) is held
    held.end_to_end_id = "E2E-1"
    table.save(held)
    assert table.find("E2E-1") is None and table.find("tx-1") is None
    assert table.all() == [newer]
