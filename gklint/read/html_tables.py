"""HTML tables: which are data (leaf cells, not page layout), and a data table as a ``Grid`` (rowspan and
colspan resolved, each cell's lines joined).
"""

from __future__ import annotations

from gklint.core import lazyre
from gklint.read.document import Grid, GridCell
from gklint.core.source import Source
from gklint.read.html_text import BLOCK, CJK_GAP, clean, join

# a footnote mark set as a superscript after a value ("157<sup>1</sup>", "3<sup>※</sup>", "12<sup>注1</sup>")
# a metadata box's label: short, ending in a colon ("索 引 号：", "发布日期:")
_BOX_LABEL = lazyre.compile(r"[^\d：:]{1,10}[：:]")
_BOX_DATE = lazyre.compile(r"日期|时间")
_BOX_KIND = lazyre.compile(r"索引号|发布机构|发文机关|信息分类|主题分类|文号")
_NOTE_MARK = lazyre.compile(r"[(（\[［]?(?:\d{1,2}|[*＊※†‡#]|[①-⑳]|注\d{0,2})[)）\]］]?")
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


def is_info_box(table) -> bool:
    """A page's metadata box (索引号：| … | 发布机构：| … | 发布日期：| …): no nested table, each row's cells
    a label ending in a colon and its value in turn, among the labels a date's and an index's or issuer's.
    Its label：value pairs are lines of text, never a data table."""
    if table.find(".//table") is not None:
        return False
    labels: list[str] = []
    for tr in _own_rows(table):  # a report table fails on its first row
        row = [clean(td.text_content()).replace(" ", "") for td in _own_cells(tr)]
        if not row or not all(_BOX_LABEL.fullmatch(c) for c in row[::2]):
            return False
        labels += row[::2]
    return any(_BOX_DATE.search(c) for c in labels) and any(_BOX_KIND.search(c) for c in labels)


def info_box_lines(table) -> list[tuple]:
    """Each row of a metadata box with its label：value pairs as a line of text."""
    out = []
    for tr in _own_rows(table):
        cells = [clean(td.text_content()) for td in _own_cells(tr)]
        pairs = (label.replace(" ", "") + value for label, value in zip(cells[::2], cells[1::2] + [""]))
        out.append((tr, " ".join(pairs)))
    return out


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
    marks: set = set()  # the elements inside a footnote mark: not part of the cell's text
    for el in td.iterdescendants():
        if el in marks:
            continue
        if not isinstance(el.tag, str):
            parts.append(el.tail or "")
            continue
        if _note_mark(el, parts):
            marks.update(el.iterdescendants())
            parts.append(el.tail or "")
            continue
        if el.tag in BLOCK or el.tag == "br":
            parts.append("\n")
        parts.append(el.text or "")
        parts.append(el.tail or "")
    lines = [join([line]) for line in "".join(parts).split("\n")]
    return CJK_GAP.sub("", " ".join(line for line in lines if line))


def _note_mark(el, before: list[str]) -> bool:
    """A superscript holding a short note mark right after a number ("157¹" is 157 with note 1, not 1571);
    a superscript elsewhere ("m²", a footnote on a label) stays text."""
    if el.tag != "sup" or not _NOTE_MARK.fullmatch(clean(el.text_content())):
        return False
    return _last_shown(before).isdigit()


def _last_shown(parts: list[str]) -> str:
    """The last character the text of ``parts`` shows (``clean("".join(parts))[-1:]``: spaces and zero-width
    characters show none), read from the last parts back to the first that shows one, not from all joined."""
    return next((shown[-1] for shown in map(clean, reversed(parts)) if shown), "")


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
