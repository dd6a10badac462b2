"""The report model: what one annual report states, independent of the file it came from.

A ``Report`` holds metadata, the sections in order and the three official tables, each cell
keyed by the layout's row and column ids (``gklint.layouts``). A ``Cell`` keeps apart blank,
"/" (not applicable), a number, and text that is not a number, together with the raw text
and where it came from.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from gklint.core import lazyre
from gklint.core.numbers import show_number
from gklint.core.source import Source

CellKind = Literal["number", "blank", "na", "text"]
# the dashes Excel (accounting format) and Word tables write for 0, width-folded, and "无" (none) written
# for 0 by hand; unlike "/" (not applicable)
DASHES = frozenset({"-", "--", "—", "——", "–", "––", "无"})


@dataclass(frozen=True)
class Cell:
    """One cell as read. Immutable: a reading that changes replaces the cell (``dataclasses.replace``), so a
    reader may give many places one ``Cell`` (gklint JSON shares one per plain count)."""

    kind: CellKind
    value: int | float | None = None
    raw: str = ""
    source: Source | None = None
    doubt: str | None = None  # how an uncertain reading was made (digits run together), said with any finding it causes

    @property
    def is_number(self) -> bool:
        return self.kind == "number"

    @property
    def is_dash(self) -> bool:
        """A dash written for a value ("-", "—", "－", "–"), the usual way a pasted spreadsheet shows 0, or "无"."""
        return self.kind == "na" and "".join(unicodedata.normalize("NFKC", self.raw).split()) in DASHES

    @classmethod
    def number(cls, value: int | float, raw: str | None = None, source: Source | None = None) -> "Cell":
        return cls("number", value, str(value) if raw is None else raw, source)

    @classmethod
    def blank(cls, source: Source | None = None) -> "Cell":
        return cls("blank", None, "", source)

    def display(self) -> str:
        if self.kind == "number":
            return show_number(self.value)
        if self.kind == "blank":
            return "（空白）"
        return self.raw


@dataclass
class Section:
    """One top-level section as found: its number (一…六), heading line and body text."""

    heading: str
    text: str
    number: str | None = None  # 一 … 六 as written
    id: str | None = None  # the layout's section id, when recognised
    source: Source | None = None  # where the heading is
    sources: list[Source | None] = field(default_factory=list)  # where each line of ``text`` is


@dataclass
class Metadata:
    """What a report says of itself: title, agency, year, the dates it was published and signed, the period."""

    title: str | None = None
    agency: str | None = None
    year: int | None = None
    published: dt.date | None = None
    signed: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None


@dataclass
class Table:
    """One official table: cells by (row id, column id); ``found`` is False when the report lacks it."""

    key: str
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    found: bool = True
    source: Source | None = None

    def get(self, row: str, column: str) -> Cell | None:
        return self.cells.get((row, column))


NUMBERS_UNREAD = "其中的数字未读取"  # said by a ``table_unreadable`` note whose ``numbers_unread`` is set


@dataclass
class Note:
    """Something recognition noticed or could not do, said plainly; rules of kind ``recognition`` report them.

    Kinds (each reported by one recognition or layout rule): ``table_missing`` (an official table was not
    found: R101), ``table_unreadable`` (found, but a row could not be read or was not found: R102),
    ``layout_unknown`` (no table matched either layout: R103), ``digits_split`` (run-together digits split
    by the row's total: R104), ``digits_unbalanced`` (no split of run-together digits satisfies the totals:
    R109), ``digits_settled`` / ``digits_contradict_text`` (a row's digits read as the text states them: R110;
    agreeing with the text under no reading: R111), ``traditional_script`` (converted to simplified: R105), ``unreadable_part``
    (a part the reader could not read, e.g. a scanned PDF page: R106), ``digits_short`` (a run of zeros shorter
    than its row: read as zeros, a cell blank or lost: R107), ``label_approx`` (a misprinted row label taken
    for the row expected at its place: R108), ``header_alias`` (a header or label
    worded differently from the official one; ``found`` and ``official`` hold both: L104), ``image_only``
    (pages published as images, read by OCR; ``found`` is "identities holding/checked": R112),
    ``ocr_inferred`` (a scanned cell OCR missed or doubted, determined by the table's totals: R113),
    ``several_reports`` (on a file's first report: the file holds more, each read on its own; ``message`` is the
    second's title or first heading, ``found`` the number of reports: R114).
    ``numbers_unread`` is True on a ``table_unreadable`` note about a row of the table that held numbers
    recognition left unread (a row that is not an official one): the table's blanks may be those numbers.
    ``shape`` names the rule's other template that says this note (``message_<shape>``: the note's fields fill
    it in either language; none: the rule's ``message``), ``count`` a number it says (rows, readings).
    """

    kind: str
    message: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    found: str | None = None
    official: str | None = None
    source: Source | None = None
    numbers_unread: bool | None = None
    shape: str | None = None
    count: str | None = None


@dataclass
class Report:
    """A recognised report: its layout, metadata, sections, official tables and what recognition noticed."""

    layout: str  # the layout version the tables follow: "2021" or "2019"
    meta: Metadata = field(default_factory=Metadata)
    sections: list[Section] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    preamble: str = ""  # text before the first section (title, page chrome)
    preamble_sources: list[Source | None] = field(default_factory=list)  # one per line of ``preamble``
    path: str = ""
    notes: list[Note] = field(default_factory=list)  # what recognition noticed or could not do
    # per layout version and table, the labels peculiar to that version that the document writes
    # (本年新制作数量 is 2019's table 二), as recognition found them; None when the layout was declared
    # (gklint JSON) rather than recognised
    layout_markers: dict[str, dict[str, tuple[str, ...]]] | None = None

    def cell(self, table: str, row: str, column: str) -> Cell | None:
        t = self.tables.get(table)
        return t.get(row, column) if t else None

    def value(self, table: str, row: str, column: str) -> int | float | None:
        c = self.cell(table, row, column)
        return c.value if c is not None and c.is_number else None

    @property
    def text(self) -> str:
        """The narrative: every section's heading and text, in order."""
        return "\n".join(f"{s.heading}\n{s.text}" for s in self.sections)


_TITLE_YEAR = lazyre.compile(r"((?:19|20)\d{2})\s*年度?")
_NARRATIVE_YEAR = lazyre.compile(r"(?<!\d)(20\d{2})\s*年")


def report_year(report: Report) -> int | None:
    """The year a report is about: its metadata's; else the year in its title (the preamble's first line,
    when that is a report's title); else the year its narrative names most (the earliest of a tie)."""
    if report.meta.year:
        return report.meta.year
    title = report.meta.title or next((ln.strip() for ln in report.preamble.split("\n") if ln.strip()), "")
    if (m := _TITLE_YEAR.search(title)) and "报告" in title:
        return int(m.group(1))
    counts: dict[int, int] = {}
    for m in _NARRATIVE_YEAR.finditer(report.text):
        counts[int(m.group(1))] = counts.get(int(m.group(1)), 0) + 1
    return max(counts, key=lambda y: (counts[y], -y)) if counts else None
