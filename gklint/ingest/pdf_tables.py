"""Tables on PDF pages -> grids with merged cells resolved.

Two finders:
- ruled tables: pdfplumber's table finder on the ruling lines (invisible white rectangles, which
  some converters draw behind every paragraph, are removed first), then every cell's position in
  the grid of distinct column and row edges gives its row/column spans;
- ruleless tables: lines of words separated by wide gaps, whose columns line up over several lines.

A table broken by a page break arrives as two parts: ``continues``/``merge`` join them (same
outer edges, one part's column edges a subset of the other's), drop a header repeated at the top
of the second part, and rejoin a merged cell that runs over the break.
"""

from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass, field

from gklint.ingest.document import Grid, GridCell, Source
from gklint.ingest.pdf_text import HEADING, Line, cell_text, join_wrapped, tidy

_NUMERIC = re.compile(r"^[-+]?[\d,.%]+$")
_EDGE_TOL = 4.0  # points: edges this close are the same edge (pdfplumber snaps within 3)


@dataclass
class PartCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    page: int = 0


@dataclass
class Part:
    """A table as found on one page (or several, once merged)."""

    page: int
    top: float
    bottom: float
    xs: list[float]  # column edges, left to right
    nrows: int
    cells: list[PartCell] = field(default_factory=list)

    @property
    def ncols(self) -> int:
        return len(self.xs) - 1

    def covering(self, r: int, c: int) -> PartCell | None:
        for cell in self.cells:
            if cell.row <= r < cell.row + cell.rowspan and cell.col <= c < cell.col + cell.colspan:
                return cell
        return None

    def row_texts(self, r: int) -> list[str]:
        return [(cell.text if (cell := self.covering(r, c)) else "") for c in range(self.ncols)]


def _is_number(text: str) -> bool:
    return bool(_NUMERIC.match(text.replace(" ", "")))


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _nearest(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


# --------------------------------------------------------------------------- ruled tables

def _white(color) -> bool:
    if isinstance(color, (int, float)):  # grey
        color = (color,)
    if not isinstance(color, (tuple, list)) or not color or not all(isinstance(v, (int, float)) for v in color):
        return False
    if len(color) == 4:  # CMYK
        return all(v <= 0.05 for v in color)
    return all(v >= 0.95 for v in color)


def _visible(obj: dict) -> bool:
    """Keep everything except rectangles and lines nobody can see (unstroked white fills)."""
    kind = obj.get("object_type")
    if kind == "rect":
        if obj.get("stroke") and not _white(obj.get("stroking_color")):
            return True
        return bool(obj.get("fill")) and not _white(obj.get("non_stroking_color"))
    if kind in ("line", "curve"):
        return not _white(obj.get("stroking_color"))
    return True


def ruled_tables(page, number: int) -> list[Part]:
    """Tables drawn with ruling lines on one pdfplumber page (at least two columns)."""
    page = page.filter(_visible)
    parts = []
    for table in page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"}):
        part = _from_cells(table.cells, page.chars, number)
        if part is not None:
            parts.append(part)
    return parts


def _from_cells(boxes: list[tuple[float, float, float, float]], chars: list[dict], number: int) -> Part | None:
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes], 1.5)
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes], 1.5)
    if len(xs) < 3 or len(ys) < 2 or len(boxes) < 2:
        return None  # a single column or a single box: text in a frame, not a table
    nrows, ncols = len(ys) - 1, len(xs) - 1
    cover: list[list[PartCell | None]] = [[None] * ncols for _ in range(nrows)]
    cells: list[PartCell] = []
    for x0, top, x1, bottom in boxes:
        r0, r1, c0, c1 = _nearest(ys, top), _nearest(ys, bottom), _nearest(xs, x0), _nearest(xs, x1)
        if r1 <= r0 or c1 <= c0 or cover[r0][c0] is not None:
            continue
        cell = PartCell("", r0, c0, r1 - r0, c1 - c0, number)
        cells.append(cell)
        for r in range(r0, r1):
            for c in range(c0, c1):
                cover[r][c] = cell
    for r in range(nrows):  # positions no box covers: empty cells, so the grid stays complete
        for c in range(ncols):
            if cover[r][c] is None:
                cover[r][c] = cell = PartCell("", r, c, 1, 1, number)
                cells.append(cell)
    inside: dict[int, list[dict]] = {}
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        r, c = bisect.bisect(ys, cy) - 1, bisect.bisect(xs, cx) - 1
        if 0 <= r < nrows and 0 <= c < ncols:
            inside.setdefault(id(cover[r][c]), []).append(ch)
    for cell in cells:
        cell.text = cell_text(inside.get(id(cell), []))
    cells.sort(key=lambda k: (k.row, k.col))
    return Part(page=number, top=ys[0], bottom=ys[-1], xs=xs, nrows=nrows, cells=cells)


