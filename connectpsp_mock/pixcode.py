"""The cash-in "Copia e Cola" BR Code (via ``connectpsp_ext.pix``) and its PNG QR code.

The QR matrix comes from zxing-cpp (compiled) with a fixed data mask, and the PNG is written here
with ``zlib``: about 0.1-0.2 ms per code instead of 15-23 ms with segno, whose pure-Python mask
selection blocked the event loop on every cash-in (D-80 says why, ``bench/qr.py`` measures it).
"""

from __future__ import annotations

import base64
import struct
import zlib
from decimal import Decimal
from typing import Any, cast

import zxingcpp

from connectpsp_ext.pix import build_brcode

# The mock merchant's own PIX key (a fixed EVP); a payer's app would resolve it to the mock.
MERCHANT_PIX_KEY = "7d9f0335-8dcc-4054-9bf9-0dbd61d36906"
MERCHANT_NAME = "CONNECTPSP MOCK"
MERCHANT_CITY = "SAO PAULO"

# Pixels per module. zxing-cpp adds the 4-module quiet zone, so a typical BR Code (version 8,
# 49 modules) becomes a 228 x 228 image, as segno's scale=4, border=4 did before.
QR_SCALE = 4
# ISO/IEC 18004 lets the encoder pick any of the 8 masks; choosing by penalty score costs ~0.45 ms
# (zxing-cpp) to ~10 ms (segno) and only matters for damaged prints, not for a screen image.
QR_DATA_MASK = 0
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_SCANLINE_FILTER_NONE = b"\x00"
# zxing-cpp pixels are 0 (dark) or 255 (light); a 1-bit greyscale PNG wants 0 dark, 1 light.
_TO_BIT_CHAR = bytes(ord("1") if value > 127 else ord("0") for value in range(256))


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


def qr_png(text: str) -> bytes:
    """A 1-bit greyscale PNG of the QR code of ``text`` (error correction M, quiet zone 4)."""
    barcode = zxingcpp.create_barcode(
        text, zxingcpp.BarcodeFormat.QRCode, ec_level="M", data_mask=QR_DATA_MASK
    )
    modules = barcode.to_image(scale=1)  # one byte per module, quiet zone included
    height, width = (int(n) for n in modules.shape)
    # The image supports the buffer protocol; its type stub does not say so.
    bits = bytes(cast(Any, modules)).translate(_TO_BIT_CHAR)
    pixels_wide = width * QR_SCALE
    padding = -pixels_wide % 8  # scanlines end on a byte boundary: pad with light pixels
    row_bytes = (pixels_wide + padding) // 8
    scanlines = []
    for y in range(height):
        row = bits[y * width : (y + 1) * width]
        # Widen every module to QR_SCALE pixels, then pack the bit string into bytes.
        wide = row.replace(b"0", b"0" * QR_SCALE).replace(b"1", b"1" * QR_SCALE)
        packed = int(wide + b"1" * padding, 2).to_bytes(row_bytes, "big")
        scanlines.append((_SCANLINE_FILTER_NONE + packed) * QR_SCALE)
    header = struct.pack(">IIBBBBB", pixels_wide, height * QR_SCALE, 1, 0, 0, 0, 0)
    return b"".join(
        (
            _PNG_SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(b"".join(scanlines), 6)),
            _chunk(b"IEND", b""),
        )
    )


def qr_png_base64(text: str) -> str:
    """Base64 of :func:`qr_png` (no ``data:`` prefix, as in the docs)."""
    return base64.b64encode(qr_png(text)).decode("ascii")


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC-32 of type + data (PNG spec, section 5.3)."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
