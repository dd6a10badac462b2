"""Scanned pages -> the lines and tables the PDF reader assembles: image-only PDF pages and page images, by OCR.

Needs the optional extra (``pip install 'gklint[ocr]'``: RapidOCR, OpenCV); without it a scanned file
is refused with a message saying so. Per page:

1. the page as a grey image: a PDF page rendered at ``Limits.ocr_dpi`` with pypdfium2, a PNG / JPEG /
   TIFF frame as decoded (its pixel count bounded before decoding);
2. the skew measured on the ruling lines and undone (``ocr_cells``);
3. OCR (``ocr_engine``): text boxes with their confidence;
4. each box becomes characters placed evenly over it, in page units (points: 1/72 inch), so the PDF
   reader's own steps take over unchanged: ruled tables from the cells the ruling lines enclose
   (``ocr_cells`` -> ``pdf_tables``), tables without lines from the gaps between boxes
   (``pdf_columns``), lines and paragraphs (``pdf_text``), running headers and page numbers, tables cut
   by a page break (``pdf_breaks``).

Every table cell keeps its page, its box (points, from the page's top left) and the lowest confidence of
the boxes read into it (``Source.box``, ``Source.confidence``); the table's totals proof-read it later
(``proofread``). Bounded: at most ``Limits.ocr_max_pages`` scanned pages, the reading deadline checked
before every page, and a page's pixels bounded (``MAX_PIXELS``) before it is rendered or decoded.
"""

from __future__ import annotations

import bisect
import io

from gklint.read import guards
from gklint.read.errors import ReadError
from gklint.read.ocr_engine import Box
from gklint.read.pdf_tables import Part, _cluster, _from_cells
from gklint.read.pdf_text import Line, group_lines

RED_MARGIN = 40  # a pixel whose red exceeds its green and blue by more than this is red ink
RED_PIXELS = 200  # fewer red pixels than this on a page: no seal, the page read as it is
MAX_PIXELS = 40_000_000  # a page image larger than this (an A4 page at 600 dpi is 35 MP) is refused
NO_TEXT = "PDF 没有文字层（可能是扫描件或图片），无法读取其中的文字和数字"
IMAGE = "图片文件需要文字识别（OCR）才能读取"


class Scanned:
    """What OCR read on one page: its lines (outside tables) and its tables, in points."""

    def __init__(self, number: int, height: float, lines: list[Line], tables: list[Part]):
        self.number, self.height, self.lines, self.tables = number, height, lines, tables


# --------------------------------------------------------------------------- pages -> images

def pdf_pages(path: str, data: bytes, numbers: list[int], limits: guards.Limits, deadline: guards.Deadline):
    """(page number, grey image as a numpy array, points per pixel) for the given 1-based PDF pages."""
    import numpy as np
    import pypdfium2 as pdfium

    _check_pages(path, len(numbers), limits)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReadError(path, f"PDF 文件已损坏，无法渲染扫描页面（{exc}）") from None
    try:
        for number in numbers:
            deadline.check(where=f"第{number}页")
            page = pdf[number - 1]
            width, height = page.get_size()
            scale = limits.ocr_dpi / 72
            if width * height * scale * scale > MAX_PIXELS:
                scale = (MAX_PIXELS / max(width * height, 1)) ** 0.5
            if scale * max(width, height) < 200:
                raise ReadError(path, "扫描页面过小，无法识别", where=f"第{number}页")
            grey = without_red(page.render(scale=scale).to_pil())
            if grey is None:  # no red ink: the grey rendering
                grey = np.asarray(page.render(scale=scale, grayscale=True).to_pil().convert("L"))
            page.close()
            yield number, grey, 1 / scale
    finally:
        pdf.close()


ANIMATED = frozenset({"GIF", "WEBP"})  # image formats whose frames are an animation (Pillow's names)


def image_frames(path: str, data: bytes, limits: guards.Limits, deadline: guards.Deadline, notes: list[str]):
    """(frame number, grey image, points per pixel) for every frame of a PNG / JPEG / TIFF / BMP, and for the first
    of a GIF or WebP (their frames are an animation, not pages: said in ``notes``)."""
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ReadError(path, f"图片已损坏，无法解析（{type(exc).__name__}）") from None
    frames = getattr(image, "n_frames", 1)
    if frames > 1 and image.format in ANIMATED:
        notes.append(f"{image.format} 动图共{frames}帧，只识别了第一帧")
        frames = 1
    _check_pages(path, frames, limits)
    for k in range(frames):
        deadline.check(where=f"第{k + 1}页")
        try:
            image.seek(k)
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ReadError(path, f"图片过大（{width}×{height} 像素，上限 {MAX_PIXELS // 1_000_000} 百万像素），拒绝读取",
                                where=f"第{k + 1}页")
            grey = without_red(image)
            if grey is None:
                grey = np.asarray(image.convert("L"))
        except ReadError:
            raise
        except (OSError, ValueError, EOFError, Image.DecompressionBombError) as exc:
            raise ReadError(path, f"图片已损坏，无法解析（{type(exc).__name__}）", where=f"第{k + 1}页") from None
        if min(width, height) < 200:
            raise ReadError(path, "图片过小，无法识别其中的文字", where=f"第{k + 1}页")
        dpi = image.info.get("dpi", (0, 0))[0] or 0
        # points per pixel: the image's resolution when it says one, else the page taken as A4 wide
        per_pixel = 72 / float(dpi) if dpi and 50 <= float(dpi) <= 1200 else 595 / width
        yield k + 1, grey, per_pixel


