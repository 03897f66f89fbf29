"""The cash-in QR image is a real PNG that a QR reader decodes to exactly the BR Code (D-80).

The PNG is decoded with pypng (pure Python, shares no code with the mock's zlib writer) and the QR
with zxing-cpp's reader; the cash-ins come from the running mock, so the test covers the wire too.
"""

from __future__ import annotations

import base64
import random
import string
from decimal import Decimal

import png
import pytest
import zxingcpp

from connectpsp_mock.pixcode import QR_SCALE, copy_and_paste, qr_png

from .helpers import Api


def read_qr(image: bytes) -> zxingcpp.Barcode:
    """PNG bytes -> the one QR code in it (via an 8-bit greyscale buffer)."""
    width, height, rows, info = png.Reader(bytes=image).asDirect()
    assert info["greyscale"] and not info["alpha"]
    top = 2 ** info["bitdepth"] - 1
    pixels = bytearray()
    for row in rows:
        pixels += bytes(255 if value == top else 0 for value in row)
    assert len(pixels) == width * height
    found = zxingcpp.read_barcodes(
        memoryview(bytes(pixels)).cast("B", (height, width)),
        formats=zxingcpp.BarcodeFormat.QRCode,
        try_invert=False,  # dark modules must be dark
    )
    assert len(found) == 1, f"expected one QR code, found {len(found)}"
    return found[0]


def decode_qr(image: bytes) -> str:
    """PNG bytes -> the text of the one QR code in it."""
    return str(read_qr(image).text)


def test_the_201_png_decodes_to_exactly_the_copy_and_paste_code(api: Api) -> None:
    response = api.create_cash_in(amount=1234.56)
    assert response.status_code == 201, response.text
    pix = response.json()["pixData"]
    image = base64.b64decode(pix["qrCodeImageBase64"], validate=True)
    assert decode_qr(image) == pix["copyAndPaste"]


def test_a_replayed_201_carries_the_same_image(api: Api) -> None:
    key = "0b7f64d4-0d4c-4bd4-9a59-0f0c1f9b3f11"
    first = api.create_cash_in(key, externalReference="qr-replay")
    second = api.create_cash_in(key, externalReference="qr-replay")
    assert first.status_code == second.status_code == 201
    assert second.content == first.content
    image = base64.b64decode(second.json()["pixData"]["qrCodeImageBase64"])
    assert decode_qr(image) == second.json()["pixData"]["copyAndPaste"]


def test_the_stored_cash_in_keeps_no_image(api: Api) -> None:
    created = api.create_cash_in().json()
    stored = api.mock.store.find_cash_in(created["transactionId"])
    assert stored is not None
    assert not hasattr(stored, "qr_code_png_base64")
    assert stored.copy_and_paste == created["pixData"]["copyAndPaste"]


@pytest.mark.parametrize("seed", range(3))
def test_many_codes_round_trip_with_the_fixed_mask(seed: int) -> None:
    """Amounts and txids of every length the mock draws; each image decodes to its own text."""
    rng = random.Random(seed)
    for _ in range(15):
        amount = Decimal(rng.randint(1, 10**9)) / 100
        txid = "".join(rng.choices(string.ascii_uppercase + string.digits, k=rng.randint(1, 25)))
        text = copy_and_paste(amount, txid)
        image = qr_png(text)
        assert decode_qr(image) == text


def test_the_code_uses_error_correction_l_and_the_fixed_mask_in_byte_exact_text() -> None:
    """D-108: level L; the reader sees plain text (no ECI header) equal to the BR Code."""
    text = copy_and_paste(Decimal("99999.99"), "Z" * 25)
    found = read_qr(qr_png(text))
    assert found.ec_level == "L"
    assert found.bytes == text.encode("ascii")
    assert found.symbology_identifier == "]Q1"  # QR model 2, no ECI, no GS1


def test_the_image_is_a_one_bit_png_scaled_with_a_quiet_zone() -> None:
    text = copy_and_paste(Decimal("150.50"), "ABC1234")
    width, height, rows, info = png.Reader(bytes=qr_png(text)).asDirect()
    assert width == height and width % QR_SCALE == 0
    assert info["bitdepth"] == 1
    pixels = [list(row) for row in rows]
    quiet = 4 * QR_SCALE
    assert all(value == 1 for row in pixels[:quiet] for value in row)  # light border
    assert pixels[quiet][quiet] == 0  # the finder pattern's dark corner
