"""A file holding more than one report: where each report after the first begins.

Offices publish two years in one PDF, a portal page shows two reports one under the other, a Word draft
has the whole report pasted twice. Read as one report, the second one's tables would be read as the first
one's ("appears twice and differs") and its text compared with the first one's tables. Recognition cuts the
file into its reports (``split_reports``) and reads each one, with its own title, agency and year; the first
says how many the file holds (``several_reports``, rule R114). A 汇编 of a city's departments holds dozens; at
most ``MAX_PARTS`` are read (a hostile file of tiny reports stays within the time budget: the readers'
``max_chars`` bounds a file to about a hundred reports of real size anyway), and the note says so.

A second report begins where the official parts start again: a heading of the first part (一、总体情况)
after the headings of at least two parts that hold a table (二、三、四), followed by the headings of at least
two such parts again, with an official table's header words on both sides (a table of contents before the
body has headings but no table). It begins at its title line (…政府信息公开工作年度报告), when one stands
between the first report's last heading and the second's first, else at that heading.
"""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from gklint.core.model import Note
from gklint.core.numerals import HEADING
from gklint.layouts import Layout, normalise
from gklint.read.document import Block, Document, Grid, Paragraph
from gklint.recognise.sections import find_headings

_TITLE_WORDS = ("政府信息公开", "年度报告")
_TITLE_MAX = 80  # characters of a title line
_TITLE_BACK = 4  # lines above the second report's first heading searched for its title


MAX_PARTS = 100  # reports of one file read and checked; the rest are named by R114, not checked


def split_reports(doc: Document, layout: Layout) -> tuple[list[Document], Note | None]:
    """``doc`` cut into its reports (one Document each, at most ``MAX_PARTS``), and the note saying how many
    reports the file holds and where the second begins (its title or first heading as ``message``; ``found``
    the number of reports; ``count`` the number read when there are more than ``MAX_PARTS``)."""
    starts = report_starts(doc, layout)
    if not starts:
        return [doc], None
    second = cast(Paragraph, doc.blocks[starts[0]])  # a report begins at a line (its title or heading)
    title = " ".join(second.text.split())
    total = len(starts) + 1
    note = Note("several_reports", title, found=str(total), official="1", source=second.source)
    if total > MAX_PARTS:
        note = replace(note, shape="capped", count=str(MAX_PARTS))
    bounds = [0, *starts[: MAX_PARTS - 1], starts[MAX_PARTS - 1] if total > MAX_PARTS else len(doc.blocks)]
    return [replace(doc, blocks=doc.blocks[a:b]) for a, b in zip(bounds, bounds[1:])], note


def report_starts(doc: Document, layout: Layout) -> list[int]:
    """Indices into ``doc.blocks`` where the second, third… report of the file begins (empty for one report)."""
    paragraphs = [(k, b) for k, b in enumerate(doc.blocks) if isinstance(b, Paragraph)]
    texts = [p.text for _, p in paragraphs]
    first = layout.sections[0]
    if sum(1 for t in texts if (m := HEADING.match(t)) and m["num"] == first.number) < 2:
        return []  # the cheap test: a second report has a second 一、
    tabled = {t.section for t in layout.tables.values()}
    runs = _runs([(i, spec.id) for i, _, spec, _ in find_headings(texts, layout) if spec is not None], first.id)
    starts: list[int] = []
    part_from = 0
    for k in range(1, len(runs)):
        before, after = runs[k - 1], runs[k]
        if len({s for _, s in before} & tabled) < 2 or len({s for _, s in after} & tabled) < 2:
            continue
        line = _title_above(texts, before[-1][0], after[0][0])
        start = paragraphs[line][0]
        end = paragraphs[runs[k + 1][0][0]][0] if k + 1 < len(runs) else len(doc.blocks)
        if _has_table(doc.blocks[part_from:start], layout) and _has_table(doc.blocks[start:end], layout):
            starts.append(start)
            part_from = start
    return starts


def _runs(headings: list[tuple[int, str]], first: str) -> list[list[tuple[int, str]]]:
    """The headings cut into runs, each beginning at a heading of the first part (the first run at the start)."""
    runs: list[list[tuple[int, str]]] = [[]]
    for h in headings:
        if h[1] == first and runs[-1]:
            runs.append([])
        runs[-1].append(h)
    return [r for r in runs if r]


def _title_above(texts: list[str], last: int, heading: int) -> int:
    """The line where the report whose first heading is at ``heading`` begins: its title line when one stands
    just above (after ``last``, the previous report's last heading), else the heading itself."""
    for i in range(heading - 1, max(last, heading - 1 - _TITLE_BACK), -1):
        if is_title(texts[i]):
            return i
    return heading


def is_title(text: str) -> bool:
    """A report's title line: names an annual report on government information disclosure, and is no sentence."""
    norm = normalise(text)
    return len(norm) <= _TITLE_MAX and all(w in norm for w in _TITLE_WORDS) and not any(
        mark in text for mark in "。；;《")


def _has_table(blocks: list[Block], layout: Layout) -> bool:
    """Whether all the header words of an official table that has two or more (三: 申请人情况, 自然人; 四:
    结果维持, 尚未审结) are among ``blocks``: one such word may stand in a sentence, both rarely do."""
    headers = [t.headers for t in layout.tables.values() if len(t.headers) >= 2]
    words: set[str] = set()
    for b in blocks:
        cells = [c.text for row in b.rows for c in row if c is not None] if isinstance(b, Grid) else [b.text]
        norm = "".join(normalise(t) for t in cells)
        words.update(w for group in headers for w in group if normalise(w) in norm)
    return any(all(w in words for w in group) for group in headers)
