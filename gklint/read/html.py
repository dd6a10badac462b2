"""HTML page (a report as published on a portal) -> Document.

A portal page wraps the report in navigation, scripts, layout tables and footers. The reader
1. decodes the bytes as every text file is (``gklint.read.sniff.decode_text``: BOM, valid UTF-8, the
   page's declared charset, GB18030, then charset-normalizer),
2. puts in place of each script that only writes string literals (``document.write("…")``) the text it
   writes (``gklint.read.html_script``; no JavaScript is run), and parses the page safely (lxml, no network
   access),
3. picks the element that holds the report (``gklint.read.html_content``): the deepest element holding the most distinct
   numbered section headings ("一、…", "二、…" starting a paragraph or line), or else the element
   whose paragraphs hold the most text; plus the short text just before it (title, source, date)
   inside a close ancestor, links aside,
4. walks it in document order: paragraphs (block elements, <br>-separated lines; text cleaned by
   ``gklint.read.html_text``) and data tables as ``Grid``s (``gklint.read.html_tables``: rowspan/colspan
   resolved). Tables used for page layout are walked as containers; the page's metadata box (索引号 |
   发布机构 | 发布日期 …, label and value cells in turn) is read as lines of text, before the report when it
   stands outside the article, so that its dates are read,
5. refuses a page that only embeds the report (an <iframe>, <embed> or <object> showing a PDF, Word or OFD
   file, and no table or report text of its own): a read error naming the file to check instead.

The reader knows nothing of the official layout; ``gklint.recognise.grid`` maps grids to tables.

Where a block is: a paragraph's ``Source.markup_line`` is the line of the page source where its text
starts, a table's the line of its ``<table>``; a cell's ``Source.table/row/column`` its table's index
and grid position. The page-source line is data for tools (JSON, SARIF), never shown to people: a
finding on a page is placed by its section and a quoted sentence, which is what the reader sees.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from gklint.core import lazyre
from gklint.core.chrome import NAVIGATION
from gklint.read import budget
from gklint.read.document import Block, Document, Grid, Paragraph
from gklint.core.source import Source
from gklint.read.guards import DEFAULT, Limits
from gklint.read.html_content import content_root, preamble_root
from gklint.read.html_script import written
from gklint.read.errors import ReadError
from gklint.read.html_tables import build_grid, info_box_lines, is_data_table, is_info_box
from gklint.read.html_text import BLOCK, clean, join
from gklint.read.sniff import decode_text

_DROP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
                   "canvas", "select", "option", "button", "input", "textarea", "map", "audio",
                   "video", "head", "title", "meta", "link"})
_EMBEDDED = lazyre.compile(r"\.(?:pdf|docx?|wps|ofd)(?:[?#]|$)", re.I)  # a report file shown in the page
_SHORT_PAGE = 2000  # characters: less text than any report, with its tables elsewhere
_HIDDEN = lazyre.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.I)
_CONTROL = lazyre.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")  # not XML characters
_CHARREF = lazyre.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,6})|0*([0-9]{1,7}))(?![0-9a-fA-F])(;?)")  # a numeric character reference


def read_html(path: str, data: bytes, limits: Limits = DEFAULT) -> Document:
    root = _parse(_decoded(path, data, limits))
    body = _body(root)
    embedded = _embedded_documents(body)
    _drop_unshown(body)
    content = content_root(body)
    top = preamble_root(content)
    walker = _Walker(content)
    walker.walk(top)
    walker.flush()
    blocks = _box_lines(_info_box(body, top)) + walker.blocks
    if embedded and _no_report(blocks):
        raise ReadError(path, f"网页正文是嵌入的文件（{embedded[0]}），网页本身没有报告内容，请下载该文件后检查")
    budget.check_chars(path, sum(len(b.text) for b in blocks if isinstance(b, Paragraph))
                       + sum(len(c.text) for b in blocks if isinstance(b, Grid) for row in b.rows for c in row if c),
                       limits)
    title = _page_title(root)
    # the page's title stands in for a body without one ("本报告……" in an opening sentence is not a title, nor is
    # a breadcrumb "首页 > 政务公开 > 信息公开年度报告")
    if title and not any("年度报告" in b.text and len(b.text) <= 80 and not NAVIGATION.search(b.text)
                         for b in blocks[:5] if isinstance(b, Paragraph)):
        blocks.insert(0, Paragraph(title, Source()))
    return Document(blocks=blocks, path=path, format="html")


def read_html_body(path: str, data: bytes, limits: Limits = DEFAULT) -> list[Block]:
    """The blocks of a whole page body, as Word shows an HTML part imported into a draft (``w:altChunk``):
    every element read, no report picked out of the page, no page title added."""
    body = _body(_parse(_decoded(path, data, limits)))
    _drop_unshown(body)
    walker = _Walker(body)
    walker.walk(body)
    walker.flush()
    return walker.blocks


# --------------------------------------------------------------------------- parsing

def _decoded(path: str, data: bytes, limits: Limits) -> str:
    """The page's text, its ``document.write`` scripts replaced by what they write."""
    text = decode_text(data, path=path)
    budget.check_markup(path, text, limits)
    return written(text)


