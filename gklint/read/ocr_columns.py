"""Tables drawn without ruling lines on a scanned page: rows by the y-centres of the numbers, columns by the gaps.

OCR gives each cell's text as a box of its own. Without lines to follow:

- **rows**: the numbers of one table row sit on one line (a label may wrap over two or three lines beside
  them, a merged label may be written down the page): numbers whose middles are close form a data row;
  consecutive data rows (each with two or more boxes) form a table; every other box between the first
  and the last row belongs to the row nearest its middle, and the lines of boxes just above the first
  row (up to a section heading or a gap) are the header;
- **value columns**: the x-extents of the numbers, overlapping extents joined (a number centred in its
  cell overlaps the other numbers of its column whatever its width; the gap between two columns is blank
  in every row);
- **label columns**: left of the first value column, one per left edge shared by labels (table 三's
  三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密); a label reaching over the next edge spans it; a header
  over several value columns (法人或其他组织) spans them.

A lone "0" OCR did not see leaves its cell blank, in its right column: the totals proof-read it
(``proofread``); nothing is shifted. Boxes of one cell that wrap are joined top to bottom.
"""

from __future__ import annotations

import statistics

from gklint.core import lazyre
from gklint.read.ocr_engine import Box
from gklint.read.pdf_tables import Part, PartCell, is_number
from gklint.read.pdf_text import join_wrapped

_SECTION = lazyre.compile(r"^[一二三四五六七八九十]+、\S{4,}")
MAX_HEADER_LINES = 8
ROW_GAP = 7.5  # heights of a number: two data rows further apart are two tables (a label may wrap over 3 lines)


def _numeric(box: Box) -> bool:
    return is_number(box.text) or box.text in ("/", "-", "—")


def _lines(boxes: list[Box], tol: float) -> list[list[Box]]:
    """Boxes grouped by their middles (a new line when a middle is more than ``tol`` below the line's first)."""
    out: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: b.middle):
        if out and box.middle - out[-1][0].middle <= tol:
            out[-1].append(box)
        else:
            out.append([box])
    return [sorted(line, key=lambda b: b.x0) for line in out]


def gap_tables(boxes: list[Box], number: int) -> list[tuple[Part, list[tuple[PartCell, list[Box]]], set[int]]]:
    """(table, (cell, its boxes)..., indexes of the boxes used) for every table found among ``boxes``."""
    numbers = [b for b in boxes if _numeric(b)]
    if len(numbers) < 4:
        return []
    h = statistics.median(b.height for b in numbers)
    others = [b for b in boxes if not _numeric(b)]
    rows = _lines(numbers, 0.5 * h)
    # a data row: two numbers, or a number and a label beside it
    def labelled(row: list[Box]) -> bool:
        mid = statistics.median(b.middle for b in row)
        return len(row) >= 2 or any(abs(o.middle - mid) < 1.5 * h and o.x1 < row[0].x0 for o in others)

    data = [r for r in rows if labelled(r)]
    out = []
    start = 0
    while start < len(data):
        end = start
        while end + 1 < len(data) and _mid(data[end + 1]) - _mid(data[end]) < ROW_GAP * h \
                and not _header_between(data[end], data[end + 1], others, h):
            end += 1
        if end - start >= 1:
            built = _table(data[start:end + 1], boxes, h, number)
            if built is not None:
                out.append(built)
        start = end + 1
    return out


def _header_between(upper: list[Box], lower: list[Box], others: list[Box], h: float) -> bool:
    """Is there text over the value columns between two data rows (table 二's next block: 第二十条第（五）项,
    本年处理决定数量)? Then the rows belong to two tables; a label wrapped beside them is left of the values."""
    left = min(b.x0 for b in upper + lower) - h
    return any(_mid(upper) + 1.2 * h < o.middle < _mid(lower) - 1.2 * h and (o.x0 + o.x1) / 2 > left
               for o in others)


def _mid(row: list[Box]) -> float:
    return statistics.median(b.middle for b in row)