# --------------------------------------------------------------------------- ruleless tables

def _segments(line: Line) -> list[list[dict]]:
    """A line cut where the gap between two characters is wider than one and a half characters."""
    segs: list[list[dict]] = []
    for ch in line.chars:
        if segs and ch["x0"] - segs[-1][-1]["x1"] <= max(1.5 * line.size, 6):
            segs[-1].append(ch)
        else:
            segs.append([ch])
    return segs


def text_tables(lines: list[Line], number: int) -> list[tuple[int, int, Part]]:
    """Tables without ruling lines among a page's text lines: (first line, last line, part)."""
    segs = [_segments(line) for line in lines]
    found = []
    i = 0
    while i < len(lines):
        if len(segs[i]) < 2:
            i += 1
            continue
        j = i  # extend the run: multi-segment lines, with at most one single-segment line between
        while j + 1 < len(lines) and lines[j + 1].top - lines[j].bottom < 2.5 * max(lines[j].size, 1):
            if len(segs[j + 1]) >= 2:
                j += 1
            elif j + 2 < len(lines) and len(segs[j + 2]) >= 2 \
                    and lines[j + 2].top - lines[j + 1].bottom < 2.5 * max(lines[j + 1].size, 1):
                j += 2
            else:
                break
        part = _text_part(lines[i:j + 1], segs[i:j + 1], number)
        if part is not None:
            found.append((i, j, part))
            i = j + 1
        else:
            i += 1
    return found


def _text_part(lines: list[Line], segs: list[list[list[dict]]], number: int) -> Part | None:
    multi = [s for s in segs if len(s) >= 2]
    if len(multi) < 2:
        return None
    k = max(len(s) for s in multi)
    widest = [s for s in multi if len(s) == k]
    columns = [(min(s[i][0]["x0"] for s in widest), max(s[i][-1]["x1"] for s in widest)) for i in range(k)]
    if any(a[1] >= b[0] for a, b in zip(columns, columns[1:])):
        return None  # the widest lines do not line up in columns
    numeric_rows = sum(1 for s in multi if _is_number(tidy("".join(c["text"] for c in s[-1]))))
    if k < 3 and numeric_rows < 2:
        return None
    x0 = min(line.x0 for line in lines)
    x1 = max(line.x1 for line in lines)
    xs = [min(x0, columns[0][0])] + [(a[1] + b[0]) / 2 for a, b in zip(columns, columns[1:])] + [max(x1, columns[-1][1])]
    cells: list[PartCell] = []
    for r, (line, line_segs) in enumerate(zip(lines, segs)):
        row: dict[int, PartCell] = {}
        for seg in line_segs:
            c0 = max(0, min(k - 1, bisect.bisect(xs, seg[0]["x0"] + 0.5) - 1))
            c1 = max(c0, min(k - 1, bisect.bisect(xs, seg[-1]["x1"] - 0.5) - 1))
            text = tidy("".join(ch["text"] for ch in seg))
            if c0 in row:
                row[c0].text = join_wrapped([row[c0].text, text])
                continue
            row[c0] = PartCell(text, r, c0, 1, c1 - c0 + 1, number)
        c = 0
        while c < k:
            if c in row:
                cells.append(row[c])
                c += row[c].colspan
            else:
                cells.append(PartCell("", r, c, 1, 1, number))
                c += 1
    return Part(page=number, top=lines[0].top, bottom=lines[-1].bottom, xs=xs, nrows=len(lines), cells=cells)


