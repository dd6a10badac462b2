"""PDF -> Document, with pdfplumber: paragraphs in reading order and tables as grids.

Per page: ruled tables (``pdf_tables``), then the text outside them as lines, among which tables
without ruling lines are looked for (``pdf_columns``); running headers, footers and page numbers
are dropped; the remaining lines are joined into paragraphs (``pdf_text``), across page breaks
too, and a table cut by a page break becomes one grid again (``pdf_breaks``). A PDF without a
text layer, an encrypted or a damaged one raises ReadError; ``guards`` bounds size, pages,
inflated streams and time, and ``pdf_limits`` enforces those bounds inside pdfminer while it works.
Characters and ruling lines come from PDFium (``pdf_pdfium``, several times faster) when the file
is one it reads exactly as pdfminer does, from pdfminer otherwise.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

from gklint.core import lazyre
from gklint.read import guards, pdf_limits, pdf_pdfium
from gklint.read.document import Document, Paragraph
from gklint.core.source import Source
from gklint.read.errors import ReadError
from gklint.read.pdf_breaks import continues, merge
from gklint.read.pdf_columns import find_columns
from gklint.read.pdf_tables import Part, ruled_tables, to_grid
from gklint.read.pdf_text import Line, Margins, ParagraphBuilder, group_lines, margins

_PAGE_NUMBER = lazyre.compile(r"^(?:[-—–－~·•\s]*\d{1,4}[-—–－~·•\s]*|第\d{1,4}页(?:[,，/]?共\d{1,4}页)?"
                          r"|\d{1,4}/\d{1,4}|(?:page)?\d{1,4}(?:of\d{1,4})?)$", re.I)
_ZONE = 0.12  # running headers and footers live in the top and bottom 12% of a page
_WORD = lazyre.compile(r"[^\W\d_]")  # a letter or a CJK character


@dataclass
class _Page:
    number: int
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[Part] = field(default_factory=list)
    chars: int = 0
    undecoded: int = 0
    images: int = 0
    begun: str | None = None  # how the table going on at its end began (``pdf_columns.Columns.begun``)


def read_pdf(path: str, data: bytes, limits: guards.Limits = guards.DEFAULT, *, engine: str = "auto") -> Document:
    """``engine``: "auto" (PDFium where it reads the file as pdfminer does, else pdfminer),
    "pdfminer", or "pdfium" (``pdf_pdfium.Unsupported`` where it cannot: for comparisons)."""
    from gklint.read import ocr_engine

    deadline = guards.Deadline(path, limits.seconds)
    guards.check_pdf(path, data, limits)
    pages = _read_pages(path, data, limits, engine)
    chars = sum(p.chars for p in pages)
    images = [p.number for p in pages if p.chars == 0 and p.images]
    if chars == 0:
        if not images:
            raise ReadError(path, "PDF 中没有任何文字")
        ocr_engine.require(path, "PDF 没有文字层（可能是扫描件或图片），无法读取其中的文字和数字；"
                                 "请提供可复制文字的 PDF，或用文字识别（OCR）读取")
    if sum(p.undecoded for p in pages) > 0.3 * chars:
        raise ReadError(path, "PDF 的文字无法解码（字体缺少 Unicode 映射），请提供可复制文字的版本")
    scanned: list[int] = []
    if images and ocr_engine.available():  # pages without a text layer, read by OCR (a mixed PDF page by page)
        from gklint.read.ocr import read_pdf_pages

        for page in read_pdf_pages(path, data, images, limits, deadline):
            pages[page.number - 1] = _Page(page.number, page.height, page.lines, page.tables,
                                           chars=sum(len(ln.text) for ln in page.lines) + 1, images=1)
        scanned = images
        if chars == 0 and not any(p.lines or p.tables for p in pages):
            raise ReadError(path, "PDF 没有文字层（可能是扫描件或图片），文字识别（OCR）也未能识别出任何文字")
    _drop_running_lines(pages)
    skipped = [f"第{p.number}页没有文字层（可能是扫描图片），其内容未能读取（安装 gklint[ocr] 可识别）"
               for p in pages if p.chars == 0 and p.images]
    return Document(blocks=_assemble(pages), path=path, format="pdf", notes=skipped, scanned=scanned,
                    pages=len(pages))


# --------------------------------------------------------------------------- pages

@contextmanager
def _quiet_pdfminer():
    """pdfminer logs a warning for every oddity of a font (seen by the hundred in browser-printed
    PDFs); they say nothing to a user checking a report."""
    logger = logging.getLogger("pdfminer")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _read_pages(path: str, data: bytes, limits: guards.Limits, engine: str = "auto") -> list[_Page]:
    plain, type3_flat = pdf_pdfium.survey(data) if engine != "pdfminer" else (False, False)
    if engine == "pdfium" or (engine == "auto" and plain):
        try:
            return _pdfium_pages(path, data, limits, type3_flat)
        except pdf_pdfium.Unsupported:
            if engine == "pdfium":
                raise
    with _quiet_pdfminer():
        return _parse_pages(path, data, limits)


def _parse_pages(path: str, data: bytes, limits: guards.Limits) -> list[_Page]:
    deadline = guards.Deadline(path, limits.seconds)
    with pdf_limits.budget(path, limits, deadline) as budget:
        try:
            return _parse_pages_within(path, data, limits, deadline, budget)
        except ReadError:
            raise
        except Exception:
            budget.raise_if_failed()  # a bound pdfminer wrapped or swallowed
            raise


def _pdfium_pages(path: str, data: bytes, limits: guards.Limits, type3_flat: bool) -> list[_Page]:
    """The pages read by PDFium; ``Unsupported`` (pdfminer reads the file instead, and reports any
    error as it always has) when PDFium refuses the file or it passes a limit."""
    deadline = guards.Deadline(path, limits.seconds)
    doc = pdf_pdfium.open_pdf(data)
    try:
        if len(doc) > limits.pdf_max_pages:
            raise pdf_pdfium.Unsupported("too many pages")  # pdfminer counts and says so
        pages: list[_Page] = []
        for page in pdf_pdfium.read_pages(path, doc, limits, deadline, type3_flat=type3_flat):
            pages.append(_read_page(page.view.dedupe_chars(), page.number, page.images, deadline, _begun(pages)))
        return pages
    finally:
        doc.close()


def _bound_passed(exc: BaseException) -> ReadError | None:
    """The ReadError of a bound passed inside pdfminer, which pdfplumber wraps in PdfminerException."""
    while exc is not None:
        if isinstance(exc, ReadError):
            return exc
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = cause or exc.__cause__ or exc.__context__
    return None


def _parse_pages_within(path: str, data: bytes, limits: guards.Limits, deadline: guards.Deadline,
                        budget: pdf_limits.Budget) -> list[_Page]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        # counted lazily, stopping past the limit: pdfplumber would make an object of every page first
        counted = sum(1 for _, _ in zip(PDFPage.create_pages(pdf.doc), range(limits.pdf_max_pages + 1)))
        if counted > limits.pdf_max_pages:
            pdf.close()
            guards.check_page_count(path, counted, limits, at_least=True)
        count = len(pdf.pages)
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a damaged file
        if (passed := _bound_passed(exc) or budget.error) is not None:
            raise passed from None
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReadError(path, "PDF 已加密（需要密码才能打开），无法读取；请提供未加密的版本") from None
        raise ReadError(path, f"PDF 文件已损坏或不完整，无法解析（{_describe(cause)}）") from None
    with pdf:
        guards.check_page_count(path, count, limits)
        pages = []
        for number, page in enumerate(pdf.pages, 1):
            where = f"第{number}页"
            budget.start_page(number)
            deadline.check(where=where)
            try:
                page.objects  # noqa: B018 - parse the page here, where a damaged stream is caught
            except Exception as exc:
                if (passed := _bound_passed(exc) or budget.error) is not None:
                    raise passed from None
                raise ReadError(path, f"PDF 页面已损坏，无法解析（{_describe(exc)}）", where=where) from None
            budget.raise_if_failed()
            pages.append(_read_page(_deduped(page), number, len(page.images), deadline, _begun(pages)))
            page.close()
        budget.page = None
    return pages


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


def _deduped(page):
    """``page.dedupe_chars()`` (pdfplumber), with its characters deduplicated in linear time, without
    the characters laid diagonally (``pdf_pdfium.diagonal``: a watermark), as PDFium reads them."""
    from pdfplumber.page import FilteredPage

    view = FilteredPage(page, lambda obj: True)
    view._objects = dict(page.objects)
    view._objects["char"] = pdf_pdfium.dedupe([c for c in page.chars if not pdf_pdfium.diagonal(*c["matrix"][:2])])
    return view


def _begun(pages: list[_Page]) -> str | None:
    """How the table going on at the end of the page before began: "grid", "text" or None."""
    return pages[-1].begun if pages else None


def _read_page(page, number: int, images: int, deadline: guards.Deadline | None = None,
               begun: str | None = None) -> _Page:
    """One page's lines and tables; the deadline is looked at between the steps. ``begun``: how the
    table going on at the end of the page before began (``pdf_columns.find_columns``)."""
    def check() -> None:
        if deadline is not None:
            deadline.check(where=f"第{number}页")

    result = _Page(number=number, height=float(page.height), images=images)
    result.chars = sum(1 for c in page.chars if not c["text"].isspace())
    result.undecoded = sum(1 for c in page.chars if c["text"].startswith("(cid:"))
    check()
    result.tables = ruled_tables(page, number)
    check()
    boxes = [(t.xs[0] - 1, t.top - 1, t.xs[-1] + 1, t.bottom + 1) for t in result.tables]
    outside = [c for c in page.chars if not any(_inside(c, box) for box in boxes)]
    lines = group_lines(outside, number)
    check()
    columns = find_columns(lines, number, begun)
    result.begun = columns.begun
    result.tables.extend(part for _, _, part in columns.tables)
    result.lines = columns.placed(lines)
    return result


def _inside(ch: dict, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


# --------------------------------------------------------------------------- running headers/footers

def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _zone_lines(page: _Page) -> list[Line]:
    """The first two and last two lines shown on a page, when they sit in the top/bottom margin zone. Text
    placed beyond the page's edges is not shown (a merged cell's label cut at a page break, drawn below the
    page by a spreadsheet): it does not hide the running footer above it."""
    shown = [ln for ln in page.lines if ln.bottom > 0 and ln.top < page.height]
    top = [ln for ln in shown[:2] if ln.bottom < page.height * _ZONE]
    bottom = [ln for ln in shown[-2:] if ln.top > page.height * (1 - _ZONE)]
    return top + [ln for ln in bottom if ln not in top]


def _drop_running_lines(pages: list[_Page]) -> None:
    """Drop page numbers, and texts repeated in the margin zone of at least half the pages; one with words
    ("Page 1", "Sheet1") that is in the zone of every page wherever it sits there (a spreadsheet draws the
    cut label of a merged cell below its footer)."""
    seen = Counter(shape for p in pages for shape in {_shape(ln.text) for ln in _zone_lines(p)})
    running = {s for s, n in seen.items() if n >= 2 and n >= len(pages) / 2}
    everywhere = _on_every_page(pages)
    for page in pages:
        drop = {id(ln) for ln in _zone_lines(page)
                if _PAGE_NUMBER.match(re.sub(r"\s+", "", ln.text)) or _shape(ln.text) in running}
        drop.update(id(ln) for ln in page.lines if _in_zone(ln, page) and _shape(ln.text) in everywhere)
        page.lines = [ln for ln in page.lines if id(ln) not in drop]


def _on_every_page(pages: list[_Page]) -> set[str]:
    """The shapes of texts with words (a letter or a CJK character) in the margin zone of every page (of two
    or more)."""
    if len(pages) < 2:
        return set()
    shapes = [{_shape(ln.text) for ln in page.lines if _in_zone(ln, page)} for page in pages]
    return {shape for shape in set.intersection(*shapes) if _WORD.search(shape)}


def _in_zone(line: Line, page: _Page) -> bool:
    """Whether ``line`` is shown in the top or bottom margin zone of ``page``."""
    return 0 < line.bottom < page.height * _ZONE or page.height * (1 - _ZONE) < line.top < page.height


# --------------------------------------------------------------------------- assembly

def _assemble(pages: list[_Page]) -> list:
    blocks: list = []
    builder = ParagraphBuilder(emit=lambda page, text: blocks.append(Paragraph(text, Source(page=page))))
    overall = margins([ln for p in pages for ln in p.lines]) if any(p.lines for p in pages) else None
    open_table: Part | None = None  # a table that ended the previous page
    for page in pages:
        page_margins: Margins | None = margins(page.lines, overall) if page.lines else overall
        items = sorted([(ln.top, 0, ln) for ln in page.lines] + [(t.top, 1, t) for t in page.tables],
                       key=lambda item: (item[0], item[1]))
        for position, (_, _, item) in enumerate(items):
            if isinstance(item, Part):
                builder.break_here()
                if position == 0 and open_table is not None and continues(open_table, item):
                    merge(open_table, item)
                else:
                    blocks.append(item)
                    open_table = item
            else:
                builder.add(item, page_margins, new_page=position == 0)
                open_table = None
        if items and not isinstance(items[-1][2], Part):
            open_table = None
    builder.flush()
    out = []
    tables = 0
    for block in blocks:
        if isinstance(block, Part):
            tables += 1
            out.append(to_grid(block, tables))
        else:
            out.append(block)
    return out