def without_red(image):
    """The page in grey with its red ink (a seal, 公章, stamped over a table) taken out, or None when the
    page has none. A pixel is red where its red channel exceeds both others by ``RED_MARGIN``; it is lightened
    by that excess, so the seal's red turns white while black digits under it (black stays black when a seal
    is stamped over it) and grey anti-aliasing keep their darkness. Red text of a report (a 红头 letterhead)
    goes too: it is never a table's figure."""
    import numpy as np

    if image.mode not in ("RGB", "RGBA", "P", "CMYK", "YCbCr"):
        return None
    rgb_image = image.convert("RGB")
    rgb = np.asarray(rgb_image, dtype=np.int16)
    red, rest = rgb[..., 0], np.maximum(rgb[..., 1], rgb[..., 2])
    excess = red - rest
    reddish = excess > RED_MARGIN
    if np.count_nonzero(reddish) < RED_PIXELS:
        return None
    grey = np.asarray(rgb_image.convert("L"), dtype=np.int16)
    return np.where(reddish, np.minimum(red + excess, 255), grey).astype(np.uint8)


def _check_pages(path: str, n: int, limits: guards.Limits) -> None:
    if n > limits.ocr_max_pages:
        raise ReadError(path, f"需要文字识别的扫描页过多（{n} 页，上限 {limits.ocr_max_pages} 页），拒绝读取")


# --------------------------------------------------------------------------- files

def read_pdf_pages(path: str, data: bytes, numbers: list[int], limits: guards.Limits,
                   deadline: guards.Deadline) -> list[Scanned]:
    """The given pages of a PDF (those without a text layer), read by OCR."""
    from gklint.read import ocr_engine

    ocr_engine.allow_memory(limits.ocr_memory)
    return [_timed(path, number, limits, read_page, number, grey, per_pixel)
            for number, grey, per_pixel in pdf_pages(path, data, numbers, limits, deadline)]


def _timed(path: str, number: int, limits: guards.Limits, read, *args) -> Scanned:
    """``read(*args)``, a ReadError when it took more than the page's budget (``ocr_page_seconds``) of CPU
    time per core this process may use (ONNX Runtime spreads a page over every core, so its CPU time is about
    the wall time times the cores on an idle machine): a machine busy with other work slows a page down without
    spending its budget, and a machine with many cores does not spend it faster."""
    import time

    started = time.process_time()
    page = read(*args)
    took = (time.process_time() - started) / _cores()
    if took > limits.ocr_page_seconds:
        raise ReadError(path, f"文字识别超时（本页用 CPU 时间 {took:.0f} 秒，每页上限 {limits.ocr_page_seconds:.0f} 秒），文件可能异常",
                        where=f"第{number}页")
    return page


