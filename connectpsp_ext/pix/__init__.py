"""PIX domain helpers: CPF/CNPJ, PIX keys, end-to-end ids and BR Codes.

Shared by the client (to reject bad input before sending), the mock (to validate requests and build
``pixData.copyAndPaste``) and the tests. Errors derive from :class:`PixValidationError` (a
``ValueError``) and never quote the offending document or key.

The names below are the ones ``docs/pix.md`` teaches (and the types their functions return); the
submodules (``documents``, ``keys``, ``e2e``, ``brcode``, ``errors``) hold the building blocks
behind them, e.g. ``connectpsp_ext.pix.documents.generate_cpf`` for test data.
"""

from .brcode import BRCode, build_brcode, parse_brcode
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
from .e2e import EndToEndId, is_valid_end_to_end_id, parse_end_to_end_id
from .errors import (
    InvalidBRCode,
    InvalidDocument,
    InvalidEndToEndId,
    InvalidPixKey,
    PixValidationError,
)
from .keys import detect_pix_key_type, validate_pix_key

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
