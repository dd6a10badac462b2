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
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gklint.core.numerals import HEADING
from gklint.read.pdf_tables import Part, PartCell, is_number
from gklint.read.pdf_text import Line, spaced_text

GAP = 0.6  # a gap this wide (in font sizes) separates two cells; words in a sentence are closer


@dataclass
class Columns:
    tables: list[tuple[int, int, Part]]  # (first line, last line, table) for clean runs
    tabular: dict[int, str]  # other tabular lines (index -> text with tabs between the pieces)
    begun: str | None = None  # how the table going on at the page's end began: "grid", "text" (None: no table)


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
    tabular = {i for i, p in enumerate(pieces) if len(p) >= 2}
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
    result = Columns([], {}, begun)
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