def _table(rows: list[list[Box]], boxes: list[Box], h: float, number: int):
    mids = [_mid(r) for r in rows]
    in_rows = {id(b) for r in rows for b in r}
    x0 = min(b.x0 for r in rows for b in r)
    x1 = max(b.x1 for r in rows for b in r)
    left_of_values = min(b.x0 for r in rows for b in r if _numeric(b))
    # labels and wrapped texts between the first and the last row: to the nearest row
    body: list[list[Box]] = [list(r) for r in rows]
    top, bottom = mids[0] - 1.2 * h, mids[-1] + 1.2 * h
    rest = [b for b in boxes if id(b) not in in_rows]
    for b in rest:
        if top <= b.middle <= bottom and b.x0 < x1 + 2 * h and not _numeric(b):
            k = min(range(len(mids)), key=lambda k: abs(mids[k] - b.middle))
            body[k].append(b)
    used = {id(b) for r in body for b in r}
    # header lines above the first row: close, not a section heading
    above = [b for b in rest if id(b) not in used and b.middle < top and b.x0 < x1 + 2 * h]
    header: list[list[Box]] = []
    edge = min(b.top for b in body[0])
    for line in reversed(_lines(above, 0.5 * h)):
        if len(header) >= MAX_HEADER_LINES or edge - max(b.bottom for b in line) > 2.2 * h:
            break
        if _SECTION.match("".join(b.text for b in line)) or (len(line) == 1 and line[0].x1 - line[0].x0 > 0.8 * (x1 - x0)):
            break
        header.insert(0, line)
        edge = min(b.top for b in line)
    x0 = min([b.x0 for r in body for b in r] + [b.x0 for line in header for b in line])
    grid_rows = header + body
    # value columns from the numbers' extents; label columns from the labels' left edges
    clusters: list[list[float]] = []
    for a, b in sorted((b.x0, b.x1) for r in rows for b in r if _numeric(b)):
        if clusters and a <= clusters[-1][1] + 0.2 * h:
            clusters[-1][1] = max(clusters[-1][1], b)
        else:
            clusters.append([a, b])
    start = left_of_values - 0.3 * h
    lefts: list[float] = []
    for x in sorted(b.x0 for r in grid_rows for b in r if (b.x0 + b.x1) / 2 < start):
        if not lefts or x - lefts[-1] > 1.5 * h:
            lefts.append(x)
    edges = [x - 1 for x in lefts] + [start]
    edges += [(a[1] + b[0]) / 2 for a, b in zip(clusters, clusters[1:])] + [max(x1, clusters[-1][1]) + 0.3 * h]
    if any(a >= b for a, b in zip(edges, edges[1:])):
        return None
    ncols, nlabels = len(edges) - 1, len(lefts)
    found: dict[tuple[int, int], list[Box]] = {}
    spans: dict[tuple[int, int], int] = {}
    for r, line in enumerate(grid_rows):
        for b in line:
            centre = (b.x0 + b.x1) / 2
            if centre < start:
                c0 = min(range(nlabels), key=lambda c: abs(lefts[c] - b.x0)) if nlabels else 0
                c1 = max([c for c in range(c0, nlabels) if edges[c] < b.x1 - h] or [c0])
            elif _numeric(b):
                c0 = c1 = next((c for c in range(nlabels, ncols) if edges[c] <= centre < edges[c + 1]), ncols - 1)
            else:
                covered = [c for c in range(nlabels, ncols)
                           if min(b.x1, edges[c + 1]) - max(b.x0, edges[c]) > 0.3 * (edges[c + 1] - edges[c])
                           or edges[c] <= centre < edges[c + 1]]
                c0, c1 = (covered[0], covered[-1]) if covered else (ncols - 1, ncols - 1)
            if _numeric(b) and any(_numeric(o) for o in found.get((r, c0), ())):
                return None  # two numbers in one cell: the columns are not clean
            found.setdefault((r, c0), []).append(b)
            spans[(r, c0)] = max(spans.get((r, c0), 1), c1 - c0 + 1)
    _split_header_boxes(found, spans, len(header), edges, h)
    _join_header_wraps(found, spans, len(header))
    cells: list[PartCell] = []
    pairs: list[tuple[PartCell, list[Box]]] = []
    covered: set[tuple[int, int]] = set()
    for (r, c), group in sorted(found.items()):
        if (r, c) in covered:
            continue
        span = spans[(r, c)]
        if any((r, cc) in covered for cc in range(c, c + span)):
            span = 1
        group = sorted(group, key=lambda b: (round(b.middle / h), b.x0))
        cell = PartCell(join_wrapped([b.text for b in group]), r, c, 1, span, number)
        cells.append(cell)
        pairs.append((cell, group))
        covered.update((r, cc) for cc in range(c, c + span))
    for r in range(len(grid_rows)):
        for c in range(ncols):
            if (r, c) not in covered:
                cells.append(PartCell("", r, c, 1, 1, number))
    cells.sort(key=lambda cell: (cell.row, cell.col))
    part = Part(page=number, top=min(b.top for line in grid_rows for b in line),
                bottom=max(b.bottom for line in grid_rows for b in line), xs=edges, nrows=len(grid_rows), cells=cells)
    return part, pairs, {id(b) for line in grid_rows for b in line}


