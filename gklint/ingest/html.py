"""HTML page (a report as published on a portal) -> Document.

A portal page wraps the report in navigation, scripts, layout tables and footers. The reader
1. decodes the bytes (BOM, valid UTF-8, the page's declared charset, then charset-normalizer),
2. parses them safely (lxml, no network access),
3. picks the element that holds the report: the deepest element holding the most distinct
   numbered section headings ("一、…", "二、…" starting a paragraph or line), or else the element
   whose paragraphs hold the most text; plus the short text just before it (title, source, date)
   inside a close ancestor, links aside,
4. walks it in document order: paragraphs (block elements, <br>-separated lines) and data tables
   as ``Grid``s (rowspan/colspan resolved). Tables used for page layout are walked as containers.

The reader knows nothing of the official layout; ``gklint.ingest.grid`` maps grids to tables.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from gklint.ingest import budget
from gklint.ingest.document import Document, Grid, GridCell, Paragraph
from gklint.core.numerals import HEADING
from gklint.core.source import Source
from gklint.ingest.guards import DEFAULT, Limits

_DROP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
                   "canvas", "select", "option", "button", "input", "textarea", "map", "audio",
                   "video", "head", "title", "meta", "link"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
                    "dd", "section", "article", "header", "footer", "main", "nav", "aside",
                    "blockquote", "pre", "center", "address", "figure", "figcaption", "form",
                    "fieldset", "legend", "hr", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
                    "caption", "body", "html"})
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.I)
# A numbered top-level heading at the start of a paragraph: "一、总体情况", "二．主动公开…".
_SPACE = re.compile(r"[\s\u200b\ufeff]+")
# Source line breaks between two CJK characters are formatting, not spaces (a browser shows none).
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r]*\n\s*(?=[{_CJK}])")
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")  # not XML characters
_MAX_GRID = 50_000  # grid positions
_LONG_CELL = 400  # a cell with more text than this is page layout wrapping content, not data
_PREAMBLE_LIMIT = 200  # how much extra text an ancestor may add (title, date) to be kept before the content


def _heading_numeral(text: str) -> str | None:
    """The numeral of a section heading that starts ``text`` (一、总体情况 / 二．…), else None."""
    m = HEADING.match(text)
    if m and not text[:1].isspace() and m["mark"] in "、．." and "\u4e00" <= m["rest"][:1] <= "\u9fff":
        return m["num"]
    return None


def read_html(path: str, data: bytes, limits: Limits = DEFAULT) -> Document:
    text = decode(data)
    budget.check_markup(path, text, limits)
    root = _parse(text)
    del text
    body = root.find("body")
    if body is None:
        body = root
    for el in list(body.iter(*_DROP)):
        _drop(el)
    for el in list(body.iter()):
        if isinstance(el.tag, str) and _hidden(el):
            _drop(el)
    content = _content_root(body)
    top = _preamble_root(content)
    walker = _Walker(content)
    walker.walk(top)
    walker.flush()
    blocks = walker.blocks
    budget.check_chars(path, sum(len(b.text) for b in blocks if isinstance(b, Paragraph))
                       + sum(len(c.text) for b in blocks if isinstance(b, Grid) for row in b.rows for c in row if c),
                       limits)
    title = _page_title(root)
    # the page's title stands in for a body without one ("本报告……" in an opening sentence is not a title)
    if title and not any("年度报告" in b.text and len(b.text) <= 80 for b in blocks[:5] if isinstance(b, Paragraph)):
        blocks.insert(0, Paragraph(title, Source(line=1)))
    return Document(blocks=blocks, path=path, format="html")


# --------------------------------------------------------------------------- decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_CHINESE_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
                    "cp936": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "gb18030"}


def decode(data: bytes) -> str:
    """Bytes -> text. Order: BOM; valid UTF-8 (a GBK page almost never is, while pages that declare
    gb2312 but are UTF-8 do occur); the declared charset (GBK family read as GB18030, its superset);
    charset-normalizer's guess; UTF-8 with replacement characters."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:16384])
    if m:
        declared = m.group(1).decode("ascii", "ignore").lower()
        try:
            return data.decode(_CHINESE_ALIASES.get(declared, declared))
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("utf-8", errors="replace")


