"""The cash-in QR code options side by side (issue 14 item 1, D-80): time per PNG of a typical
BR Code, interleaved so background load hits every option alike.

- segno, automatic mask (the mock before): pure Python, penalty scoring of all 8 masks;
- segno with a fixed mask: skips the scoring, still pure-Python encoding and PNG writing;
- zxing-cpp with automatic mask + the mock's PNG writer;
- zxing-cpp with a fixed mask + Pillow's PNG encoder (when Pillow is installed);
- zxing-cpp with a fixed mask + the mock's zlib PNG writer (what the mock uses).

Caching cannot help (every cash-in has its own txid, so every code is new; a replay is served from
the idempotency record) and a thread pool cannot either (the GIL: segno's 15-23 ms stay CPU time
of the same process, only moved off the loop's thread).
"""

from __future__ import annotations

import base64
import io
import statistics
import time
from collections.abc import Callable
from decimal import Decimal

import zxingcpp

from connectpsp_mock import pixcode

from .report import Row, verdict

TEXT = pixcode.copy_and_paste(Decimal("1234.56"), "AB12CD3")
CHOSEN = "zxing-cpp, fixed mask, error correction L (D-108) + zlib PNG (chosen)"
TARGET_US = 500.0  # "well under a millisecond"


def _zxing_png(text: str, mask: int | None) -> bytes:
    if mask is None:
        barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
        return pixcode.qr_png_from_barcode(barcode)
    return pixcode.qr_png(text)


def options() -> dict[str, Callable[[], object]]:
    found: dict[str, Callable[[], object]] = {}
    try:
        import segno

        def segno_png(mask: int | None) -> bytes:
            buffer = io.BytesIO()
            segno.make(TEXT, error="m", micro=False, mask=mask).save(
                buffer, kind="png", scale=4, border=4
            )
            return buffer.getvalue()

        found["segno, automatic mask (before)"] = lambda: segno_png(None)
        found["segno, fixed mask"] = lambda: segno_png(0)
    except ImportError:
        pass
    found["zxing-cpp, automatic mask + zlib PNG"] = lambda: _zxing_png(TEXT, None)
    try:
        from PIL import Image

        def pillow_png() -> bytes:
            barcode = zxingcpp.create_barcode(
                TEXT, zxingcpp.BarcodeFormat.QRCode, ec_level="M", data_mask=0
            )
            modules = barcode.to_image(scale=4)
            height, width = modules.shape
            image = Image.frombuffer("L", (width, height), modules, "raw", "L", 0, 1)
            buffer = io.BytesIO()
            image.convert("1", dither=Image.Dither.NONE).save(buffer, format="PNG")
            return buffer.getvalue()

        found["zxing-cpp, fixed mask + Pillow PNG"] = pillow_png
    except ImportError:
        pass
    found["zxing-cpp, fixed mask, error correction M + zlib PNG (D-80)"] = lambda: base64.b64encode(
        pixcode.qr_png_from_barcode(
            zxingcpp.create_barcode(TEXT, zxingcpp.BarcodeFormat.QRCode, ec_level="M", data_mask=0)
        )
    )
    found[CHOSEN] = lambda: base64.b64encode(pixcode.qr_png(TEXT))
    return found


def qr_options(budget_s: float = 6.0) -> list[Row]:
    """Each option in turn, repeatedly, until ``budget_s`` is spent; median time per PNG."""
    candidates = options()
    samples: dict[str, list[float]] = {name: [] for name in candidates}
    deadline = time.perf_counter() + budget_s
    while time.perf_counter() < deadline or min(len(v) for v in samples.values()) < 3:
        for name, make in candidates.items():
            started = time.perf_counter()
            make()
            samples[name].append((time.perf_counter() - started) * 1e6)
    chosen = statistics.median(samples[CHOSEN])
    rows = []
    for name, values in samples.items():
        median = statistics.median(values)
        is_chosen = name.endswith("(chosen)")
        rows.append(
            Row(
                name=f"QR PNG: {name}",
                subject=f"{median:,.0f} us per code",
                baseline="" if is_chosen else f"chosen {chosen:,.0f} us",
                ratio=median / chosen if chosen else None,
                target=f"<= {TARGET_US:.0f} us" if is_chosen else "",
                verdict=verdict(median <= TARGET_US) if is_chosen else "",
                note=f"{len(values)} codes, min {min(values):,.0f} us",
                details={"median_us": round(median, 1), "min_us": round(min(values), 1)},
            )
        )
    return rows