# --------------------------------------------------------------------------- page breaks

def _matches(edges: list[float], others: list[float]) -> bool:
    return all(min(abs(e - o) for o in others) <= _EDGE_TOL for e in edges)


def continues(prev: Part, nxt: Part) -> bool:
    """Is ``nxt`` (first on its page) the rest of ``prev`` (last on the page before)?"""
    if abs(prev.xs[0] - nxt.xs[0]) > _EDGE_TOL or abs(prev.xs[-1] - nxt.xs[-1]) > _EDGE_TOL:
        return False
    return _matches(nxt.xs, prev.xs) or _matches(prev.xs, nxt.xs)


def _regrid(part: Part, edges: list[float]) -> None:
    index = [_nearest(edges, x) for x in part.xs]
    for cell in part.cells:
        start, end = index[cell.col], index[cell.col + cell.colspan]
        cell.col, cell.colspan = start, max(1, end - start)
    part.xs = edges


def merge(prev: Part, nxt: Part) -> Part:
    """``prev`` with ``nxt`` appended below it (both re-gridded on the union of their edges)."""
    edges = list(prev.xs)
    for x in nxt.xs:
        if min(abs(x - e) for e in edges) > _EDGE_TOL:
            edges.append(x)
    edges.sort()
    _regrid(prev, edges)
    _regrid(nxt, edges)
    _drop_repeated_header(prev, nxt)
    _join_across_break(prev, nxt)
    for cell in nxt.cells:
        cell.row += prev.nrows
    prev.cells.extend(nxt.cells)
    prev.nrows += nxt.nrows
    prev.bottom = nxt.bottom
    return prev


def _drop_repeated_header(prev: Part, nxt: Part) -> None:
    k = 0
    while k < min(prev.nrows, nxt.nrows - 1):
        texts = nxt.row_texts(k)
        if not any(texts) or texts != prev.row_texts(k):
            break
        k += 1
    if not k:
        return
    kept = []
    for cell in nxt.cells:
        if cell.row + cell.rowspan <= k:
            continue
        if cell.row < k:
            cell.rowspan -= k - cell.row
            cell.row = k
        cell.row -= k
        kept.append(cell)
    nxt.cells = kept
    nxt.nrows -= k


def _join_across_break(prev: Part, nxt: Part) -> None:
    """A merged cell cut by the page break: its parts are one cell again.

    Only for cells spanning several rows on either side, in the same columns, where the part
    after the break is empty or continues text (not a number, not a new numbered item).
    """
    last = prev.nrows - 1
    for cell in [c for c in nxt.cells if c.row == 0]:
        above = prev.covering(last, cell.col)
        if above is None or (above.col, above.colspan) != (cell.col, cell.colspan):
            continue
        if above.rowspan == 1 and cell.rowspan == 1:
            continue
        if cell.text and (not above.text or _is_number(above.text) or _is_number(cell.text)
                          or HEADING.match(cell.text)):
            continue
        if not cell.text and not above.text:
            continue
        above.text = join_wrapped([above.text, cell.text])
        above.rowspan += cell.rowspan
        nxt.cells.remove(cell)


# --------------------------------------------------------------------------- grid

def to_grid(part: Part, index: int) -> Grid:
    rows: list[list[GridCell | None]] = [[None] * part.ncols for _ in range(part.nrows)]
    for cell in part.cells:
        rows[cell.row][cell.col] = GridCell(
            text=cell.text, row=cell.row, column=cell.col, rowspan=cell.rowspan, colspan=cell.colspan,
            source=Source(page=cell.page, table=index, row=cell.row + 1, column=cell.col + 1))
    return Grid(rows=rows, source=Source(page=part.page, table=index))


def median_size(lines: list[Line]) -> float:
    return statistics.median(line.size for line in lines) if lines else 10.0