def _parse(text: str):
    # Parse UTF-8 bytes with the encoding given, so a stale <meta charset> or XML declaration
    # in the text cannot make lxml decode twice. No network access; no huge trees.
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True,
                                  remove_pis=True, huge_tree=False)
    # Characters XML does not allow (controls: never text; lxml refuses them in a tree it edits) become spaces.
    text = _CONTROL.sub(" ", text)
    try:
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except etree.ParserError:  # an empty document
        return lxml.html.document_fromstring(b"<html><body></body></html>", parser=parser)


def _page_title(root) -> str:
    el = root.find(".//title")
    if el is None:
        return ""
    # Portals append "_column_site" or " - site" to the page title.
    return re.split(r"[_|]| - ", clean(el.text_content()))[0].strip()


# --------------------------------------------------------------------------- cleaning

def clean(text: str) -> str:
    """Collapse white space (NBSP, ideographic space, zero-width) to single spaces."""
    return _SPACE.sub(" ", text).strip()


def _join(fragments: list[str]) -> str:
    """Join text nodes, dropping line breaks inside a node between two CJK characters (the source
    was wrapped there). A break between two elements is kept as a space, as a browser shows it."""
    return clean("".join(_CJK_BREAK.sub("", f) for f in fragments))


def _hidden(el) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN.search(el.get("style") or ""))


def _drop(el) -> None:
    """Remove an element but keep its tail text."""
    if el.getparent() is not None:
        el.drop_tree()


# --------------------------------------------------------------------------- tables

def _own_rows(table) -> list:
    return table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")


def _own_cells(tr) -> list:
    return tr.xpath("./td|./th")


def is_data_table(table) -> bool:
    """A data table's cells are leaves: no nested table, no long text; a one-cell table wraps content.
    A table whose spans would make a huge grid is not read as one either (a hostile page)."""
    rows = _own_rows(table)
    cells = [td for tr in rows for td in _own_cells(tr)]
    if len(cells) < 2:
        return False
    area = sum(_span(td.get("colspan")) * min(_span(td.get("rowspan")), len(rows)) for td in cells)
    if area > _MAX_GRID:
        return False
    for td in cells:
        if td.find(".//table") is not None or len(clean(td.text_content())) > _LONG_CELL:
            return False
    return True


def _span(value: str | None) -> int:
    m = re.match(r"\s*0*(\d{1,6})(\d*)", value or "")  # never int() a run of thousands of digits
    if not m:
        return 1
    return 100 if m.group(2) else max(1, min(int(m.group(1)), 100))  # no report table is 100 columns wide


def _cell_text(td) -> str:
    """The cell's text; its lines (paragraphs, <br>) joined by a space, or by nothing between two
    CJK characters: Word wraps a narrow header cell into one line per character ("结|果|维|持")."""
    parts = [td.text or ""]
    for el in td.iterdescendants():
        if not isinstance(el.tag, str):
            parts.append(el.tail or "")
            continue
        if el.tag in _BLOCK or el.tag == "br":
            parts.append("\n")
        parts.append(el.text or "")
        parts.append(el.tail or "")
    lines = [_join([line]) for line in "".join(parts).split("\n")]
    return _CJK_GAP.sub("", " ".join(line for line in lines if line))


def build_grid(table, index: int) -> Grid:
    """Resolve rowspan/colspan: each cell once at its top-left position, None where it is covered."""
    rows = _own_rows(table)
    taken: dict[tuple[int, int], GridCell] = {}
    cells: list[GridCell] = []
    for r, tr in enumerate(rows):
        c = 0
        for td in _own_cells(tr):
            while (r, c) in taken:
                c += 1
            rowspan = _span(td.get("rowspan"))
            if td.get("rowspan", "").strip() == "0":  # HTML: spans to the end of the table
                rowspan = len(rows) - r
            rowspan = min(rowspan, len(rows) - r)
            colspan = _span(td.get("colspan"))
            cell = GridCell(_cell_text(td), r, c, rowspan, colspan,
                            Source(table=index, row=r + 1, column=c + 1))
            cells.append(cell)
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.setdefault((r + dr, c + dc), cell)
            c += colspan
    width = max((c + 1 for _, c in taken), default=0)
    grid: list[list[GridCell | None]] = [[None] * width for _ in rows]
    for cell in cells:
        grid[cell.row][cell.column] = cell
    return Grid(rows=grid, source=Source(line=table.sourceline, table=index))


# --------------------------------------------------------------------------- choosing the content

