"""How the CLI prints: human text (documents masked, QR codes drawn) or ``--json`` for scripts.

Errors are one line on stderr, never a secret: the SDK's messages are already scrubbed, and
anything else goes through :func:`connectpsp_ext.redaction.scrub` too.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import click
import segno
from connectpsp_client.types import json_dumps

from connectpsp_ext.redaction import scrub

JSON_META_KEY = "connectpsp.json"  # ctx.meta flag: set by --json, read when reporting errors
_HIDDEN_IN_TEXT = {"qrCodeImageBase64", "copyAndPaste"}  # a PNG; the code is printed below


def json_option(command: Any) -> Any:
    """``--json``: machine-readable output (and errors as one JSON line)."""

    def remember(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
        if value:
            ctx.meta[JSON_META_KEY] = True
        return value

    return click.option(
        "--json",
        "as_json",
        is_flag=True,
        expose_value=True,
        callback=remember,
        help="Print JSON (one document) instead of text.",
    )(command)


def emit_json(value: Any) -> None:
    click.echo(json_dumps(value).decode("utf-8"))


def mask_document(value: str) -> str:
    """``12345678909`` -> ``***456789**``: enough to recognise, not enough to copy."""
    if len(value) <= 5:
        return "*" * len(value)
    return "***" + value[3:-2] + "**"


def _flatten(prefix: str, value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key in _HIDDEN_IN_TEXT:
                continue
            yield from _flatten(f"{prefix}.{key}" if prefix else str(key), item)
    else:
        yield prefix, value


def _text(key: str, value: Any) -> str:
    if value is None:
        return "-"
    if key.rsplit(".", 1)[-1] == "document" and isinstance(value, str):
        return mask_document(value)
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    return str(value)


def emit_fields(
    title: str, data: Mapping[str, Any], extra: Mapping[str, Any] | None = None
) -> None:
    """A title and one ``key  value`` line per (flattened) field."""
    rows = list(_flatten("", data)) + list((extra or {}).items())
    width = max((len(key) for key, _ in rows), default=0)
    click.echo(click.style(title, bold=True))
    for key, value in rows:
        click.echo(f"  {key.ljust(width)}  {_text(key, value)}")


def qr_text(payload: str) -> str:
    """The QR code of ``payload`` drawn with half-block characters (two rows per line)."""
    out = io.StringIO()
    segno.make(payload, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


_WHITESPACE = re.compile(r"\s+")


def one_line(text: str) -> str:
    """Scrubbed and on one line, whatever a server or a library put into it."""
    return _WHITESPACE.sub(" ", scrub(text)).strip()
