"""Diagnostics and results: plain data that every output renders, and nothing else needs."""

from __future__ import annotations

import copyreg
from dataclasses import dataclass, field
from typing import Literal

from gklint.core.source import Source

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
# a severity as the terminal and `gklint rules` name it
SEVERITY_WORDS = {"zh": {"error": "错误", "warning": "警告", "info": "提示"},
                  "en": {"error": "error", "warning": "warning", "info": "info"}}


def by_state(obj, protocol: int = 5):
    """How pickle reduces a plain object (its class made without ``__init__``, then its ``__dict__`` set): the
    reduction ``object.__reduce_ex__`` gives, and so the same bytes, at a third of its cost (it looks up half
    a dozen hooks per object, which a worker pays on every finding it sends back). The findings' classes
    below are pickled so (their ``__reduce_ex__``), and so is a report's summary (``batch.Packed``)."""
    if protocol < 2:
        return object.__reduce_ex__(obj, protocol)
    return copyreg.__newobj__, (type(obj),), obj.__dict__


# the places gklint names itself (not a heading of the report), in English
_SECTIONS_EN = {"标题与导语": "title and opening lines"}


def section_name(section: str | None, lang: str = "zh") -> str | None:
    """A finding's section as said in ``lang``: the report's own heading as written; the place gklint names
    itself (the title and the lines before the first section, ``gklint.textutil.PREAMBLE``) in English too."""
    return _SECTIONS_EN.get(section, section) if lang == "en" and section else section


@dataclass
class Location:
    """Where a finding is. Tables: official labels of table, row and column. Text: section and quote."""

    __reduce_ex__ = by_state  # pickled cheaply (a worker sends findings back)

    table: str | None = None
    row: str | None = None
    column: str | None = None
    section: str | None = None
    quote: str | None = None
    source: Source | None = None  # where in the original file

    def labels(self, lang: str = "zh") -> str:
        """The cell by its official labels: ``表三 · （七）总计 · 自然人``; ``table 3 · …`` in English (the
        official row and column labels stay as the format writes them)."""
        parts: list[str] = []
        if self.table:
            if lang != "en":
                parts.append(f"表{self.table}")
            else:
                from gklint.core.numerals import chinese_to_int

                parts.append(f"table {chinese_to_int(self.table) or self.table}")
        parts += [x for x in (self.row, self.column) if x]
        return " · ".join(parts)

    def describe(self, lang: str = "zh", *, as_text: bool = False) -> str:
        """The place in words, in ``lang``, with its position in the file: ``表二 · …（第9行）`` /
        ``table 2 · … (line 9)``; a text place (or ``as_text``) by its section: ``一、总体情况（第7段）``.
        The one implementation of a place in words: ``gklint.output.places`` calls it."""
        section = section_name(self.section, lang)
        text = (section or "") if as_text else (self.labels(lang) or section or "")
        where = self.source.describe(lang) if self.source is not None else ""
        if not where:
            return text
        if not text:
            return where
        return f"{text}（{where}）" if lang != "en" else f"{text} ({where})"

    def to_dict(self) -> dict:
        # the fields in order, as ``asdict`` would give them (their values are text: nothing to copy)
        out = {}
        if self.table is not None:
            out["table"] = self.table
        if self.row is not None:
            out["row"] = self.row
        if self.column is not None:
            out["column"] = self.column
        if self.section is not None:
            out["section"] = self.section
        if self.quote is not None:
            out["quote"] = self.quote
        if self.source is not None:
            out["source"] = self.source.to_dict()
        return out


@dataclass
class Part:
    """One term of a checked sum: its label, value (None when not a number), place, and for an identity the side
    of the equation it is on ("left": what the sum should be, the finding's expected; "right": its found)."""

    __reduce_ex__ = by_state  # pickled cheaply (a worker sends findings back)

    label: str
    value: int | float | None
    weight: int = 1
    location: Location | None = None
    side: Literal["left", "right"] | None = None

    def to_dict(self) -> dict:
        out: dict = {"label": self.label, "value": self.value}
        if self.weight != 1:
            out["weight"] = self.weight
        if self.side is not None:
            out["side"] = self.side
        if self.location is not None:
            out["location"] = self.location.to_dict()
        return out


@dataclass
class Excerpt:
    """The cells of a table a finding shows: column labels, and per row its label and the cells as shown
    (blank: "（空白）"; a cell the row does not have: ""); ``row`` and ``column`` name the located cell."""

    __reduce_ex__ = by_state  # pickled cheaply (a worker sends findings back)

    table: str
    columns: list[str]
    rows: list[tuple[str, list[str]]]
    row: str | None = None
    column: str | None = None

    def to_dict(self) -> dict:
        out: dict = {"table": self.table, "columns": list(self.columns),
                     "rows": [{"label": label, "cells": list(cells)} for label, cells in self.rows]}
        if self.row is not None:
            out["row"] = self.row
        if self.column is not None:
            out["column"] = self.column
        return out