def _in_data_table(el, memo: dict | None = None) -> bool:
    """Is ``el`` inside a data table? ``memo`` keeps each table's answer: a page with many heading-like
    cells inside one big table asks about the same table each time (quadratic without it)."""
    for a in el.iterancestors("table"):
        if memo is None:
            if is_data_table(a):
                return True
            continue
        if a not in memo:
            memo[a] = is_data_table(a)
        if memo[a]:
            return True
    return False


def _innermost_blocks(body):
    for el in body.iter(*_BLOCK):
        if el.tag in ("table", "thead", "tbody", "tfoot", "tr", "body", "html"):
            continue
        if not any(isinstance(d.tag, str) and d.tag in _BLOCK for d in el.iterdescendants()):
            yield el


def _content_root(body):
    """The deepest element holding the most distinct numbered section headings (at least two; a
    stray "一、…" in a menu does not widen it), else the element whose innermost paragraphs hold
    the most text."""
    numerals: dict = {}  # element -> numerals of the headings inside it
    # Headings start a paragraph, or a line of one (a text node: "…<br>二、主动公开…").
    candidates = [(el, clean(el.text_content())) for el in _innermost_blocks(body)]
    candidates += [(node.getparent(), clean(node)) for node in body.xpath(".//text()")]
    memo: dict = {}
    for el, text in candidates:
        if el is not None and (numeral := _heading_numeral(text)) and not _in_data_table(el, memo):
            for holder in (el, *el.iterancestors()):
                numerals.setdefault(holder, set()).add(numeral)
    most = max((len(v) for v in numerals.values()), default=0)
    if most >= 2:
        best = [el for el, v in numerals.items() if len(v) == most]
        return max(best, key=lambda el: sum(1 for _ in el.iterancestors()))
    scores: dict = {}
    for el in _innermost_blocks(body):
        parent = el.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + len(_text_without_links(el))
    if not scores:
        return body
    return max(scores, key=scores.get)


def _text_without_links(el) -> str:
    parts = []
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        if node.tag != "a" and not any(a.tag == "a" for a in node.iterancestors("a")):
            parts.append(node.text or "")
        if node is not el:
            parent = node.getparent()
            if parent.tag != "a" and not any(a.tag == "a" for a in parent.iterancestors("a")):
                parts.append(node.tail or "")
    return clean("".join(parts))


def _preamble_root(content):
    """The highest close ancestor of the content: one adding only a little text (the title, date,
    share buttons). Its text before the content, links aside, is kept; what follows the content
    (share buttons, footers) is not."""
    size = len(clean(content.text_content()))
    top = content
    for ancestor in content.iterancestors():
        if ancestor.tag in ("body", "html"):
            break
        if len(clean(ancestor.text_content())) - size > _PREAMBLE_LIMIT:
            break
        top = ancestor
    return top


# --------------------------------------------------------------------------- walking

class _Walker:
    """Walks elements in document order, producing Paragraphs and Grids.

    Before the content element (the preamble, inside its close ancestor) link text is skipped;
    after it, nothing is kept."""

    def __init__(self, content):
        self.content = content
        self.blocks: list = []
        self.buf: list[str] = []
        self.line: int | None = None
        self.tables = 0
        self.state = "before"  # before -> inside -> after

    def add(self, text: str | None, line: int | None) -> None:
        if text and self.state != "after":
            if not any(part.strip() for part in self.buf):
                self.line = line  # the line where the paragraph's first visible text is
            self.buf.append(text)

    def flush(self) -> None:
        text = _join(self.buf)
        self.buf.clear()
        if self.state == "before" and text.rstrip(" >›»/|｜\u00a0").endswith(("：", ":")):
            return  # a page label whose value was links ("当前位置： > >", "相关链接：")
        if text:
            self.blocks.append(Paragraph(text, Source(line=self.line)))

    def walk(self, el, in_link: bool = False) -> None:
        if self.state == "after" or not isinstance(el.tag, str):
            return
        entering = el is self.content
        if entering:
            self.flush()
            self.state = "inside"
        skip = self.state == "before" and (in_link or el.tag == "a")
        tag = el.tag
        if tag == "br":
            self.flush()
        elif tag == "table" and is_data_table(el):
            self.flush()
            self.tables += 1
            self.blocks.append(build_grid(el, self.tables))
        else:
            block = tag in _BLOCK
            if block:
                self.flush()
            if not skip:
                self.add(el.text, el.sourceline)
            for child in el:
                self.walk(child, skip)
                if not skip:
                    self.add(child.tail, child.sourceline)
            if block:
                self.flush()
        if entering:
            self.flush()
            self.state = "after"
