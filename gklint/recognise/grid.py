"""Map table grids (from HTML, Word or PDF) to the official tables 二/三/四, by their labels.

Nothing is placed by counting numbers: a value is read at the crossing of a row found by its label
and a column found by its header. How it works:

1. Segmenting (``gklint.recognise.grid_segments``). Every grid row votes for the table whose labels (block headings, column headers,
   row labels, title) it contains; a row without labels stays with the table before it. So the
   tables may share one grid, and a table may run on into the next grid (a page break): its rows
   carry their labels, or, for table 四's unlabelled values, the grid before ended on the header.
2. Headers. A row holding a column label (and no number) is a header row; consecutive header rows
   form a band. For each grid column the deepest header cell covering it names its column; header
   cells naming a row (table 四: 行政复议 | 未经复议直接起诉 | 复议后起诉 over their five columns)
   name the row of the values below them. Table 二 has a band per block (第二十条第（x）项).
3. Rows. Left of the data columns, the rightmost cell matching a row label names the row ("三、本
   年度办理结果" | "（三）不予公开" | "1.属于国家秘密" -> refused_state_secret).
4. Values. A data cell spanning several grid columns belongs to the column covering most of it.
   Seen in pingtan-2021: Word exported "自然人" over grid columns 3-4, "商业企业" over 4-5, and every
   row's second value over 4-5. On the rendered page the 自然人 box reaches over 商业企业, but each
   value sits right under its own lowest label: the first under the blank cell below 自然人, the
   second exactly under 商业企业 (Word's widths: 32.3pt | 29.5pt, under 53.65pt for 自然人). A
   reader reads 自然人 = the first, 商业企业 = the second; so does the rule "the deepest header label
   covering a grid column names it" (column 4 belongs to 商业企业). A value covering two different
   columns evenly is given to the leftmost and the other is reported missing (never both: that
   would double a sum). Except a cell holding 0 (or nothing) merged over data columns of one row (a row
   of zeros written once): each column it covers reads it (0 added to a sum changes nothing).
A grid continuing a table without its own header reuses the header before it, aligned on the
right edge (the data columns are the rightmost ones).
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from gklint.core import lazyre
from gklint.core.model import NUMBERS_UNREAD, Cell, Note
from gklint.core.source import Source
from gklint.read.document import Grid, GridCell
from gklint.recognise.grid_segments import Sheet, is_number, matches, segment
from gklint.recognise.values import parse_cell
from gklint.recognise.stream import count_cell
from gklint.layouts import KEPT, ColumnSpec, Layout, RowSpec, TableSpec, approximate_row, normalise

Key = tuple[str, str]
_NOTHING = lazyre.compile(r"[0０]?")


def _nothing(text: str) -> bool:
    """A cell holding 0, or blank: merged over a row's data columns, it says the same of each."""
    return _NOTHING.fullmatch(text.strip()) is not None


@dataclass
class TableMatch:
    """One official table read from grids: cells by (row id, column id), and what could not be read."""

    table: str  # 二 / 三 / 四
    cells: dict[Key, Cell] = field(default_factory=dict)
    source: Source | None = None
    notes: list[Note] = field(default_factory=list)  # ``table_unreadable`` notes on the table
    aliases: list[Note] = field(default_factory=list)  # labels worded unlike the official ones


class Matches(dict):
    """``match_grids``'s result: a dict of TableMatch by table key, with ``notes`` on grids that
    matched no table."""

    def __init__(self) -> None:
        super().__init__()
        self.notes: list[str] = []


def match_grids(grids: list[Grid], layout: Layout) -> Matches:
    result = Matches()
    sheets = [Sheet(grid, gi) for gi, grid in enumerate(grids)]
    segments = segment(sheets, layout)
    for key, rows in segments.items():
        result[key] = _Mapper(layout.table(key), sheets).run(rows)
    claimed = {gi for rows in segments.values() for gi, _ in rows}
    for sheet in sheets:
        numbers = sum(1 for row in sheet.grid.rows for c in row if c is not None and is_number(c.text))
        if sheet.index not in claimed and numbers >= 3:
            result.notes.append(f"{sheet.name}（{len(sheet.grid.rows)}行）不符合官方表格{'、'.join(layout.tables)}的格式，未读取其中的数字")
    return result


# --------------------------------------------------------------------------- mapping

