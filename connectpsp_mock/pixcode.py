"""The cash-in "Copia e Cola" BR Code (via ``connectpsp_ext.pix``) and its PNG QR code (segno)."""

from __future__ import annotations

import base64
import io
from decimal import Decimal

import segno

from connectpsp_ext.pix import build_brcode

# The mock merchant's own PIX key (a fixed EVP); a payer's app would resolve it to the mock.
MERCHANT_PIX_KEY = "7d9f0335-8dcc-4054-9bf9-0dbd61d36906"
MERCHANT_NAME = "CONNECTPSP MOCK"
MERCHANT_CITY = "SAO PAULO"


def copy_and_paste(amount: Decimal, txid: str) -> str:
    """A valid single-use BR Code with the amount, the txid and the CRC16 (field 63)."""
    return build_brcode(
        pix_key=MERCHANT_PIX_KEY,
        amount=amount,
        merchant_name=MERCHANT_NAME,
        merchant_city=MERCHANT_CITY,
        txid=txid,
        dynamic=True,
    )


def qr_png_base64(text: str) -> str:
    """Base64 of a PNG QR code of ``text`` (no ``data:`` prefix, as in the docs)."""
    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=4, border=4)
    return base64.b64encode(buffer.getvalue()).decode("ascii")
