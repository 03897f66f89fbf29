"""bench.progress: a live bar with counts and ETA for a person at a terminal, one summary line in
CI or when the output is not a terminal."""

from __future__ import annotations

import io
import threading

import pytest

from bench.progress import progress_bar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _count_from_threads(advance: object, threads: int = 4, each: int = 250) -> None:
    workers = [
        threading.Thread(target=lambda: [advance() for _ in range(each)])  # type: ignore[operator]
        for _ in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def test_not_a_terminal_prints_one_summary_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    out = io.StringIO()
    with progress_bar("soak", 1000, stream=out) as advance:
        _count_from_threads(advance)
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("soak: 1,000/1,000 calls in ")


def test_ci_stays_quiet_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    out = Terminal()
    with progress_bar("bench async", 10, unit="requests", stream=out) as advance:
        advance(10)
    assert out.getvalue().splitlines() == [out.getvalue().strip()]
    assert "bench async: 10/10 requests in" in out.getvalue()
    assert "\x1b[" not in out.getvalue()  # no cursor movement, no colour


def test_a_terminal_gets_a_bar_with_counts_and_eta(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    out = Terminal()
    with progress_bar("soak", 1000, stream=out) as advance:
        _count_from_threads(advance)
    shown = out.getvalue()
    assert "1000/1000" in shown and "ETA" in shown and "━" in shown
    assert "calls in" not in shown  # the bar itself is the summary


def test_poll_reads_the_count_from_the_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    done: list[int] = []
    out = io.StringIO()
    with progress_bar("soak", 300, stream=out, poll=lambda: len(done)):
        _count_from_threads(lambda: done.append(1), threads=3, each=100)
    assert out.getvalue().startswith("soak: 300/300 calls in ")
