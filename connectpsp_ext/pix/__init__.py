"""PIX domain helpers: CPF/CNPJ, PIX keys, end-to-end ids and BR Codes.

Shared by the client (to reject bad input before sending), the mock (to validate requests and build
``pixData.copyAndPaste``) and the tests. Errors derive from :class:`PixValidationError` (a
``ValueError``) and never quote the offending document or key.

The names below are the ones ``docs/pix.md`` teaches (and the types their functions return); the
submodules (``documents``, ``keys``, ``e2e``, ``brcode``, ``errors``) hold the building blocks
behind them, e.g. ``connectpsp_ext.pix.documents.generate_cpf`` for test data.

The client imports this package to check documents and keys; the BR Code and end-to-end id names
are imported on first use, as the client never needs them (D-57).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .documents import (
    document_problem,
    format_document,
    is_valid_cnpj,
    is_valid_cpf,
    is_valid_document,
    mask_document,
    normalize_document,
    validate_cnpj,
    validate_cpf,
    validate_document,
)
from .errors import (
    InvalidBRCode,
    InvalidDocument,
    InvalidEndToEndId,
    InvalidPixKey,
    PixValidationError,
)
from .keys import detect_pix_key_type, validate_pix_key

if TYPE_CHECKING:
    from .brcode import BRCode, build_brcode, parse_brcode
    from .e2e import EndToEndId, is_valid_end_to_end_id, parse_end_to_end_id

_LAZY = {
    "BRCode": ".brcode",
    "build_brcode": ".brcode",
    "parse_brcode": ".brcode",
    "EndToEndId": ".e2e",
    "is_valid_end_to_end_id": ".e2e",
    "parse_end_to_end_id": ".e2e",
}

__all__ = [
    "BRCode",
    "EndToEndId",
    "InvalidBRCode",
    "InvalidDocument",
    "InvalidEndToEndId",
    "InvalidPixKey",
    "PixValidationError",
    "build_brcode",
    "detect_pix_key_type",
    "document_problem",
    "format_document",
    "is_valid_cnpj",
    "is_valid_cpf",
    "is_valid_document",
    "is_valid_end_to_end_id",
    "mask_document",
    "normalize_document",
    "parse_brcode",
    "parse_end_to_end_id",
    "validate_cnpj",
    "validate_cpf",
    "validate_document",
    "validate_pix_key",
]


# Hidden from type checkers, so that a misspelt name stays an error there.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        from importlib import import_module

        if f".{name}" in _LAZY.values():  # the submodule itself, e.g. ``pix.brcode``
            return import_module(f".{name}", __name__)
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(import_module(module, __name__), name)
        globals()[name] = value  # from now on a plain module attribute
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})