@dataclass
class Diagnostic:
    """One finding: the rule that made it, how grave it is, its message and where it is in the report."""

    __reduce_ex__ = by_state  # pickled cheaply (a worker sends findings back)

    rule: str
    severity: Severity
    message: str
    location: Location = field(default_factory=Location)
    expected: object = None
    found: object = None
    parts: list[Part] = field(default_factory=list)
    title: str = ""
    # the other places the finding involves, each with its own position: for a sentence that disagrees
    # with a table, ``location`` is the sentence and ``related`` the table cells it was compared with
    related: list[Location] = field(default_factory=list)
    # what the message was filled with (plain JSON values; a {zh, en} mapping where the text depends on the
    # language) and which of the rule's templates: enough to render the message again in another language
    values: dict = field(default_factory=dict)
    template: str = "message"
    excerpt: Excerpt | None = None  # the table cells the finding involves, as the terminal shows them

    def to_dict(self) -> dict:
        out = {
            "rule": self.rule,
            "severity": self.severity,
            "title": self.title,
            "message": self.message,
            "location": self.location.to_dict(),
            "expected": self.expected,
            "found": self.found,
            "parts": [p.to_dict() for p in self.parts],
            "related": [r.to_dict() for r in self.related],
            "values": self.values,
        }
        if self.template != "message":
            out["template"] = self.template
        if self.excerpt is not None:
            out["excerpt"] = self.excerpt.to_dict()
        return out


class _MadeOnRead:
    """A field of text that may be given as a function of no arguments making it: made when first read (a
    rule's page costs a few tenths of a millisecond to render, and only SARIF shows it)."""

    def __set_name__(self, owner, name: str) -> None:
        self.slot = f"_{name}"

    def __get__(self, obj, owner=None) -> str:
        if obj is None:
            return ""  # the field's default
        value = obj.__dict__[self.slot]
        if not isinstance(value, str):
            value = obj.__dict__[self.slot] = value()
        return value

    def __set__(self, obj, value) -> None:
        obj.__dict__[self.slot] = value


@dataclass(frozen=True)
class RuleInfo:
    """What outputs say of a rule besides its findings: SARIF's rule descriptors, the review page's help.
    ``docs`` holds what / why / example / fix; ``page`` is the rule's page as ``gklint explain`` prints it
    (given as text, or as a function making it when first read)."""

    id: str
    name: str
    kind: str
    severity: str
    title: str
    docs: dict[str, str]
    pack: str = ""
    page: str = _MadeOnRead()  # type: ignore[assignment]

    def __reduce__(self):
        return RuleInfo, (self.id, self.name, self.kind, self.severity, self.title, self.docs, self.pack, self.page)


@dataclass
class TableView:
    """One official table of a report as an output shows it: its key, title and rows in the layout's order.

    Each row is (label, column labels, cells as shown); a group heading is a row with no columns.
    ``section`` is the id of the section that holds the table; ``found`` is False when the report lacks it."""

    __reduce_ex__ = by_state  # pickled cheaply (a worker sends findings back)

    key: str
    title: str
    rows: list[tuple[str, list[str], list[str]]] = field(default_factory=list)
    section: str | None = None
    found: bool = True


