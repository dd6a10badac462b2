"""The OCR model (RapidOCR, PP-OCRv4 Chinese, ONNX Runtime): loaded lazily, once per process, offline.

RapidOCR ships its models inside the wheel (``pip install 'gklint[ocr]'``); nothing is downloaded. The
settings are the ones measured on a 200 dpi degraded scan of a real report (docs/ocr.md):

- ``max_side_len`` 3000: RapidOCR shrinks a larger image first, and a 200 dpi A4 page (1654 × 2339) shrunk
  to the default 2000 loses the lone one-digit cells of table 三;
- ``box_thresh`` 0.3 and ``unclip_ratio`` 2.0: a lone "0" or "1" in a wide cell is a small, faint
  detection; the defaults (0.5, 1.6) drop about a quarter of them;
- no angle classifier: a report page is upright (a scan is at most slightly skewed), and the classifier
  turns some digits upside down (6 -> 9);
- ``text_score`` 0.3: readings down to this confidence are kept, so that a doubtful cell is seen as
  doubtful (``LOW_CONFIDENCE``) and proof-read against the table's totals, not silently dropped.

In a batch each worker process loads its own model on its first scanned page (about 1.2 GB of memory):
``allow_memory`` lets that worker's address-space limit grow by ``Limits.ocr_memory`` for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from gklint.read.errors import ReadError

MAX_SIDE = 3000
BOX_THRESH = 0.3
UNCLIP_RATIO = 2.0
TEXT_SCORE = 0.3
LOW_CONFIDENCE = 0.8  # a reading below this is doubtful: the table's totals decide, when they can

INSTALL_HINT = "请安装文字识别组件后重试：pip install 'gklint[ocr]'"

_ENGINE = None  # one model per process
_MEMORY_RAISED = False


@dataclass(frozen=True)
class Box:
    """One piece of text OCR found: its text, its box (x0, top, x1, bottom, in the page's units) and confidence."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float
    slope: float = 0.0  # of the box's top edge (dy/dx): a line of text tilted with the page

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


@cache
def available() -> bool:
    """Is the OCR extra installed and importable? (OpenCV's GUI build, which RapidOCR depends on, fails to
    import on a server without libGL: then OCR is unavailable, said plainly, not a traceback.) Asked only
    when a page without a text layer is met; the model itself is loaded later."""
    try:
        import cv2  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except Exception:  # ImportError, or OSError from a missing shared library
        return False
    return True


def require(path: str, what: str) -> None:
    """ReadError naming ``what`` could not be read and how to install OCR, when the extra is missing."""
    if not available():
        raise ReadError(path, f"{what}；{INSTALL_HINT}")


def allow_memory(extra: int) -> None:
    """Let this process's address-space limit (set by a batch worker, ``RLIMIT_AS``) grow by ``extra``
    bytes, once: the model and its buffers need about 1.5 GB of address space."""
    global _MEMORY_RAISED
    if _MEMORY_RAISED:
        return
    _MEMORY_RAISED = True
    try:
        import resource
    except ImportError:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return
    new = soft + extra if hard == resource.RLIM_INFINITY else min(hard, soft + extra)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (new, hard))
    except (ValueError, OSError):
        pass


def engine():
    """The process's RapidOCR model, loaded on first use."""
    global _ENGINE
    if _ENGINE is None:
        import logging

        from rapidocr_onnxruntime import RapidOCR

        _ENGINE = RapidOCR(max_side_len=MAX_SIDE, use_cls=False, text_score=TEXT_SCORE,
                           det_box_thresh=BOX_THRESH, det_unclip_ratio=UNCLIP_RATIO)
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return _ENGINE


def read_image(image, scale: float = 1.0) -> list[Box]:
    """The text boxes OCR finds on ``image`` (a numpy array, RGB or grey), in the image's pixels times
    ``scale`` (pixels -> page units)."""
    import numpy as np

    array = np.asarray(image)
    if array.ndim == 2:
        array = np.stack([array] * 3, axis=-1)
    result, _ = engine()(array, use_cls=False, box_thresh=BOX_THRESH, unclip_ratio=UNCLIP_RATIO,
                         text_score=TEXT_SCORE)
    boxes = []
    for quad, text, score in result or ():
        text = str(text).strip()
        if not text:
            continue
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        dx = xs[1] - xs[0]
        boxes.append(Box(text, min(xs) * scale, min(ys) * scale, max(xs) * scale, max(ys) * scale,
                         round(float(score), 3), (ys[1] - ys[0]) / dx if dx > 0 else 0.0))
    return boxes


def straighten(boxes: list[Box], centre: tuple[float, float]) -> list[Box]:
    """Boxes turned back by the tilt their long lines of text show (a page without ruling lines to
    measure it on): each box's middle is rotated about ``centre``, so rows of a table line up again."""
    import math
    import statistics

    slopes = [b.slope for b in boxes if b.x1 - b.x0 > 6 * b.height]
    if len(slopes) < 3:
        return boxes
    angle = math.atan(statistics.median(slopes))
    if abs(math.degrees(angle)) < 0.05 or abs(math.degrees(angle)) > 5:
        return boxes
    cos, sin = math.cos(-angle), math.sin(-angle)
    out = []
    for b in boxes:
        mx, my = (b.x0 + b.x1) / 2 - centre[0], b.middle - centre[1]
        nx, ny = centre[0] + mx * cos - my * sin, centre[1] + mx * sin + my * cos
        dx, dy = nx - (b.x0 + b.x1) / 2, ny - b.middle
        out.append(Box(b.text, b.x0 + dx, b.top + dy, b.x1 + dx, b.bottom + dy, b.confidence, 0.0))
    return out
