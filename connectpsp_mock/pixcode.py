"""The cash-in "Copia e Cola" BR Code (via ``connectpsp_ext.pix``) and its PNG QR code.

The QR matrix comes from zxing-cpp (compiled) with a fixed data mask, and the PNG is written here
with ``zlib``: about 0.1-0.2 ms per code instead of 15-23 ms with segno, whose pure-Python mask
selection blocked the event loop on every cash-in (D-80 says why, ``bench/qr.py`` measures it).
"""

from __future__ import annotations

import base64
import binascii
import struct
import zlib
from decimal import Decimal
from typing import Any, cast

import zxingcpp

from connectpsp_ext.pix.brcode import brcode_builder

# The mock merchant's own PIX key (a fixed EVP); a payer's app would resolve it to the mock.
MERCHANT_PIX_KEY = "7d9f0335-8dcc-4054-9bf9-0dbd61d36906"
MERCHANT_NAME = "CONNECTPSP MOCK"
MERCHANT_CITY = "SAO PAULO"
# The merchant's fields are the same in every code: checked and encoded once (D-107).
_MERCHANT_BRCODE = brcode_builder(
    pix_key=MERCHANT_PIX_KEY, merchant_name=MERCHANT_NAME, merchant_city=MERCHANT_CITY, dynamic=True
)

# Pixels per module: 4, one hex digit (the packing below relies on it). zxing-cpp
# adds the 4-module quiet zone, so a mock BR Code (version 6 at level L, 41 modules) becomes a
# 196 x 196 image, as segno's scale=4, border=4 would make it.
QR_SCALE = 4
# ISO/IEC 18004 lets the encoder pick any of the 8 masks; choosing by penalty score costs ~0.45 ms
# (zxing-cpp) to ~10 ms (segno) and only matters for damaged prints, not for a screen image.
QR_DATA_MASK = 0
# Error correction L (7 % of the symbol recoverable): a screen image is not scratched or folded,
# and L encodes a mock BR Code in one QR version less than M with less Reed-Solomon work, which
# makes the cash-in's QR cheaper (D-108).
QR_ERROR_CORRECTION = "L"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# zxing-cpp modules are 0 (dark) or 255 (light); the 1-bit greyscale PNG wants 0 dark, 1 light.
# At 4 pixels per module a module is one hex digit: dark "0", light "f". One translation and one
# ``binascii.unhexlify`` pack a whole image (D-107; D-88 used two translations and an integer OR).
_HEX_MODULE = bytes(ord("f") if value > 127 else ord("0") for value in range(256))
_FILTER_NONE = b"00"  # PNG filter type 0 for the first scanline of each row of modules
_FILTER_UP = b"02"  # type 2 ("Up"): a scanline equal to the one above is all zero bytes
# Level 1: ~20 us instead of ~100 us (level 6) for ~150 more bytes of PNG.
_ZLIB_LEVEL = 1


def copy_and_paste(amount: Decimal, txid: str) -> str:
    """A valid single-use BR Code with the amount, the txid and the CRC16 (field 63)."""
    return _MERCHANT_BRCODE(amount, txid)


def qr_png(text: str) -> bytes:
    """A 1-bit greyscale PNG of the QR code of ``text`` (error correction L, quiet zone 4)."""
    barcode = zxingcpp.create_barcode(
        text, zxingcpp.BarcodeFormat.QRCode, ec_level=QR_ERROR_CORRECTION, data_mask=QR_DATA_MASK
    )
    return qr_png_from_barcode(barcode)


def qr_png_from_barcode(barcode: zxingcpp.Barcode) -> bytes:
    """The PNG of an encoded QR code: QR_SCALE pixels per module, 1 bit per pixel."""
    modules = barcode.to_image(scale=1)  # one byte per module, quiet zone included
    height, width = (int(n) for n in modules.shape)
    # The image supports the buffer protocol; its type stub does not say so.
    digits = bytes(cast(Any, modules)).translate(_HEX_MODULE)
    # A scanline is its filter byte, then the row's modules, then, as QR widths are odd, one light
    # module whose pixels are the unused low bits of the last byte (PNG 2.3.5). Each row of
    # modules is QR_SCALE scanlines: the first one filtered "None", the copies below it "Up" (all
    # zero bytes after the filter byte: less for zlib to do, and a smaller PNG).
    line_bytes = 1 + (width + 1) // 2
    copies = (_FILTER_UP + b"00" * (line_bytes - 1)) * (QR_SCALE - 1)
    row_end = (b"f" if width % 2 else b"") + copies
    scanlines = binascii.unhexlify(
        _FILTER_NONE
        + (row_end + _FILTER_NONE).join(
            [digits[start : start + width] for start in range(0, len(digits), width)]
        )
        + row_end
    )
    header = struct.pack(">IIBBBBB", width * QR_SCALE, height * QR_SCALE, 1, 0, 0, 0, 0)
    return b"".join(
        (
            _PNG_SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(scanlines, _ZLIB_LEVEL)),
            _chunk(b"IEND", b""),
        )
    )


def qr_png_base64(text: str) -> str:
    """Base64 of :func:`qr_png` (no ``data:`` prefix, as in the docs)."""
    return base64.b64encode(qr_png(text)).decode("ascii")


def _chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk: length, type, data, CRC-32 of type + data (PNG spec, section 5.3)."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
