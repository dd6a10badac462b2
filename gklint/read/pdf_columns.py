"""Tables without ruling lines: text lines whose pieces, separated by wide gaps, line up in columns.

A line is *tabular* when a gap wider than ``GAP`` of its font size cuts it into pieces. A region
(tabular lines close to each other, with the single lines between two of them) becomes a grid
only when it is clean: at least two lines have the most pieces and define the columns (their
pieces line up, one column each), every other line's pieces fall in whole columns, and there is
a number to tabulate. A region that is not clean (labels wrapped over lines, headers written
vertically...) is not guessed into a grid, nor are the other regions close to it (parts of one
table would come out half grid, half text): each tabular line stays a line of its own, its
pieces joined by tabs, which the text-stream reader reads like a table copied as text. Nor is a
clean region without a header row (every tabular line holds a number) in a table that began as
text lines above it, on this page or a page before (no section heading between): it is that
table's rows (two tidy rows at the top of a page), not a table of its own. In a table that began
as a grid such a region goes on as a grid, as the grids of a table cut by page breaks do.

Narrative set in two columns is no table: a run of three or more lines cut into two pieces that are both
prose (Chinese text with sentence marks, no lone number) starting at two steady left edges is read
column by column (``_prose_runs``): the left column's lines, then the right column's, joined into
paragraphs by the columns' own margins, so a sentence is not interleaved with the other column's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gklint.core import lazyre
from gklint.core.numerals import HEADING
from gklint.read.pdf_tables import Part, PartCell, is_number
from gklint.read.pdf_text import Line, ParagraphBuilder, column_margins, spaced_text

GAP = 0.6  # a gap this wide (in font sizes) separates two cells; words in a sentence are closer


@dataclass
class Columns:
    tables: list[tuple[int, int, Part]]  # (first line, last line, table) for clean runs
    tabular: dict[int, str]  # other tabular lines (index -> text with tabs between the pieces)
    begun: str | None = None  # how the table going on at the page's end began: "grid", "text" (None: no table)
    prose: list[tuple[int, int, list[Line]]] = field(default_factory=list)  # (first line, last line, its
    # paragraphs) of narrative in two columns, each paragraph a line of its own in reading order

    def placed(self, lines: list[Line]) -> list[Line]:
        """The page's lines as read: a table's lines taken out, a tabular line's pieces joined by tabs (a
        line of its own), a run of two-column narrative replaced by its paragraphs."""
        for i, text in self.tabular.items():
            lines[i].text, lines[i].tabular = text, True
        used = {i for first, last, _ in self.tables for i in range(first, last + 1)}
        runs = {first: (last, paragraphs) for first, last, paragraphs in self.prose}
        out: list[Line] = []
        i = 0
        while i < len(lines):
            if i in runs:
                last, paragraphs = runs[i]
                out.extend(paragraphs)
                i = last + 1
                continue
            if i not in used:
                out.append(lines[i])
            i += 1
        return out


def _pieces(line: Line) -> list[list[dict]]:
    pieces: list[list[dict]] = []
    for ch in line.chars:
        if pieces and ch["x0"] - pieces[-1][-1]["x1"] < max(GAP * line.size, 4):
            pieces[-1].append(ch)
        else:
            pieces.append([ch])
    return pieces


def _is_section(text: str) -> bool:
    """A section heading written tight: "三、收到和处理政府信息公开申请情况" (no space around 、)."""
    m = HEADING.match(text)
    return bool(m) and m.start("mark") == len(m["num"]) and m["mark"] == "、" and re.match(r"\S{4}", text[m.end("mark"):]) is not None


def find_columns(lines: list[Line], number: int, begun: str | None = None) -> Columns:
    """``begun``: how the table going on at the end of the page before began (``Columns.begun``)."""
    pieces = [_pieces(line) for line in lines]
    texts = [[spaced_text(p) for p in line_pieces] for line_pieces in pieces]
    prose = _prose_runs(lines, pieces, texts)
    in_prose = {i for first, last, _ in prose for i in range(first, last + 1)}
    tabular = {i for i, p in enumerate(pieces) if len(p) >= 2 and i not in in_prose}
    headings = [k for k in range(len(lines)) if k not in tabular and _is_section(lines[k].text)]
    cluster = [0] * len(lines)  # lines close to each other (one table and what surrounds it)
    for k in range(1, len(lines)):  # up to a section heading
        cluster[k] = cluster[k - 1] + (0 if _close(lines[k - 1], lines[k]) and k not in headings else 1)
    regions: list[tuple[int, int, Part | None]] = []
    i = 0
    while i < len(lines):
        if i not in tabular:
            i += 1
            continue
        j = _region_end(lines, pieces, tabular, i)
        regions.append((i, j, _grid(pieces[i:j + 1], texts[i:j + 1], number)))
        i = j + 1
    unclean = {cluster[i] for i, _, part in regions if part is None}
    result = Columns([], {}, begun, prose)
    end = -1
    for i, j, part in regions:
        if any(end < k < i for k in headings):
            result.begun = None
        end = j
        run = [k for k in range(i, j + 1) if k in tabular]
        headerless = all(any(is_number(t) for t in texts[k]) for k in run)
        if part is not None and cluster[i] not in unclean and not (result.begun == "text" and headerless):
            part.top, part.bottom = lines[i].top, lines[j].bottom
            result.tables.append((i, j, part))
            result.begun = "grid"
        elif len(run) >= 2 or part is not None or any(is_number(t) for t in texts[i]):
            result.tabular.update({k: "\t".join(texts[k]) for k in run})  # not one justified sentence
            result.begun = result.begun or "text"
    if any(k > end for k in headings):
        result.begun = None
    return result


def _close(upper: Line, lower: Line) -> bool:
    return lower.top - upper.bottom < 4.5 * max(upper.size, 1)  # table rows may be far apart


def _region_end(lines: list[Line], pieces, tabular: set[int], i: int) -> int:
    """The last line of the region starting at tabular line ``i``: following tabular lines, and
    single lines between two of them (a heading row, a wrapped label) within the region's width."""
    j = i
    left = min(p[0]["x0"] for p in pieces[i])
    right = max(p[-1]["x1"] for p in pieces[i])
    while j + 1 < len(lines) and _close(lines[j], lines[j + 1]):
        nxt = lines[j + 1]
        if j + 1 not in tabular:
            if not (j + 2 in tabular and _close(nxt, lines[j + 2]) and left - 2 <= nxt.x0 and nxt.x1 <= right + 2):
                break
        j += 1
        left, right = min(left, lines[j].x0), max(right, lines[j].x1)
    return j


