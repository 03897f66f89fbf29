"""What does not run is marked, visibly, and stays rare; every shell block that is meant to be
typed runs in a test."""

from __future__ import annotations

from .markdown_blocks import DEDICATED_PAGES, ILLUSTRATION_COMMENT, ROOT, all_blocks
from .sandbox import readme_setup_block
from .test_shell_blocks import curl_session, readme_commands

# Each illustration is a block that cannot run here (production configuration, a server that
# runs forever); keep the list short and say why in the block's first line.
MAX_ILLUSTRATIONS = 2  # README: the contributors' commands; webhooks.md: production wiring


def test_illustrations_say_so_in_their_first_line() -> None:
    unmarked = [
        str(b)
        for b in all_blocks()
        if b.is_illustration and not b.source.startswith(ILLUSTRATION_COMMENT)
    ]
    assert not unmarked, f"start these blocks with {ILLUSTRATION_COMMENT!r}: {unmarked}"


def test_illustrations_are_few() -> None:
    illustrations = [str(b) for b in all_blocks() if b.is_illustration]
    assert len(illustrations) <= MAX_ILLUSTRATIONS, illustrations


def test_every_shell_block_runs_in_a_test_or_is_an_illustration() -> None:
    run_here = {readme_setup_block(), curl_session(), *readme_commands()}
    loose = [
        str(b)
        for b in all_blocks()
        if b.is_shell
        and not b.is_illustration
        and b not in run_here
        and b.page not in DEDICATED_PAGES
    ]
    assert not loose, (
        f"run these in tests/docs, or mark them `notest` with {ILLUSTRATION_COMMENT!r} "
        f"(or show them as a `console` transcript): {loose}"
    )


def test_dedicated_runners_exist() -> None:
    for page, runner in DEDICATED_PAGES.items():
        if (ROOT / page).exists():
            assert (ROOT / runner).exists(), f"{page} says {runner} runs it"
            assert page.removeprefix("docs/") in (ROOT / runner).read_text()
