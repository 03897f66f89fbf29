"""Typed validation errors of the PIX helpers.

Messages say what is wrong, never the offending value: documents and PIX keys are personal data and
these messages end up in logs and in problem+json bodies.
"""

from __future__ import annotations


class PixValidationError(ValueError):
    """Base of every PIX input error; a ``ValueError`` so generic handlers still catch it."""


class InvalidDocument(PixValidationError):
    """A CPF or CNPJ with the wrong shape or wrong check digits."""


class InvalidPixKey(PixValidationError):
    """A PIX key that does not match its declared (or any) key type."""


class InvalidEndToEndId(PixValidationError):
    """A malformed BACEN end-to-end id."""


class InvalidBRCode(PixValidationError):
    """A BR Code ("copia e cola") with bad structure, bad values or a CRC mismatch."""
