"""Scanned copies of a text PDF, made on the fly: pages rendered, degraded like a scan, saved as images.

A scan is imitated the way the measurements in docs/ocr.md were made: 200 dpi, grey, turned 0.5°,
Gaussian noise, JPEG quality 60. Nothing binary is committed; the tests and ``benchmarks/ocr.py`` make
what they need from ``tests/fixtures/huaian-2024.pdf``.
"""

from __future__ import annotations

import io
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "huaian-2024.pdf"
DPI = 200


def render(pdf: Path | bytes, page: int, dpi: int = DPI):
    """Page ``page`` (1-based) of a PDF as a grey PIL image."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        return doc[page - 1].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        doc.close()


def degrade(image, *, angle: float = 0.5, noise: float = 8.0, quality: int = 60, seed: int = 1):
    """``image`` as a poor scan: turned by ``angle`` degrees, with noise, through JPEG at ``quality``."""
    import numpy as np
    from PIL import Image

    turned = image.convert("L").rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    rng = np.random.default_rng(seed)
    pixels = np.asarray(turned, dtype=np.float32) + rng.normal(0, noise, turned.size[::-1])
    noisy = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer)


def image_pdf(images, dpi: int = DPI) -> bytes:
    """An image-only PDF (no text layer) of the given pages."""
    buffer = io.BytesIO()
    first, *rest = [im.convert("L") for im in images]
    first.save(buffer, "PDF", save_all=True, append_images=rest, resolution=dpi)
    return buffer.getvalue()


def erase_lines(image):
    """``image`` with its ruling lines painted white: a table drawn without lines (needs the ocr extra)."""
    import cv2
    import numpy as np
    from PIL import Image

    from gklint.read.ocr_cells import _binary, _lines

    grey = np.asarray(image.convert("L")).copy()
    bw = _binary(grey)
    mask = cv2.dilate(cv2.bitwise_or(_lines(bw, True), _lines(bw, False)), np.ones((5, 5), np.uint8))
    grey[mask > 0] = 255
    return Image.fromarray(grey)


def scanned_pages(pages: list[int], *, lines: bool = True, **degradation) -> list:
    """The fixture's pages rendered and degraded (``lines=False``: their tables' ruling lines erased first)."""
    return [degrade(render(FIXTURE, p) if lines else erase_lines(render(FIXTURE, p)), **degradation) for p in pages]


def draw_over(image, box: tuple[float, float, float, float], text: str, dpi: int = DPI):
    """``image`` with the area ``box`` (points, as in ``Source.box``) painted white and ``text`` written
    in its place (a digit changed on the page)."""
    from PIL import ImageDraw, ImageFont

    k = dpi / 72
    x0, top, x1, bottom = (v * k for v in box)
    out = image.convert("L").copy()
    draw = ImageDraw.Draw(out)
    draw.rectangle((x0 - 2, top - 2, x1 + 2, bottom + 2), fill=255)
    size = int((bottom - top) * 0.8)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        font = ImageFont.load_default(size=size)
    draw.text(((x0 + x1) / 2, (top + bottom) / 2), text, fill=0, font=font, anchor="mm")
    return out