def _body(root):
    body = root.find("body")
    return root if body is None else body


def _drop_unshown(body) -> None:
    """Remove what a browser does not show: scripts, forms, media and the like, and hidden elements."""
    for el in list(body.iter(*_DROP)):
        _drop(el)
    for el in list(body.iter()):
        if isinstance(el.tag, str) and _hidden(el):
            _drop(el)


def _parse(text: str):
    # Parse UTF-8 bytes with the encoding given, so a stale <meta charset> or XML declaration
    # in the text cannot make lxml decode twice. No network access; no huge trees.
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True,
                                  remove_pis=True, huge_tree=False)
    # Characters XML does not allow (controls: never text; lxml refuses them in a tree it edits) become spaces.
    text = _CONTROL.sub(" ", text)
    text = _CHARREF.sub(_xml_charref, text)  # and the same characters written as references (&#x1b;)
    try:
        return lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except etree.ParserError:  # an empty document
        return lxml.html.document_fromstring(b"<html><body></body></html>", parser=parser)


def _xml_charref(match: re.Match) -> str:
    """A numeric character reference naming a character XML does not allow becomes a space; others stay."""
    hexa, decimal, _ = match.groups()
    code = int(hexa, 16) if hexa else int(decimal)
    return " " if code < 0x110000 and _CONTROL.fullmatch(chr(code)) else match.group(0)


def _page_title(root) -> str:
    el = root.find(".//title")
    if el is None:
        return ""
    # Portals append "_column_site" or " - site" to the page title.
    return re.split(r"[_|]| - ", clean(el.text_content()))[0].strip()


# --------------------------------------------------------------------------- embedded documents

def _embedded_documents(body) -> list[str]:
    """The documents a page shows in an <iframe>, <embed> or <object> (the report as a PDF, Word or OFD file)."""
    sources = (el.get("src") or el.get("data") or "" for el in body.iter("iframe", "embed", "object"))
    return [src for src in sources if _EMBEDDED.search(src)]


def _no_report(blocks: list) -> bool:
    """A page showing no report of its own: no table, and little text (a title, a date line, a link)."""
    return (not any(isinstance(b, Grid) for b in blocks)
            and sum(len(b.text) for b in blocks if isinstance(b, Paragraph)) < _SHORT_PAGE)


# --------------------------------------------------------------------------- the 索引号 box

def _info_box(body, top):
    """The page's metadata box (索引号 | 发布机构 | 发布日期 …: label and value cells in turn) outside the
    article, which is read as lines before the report; None if there is none."""
    return next((t for t in body.iter("table")
                 if t is not top and top not in t.iterancestors() and t not in top.iterancestors() and is_info_box(t)),
                None)


def _box_lines(box) -> list:
    """Each row of a metadata box as a line of text: "索引号：… 发布日期：2024-01-15"."""
    if box is None:
        return []
    return [Paragraph(line, Source(markup_line=tr.sourceline)) for tr, line in info_box_lines(box)]


# --------------------------------------------------------------------------- hidden elements

def _hidden(el) -> bool:
    return el.get("hidden") is not None or bool(_HIDDEN.search(el.get("style") or ""))


def _drop(el) -> None:
    """Remove an element but keep its tail text."""
    if el.getparent() is not None:
        el.drop_tree()


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
        text = join(self.buf)
        self.buf.clear()
        if self.state == "before" and text.rstrip(" >›»/|｜\u00a0").endswith(("：", ":")):
            return  # a page label whose value was links ("当前位置： > >", "相关链接：")
        if text:
            self.blocks.append(Paragraph(text, Source(markup_line=self.line)))

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
        elif tag == "table" and is_info_box(el):
            self.flush()
            for tr, line in info_box_lines(el):
                self.add(line, tr.sourceline)
                self.flush()
        elif tag == "table" and is_data_table(el):
            self.flush()
            self.tables += 1
            self.blocks.append(build_grid(el, self.tables))
        else:
            block = tag in BLOCK
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
