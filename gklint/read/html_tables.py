"""HTML tables: which are data (leaf cells, not page layout), and a data table as a ``Grid`` (rowspan and
colspan resolved, each cell's lines joined).
"""

from __future__ import annotations

from gklint.core import lazyre
from gklint.read.document import Grid, GridCell
from gklint.core.source import Source
from gklint.read.html_text import BLOCK, CJK_GAP, clean, join

_MAX_GRID = 50_000  # grid positions
_LONG_CELL = 400  # a cell with more text than this is page layout wrapping content, not data


def _own_rows(table) -> list:
    return table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")


def _own_cells(tr) -> list:
    return tr.xpath("./td|./th")


def is_data_table(table) -> bool:
    """A data table's cells are leaves: no nested table, no long text; a one-cell table wraps content.
    A table whose spans would make a huge grid is not read as one either (a hostile page)."""
    rows = _own_rows(table)
    cells = [td for tr in rows for td in _own_cells(tr)]
    if len(cells) < 2:
        return False
    area = sum(_span(td.get("colspan")) * min(_span(td.get("rowspan")), len(rows)) for td in cells)
    if area > _MAX_GRID:
        return False
    nested = table.find(".//table") is not None  # else no cell can hold one: spares a search per cell
    for td in cells:
        if nested and td.find(".//table") is not None:
            return False
        text = td.text_content()
        if len(text) > _LONG_CELL and len(clean(text)) > _LONG_CELL:  # clean() only shortens
            return False
    return True


_SPAN = lazyre.compile(r"\s*0*(\d{1,6})(\d*)")


def _span(value: str | None) -> int:
    m = _SPAN.match(value or "")  # never int() a run of thousands of digits
    if not m:
        return 1
    return 100 if m.group(2) else max(1, min(int(m.group(1)), 100))  # no report table is 100 columns wide


def _cell_text(td) -> str:
    """The cell's text; its lines (paragraphs, <br>) joined by a space, or by nothing between two
    CJK characters: Word wraps a narrow header cell into one line per character ("结|果|维|持")."""
    parts = [td.text or ""]
    for el in td.iterdescendants():
        if not isinstance(el.tag, str):
            parts.append(el.tail or "")
            continue
        if el.tag in BLOCK or el.tag == "br":
            parts.append("\n")
        parts.append(el.text or "")
        parts.append(el.tail or "")
    lines = [join([line]) for line in "".join(parts).split("\n")]
    return CJK_GAP.sub("", " ".join(line for line in lines if line))


def build_grid(table, index: int) -> Grid:
    """Resolve rowspan/colspan: each cell once at its top-left position, None where it is covered."""
    rows = _own_rows(table)
    taken: dict[tuple[int, int], GridCell] = {}
    cells: list[GridCell] = []
    for r, tr in enumerate(rows):
        c = 0
        for td in _own_cells(tr):
            while (r, c) in taken:
                c += 1
            rowspan = _span(td.get("rowspan"))
            if td.get("rowspan", "").strip() == "0":  # HTML: spans to the end of the table
                rowspan = len(rows) - r
            rowspan = min(rowspan, len(rows) - r)
            colspan = _span(td.get("colspan"))
            cell = GridCell(_cell_text(td), r, c, rowspan, colspan,
                            Source(table=index, row=r + 1, column=c + 1))
            cells.append(cell)
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.setdefault((r + dr, c + dc), cell)
            c += colspan
    width = max((c + 1 for _, c in taken), default=0)
    grid: list[list[GridCell | None]] = [[None] * width for _ in rows]
    for cell in cells:
        grid[cell.row][cell.column] = cell
    return Grid(rows=grid, source=Source(markup_line=table.sourceline, table=index))
