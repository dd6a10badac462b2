"""Tables on PDF pages -> grids with merged cells resolved.

Ruled tables: pdfplumber's table finder on the ruling lines (invisible white rectangles, which
some converters draw behind every paragraph, are removed first; tables a browser left open at a
page break are closed), then every cell's position in the grid of distinct column and row edges
gives its row/column spans. Tables without ruling lines are ``pdf_columns``'s; a table broken by
a page break arrives as two parts, joined by ``pdf_breaks``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from gklint.core import lazyre
from gklint.read.document import Grid, GridCell
from gklint.core.source import Source
from gklint.read.pdf_text import cell_text, group_lines, join_wrapped

_NUMERIC = lazyre.compile(r"^[-+]?[\d,.%]+$")


@dataclass
class PartCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    page: int = 0
    open_top: bool = False  # no ruling line above it: it goes on from the page before
    open_bottom: bool = False  # no ruling line below it: it goes on on the next page
    box: tuple[float, float, float, float] | None = None  # read by OCR: the boxes read into it (x0, top, x1, bottom)
    confidence: float | None = None  # read by OCR: the lowest confidence of those boxes


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


def is_number(text: str) -> bool:
    return bool(_NUMERIC.match(text.replace(" ", "")))


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def nearest(edges: list[float], v: float) -> int:
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
    horizontals = [e for e in page.edges if e["orientation"] == "h"]
    settings = {"vertical_strategy": "lines", "horizontal_strategy": "lines",
                "explicit_horizontal_lines": _closing_lines(page.edges)}
    parts = []
    for table in page.find_tables(settings):
        part = _from_cells(table.cells, page.chars, number)
        if part is not None:
            _mark_open(part, horizontals)
            _take_overflow(part, page.chars)
            parts.append(part)
    return parts


def _take_overflow(part: Part, chars: list[dict]) -> None:
    """Text that ran out below a row cut by the page break (browsers print it so) goes back into
    its cells: lines right under the table, each character inside one open cell of the last row."""
    cells = [c for c in part.cells if c.row + c.rowspan == part.nrows and c.open_bottom]
    if not cells:
        return
    below = [ch for ch in chars if (ch["top"] + ch["bottom"]) / 2 > part.bottom
             and part.xs[0] <= (ch["x0"] + ch["x1"]) / 2 <= part.xs[-1]]
    taken: dict[int, list[dict]] = {}
    bottom = part.bottom
    for line in group_lines(below):
        if line.top - bottom > 1.5 * max(line.size, 1):
            break
        owners = [_owner(cells, part.xs, ch) for ch in line.chars]
        if any(owner is None for owner in owners):
            break
        for owner, ch in zip(owners, line.chars):
            taken.setdefault(id(owner), []).append(ch)
        bottom = line.bottom
    for cell in cells:
        if id(cell) in taken:
            cell.text = join_wrapped([cell.text, cell_text(taken[id(cell)])])
    part.bottom = bottom


def _owner(cells: list[PartCell], xs: list[float], ch: dict) -> PartCell | None:
    for cell in cells:
        if xs[cell.col] - 0.5 <= ch["x0"] and ch["x1"] <= xs[cell.col + cell.colspan] + 0.5:
            return cell
    return None


def _ruled(horizontals: list[dict], y: float, x0: float, x1: float) -> bool:
    """Is there a ruling line at height ``y`` from ``x0`` to ``x1`` (drawn in one or several pieces)?"""
    reach = x0 + 2
    for h in sorted((h for h in horizontals if abs(h["top"] - y) <= 2), key=lambda h: h["x0"]):
        if h["x0"] > reach + 2:
            break
        reach = max(reach, h["x1"])
        if reach >= x1 - 2:
            return True
    return False


def _mark_open(part: Part, horizontals: list[dict]) -> None:
    """Cells on the top or bottom edge of the table with no ruling line drawn there."""
    for cell in part.cells:
        x0, x1 = part.xs[cell.col], part.xs[cell.col + cell.colspan]
        if cell.row == 0:
            cell.open_top = not _ruled(horizontals, part.top, x0, x1)
        if cell.row + cell.rowspan == part.nrows:
            cell.open_bottom = not _ruled(horizontals, part.bottom, x0, x1)


def _closing_lines(edges: list[dict]) -> list[dict]:
    """Horizontal lines closing tables left open at a page break.

    Some producers (browsers printing a web page) draw no line where a page break cuts a table:
    the vertical rules run to the edge of the text area and stop. A line is added where a group
    of vertical rules starts or ends without a horizontal rule across it; the cells left open
    there are marked (``_mark_open``), so the parts can be rejoined across the break.
    """
    verticals = sorted((e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] >= 3),
                       key=lambda e: e["top"])
    horizontals = [e for e in edges if e["orientation"] == "h"]
    groups: list[list[float]] = []  # top, bottom, x0, x1, count
    for e in verticals:
        if groups and e["top"] <= groups[-1][1] + 1:
            g = groups[-1]
            g[1], g[2], g[3], g[4] = max(g[1], e["bottom"]), min(g[2], e["x0"]), max(g[3], e["x0"]), g[4] + 1
        else:
            groups.append([e["top"], e["bottom"], e["x0"], e["x0"], 1])
    lines = []
    for top, bottom, x0, x1, count in groups:
        if count < 2 or x1 - x0 < 10:
            continue
        for y in (top, bottom):
            if not _ruled(horizontals, y, x0, x1):
                lines.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y,
                              "width": x1 - x0, "height": 0})
    return lines


def _from_cells(boxes: list[tuple[float, float, float, float]], chars: list[dict], number: int) -> Part | None:
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes], 1.5)
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes], 1.5)
    if len(xs) < 3 or len(ys) < 2 or len(boxes) < 2:
        return None  # a single column or a single box: text in a frame, not a table
    nrows, ncols = len(ys) - 1, len(xs) - 1
    cover: list[list[PartCell | None]] = [[None] * ncols for _ in range(nrows)]
    cells: list[PartCell] = []
    for x0, top, x1, bottom in boxes:
        r0, r1, c0, c1 = nearest(ys, top), nearest(ys, bottom), nearest(xs, x0), nearest(xs, x1)
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


# --------------------------------------------------------------------------- grid

def to_grid(part: Part, index: int) -> Grid:
    rows: list[list[GridCell | None]] = [[None] * part.ncols for _ in range(part.nrows)]
    for cell in part.cells:
        rows[cell.row][cell.col] = GridCell(
            text=cell.text, row=cell.row, column=cell.col, rowspan=cell.rowspan, colspan=cell.colspan,
            source=Source(page=cell.page, table=index, row=cell.row + 1, column=cell.col + 1,
                          box=tuple(round(v, 1) for v in cell.box) if cell.box else None,
                          confidence=cell.confidence))
    return Grid(rows=rows, source=Source(page=part.page, table=index))