def _last_row_with_values(sheets: list[Sheet], rows: list[tuple[int, int]]) -> int:
    """The index in ``rows`` of the last row holding a number or a mark for none ("-"); -1 if none does."""
    for i in range(len(rows) - 1, -1, -1):
        gi, r = rows[i]
        if any(parse_cell(c.text).kind in ("number", "na") for c in sheets[gi].starting(r)):
            return i
    return -1


class _Mapper:
    """Reads one official table from its rows, in order, across grids."""

    def __init__(self, spec: TableSpec, sheets: list[Sheet]) -> None:
        self.spec = spec
        self.sheets = sheets
        self.match = TableMatch(spec.key)
        self.columns: dict[int, str] = {}  # grid column -> column id
        self.groups: dict[int, str] = {}  # grid column -> row id named in a header (table 四)
        self.unnamed: set[int] = set()  # grid columns under a header cell naming no official column
        self.width = 0
        self.in_header = False
        self.found_rows: set[str] = set()
        self.last = -1  # index in the layout's rows of the last row read: the next one is expected next

    # -- names

    def note(self, text: str, numbers_unread: bool | None = None) -> None:
        """A ``table_unreadable`` note on the table; ``numbers_unread``: a row's numbers were left unread."""
        note = Note("table_unreadable", text, table=self.spec.key, numbers_unread=numbers_unread)
        if note not in self.match.notes:
            self.match.notes.append(note)

    @property
    def name(self) -> str:
        return f"表{self.spec.key}"

    def column_of(self, text: str) -> ColumnSpec | None:
        return self.spec.first_matching("columns", text) if text else None

    def row_of(self, text: str, loose: bool = True) -> RowSpec | None:
        # Exact (normalised) matches first, so "（六）其他处理" never falls to a looser neighbour.
        row = self.spec.row_named(text)
        if row is not None or not loose or not text:
            return row
        return self.spec.first_matching("rows", text)

    # -- the walk

    def run(self, rows: list[tuple[int, int]]) -> TableMatch:
        previous_grid = None
        last_values: list[int] = []  # worked out once, when a blank row under table 四's header asks

        def values_below(i: int) -> bool:
            if not last_values:
                last_values.append(_last_row_with_values(self.sheets, rows))
            return i < last_values[0]

        for i, (gi, r) in enumerate(rows):
            sheet = self.sheets[gi]
            if gi != previous_grid:
                self.enter(sheet, previous_grid)
                previous_grid = gi
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            if self.is_header(sheet, r) or (nxt and nxt[0] == gi and self.is_group_row(sheet, r)
                                            and self.is_header(sheet, nxt[1])):
                self.header(sheet, r)
            else:
                self.in_header = False
                self.data(sheet, r, values_below=functools.partial(values_below, i))
        self.finish()
        return self.match

    def enter(self, sheet: Sheet, previous: int | None) -> None:
        width = sheet.width
        if self.match.source is None:
            self.match.source = sheet.source
        if previous is not None and self.columns and width != self.width:
            # A continuation without its own header: align the data columns on the right edge.
            shift = width - self.width
            self.columns = {c + shift: v for c, v in self.columns.items() if 0 <= c + shift < width}
            self.groups = {c + shift: v for c, v in self.groups.items() if 0 <= c + shift < width}
        self.width = width
        self.in_header = False

    def is_header(self, sheet: Sheet, r: int) -> bool:
        cells = sheet.starting(r)
        return (any(self.column_of(c.text) for c in cells)
                and not any(is_number(c.text) for c in cells))

    def is_group_row(self, sheet: Sheet, r: int) -> bool:
        """A row of header cells naming rows over several value columns (table 四's 行政复议 over its
        five). A row label with blank values beside it spans one column and is no group."""
        cells = sheet.starting(r)
        return (any(c.colspan > 1 and self.row_of(c.text) for c in cells)
                and not any(is_number(c.text) for c in cells))

    def header(self, sheet: Sheet, r: int) -> None:
        if not self.in_header:  # a new band replaces the previous header
            self.columns, self.groups, self.unnamed = {}, {}, set()
            self.in_header = True
        for c in range(sheet.width):
            cell = sheet.cover[r][c]
            if cell is None or not cell.text:
                continue
            col = self.column_of(cell.text)
            if col is not None:
                self.columns[c] = col.id  # a deeper header row overrides: the deepest label wins
                self.alias(cell, col.label, column=col.label)
                continue
            row = self.row_of(cell.text) if cell.colspan > 1 else None
            if row is not None and not row.heading:
                self.groups[c] = row.id
                self.alias(cell, row.label, row=row.label)
            elif row is None and c > 0 and cell.column == c and cell.text not in self.spec.headers:
                self.unnamed.add(c)  # a value column whose header is worded unlike any ("本年发文数")

    def data(self, sheet: Sheet, r: int, values_below: Callable[[], bool]) -> None:
        """Read row r; ``values_below()``: whether a later row of the table holds values."""
        cells = sheet.starting(r)
        if not cells:
            return
        if not self.columns:
            if any(is_number(c.text) for c in cells):
                self.note(f"{self.name}缺少可识别的表头，无法确定数字所在的列")
            return
        first = min(self.columns)
        label_cells = [c for c in sheet.covering(r, range(first)) if c.text and not self.unnamed_value(c)]
        row, label, broader = self.row_label(label_cells)
        values = sheet.covering(r, sorted(self.columns))
        has_numbers = any(is_number(v.text) for v in values if v.row == r)
        if (row is None or broader) and label_cells:
            approx = self.approximate(label_cells[-1])
            if approx is not None:
                row, label, broader = approx, label_cells[-1].text, False
        if row is not None and not broader:
            self.last = self.spec.rows.index(row)
        if row is not None:
            self.alias_text(label, row.label, row=row.label)
        if row is not None and row.heading:
            if has_numbers:
                self.note(f"{self.name}“{row.label}”在本格式中是分组标题，但该行填有数字（可能使用了其他年度的格式）")
            return
        if row is not None and broader:
            if has_numbers:
                sub = label_cells[-1].text
                self.note(f"{self.name}“{row.label}”下的“{sub}”不是本格式的行，{NUMBERS_UNREAD}（可能使用了其他年度的格式）",
                          numbers_unread=True)
            return
        if row is None and self.groups:
            # Values named by the header alone (table 四): a row of numbers, or the first row
            # below the header even if blank (all blank: nothing filled in), unless a later row holds
            # the values (a blank spacer row under the header); not a note row further down.
            keys = {(g, self.columns[c]) for c, g in self.groups.items() if c in self.columns}
            marks = any(parse_cell(v.text).kind in ("number", "na") for v in values if v.row == r)
            if marks or not (keys & self.match.cells.keys() or values_below()):
                self.read(sheet, r, None, values)
            return
        if row is None:
            if has_numbers:
                text = " ".join(c.text for c in label_cells) or "（无行名）"
                self.note(f"{self.name}中“{text}”一行不是官方的行，{NUMBERS_UNREAD}", numbers_unread=True)
            return
        self.read(sheet, r, row, values)

    def unnamed_value(self, cell: GridCell) -> bool:
        """Is ``cell`` a value (a number, or a mark for none) under a header cell naming no official column?
        It is no row label: the label is left of it ("规章 | 0 | 0 | 0" under "本年发文数 | 本年废止数 | …")."""
        return cell.column in self.unnamed and parse_cell(cell.text).kind in ("number", "na")

    def approximate(self, cell: GridCell) -> RowSpec | None:
        """A misprinted row label in the place of the row expected next (the one after the last row read):
        taken for it when alike enough and matching no row as written (``gklint.layouts.approximate_row``)."""
        expected = self.last + 1
        if not cell.text or expected >= len(self.spec.rows) or self.row_of(cell.text) is not None:
            return None
        row = self.spec.rows[expected]
        if not approximate_row(cell.text, row, self.spec.rows):
            return None
        self.match.aliases.append(Note("label_approx", f"{self.name}的行名“{cell.text}”与官方行名“{row.label}”不完全一致，"
                                                       f"按位置和相似程度视为该行",
                                       table=self.spec.key, row=row.label, found=cell.text, official=row.label,
                                       source=cell.source))
        return row

    def row_label(self, cells: list[GridCell]) -> tuple[RowSpec | None, str, bool]:
        """The row named by the label cells left of the data: the rightmost cell, or the rightmost
        cells read together (a label split over two cells); else a broader label further left,
        flagged, whose row then has a sub-row this layout does not know."""
        texts = [c.text for c in cells]
        # Cells read together can only name a row while they are no longer than its longest name: each
        # Han character, ASCII letter or digit stays one character of the normalised text (the match is
        # equality after ``normalise``), and a label is not spread over more cells than it has characters.
        # Without this bound a row of thousands of label cells joined and normalised each suffix (quadratic).
        longest = max((len(normalise(name)) for spec in self.spec.rows for name in spec.names), default=0)
        kept = 0
        for j in range(len(texts) - 1, -1, -1):
            kept += len(KEPT.findall(texts[j]))
            if j < len(texts) - 1 and (kept > longest or len(texts) - j > longest):
                break
            text = "".join(texts[j:])
            row = self.row_of(text, loose=j == len(texts) - 1)  # cells read together: exact only
            if row is not None:
                return row, text, False
        for text in reversed(texts[:-1]):
            row = self.row_of(text)
            if row is not None:
                return row, text, True
        return None, "", False

    def read(self, sheet: Sheet, r: int, row: RowSpec | None, values: list[GridCell]) -> None:
        def key_of(c: int) -> Key | None:
            row_id = row.id if row is not None else self.groups.get(c)
            return (row_id, self.columns[c]) if row_id is not None and c in self.columns else None

        owned: dict[Key, list[GridCell]] = {}
        spans: list[tuple[GridCell, Key, list[Key]]] = []
        for cell in values:
            keys = Counter(k for c in range(cell.column, cell.column + cell.colspan) if (k := key_of(c)))
            if not keys:
                continue
            if cell.row != r:
                # A value merged down over several rows belongs to the row where it starts.
                if cell.text:
                    where = f"“{row.label}”一行" if row is not None else f"第{r + 1}行"
                    self.note(f"{self.name}{where}的值与上一行合并在一个单元格中（{cell.text}），只计入上一行")
                continue
            top = max(keys.values())
            owner = next(k for k in keys if keys[k] == top)  # Counter keeps first-seen (leftmost) order
            owned.setdefault(owner, []).append(cell)
            others = [k for k in keys if k != owner]
            if others:
                spans.append((cell, owner, others))
        for cell, owner, others in spans:
            # a merge that overlaps a column which has its own cell in this row changes nothing
            unowned = [k for k in others if k not in owned]
            if unowned and _nothing(cell.text) and all(k[0] == owner[0] for k in unowned):
                for key in unowned:  # a row's zeros (or blanks) merged into one cell: each column reads it
                    owned[key] = [cell]
            elif unowned and cell.text:
                self.note(f"{self.name}的一个单元格（{cell.text}）跨越“{self.label(owner)}”和"
                          f"“{'”“'.join(self.label(k) for k in unowned)}”，按“{self.label(owner)}”读取")
        if not owned:
            return
        spec_rows = {row.id} if row is not None else set(self.groups.values())
        for (row_id, col_id), cells in owned.items():
            if row_id not in spec_rows:
                continue
            row_spec = self.spec.row(row_id)
            col = row_spec.column(col_id) if row_spec else None
            if col is None:
                continue
            filled = [c for c in cells if c.text]
            cell = (filled or cells)[0]
            if len(filled) > 1:
                self.note(f"{self.name}“{row_spec.label}”的“{col.label}”下有多个值，取第一个（{cell.text}）")
            parsed = count_cell(cell.text, col, sheet.cell_source(cell))
            existing = self.match.cells.get((row_id, col_id))
            if existing is not None:
                if existing.raw != parsed.raw:
                    self.note(f"{self.name}“{row_spec.label}”的“{col.label}”出现两次且不一致，取第一次")
                continue
            self.match.cells[(row_id, col_id)] = parsed
            self.found_rows.add(row_id)

    def alias(self, cell: GridCell, official: str, **where) -> None:
        self.alias_text(cell.text, official, source=cell.source, **where)

    def alias_text(self, found: str, official: str, **where) -> None:
        if normalise(found) == normalise(official):
            return
        if any(a.found == found and a.official == official for a in self.match.aliases):
            return
        self.match.aliases.append(Note("header_alias", f"{self.name}的“{found}”与官方表述“{official}”不同",
                                       table=self.spec.key, found=found, official=official, **where))

    def label(self, key: Key) -> str:
        row = self.spec.row(key[0])
        col = row.column(key[1]) if row else None
        return f"{row.label if row else key[0]}/{col.label if col else key[1]}"

    def finish(self) -> None:
        for row in self.spec.data_rows:
            if row.id not in self.found_rows:
                self.note(f"{self.name}未找到“{row.label}”一行")
                continue
            missing = [c.label for c in row.columns if (row.id, c.id) not in self.match.cells]
            if missing:
                self.note(f"{self.name}“{row.label}”一行缺少“{'”“'.join(missing)}”列")
