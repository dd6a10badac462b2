"""Where a finding is, in words an inspector can act on, in Chinese (default) or English.

A finding names its place in the report's own terms (``Location``): a table cell by the official
labels of table, row and column, or a section by its heading and a quoted sentence. Its position in
the original file (``Source``) is said as the file allows one to go there:

============  =======================================  ==========================================
file          zh                                       en
============  =======================================  ==========================================
Word (.docx)  第12段 (Word's paragraph number)         paragraph 12
PDF           第3页                                    page 3
text          第57行                                   line 57
HTML page     nothing: the section and the quote       nothing: the section and the quote
a table cell  表格2 第4行第10列 (the file's 2nd table,  table 2 of the file, row 4, column 10
              its grid row and column)
============  =======================================  ==========================================

A web page's source line (``Source.markup_line``) is data for tools (JSON, SARIF, GitHub), not for
people: nobody reading the page sees it. The words themselves are said in one place, the core
(``Source.describe``, ``Location.labels``, ``Location.describe``); this module chooses which places a
finding has and joins them. See ``gklint.read.docx`` for how Word paragraphs are
numbered.

A finding that compares a sentence with table cells (narrative rules N1xx: the text says 收到申请2件,
table 三 says 3) has two kinds of place, each with its own position: its ``location`` is the
sentence (section, quote, paragraph/page/line), and ``related`` holds the cells it was compared
with. ``places`` lists them in that order, and every output shows both.
"""

from __future__ import annotations

from dataclasses import dataclass

from gklint.core.diagnostic import Diagnostic, Location
from gklint.core.source import Source

SNIPPET = 40  # characters of a quote shown on one line (concise): enough to find it with Ctrl+F

WORDS = {
    "zh": {"at": "位置", "quote": "原文", "compared": "对照", "cells": "单元格", "more": "另{n}格",
           "sep": "；", "open": "（", "close": "）"},
    "en": {"at": "at", "quote": "text", "compared": "compared with", "cells": "cells", "more": "and {n} more",
           "sep": "; ", "open": " (", "close": ")"},
}
CELLS_SHOWN = 5  # a table finding's own cells named on one line (a table writing its zeros as "/": 169 of them)


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["zh"])


def source_text(src: Source | None, lang: str = "zh") -> str:
    """The position in the original file: 第3页 第12段 / 表格2 第4行第10列 (zh), page 3, paragraph 12 (en).
    A page-source line of HTML is never said. ``Source.describe`` is the implementation."""
    return src.describe(lang) if src is not None else ""


def cell_labels(loc: Location, lang: str = "zh") -> str:
    """表三 · （七）总计 · 自然人 (the official labels); "table 3 · …" in English (``Location.labels``)."""
    return loc.labels(lang)


@dataclass(frozen=True)
class Place:
    """One place of a finding: ``kind`` is "text" (a section and its quoted sentence) or "cell"/"table"
    (official labels), with the location it comes from."""

    kind: str
    location: Location

    def describe(self, lang: str = "zh") -> str:
        return self.location.describe(lang, as_text=self.kind == "text")


def _kind(loc: Location) -> str:
    if loc.table:
        return "cell" if loc.row and loc.column else "table"
    return "text"


def places(d: Diagnostic) -> list[Place]:
    """The finding's places, its own first. A finding with ``related`` places is on its sentence: its
    location is described as the text (section and position), the cells follow, each with its own."""
    loc = d.location
    related = list(getattr(d, "related", None) or [])
    if related and (loc.section or loc.quote):
        first = Place("text", loc)
    else:
        first = Place(_kind(loc), loc)
    return [first] + [Place(_kind(r), r) for r in related]


def primary(d: Diagnostic) -> Place:
    return places(d)[0]


def describe(d: Diagnostic, lang: str = "zh", *, quote: bool = False) -> str:
    """All the finding's places on one line: 一、总体情况（第7段）；对照：表三 · … · 总计（表格2 第4行第10列);
    with ``quote``, the start of the quoted sentence follows its place (“全年共收到…”)."""
    w = words(lang)
    found = places(d)
    text = found[0].describe(lang)
    if quote and d.location.quote:
        shown = f"“{snippet(d.location.quote)}”"
        text = f"{text} {shown}" if text else shown
    joined = related_text(d, lang)
    if joined:
        word = related_word(d, lang)
        text = f"{text}{w['sep']}{word}：{joined}" if lang != "en" else f"{text}; {word}: {joined}"
    return text


def related_word(d: Diagnostic, lang: str = "zh") -> str:
    """What the related places are: the cells a sentence was compared with (对照), or a table finding's own cells."""
    return words(lang)["compared" if primary(d).kind == "text" else "cells"]


def related_text(d: Diagnostic, lang: str = "zh") -> str:
    """The related places alone, joined (empty when there are none); a table finding's own cells, the first
    ``CELLS_SHOWN`` of them and how many more."""
    w = words(lang)
    shown = [text for p in places(d)[1:] if (text := p.describe(lang))]
    if primary(d).kind != "text" and len(shown) > CELLS_SHOWN:
        shown = shown[:CELLS_SHOWN] + [w["more"].replace("{n}", str(len(shown) - CELLS_SHOWN))]
    return w["sep"].join(shown)


def snippet(quote: str | None, limit: int = SNIPPET) -> str:
    """A quote short enough for one line, cut with "…"."""
    if not quote:
        return ""
    text = " ".join(quote.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def file_line(d: Diagnostic) -> int | None:
    """The line of a text file a finding is on (``path:line:``), when it is in a text file."""
    src = primary(d).location.source
    return src.line if src is not None and src.line else None


def tool_line(d: Diagnostic) -> int | None:
    """The line a tool can point at in the file: a text file's line, or an HTML page's source line."""
    src = primary(d).location.source
    if src is None:
        return None
    return src.line or src.markup_line or None
