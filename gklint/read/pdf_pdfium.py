"""PDF characters and drawn lines read with PDFium (pypdfium2), shaped as pdfplumber shapes them.

PDFium parses in C, several times faster than pdfminer. What it gives is turned into the objects
pdfplumber makes from pdfminer's layout -- characters (``text``, ``x0``, ``x1``, ``top``,
``bottom``, ``size``...) and lines, rectangles and curves (their points, stroke and fill) -- on a
``PageView`` that answers what ``pdf._read_page`` and ``pdf_tables.ruled_tables`` ask of a
pdfplumber page (``chars``, ``edges``, ``filter``, ``find_tables``, ``dedupe_chars``), so lines,
paragraphs and tables are built by the same code from the same numbers:

- a character's box is pdfminer's: from its origin, the advance width wide, from the font's
  descent to the descent plus the font size high (the font size as scaled by the text matrix);
- a path is cut into subpaths at each ``m``; two points make a line, five axis-aligned closed
  points a rectangle, anything else a curve (pdfminer's ``paint_path``), in page coordinates
  (the path's matrix, and that of every form it is drawn in, applied).

PDFium cannot be bounded from Python the way ``pdf_limits`` bounds pdfminer (forced on the hostile
inputs of the tests, it inflated 1 GB bombs to a 2 GB peak), so it reads only files a cheap look at
the raw bytes finds plain (``survey``): every stream's filter written directly, Flate, DCT or JPX,
every Flate stream intact and measured (by ``guards.check_pdf_streams``, or here for images), at
most one form, no vertical writing, fonts whose metrics both readers take from the same place. Every
other file, and every file PDFium refuses or that holds something this module does not reproduce
(rotated pages, a MediaBox off the origin, characters without a Unicode mapping, text that is not
upright (turned at a right angle or mirrored), a text object PDFium's text page leaves out (``_blank``), more objects than
``pdf_max_objects``) is read by pdfminer (``Unsupported``), which reports errors as it always has.
Characters laid diagonally (``diagonal``: a watermark across the page) are left out by both readers.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass

from gklint.core import lazyre
from gklint.read import guards
from gklint.read.errors import ReadError


class Unsupported(Exception):
    """This file is for pdfminer: PDFium refused it, or it holds what this module does not reproduce."""


# --------------------------------------------------------------------------- the cheap pre-check

_STREAM = lazyre.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_FILTER = lazyre.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9#]+|\d+\s+\d+\s+R)")
_NAME = lazyre.compile(rb"/([A-Za-z0-9#]+)")
_SAFE_FILTERS = {b"FlateDecode", b"Fl", b"DCTDecode", b"DCT", b"JPXDecode"}
_FORM = lazyre.compile(rb"/Subtype\s*/Form\b")
_VERTICAL = lazyre.compile(rb"/Encoding\s*/[A-Za-z0-9-]*-V\b")


def plain(data: bytes) -> bool:
    return survey(data)[0]


def survey(data: bytes) -> tuple[bool, bool]:
    """(plain, type3_flat): can PDFium read these bytes without an unbounded inflation or drawing,
    and with pdfminer's metrics (``_fonts``); must Type 3 fonts be given a descent of 0?

    Every stream's dictionary must be found whole within 2 KB before it (the window
    ``guards.check_pdf_streams`` looks in), name only Flate, DCT or JPX filters, directly and
    without escapes, so the byte search has measured all the data that can be inflated; and the
    file has few forms (forms drawing forms multiply their content, which nothing bounds inside
    PDFium).
    """
    for match in _STREAM.finditer(data):
        start = match.end()
        head = _head(data, start)
        if head is None:
            return False, False  # a dictionary longer than the window: not measured
        if b"#" in head:
            return False, False  # an escaped name may hide a filter
        for found in _FILTER.finditer(head):
            value = found.group(1)
            if value.endswith(b"R"):
                return False, False
            names = _NAME.findall(value)
            if any(name not in _SAFE_FILTERS for name in names):
                return False, False
            # an image the byte search skipped (it may be page content called an image): at most
            # pdf_max_content; any other stream was measured. Damaged: PDFium and pdfminer recover
            # from it differently
            cap = guards.DEFAULT.pdf_max_content if b"/Image" in head else guards.DEFAULT.pdf_max_stream
            if names and names[0] in (b"FlateDecode", b"Fl") and not _intact(data, start, cap):
                return False, False
    if len(_FORM.findall(data)) > 1 or _VERTICAL.search(data):
        return False, False  # vertical writing: pdfminer boxes its characters its own way
    return _fonts(data)


_OBJ_END = lazyre.compile(rb"(\d+)\s+\d+\s+$")


def _head(data: bytes, start: int) -> bytes | None:
    """The bytes from the last "N G obj" within 2 KB before ``start`` (a stream's dictionary)."""
    low = max(0, start - 2048)
    at = data.rfind(b"obj", low, start)
    while at >= 0:
        if _OBJ_END.search(data, max(low, at - 24), at) and data[at + 3:at + 4] in b" \r\n\t<%" :
            return data[at:start]
        at = data.rfind(b"obj", low, at)
    return None


def _intact(data: bytes, start: int, cap: int) -> bool:
    """Does the Flate stream at ``start`` inflate to its end without error, to at most ``cap``
    bytes? The output is discarded 1 MB at a time."""
    import zlib

    inflater = zlib.decompressobj()
    end = data.find(b"endstream", start)
    view = memoryview(data)[start:end if end >= 0 else len(data)]
    try:
        size = len(inflater.decompress(view, 1 << 20))
        while inflater.unconsumed_tail and not inflater.eof and size <= cap:
            size += len(inflater.decompress(inflater.unconsumed_tail, 1 << 20))
    except zlib.error:
        return False
    return inflater.eof and size <= cap


_OBJSTM = lazyre.compile(rb"/Type\s*/ObjStm\b")
_FONT_DICT = lazyre.compile(rb"/Type\s*/Font\b")
_DESCRIPTOR = lazyre.compile(rb"/Type\s*/FontDescriptor\b")
_TYPE3 = lazyre.compile(rb"/Subtype\s*/Type3\b")
_SIMPLE = lazyre.compile(rb"/Subtype\s*/(?:Type1|TrueType|MMType1)\b")
_DESCRIPTOR_REF = lazyre.compile(rb"/FontDescriptor\s+(\d+)\s+\d+\s+R")


def _objects(data: bytes) -> dict[bytes, bytes]:
    """The file's objects written in the open, by number (the last one written wins, as in an
    incremental update)."""
    out = {}
    at = data.find(b"obj")
    while at >= 0:
        number = _OBJ_END.search(data, max(0, at - 24), at)
        if number and data[at + 3:at + 4] in b" \r\n\t<%" and data[at - 3:at] != b"end":
            end = data.find(b"endobj", at)
            out[number.group(1)] = data[at + 3:end if end >= 0 else len(data)]
            at = end if end >= 0 else len(data)
        at = data.find(b"obj", at + 3)
    return out


def _fonts(data: bytes) -> tuple[bool, bool]:
    """(plain, type3_flat) as far as fonts go: whether PDFium and pdfminer take the fonts' metrics
    from the same place, and whether Type 3 fonts must be given a descent of 0 (``type3_flat``).

    Every descriptor needs a /Descent, every simple font a descriptor (pdfminer has its own
    metrics of the 14 standard fonts). pdfminer takes a Type 3 font's descent from the FontBBox of
    its descriptor, 0 without one; PDFium from the font's own FontBBox: Type 3 fonts are read by
    PDFium only when each has a descriptor without a FontBBox (browsers print CJK text so), their
    descent set to 0. Object streams are looked into (``check_pdf_streams`` has measured them);
    a Type 3 font in one is left to pdfminer.
    """
    import zlib

    objects = _objects(data)
    if _OBJSTM.search(data):
        for match in _STREAM.finditer(data):
            head = _head(data, match.start())
            if head is None or not _OBJSTM.search(head):
                continue
            try:
                text = zlib.decompressobj().decompress(data[match.end():], 256 * 1024 * 1024)
            except zlib.error:
                return False, False
            if _TYPE3.search(text):
                return False, False
            # the objects of a stream are not delimited: split at each "<<" starting a font or descriptor
            for k, piece in enumerate(re.split(rb"(?=<<\s*/Type\s*/Font)", text)):
                objects[b"stream-%d-%d" % (match.start(), k)] = piece
    type3 = {n for n, piece in objects.items() if _TYPE3.search(piece)}
    named_by_type3 = set()
    for n in type3:
        ref = _DESCRIPTOR_REF.search(objects[n])
        descriptor = objects.get(ref.group(1)) if ref else None
        if descriptor is None or b"/FontBBox" in descriptor or not _DESCRIPTOR.search(descriptor):
            return False, False
        named_by_type3.add(ref.group(1))
    named_by_others = {ref.group(1) for n, piece in objects.items() if n not in type3
                       for ref in _DESCRIPTOR_REF.finditer(piece)}
    for n, piece in objects.items():
        if _DESCRIPTOR.search(piece) and b"/Descent" not in piece and (n not in named_by_type3 or n in named_by_others):
            return False, False
        if _FONT_DICT.search(piece) and _SIMPLE.search(piece) and b"/FontDescriptor" not in piece:
            return False, False
    return True, bool(type3)


def type3_flat(data: bytes) -> bool | None:
    """True: Type 3 fonts PDFium reads with a descent of 0; False: none; None: not for PDFium."""
    ok, flat = _fonts(data)
    return flat if ok else None


# --------------------------------------------------------------------------- a page as pdfplumber has it

def _view_class():
    from pdfplumber.container import Container
    from pdfplumber.table import TableFinder, TableSettings

    class PageView(Container):
        """The objects of one page, answering what gklint asks of a ``pdfplumber.Page``."""

        def __init__(self, objects: dict[str, list[dict]], width: float, height: float):
            self._objects = objects
            self.width, self.height = width, height
            self.bbox = (0, 0, width, height)

        @property
        def objects(self) -> dict[str, list[dict]]:
            return self._objects

        def filter(self, test) -> PageView:
            return PageView({kind: [o for o in objs if test(o)] for kind, objs in self._objects.items()},
                            self.width, self.height)

        def find_tables(self, settings=None) -> list:
            return TableFinder(self, TableSettings.resolve(settings)).tables

        def dedupe_chars(self) -> PageView:
            objects = dict(self._objects)
            objects["char"] = dedupe(self.chars)
            return PageView(objects, self.width, self.height)

    return PageView


_PAGE_VIEW = None


def page_view(objects: dict[str, list[dict]], width: float, height: float):
    global _PAGE_VIEW
    if _PAGE_VIEW is None:
        _PAGE_VIEW = _view_class()
    return _PAGE_VIEW(objects, width, height)


def dedupe(chars: list[dict], tolerance: float = 1) -> list[dict]:
    """pdfplumber's ``dedupe_chars`` (same text, font and size within ``tolerance`` in place: the
    first of them kept), without its quadratic ordering step: pdfplumber orders what it keeps by
    ``chars.index`` (a linear search per character: a 2 KB PDF drawing one glyph 100,000 times took
    minutes). The order is the same: the position of the first character equal to the one kept, which is
    in the kept one's own cluster."""
    import itertools
    from operator import itemgetter

    from pdfplumber.utils import cluster_objects

    order = {id(c): i for i, c in enumerate(chars)}
    key = itemgetter("upright", "text", "fontname", "size")
    pos_key = itemgetter("doctop", "x0")
    kept: list[tuple[int, dict]] = []
    for _, group in itertools.groupby(sorted(chars, key=key), key=key):
        group = list(group)
        if len(group) == 1:  # most characters: nothing to cluster
            kept.append((order[id(group[0])], group[0]))
            continue
        for y_cluster in cluster_objects(group, itemgetter("doctop"), tolerance):
            for x_cluster in cluster_objects(y_cluster, itemgetter("x0"), tolerance):
                first = sorted(x_cluster, key=pos_key)[0]
                kept.append((min(order[id(c)] for c in x_cluster if c is first or c == first), first))
    kept.sort(key=lambda item: item[0])
    return [c for _, c in kept]


# --------------------------------------------------------------------------- reading with PDFium

@dataclass
class Page:
    number: int
    view: object  # PageView
    images: int


def open_pdf(data: bytes):
    """The PDFium document, or ``Unsupported`` when PDFium refuses the bytes (pdfminer will say why)."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except Exception as exc:  # PdfiumError: encrypted, damaged, not a PDF
        raise Unsupported(str(exc)) from None
    if not pdfium.raw.FPDF_DocumentHasValidCrossReferenceTable(doc.raw):
        doc.close()
        raise Unsupported("cross-reference table rebuilt: a damaged file")
    return doc


def read_pages(path: str, doc, limits: guards.Limits, deadline: guards.Deadline, *,
               type3_flat: bool = False) -> Iterator[Page]:
    """Every page's objects, the deadline looked at between pages and every 5,000 objects.
    ``type3_flat``: Type 3 fonts (PDFium names no base font for them) have a descent of 0."""
    import pypdfium2.raw as raw

    count = len(doc)
    guards.check_page_count(path, count, limits)
    for index in range(count):
        number = index + 1
        deadline.check(where=f"第{number}页")
        try:
            page = doc[index]
        except Exception as exc:  # PdfiumError: a page PDFium cannot load; pdfminer will say why
            raise Unsupported(f"page {number}: {exc}") from None
        try:
            read = _read_page(raw, page, number, limits, deadline, type3_flat)
        except (Unsupported, ReadError):
            raise
        except Exception as exc:  # PdfiumError (a text page not loaded...)
            raise Unsupported(f"page {number}: {exc}") from None
        finally:
            page.close()
        yield Page(number, *read)


def _matrix(raw, obj) -> tuple[float, ...]:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        raise Unsupported("matrix")
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _mult(m0: tuple[float, ...], m1: tuple[float, ...]) -> tuple[float, ...]:
    """m0 then m1 (pdfminer's ``mult_matrix``)."""
    a0, b0, c0, d0, e0, f0 = m0
    a1, b1, c1, d1, e1, f1 = m1
    return (a0 * a1 + b0 * c1, a0 * b1 + b0 * d1, c0 * a1 + d0 * c1, c0 * b1 + d0 * d1,
            e0 * a1 + f0 * c1 + e1, e0 * b1 + f0 * d1 + f1)


def _read_page(raw, page, number: int, limits: guards.Limits, deadline: guards.Deadline, type3_flat: bool):
    handle = page.raw
    if raw.FPDFPage_GetRotation(handle) != 0:
        raise Unsupported("rotated page")
    box = [ctypes.c_float() for _ in range(4)]
    if not raw.FPDFPage_GetMediaBox(handle, *box):
        raise Unsupported("no MediaBox")
    x0, y0, x1, y1 = (v.value for v in box)
    if x0 != 0 or y0 != 0:
        raise Unsupported("MediaBox not at the origin")
    width, height = x1 - x0, y1 - y0
    objects: dict[str, list[dict]] = {"char": [], "line": [], "rect": [], "curve": []}
    texts: dict[bytes, object] = {}  # by address (a pointer's bytes)
    read: set[bytes] = set()
    images = _paths(raw, handle, height, objects, limits, deadline, number, texts)
    objects["char"] = _chars(raw, page, height, limits, deadline, number, type3_flat, read)
    if not all(_blank(raw, obj) for key, obj in texts.items() if key not in read):
        raise Unsupported(f"page {number}: a text object left out of PDFium's text page")
    return page_view(objects, width, height), images


def _blank(raw, obj) -> bool:
    """Is a text object the text page left out one that draws nothing, whatever fonts the system
    has (a space)? The text page leaves out an object narrower than 0.01, and one repeating one of
    the five before it within a distance scaled by the object's box (fake bold). Both boxes come
    from the glyphs PDFium draws with: for a font the file does not carry, a system font standing
    in, which may have no CJK glyphs (then a one-character cell, or a line repeating the line above
    it, was lost). Only an empty glyph of a font the file carries, drawn visibly, is blank."""
    box = [ctypes.c_float() for _ in range(4)]
    if not raw.FPDFPageObj_GetBounds(obj, *box) or box[2].value - box[0].value >= 0.01:
        return False
    return (raw.FPDFFont_GetIsEmbedded(raw.FPDFTextObj_GetFont(obj)) == 1
            and raw.FPDFTextObj_GetTextRenderMode(obj) not in (raw.FPDF_TEXTRENDERMODE_INVISIBLE,
                                                               raw.FPDF_TEXTRENDERMODE_CLIP))


def diagonal(a: float, b: float) -> bool:
    """Does a character whose matrix turns the x axis to (a, b) run neither horizontally nor at a right
    angle? Such characters are a watermark laid across the page ("政务公开" tiled at 30-45 degrees), no
    text of the report: read, they land in cells and headings. Vertical text (table labels) is kept."""
    return abs(b) > _SKEW * abs(a) and abs(a) > _SKEW * abs(b)


_SKEW = 0.1  # tan(5.7 degrees): text turned less than that is read as horizontal (or vertical)


def _too_many(limits: guards.Limits, number: int) -> None:
    raise Unsupported(f"page {number}: more than {limits.pdf_max_objects} objects")


def _paths(raw, handle, height: float, objects, limits, deadline, number: int, texts: dict[bytes, object]) -> int:
    """Lines, rectangles and curves into ``objects``, the text objects into ``texts`` (by address);
    returns the number of images."""
    images = 0
    drawn = 0
    stack = [(raw.FPDFPage_CountObjects(handle), lambda i: raw.FPDFPage_GetObject(handle, i),
              (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))]
    while stack:
        count, get, outer = stack.pop()
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            drawn += 1
            if drawn > limits.pdf_max_objects:
                _too_many(limits, number)
            if drawn % 5000 == 0:
                deadline.check(where=f"第{number}页")
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                images += 1
            elif kind == raw.FPDF_PAGEOBJ_TEXT:
                texts[bytes(obj)] = obj
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                inner = _mult(_matrix(raw, obj), outer)
                stack.append((raw.FPDFFormObj_CountObjects(obj),
                              (lambda form: lambda j: raw.FPDFFormObj_GetObject(form, j))(obj), inner))
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                _path(raw, obj, _mult(_matrix(raw, obj), outer), height, objects)
    return images


def _color(getter, obj) -> tuple[float, ...] | None:
    rgba = [ctypes.c_uint() for _ in range(4)]
    if not getter(obj, *rgba):
        return None
    return tuple(v.value / 255 for v in rgba[:3])


def _path(raw, obj, m: tuple[float, ...], height: float, objects) -> None:
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, mode, stroke):
        return
    fill = mode.value != 0
    if not fill and not stroke.value:
        return  # a clipping path (``n``): pdfminer paints nothing
    a, b, c, d, e, f = m
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    for k in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = x.value, y.value
        point = (a * px + c * py + e, b * px + d * py + f)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append(("m", [point]))
        else:
            ops, pts = subpaths[-1]
            subpaths[-1] = (ops + ("c" if kind == raw.FPDF_SEGMENT_BEZIERTO else "l"), pts + [point])
        if raw.FPDFPathSegment_GetClose(seg):
            ops, pts = subpaths[-1]
            subpaths[-1] = (ops + "h", pts + [pts[0]])
    if not subpaths:
        return
    base = {"stroke": bool(stroke.value), "fill": fill,
            "stroking_color": _color(raw.FPDFPageObj_GetStrokeColor, obj),
            "non_stroking_color": _color(raw.FPDFPageObj_GetFillColor, obj)}
    for shape, pts in subpaths:
        # Bézier segments arrive as three points each; pdfminer keeps only the last
        if "c" in shape:
            objects["curve"].append(_shaped("curve", _end_points(shape, pts), height, base))
            continue
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape, pts = shape[:-2] + "h", pts[:-2] + [pts[-1]]
        if shape in ("ml", "mlh"):
            objects["line"].append(_shaped("line", pts[:2], height, base))
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
            if pts[0] == pts[4] and square:
                objects["rect"].append(_shaped("rect", [pts[0], pts[2]], height, base))
            else:
                objects["curve"].append(_shaped("curve", pts, height, base))
        elif len(pts) > 1:
            objects["curve"].append(_shaped("curve", pts, height, base))


def _end_points(shape: str, pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """PDFium gives a Bézier segment as three points (two controls, the end); pdfminer's curve
    keeps the end points only."""
    out, run = [], 0
    for op, point in zip(shape, pts):
        run = run + 1 if op == "c" else 0
        if op != "c" or run % 3 == 0:
            out.append(point)
    return out


def _shaped(kind: str, pts: list[tuple[float, float]], height: float, base: dict) -> dict:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    obj = {"object_type": kind, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": height - y1,
           "bottom": height - y0, "doctop": height - y1, "width": x1 - x0, "height": y1 - y0, **base}
    if kind == "curve":
        obj["pts"] = [(x, height - y) for x, y in pts]
    return obj


def _chars(raw, page, height: float, limits, deadline, number: int, type3_flat: bool, read: set[bytes]) -> list[dict]:
    """The characters of the page's text page; the text objects they come from into ``read``."""
    textpage = page.get_textpage()
    try:
        return _chars_of(raw, textpage.raw, height, limits, deadline, number, type3_flat, read)
    finally:
        textpage.close()


def _chars_of(raw, tp, height: float, limits, deadline, number: int, type3_flat: bool,
              read: set[bytes]) -> list[dict]:
    count = raw.FPDFText_CountChars(tp)
    if count > limits.pdf_max_objects:
        _too_many(limits, number)
    out: list[dict] = []
    m = raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    loose = raw.FS_RECTF()
    descent = ctypes.c_float()
    fonts: dict[bytes, tuple[str, float]] = {}  # by font (the pointer's bytes: its address)
    styles: dict[bytes, tuple[str, float]] = {}  # the same by text object
    name = ctypes.create_string_buffer(256)
    generated, unicode, map_error = raw.FPDFText_IsGenerated, raw.FPDFText_GetUnicode, raw.FPDFText_HasUnicodeMapError
    get_matrix, get_origin, get_loose = raw.FPDFText_GetMatrix, raw.FPDFText_GetCharOrigin, raw.FPDFText_GetLooseCharBox
    text_object, font_size, get_font = raw.FPDFText_GetTextObject, raw.FPDFText_GetFontSize, raw.FPDFTextObj_GetFont
    for i in range(count):
        if i % 5000 == 4999:
            deadline.check(where=f"第{number}页")
        if generated(tp, i):
            continue
        obj = text_object(tp, i)
        key = bytes(obj)
        read.add(key)
        code = unicode(tp, i)
        if map_error(tp, i) == 1:
            raise Unsupported("a character without a Unicode mapping")
        if 0xDC00 <= code <= 0xDFFF:
            continue  # the second half of a pair joined below
        if 0xD800 <= code <= 0xDBFF:  # UTF-16: a character beyond the BMP comes in two halves
            low = unicode(tp, i + 1) if i + 1 < count else 0
            if not 0xDC00 <= low <= 0xDFFF:
                raise Unsupported("a broken UTF-16 pair")
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        text = chr(code) if 0 < code < 0x110000 else ""
        if not text or text.isspace():
            continue
        get_matrix(tp, i, m)
        a, b, c, d = m.a, m.b, m.c, m.d
        if diagonal(a, b):
            continue
        if not (a * d > 0 and b * c <= 0 and b == 0 and a > 0):
            raise Unsupported("text that is not upright")
        get_origin(tp, i, ox, oy)
        get_loose(tp, i, loose)
        size = font_size(tp, i)  # as set by Tf: text space
        if key not in styles:
            font = get_font(obj)
            font_key = bytes(font)
            if font_key not in fonts:
                n = raw.FPDFFont_GetBaseFontName(font, name, len(name))
                raw.FPDFFont_GetDescent(font, 1000.0, descent)
                fontname = name.value.decode("latin-1") if n else ""
                fonts[font_key] = (fontname, 0.0 if type3_flat and not fontname else descent.value / 1000)
            styles[key] = fonts[font_key]
        fontname, desc = styles[key]
        # pdfminer's LTChar: the corners (0, descent) and (advance, descent + size) of text
        # space through the character's matrix
        advance = (loose.right - loose.left) / a
        low, high = desc * size, (desc + 1) * size
        x0, y0 = ox.value + c * low, oy.value + d * low
        x1, y1 = ox.value + a * advance + c * high, oy.value + d * high
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        fs = y1 - y0
        top = height - y1
        out.append({"object_type": "char", "text": text, "fontname": fontname, "size": fs, "upright": True,
                    "x0": x0, "x1": x1, "top": top, "bottom": height - y0, "doctop": top,
                    "y0": y0, "y1": y1, "width": x1 - x0, "height": fs})
    return out