def _join_header_wraps(found: dict, spans: dict, header_rows: int) -> None:
    """A header wrapped in its cell ("商业企" over "业") is one text: a header cell joins the one above it in
    its column, with the same span, when nothing lies between them there."""
    for r in range(header_rows - 1, 0, -1):
        for (rr, c) in [k for k in found if k[0] == r]:
            above = next((k for k in range(r - 1, -1, -1) if (k, c) in found), None)
            if above is None or spans.get((above, c)) != spans[(r, c)]:
                continue
            upper, lower = found[(above, c)], found[(r, c)]
            gap = min(b.top for b in lower) - max(b.bottom for b in upper)
            if gap < 0.6 * statistics.median(b.height for b in upper + lower):
                found[(above, c)] = upper + lower
                del found[(r, c)], spans[(r, c)]


def _split_header_boxes(found: dict, spans: dict, header_rows: int, edges: list[float], h: float) -> None:
    """Two headers OCR read as one box ("社会公益法律服务" over 社会公益组织 | 法律服务机构, wrapped): a header
    cell over k columns whose wrapped continuation right below it is k boxes, one per column, is cut at the
    column edges (its characters taken as evenly spaced over the box)."""
    for (r, c) in sorted(k for k in found if k[0] < header_rows - 1):
        span = spans.get((r, c), 1)
        if span < 2 or len(found[(r, c)]) != 1:
            continue
        (box,) = found[(r, c)]
        nxt = next((rr for rr in range(r + 1, header_rows)
                    if any((rr, cc) in found for cc in range(c, c + span))), None)
        if nxt is None:
            continue
        below = [(nxt, cc) for cc in range(c, c + span)]
        if not all(k in found and spans.get(k) == 1 for k in below):
            continue
        if min(b.top for k in below for b in found[k]) - box.bottom > 0.6 * h:
            continue
        step = (box.x1 - box.x0) / max(len(box.text), 1)
        pieces: dict[int, str] = {}
        for i, ch in enumerate(box.text):
            centre = box.x0 + (i + 0.5) * step
            col = next((cc for cc in range(c, c + span) if edges[cc] <= centre < edges[cc + 1]), None)
            if col is not None:
                pieces[col] = pieces.get(col, "") + ch
        if sorted(pieces) != list(range(c, c + span)):
            continue
        del found[(r, c)], spans[(r, c)]
        for cc, text in pieces.items():
            found[(r, cc)] = [Box(text, edges[cc], box.top, edges[cc + 1], box.bottom, box.confidence)]
            spans[(r, cc)] = 1
