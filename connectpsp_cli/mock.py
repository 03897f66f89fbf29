"""``connectpsp mock [options]``: the mock server (the options of ``connectpsp-mock``)."""

from __future__ import annotations

import click

from connectpsp_mock.__main__ import build_parser
from connectpsp_mock.__main__ import main as mock_main


@click.command(
    "mock",
    context_settings={"ignore_unknown_options": True, "help_option_names": []},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def mock(args: tuple[str, ...]) -> None:
    """Run the local mock (same options as connectpsp-mock; --help lists them)."""
    if "-h" in args or "--help" in args:
        raise SystemExit(mock_main(list(args)))
    known, _ = build_parser().parse_known_args(list(args))
    if known.port:
        root = f"http://{known.host}:{known.port}"
        click.echo(f"Mock API:   {root}   (export CONNECTPSP_BASE_URL={root})", err=True)
        click.echo(f"Dashboard:  {root}/_mock/dashboard", err=True)
    raise SystemExit(mock_main(list(args)))