def _cores() -> int:
    """The cores this process may run on."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def read_image(path: str, data: bytes, limits: guards.Limits = guards.DEFAULT):
    """A page image (PNG, JPEG, TIFF, GIF, WebP, BMP; every frame of a TIFF is a page) -> Document, by OCR."""
    from gklint.read import ocr_engine
    from gklint.read.document import Document
    from gklint.read.pdf import _assemble, _drop_running_lines, _Page

    ocr_engine.require(path, IMAGE)
    ocr_engine.allow_memory(limits.ocr_memory)
    deadline = guards.Deadline(path, limits.seconds)
    pages, notes = [], []
    for number, grey, per_pixel in image_frames(path, data, limits, deadline, notes):
        page = _timed(path, number, limits, read_page, number, grey, per_pixel)
        pages.append(_Page(number, page.height, page.lines, page.tables,
                           chars=sum(len(ln.text) for ln in page.lines), images=1))
    if not any(p.lines or p.tables for p in pages):
        raise ReadError(path, "图片中没有识别出任何文字")
    _drop_running_lines(pages)
    return Document(blocks=_assemble(pages), path=path, format="image", notes=notes,
                    scanned=[p.number for p in pages], pages=len(pages))


# --------------------------------------------------------------------------- one page

def read_page(number: int, grey, per_pixel: float) -> Scanned:
    """One page image -> its lines and tables (points)."""
    from gklint.read import ocr_cells, ocr_engine
    from gklint.read.ocr_columns import gap_tables
    from gklint.read.pdf_columns import find_columns

    tilt = ocr_cells.skew(grey)
    grey = ocr_cells.rotate(grey, tilt)
    boxes = ocr_engine.read_image(grey, per_pixel)
    if tilt == 0.0:  # no ruling lines to measure the tilt on: the lines of text show it
        boxes = ocr_engine.straighten(boxes, (grey.shape[1] * per_pixel / 2, grey.shape[0] * per_pixel / 2))
    found = [[tuple(v * per_pixel for v in cell) for cell in cells] for cells in ocr_cells.tables(grey)]
    parts: list[Part] = []
    taken: set[int] = set()
    for cells in found:
        x0, top = min(c[0] for c in cells), min(c[1] for c in cells)
        x1, bottom = max(c[2] for c in cells), max(c[3] for c in cells)
        inside = [k for k, b in enumerate(boxes) if x0 <= (b.x0 + b.x1) / 2 <= x1 and top <= b.middle <= bottom]
        part = _from_cells(cells, [ch for k in inside for ch in _chars(boxes[k])], number)
        if part is None:
            continue
        _provenance(part, cells, [boxes[k] for k in inside])
        parts.append(part)
        taken.update(inside)
    gap_ids: set[int] = set()
    if not found:  # a page with ruled tables has no unruled one: rows by the numbers' lines, columns by gaps
        for part, pairs, ids in gap_tables([b for k, b in enumerate(boxes) if k not in taken], number):
            for cell, cell_boxes in pairs:
                _take(cell, [ch for b in cell_boxes for ch in _chars(b)])
            parts.append(part)
            gap_ids |= ids
    outside = [ch for k, box in enumerate(boxes) if k not in taken and id(box) not in gap_ids for ch in _chars(box)]
    lines = group_lines(outside, number)
    columns = find_columns(lines, number)
    for first, _, part in columns.tables:  # tables without lines: a row is a line, a column a span of xs
        for cell in part.cells:
            _take(cell, [ch for ch in lines[first + cell.row].chars
                         if part.xs[cell.col] <= (ch["x0"] + ch["x1"]) / 2 <= part.xs[cell.col + cell.colspan]])
        parts.append(part)
    height = grey.shape[0] * per_pixel
    return Scanned(number, height, columns.placed(lines), parts)


def _chars(box: Box) -> list[dict]:
    """A box's text as characters spread evenly over it, each sized by the box's height."""
    text = box.text
    step = (box.x1 - box.x0) / max(len(text), 1)
    size = 0.75 * box.height  # the unclipped box is taller than the glyphs
    return [{"text": ch, "x0": box.x0 + k * step, "x1": box.x0 + (k + 1) * step, "top": box.top,
             "bottom": box.bottom, "size": size, "confidence": box.confidence, "box": id(box)}
            for k, ch in enumerate(text)]


def _provenance(part: Part, cells: list[tuple[float, float, float, float]], boxes: list[Box]) -> None:
    """Each cell's box (the union of the OCR boxes read into it) and confidence (the lowest of them); a box
    belongs to the cell its middle falls in, found on the row edges ``_from_cells`` used. A box whose digits
    fall in two cells (a number read across a ruling line, as on a photographed page: "3804" as "0 3" and
    "804") makes each of them doubtful (confidence 0), for the table's totals to decide."""
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells], 1.5)
    for box in boxes:
        r = bisect.bisect(ys, box.middle) - 1
        chars = _chars(box)
        cell = part.covering(r, bisect.bisect(part.xs, (box.x0 + box.x1) / 2) - 1)
        if cell is not None:
            _take(cell, chars)
        hit = {id(c): c for c in (part.covering(r, bisect.bisect(part.xs, (ch["x0"] + ch["x1"]) / 2) - 1)
                                  for ch in chars if ch["text"].isdigit()) if c is not None}
        if len(hit) > 1:
            for split in hit.values():
                split.confidence = 0.0


def _take(cell, chars: list[dict]) -> None:
    """``cell``'s box grown over ``chars`` (characters made from OCR boxes), its confidence lowered to theirs."""
    for ch in chars:
        old = cell.box
        cell.box = (ch["x0"], ch["top"], ch["x1"], ch["bottom"]) if old is None else (
            min(old[0], ch["x0"]), min(old[1], ch["top"]), max(old[2], ch["x1"]), max(old[3], ch["bottom"]))
        conf = ch["confidence"]
        cell.confidence = conf if cell.confidence is None else min(cell.confidence, conf)
