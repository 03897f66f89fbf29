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

# Pixels per module: 4, half a byte (the packing below relies on it). zxing-cpp
# adds the 4-module quiet zone, so a typical BR Code (version 8, 49 modules) becomes a 228 x 228
# image, as segno's scale=4, border=4 did.
QR_SCALE = 4
# ISO/IEC 18004 lets the encoder pick any of the 8 masks; choosing by penalty score costs ~0.45 ms
# (zxing-cpp) to ~10 ms (segno) and only matters for damaged prints, not for a screen image.
QR_DATA_MASK = 0
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# zxing-cpp modules are 0 (dark) or 255 (light); the 1-bit greyscale PNG wants 0 dark, 1 light.
# At 4 pixels per module a module is half a byte: a light module in the high half is 0xF0, in the
# low half 0x0F. Two translations and one big-integer OR pack a whole matrix (D-88).
_HIGH_NIBBLE = bytes(0xF0 if value > 127 else 0 for value in range(256))
_LOW_NIBBLE = bytes(0x0F if value > 127 else 0 for value in range(256))
_LIGHT_MODULE = b"\xff"
_FILTER_MODULES = b"\x00\x00"
# Level 1: ~20 us instead of ~100 us (level 6) for ~150 more bytes of PNG.
_ZLIB_LEVEL = 1


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
    return qr_png_from_barcode(barcode)


def qr_png_from_barcode(barcode: zxingcpp.Barcode) -> bytes:
    """The PNG of an encoded QR code: QR_SCALE pixels per module, 1 bit per pixel."""
    modules = barcode.to_image(scale=1)  # one byte per module, quiet zone included
    height, width = (int(n) for n in modules.shape)
    # The image supports the buffer protocol; its type stub does not say so.
    raw = bytes(cast(Any, modules))
    # Each row gets two dark modules in front, which pack into the scanline's filter byte (0,
    # "none"), and, as QR widths are odd, one light module after, whose pixels are the unused low
    # bits of the scanline's last byte (PNG 2.3.5). So each packed row is a whole scanline.
    padded = b"".join(
        [
            _FILTER_MODULES + raw[start : start + width] + _LIGHT_MODULE
            for start in range(0, len(raw), width)
        ]
        if width % 2
        else [_FILTER_MODULES + raw[start : start + width] for start in range(0, len(raw), width)]
    )
    packed_int = int.from_bytes(padded[0::2].translate(_HIGH_NIBBLE), "big") | int.from_bytes(
        padded[1::2].translate(_LOW_NIBBLE), "big"
    )
    packed = packed_int.to_bytes(len(padded) // 2, "big")
    line = len(packed) // height
    # Each row of modules is QR_SCALE identical scanlines.
    scanlines = b"".join(
        [packed[start : start + line] * QR_SCALE for start in range(0, len(packed), line)]
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
