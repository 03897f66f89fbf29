"""PIX domain helpers: CPF/CNPJ, PIX keys, end-to-end ids and BR Codes.

Shared by the client (to reject bad input before sending), the mock (to validate requests and build
``pixData.copyAndPaste``) and the tests. Errors derive from :class:`PixValidationError` (a
``ValueError``) and never quote the offending document or key.
"""

from .brcode import (
    PIX_GUI,
    BRCode,
    ascii_fold,
    brcode_crc,
    build_brcode,
    crc16_ccitt,
    format_amount,
    parse_brcode,
    parse_tlv,
)
from .documents import (
    cnpj_check_digits,
    cnpj_problem,
    cpf_check_digits,
    cpf_problem,
    document_problem,
    format_cnpj,
    format_cpf,
    format_document,
    generate_cnpj,
    generate_cpf,
    is_valid_cnpj,
    is_valid_cpf,
    is_valid_document,
    mask_document,
    normalize_document,
    validate_cnpj,
    validate_cpf,
    validate_document,
)
from .e2e import (
    EndToEndId,
    end_to_end_id_from_parts,
    is_valid_end_to_end_id,
    new_end_to_end_id,
    parse_end_to_end_id,
)
from .errors import (
    InvalidBRCode,
    InvalidDocument,
    InvalidEndToEndId,
    InvalidPixKey,
    PixValidationError,
)
from .keys import (
    PixKeyType,
    detect_pix_key_type,
    is_valid_pix_key,
    normalize_pix_key,
    validate_pix_key,
)

__all__ = [
    "PIX_GUI",
    "BRCode",
    "EndToEndId",
    "InvalidBRCode",
    "InvalidDocument",
    "InvalidEndToEndId",
    "InvalidPixKey",
    "PixKeyType",
    "PixValidationError",
    "ascii_fold",
    "brcode_crc",
    "build_brcode",
    "cnpj_check_digits",
    "cnpj_problem",
    "cpf_check_digits",
    "cpf_problem",
    "crc16_ccitt",
    "detect_pix_key_type",
    "document_problem",
    "end_to_end_id_from_parts",
    "format_amount",
    "format_cnpj",
    "format_cpf",
    "format_document",
    "generate_cnpj",
    "generate_cpf",
    "is_valid_cnpj",
    "is_valid_cpf",
    "is_valid_document",
    "is_valid_end_to_end_id",
    "is_valid_pix_key",
    "mask_document",
    "new_end_to_end_id",
    "normalize_document",
    "normalize_pix_key",
    "parse_brcode",
    "parse_end_to_end_id",
    "parse_tlv",
    "validate_cnpj",
    "validate_cpf",
    "validate_document",
    "validate_pix_key",
]