def _grid(pieces: list[list[list[dict]]], texts: list[list[str]], number: int) -> Part | None:
    if len(pieces) < 2:
        return None
    k = max(len(p) for p in pieces)
    widest = [p for p in pieces if len(p) == k]
    numeric = sum(1 for t in texts if any(is_number(x) for x in t))
    if len(widest) < 2 or numeric < 1:
        return None
    columns = [(min(p[c][0]["x0"] for p in widest), max(p[c][-1]["x1"] for p in widest)) for c in range(k)]
    if any(a[1] >= b[0] for a, b in zip(columns, columns[1:])):
        return None  # the fullest lines do not line up
    rows: list[list[PartCell]] = []
    for r, (line_pieces, line_texts) in enumerate(zip(pieces, texts)):
        row: list[PartCell] = []
        for piece, text in zip(line_pieces, line_texts):
            covered = [c for c, (x0, x1) in enumerate(columns) if piece[0]["x0"] < x1 and piece[-1]["x1"] > x0]
            if not covered or (row and covered[0] < row[-1].col + row[-1].colspan) \
                    or covered != list(range(covered[0], covered[-1] + 1)):
                return None  # a piece between columns, or two pieces in one column: not clean
            row.append(PartCell(text, r, covered[0], 1, len(covered), number))
        if row[0].col != 0 and any(is_number(t) for t in line_texts):
            return None  # numbers without their label: the label was wrapped onto other lines
        rows.append(row)
    for upper, lower in zip(rows, rows[1:]):
        _widen_header(upper, lower, k)
    cells: list[PartCell] = []
    for r, row in enumerate(rows):
        used = {c for cell in row for c in range(cell.col, cell.col + cell.colspan)}
        cells.extend(row)
        cells.extend(PartCell("", r, c, 1, 1, number) for c in range(k) if c not in used)
    xs = [columns[0][0]] + [(a[1] + b[0]) / 2 for a, b in zip(columns, columns[1:])] + [columns[-1][1]]
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return Part(page=number, top=0.0, bottom=0.0, xs=xs, nrows=len(pieces), cells=cells)


def _widen_header(header: list[PartCell], row: list[PartCell], k: int) -> None:
    """A header over values printed right-aligned: "信息内容 | 本年处理决定数量" above "行政许可 | 4,431",
    the header centred over a span of columns, its value at the span's right edge, in a column the
    header leaves empty. When the row under a header row (no numbers) has its numbers only right of
    the header's last cell and nothing under that cell, the header's last cell spans to the last column."""
    last = header[-1]
    end = last.col + last.colspan
    numbers = [cell for cell in row if is_number(cell.text)]
    if len(header) < 2 or any(is_number(cell.text) for cell in header) or not numbers:
        return
    if all(cell.col >= end for cell in numbers) and not any(0 < cell.col < end for cell in row):
        last.colspan = k - last.col


# --------------------------------------------------------------------------- narrative in two columns

_PROSE_LINES = 3  # two-piece lines of prose that make a run of two-column narrative
_INDENT = 2.5  # a column's lines start at its left edge, or this many font sizes right of it (a first line)
_CJK = lazyre.compile(r"[\u4e00-\u9fff]")


