"""A table cut by a page break, put back together.

The part at the top of a page continues the part that ended the page before when their outer
edges match and one's column edges are a subset of the other's (table 二's blocks narrow from
four columns to two). Both are re-gridded on the union of their edges, then:
- a row cut in two by the break (no ruling line on either side of the break) is one row again;
- otherwise a header repeated at the top of the second part is dropped, and a merged cell
  running over the break (``（四）无`` | ``法提供``) is one cell again.
"""

from __future__ import annotations

from gklint.read.pdf_tables import Part, is_number, nearest
from gklint.read.pdf_text import HEADING, join_wrapped

_EDGE_TOL = 4.0  # points: edges this close are the same edge (pdfplumber snaps within 3)


def _matches(edges: list[float], others: list[float]) -> bool:
    return all(min(abs(e - o) for o in others) <= _EDGE_TOL for e in edges)


def continues(prev: Part, nxt: Part) -> bool:
    """Is ``nxt`` (first on its page) the rest of ``prev`` (last on the page before)?"""
    if abs(prev.xs[0] - nxt.xs[0]) > _EDGE_TOL or abs(prev.xs[-1] - nxt.xs[-1]) > _EDGE_TOL:
        return False
    return _matches(nxt.xs, prev.xs) or _matches(prev.xs, nxt.xs)


def _regrid(part: Part, edges: list[float]) -> None:
    index = [nearest(edges, x) for x in part.xs]
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
    if not _join_cut_row(prev, nxt):
        _drop_repeated_header(prev, nxt)
        _join_across_break(prev, nxt)
    for cell in nxt.cells:
        cell.row += prev.nrows
    prev.cells.extend(nxt.cells)
    prev.nrows += nxt.nrows
    prev.bottom = nxt.bottom
    return prev


def _join_cut_row(prev: Part, nxt: Part) -> bool:
    """The last row of ``prev`` and the first of ``nxt`` are one row cut by the page break:
    no ruling line closes any cell of either at the break."""
    last = prev.nrows - 1
    pairs = []
    for cell in (c for c in nxt.cells if c.row == 0):
        above = prev.covering(last, cell.col)
        if above is None or (above.col, above.colspan) != (cell.col, cell.colspan) \
                or not (above.open_bottom and cell.open_top):
            return False
        pairs.append((above, cell))
    if not pairs:
        return False
    for above, cell in pairs:
        above.text = join_wrapped([above.text, cell.text])
        above.rowspan += cell.rowspan - 1
        nxt.cells.remove(cell)
    for cell in nxt.cells:
        cell.row -= 1
    nxt.nrows -= 1
    return True


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

    Either no ruling line separates the two parts (the producer drew it open), or, when lines
    were drawn, a cell spanning several rows on either side, in the same columns, whose part
    after the break is empty or continues text (not a number, not a new numbered item).
    """
    last = prev.nrows - 1
    for cell in [c for c in nxt.cells if c.row == 0]:
        above = prev.covering(last, cell.col)
        if above is None or (above.col, above.colspan) != (cell.col, cell.colspan):
            continue
        if not (above.open_bottom and cell.open_top):
            if above.rowspan == 1 and cell.rowspan == 1:
                continue
            if not cell.text and not above.text:
                continue
            if cell.text and (not above.text or is_number(above.text) or is_number(cell.text)
                              or HEADING.match(cell.text)):
                continue
        above.text = join_wrapped([above.text, cell.text])
        above.rowspan += cell.rowspan
        nxt.cells.remove(cell)