@dataclass
class FileResult:
    """What checking one file gave: the layout it follows and its diagnostics, or why it could not be read."""

    __reduce_ex__ = by_state  # pickled cheaply (a worker sends findings back)

    path: str
    layout: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None  # set when the file could not be read; no diagnostics then
    spot: str | None = None  # where in the file the reading failed (第3页, a ZIP entry), when the error names it
    report: object = None  # the Report (gklint.core.model), while the batch renders the file (the review page)
    meta: dict = field(default_factory=dict)
    layout_notice: str | None = None  # the notice that set the layout: 国办公开办函〔2021〕30号
    sections: dict[str, str] = field(default_factory=dict)  # table key -> the heading of the section holding it
    tables: list[TableView] = field(default_factory=list)  # each official table as found, in the layout's order
    rules: dict[str, RuleInfo] = field(default_factory=dict)  # the rules its findings name
    # a file holding several reports (R114) gives one result per report: its number in the file (from 1; 0 for a
    # file holding one) and its title; ``gklint.check`` returns the first with the others' results in ``later``
    part: int = 0
    part_title: str | None = None
    later: list[FileResult] = field(default_factory=list)

    def name(self, lang: str = "zh", path: str | None = None) -> str:
        """The file as outputs name it (``path``: as they show the file's path; default its path), with ``tag``."""
        return (self.path if path is None else path) + self.tag(lang)

    def tag(self, lang: str = "zh") -> str:
        """Which report of a file holding several this is, as outputs say it after the file's path:
        "（第2份：TITLE）", in English " (report 2: TITLE)"; empty for a file holding one."""
        if not self.part:
            return ""
        title = self.part_title or "?"
        return f" (report {self.part}: {title})" if lang == "en" else f"（第{self.part}份：{title}）"

    def count(self, severity: Severity) -> int:
        return sum(d.severity == severity for d in self.diagnostics)

    @property
    def ok(self) -> bool:
        return self.error is None and self.count("error") == 0

    def __repr__(self) -> str:  # short: never the whole report
        if self.error is not None:
            return f"FileResult({self.path!r}, error={self.error!r})"
        counts = ", ".join(f"{s}={self.count(s)}" for s in SEVERITIES)
        return f"FileResult({self.path!r}, layout={self.layout!r}, {counts})"

    def to_dict(self) -> dict:
        out: dict = {"path": self.path, "layout": self.layout}
        if self.part:
            out |= {"part": self.part, "part_title": self.part_title}
        if self.meta:
            out["meta"] = self.meta
        if self.error is not None:
            out["error"] = self.error
        if self.spot is not None:
            out["spot"] = self.spot
        out["diagnostics"] = [d.to_dict() for d in self.diagnostics]
        return out


@dataclass
class Result:
    """A run: one FileResult per input, in input order."""

    files: list[FileResult] = field(default_factory=list)
    baselined: int = 0  # findings left out because a baseline accepts them (gklint.baseline)

    def __repr__(self) -> str:  # short: counts, not every finding
        counts = ", ".join(f"{s}={self.count(s)}" for s in SEVERITIES)
        return f"Result(files={len(self.files)}, {counts}, unreadable={len(self.unreadable)})"

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    def count(self, severity: Severity) -> int:
        return sum(f.count(severity) for f in self.files)

    @property
    def has_errors(self) -> bool:
        return self.count("error") > 0

    @property
    def unreadable(self) -> list[FileResult]:
        return [f for f in self.files if f.error is not None]

    def exit_code(self, fail_on: Severity = "error") -> int:
        """0: nothing at ``fail_on`` severity or worse; 1: such findings; 2: an input could not be read."""
        if self.unreadable:
            return 2
        worst = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
        return 1 if any(self.count(s) for s in worst) else 0

    def to_dict(self) -> dict:
        return {"files": [f.to_dict() for f in self.files],
                "summary": {s: self.count(s) for s in SEVERITIES} | {"unreadable": len(self.unreadable)}}

    def flatten(self) -> list[dict]:
        """One flat row per diagnostic, for a table or a DataFrame; ``agency`` and ``year`` as ``meta`` has them
        (None where the report did not say), as the jsonl output's findings have them."""
        rows = []
        for f in self.files:
            for d in f.diagnostics:
                loc = d.location
                rows.append({"path": f.path, "part": f.part, "agency": f.meta.get("agency"), "year": f.meta.get("year"),
                             "layout": f.layout, "rule": d.rule, "severity": d.severity,
                             "table": loc.table, "row": loc.row, "column": loc.column,
                             "section": loc.section, "quote": loc.quote, "expected": d.expected,
                             "found": d.found, "message": d.message})
        return rows

class Tally(Result):
    """A run whose files were written as they finished (``--format jsonl``): their counts kept, not the
    files, so a batch's memory does not grow with its number of reports. Counts as ``Result`` does."""

    def __init__(self) -> None:
        super().__init__()
        self.counts = {s: 0 for s in SEVERITIES}
        self.n_unreadable = 0

    def add(self, f: FileResult) -> None:
        self.n_unreadable += f.error is not None
        for d in f.diagnostics:
            self.counts[d.severity] += 1

    def add_findings(self, diagnostics) -> None:
        self.add_severities(d.severity for d in diagnostics)

    def add_severities(self, severities) -> None:
        """Count findings of these severities (one each)."""
        for severity in severities:
            self.counts[severity] += 1

    def count(self, severity: Severity) -> int:
        return self.counts[severity]

    @property
    def unreadable(self) -> list:
        return [None] * self.n_unreadable

    def __repr__(self) -> str:
        counts = ", ".join(f"{s}={self.count(s)}" for s in SEVERITIES)
        return f"Tally({counts}, unreadable={self.n_unreadable})"