def _is_prose(text: str) -> bool:
    return len(_CJK.findall(text)) >= 2 and not is_number(text)


def _prose_runs(lines: list[Line], pieces, texts) -> list[tuple[int, int, list[Line]]]:
    """Runs of two-column narrative: ``_PROSE_LINES`` or more consecutive lines of two prose pieces whose
    left pieces start at one edge and right pieces at another (a first line indented), with a sentence
    mark in each column, and the lines after them that go on with the columns (``_column_tail``); each
    run's paragraphs, read column by column."""
    runs: list[tuple[int, int, list[Line]]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and len(pieces[j]) == 2 and all(_is_prose(t) for t in texts[j]) \
                and (j == i or _close(lines[j - 1], lines[j])) and _steady(pieces[i:j + 1]):
            j += 1
        if j - i >= _PROSE_LINES and all(any(m in "".join(t[c] for t in texts[i:j]) for m in "，。；")
                                         for c in (0, 1)):
            last = _column_tail(lines, pieces, i, j)
            runs.append((i, last, _read_columns(lines, pieces, i, last)))
            i = last + 1
        else:
            i = max(j, i + 1)
    return runs


def _steady(run) -> bool:
    """Whether the pieces of these two-piece lines start at two edges (the left and right column's), and
    the left column ends before the right one begins."""
    sizes = [p[0][0]["size"] for p in run]
    size = max(max(sizes), 1)
    for c in (0, 1):
        starts = [p[c][0]["x0"] for p in run]
        if max(starts) - min(starts) > _INDENT * size:
            return False
    return max(p[0][-1]["x1"] for p in run) < min(p[1][0]["x0"] for p in run)


def _column_tail(lines: list[Line], pieces, i: int, j: int) -> int:
    """The last line of the run of two-piece lines ``i``..``j - 1`` with the lines after it, at the run's
    line pitch, that go on with the columns' text: two pieces at the columns' edges, neither a number (a
    paragraph's last line "92件。"); once one column has ended, single lines within the other (starting
    within an indent of its edge, which a first line may have hidden; the left column's ending before the
    right one begins, the right one's starting after the left one ends; never a section heading)."""
    left = min(p[0][0]["x0"] for p in pieces[i:j])
    split = min(p[1][0]["x0"] for p in pieces[i:j])
    left_end = max(p[0][-1]["x1"] for p in pieces[i:j])
    size = max(lines[i].size, 1)
    pitch = max(lines[k + 1].top - lines[k].top for k in range(i, j - 1))
    last = j - 1
    column = None
    while last + 1 < len(lines) and lines[last + 1].top - lines[last].top <= 1.2 * pitch:
        nxt, line = pieces[last + 1], lines[last + 1]
        if len(nxt) == 2 and column is None:
            if any(is_number(spaced_text(p)) for p in nxt) or not _steady([*pieces[i:j], nxt]):
                break
            left, split = min(left, nxt[0][0]["x0"]), min(split, nxt[1][0]["x0"])
            left_end = max(left_end, nxt[0][-1]["x1"])
        elif len(nxt) != 1 or _is_section(line.text):
            break
        elif abs(line.x0 - split) <= _INDENT * size and line.x0 > left_end and column != 0:
            column, split = 1, min(split, line.x0)
        elif abs(line.x0 - left) <= _INDENT * size and line.x1 < split - GAP * size and column != 1:
            column, left = 0, min(left, line.x0)
        else:
            break
        last += 1
    return last


def _read_columns(lines: list[Line], pieces, first: int, last: int) -> list[Line]:
    """The paragraphs of lines ``first``..``last`` read column by column, each as a line of its own (at the
    run's top, in reading order)."""
    left_end = max(p[0][-1]["x1"] for p in pieces[first:last + 1] if len(p) == 2)
    columns: list[list[Line]] = [[], []]
    for k in range(first, last + 1):
        for piece in pieces[k]:  # the right column's pieces start after every left one has ended
            columns[1 if piece[0]["x0"] > left_end else 0].append(Line.of(piece, lines[k].page))
    found: list[tuple[int, str]] = []
    builder = ParagraphBuilder(emit=lambda page, text: found.append((page, text)))
    width = max(max(ln.x1 for ln in column) - min(ln.x0 for ln in column) for column in columns)
    for column in columns:  # both hold the pieces of the run's two-piece lines
        edges = column_margins(column, width)
        for line in column:
            builder.add(line, edges)
    builder.flush()
    run = lines[first:last + 1]
    top, bottom = run[0].top, run[-1].bottom
    x0, x1, size = min(ln.x0 for ln in run), max(ln.x1 for ln in run), run[0].size
    return [Line(chars=[], page=page, x0=x0, x1=x1, top=top, bottom=bottom, size=size, text=text, tabular=True)
            for page, text in found]
