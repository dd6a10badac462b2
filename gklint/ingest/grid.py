"""Map table grids (from HTML, Word or PDF) to the official tables 二/三/四, by their labels.

Nothing is placed by counting numbers: a value is read at the crossing of a row found by its label
and a column found by its header. How it works:

1. Segmenting. Every grid row votes for the table whose labels (block headings, column headers,
   row labels, title) it contains; a row without labels stays with the table before it, so a
   table may share a grid with the others or run on into the next grid (a page break).
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
   would double a sum).
A grid continuing a table without its own header reuses the header before it, aligned on the
right edge (the data columns are the rightmost ones).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from gklint.ingest.document import Grid, GridCell, Source
from gklint.ingest.values import parse_cell
from gklint.layouts import ColumnSpec, Layout, RowSpec, TableSpec, label_matches, layouts, normalise
from gklint.model import Cell, Note

Key = tuple[str, str]


@dataclass
class TableMatch:
    """One official table read from grids: cells by (row id, column id), and what could not be read."""

    table: str  # 二 / 三 / 四
    cells: dict[Key, Cell] = field(default_factory=dict)
    source: Source | None = None
    notes: list[str] = field(default_factory=list)
    aliases: list[Note] = field(default_factory=list)  # labels worded unlike the official ones


class Matches(dict):
    """``match_grids``'s result: a dict of TableMatch by table key, with ``notes`` on grids that
    matched no table."""

    def __init__(self) -> None:
        super().__init__()
        self.notes: list[str] = []


def match_grids(grids: list[Grid], layout: Layout) -> Matches:
    result = Matches()
    segments = _segment(grids, layout)
    for key, rows in segments.items():
        result[key] = _Mapper(layout.table(key), grids).run(rows)
    claimed = {gi for rows in segments.values() for gi, _ in rows}
    for gi, grid in enumerate(grids):
        numbers = sum(1 for row in grid.rows for c in row if c is not None and _is_number(c.text))
        if gi not in claimed and numbers >= 3:
            result.notes.append(f"{_grid_name(grid, gi)}（{len(grid.rows)}行）不符合官方表格二、三、四的格式，未读取其中的数字")
    return result


# --------------------------------------------------------------------------- helpers

def _is_number(text: str) -> bool:
    return parse_cell(text).kind == "number"


def _grid_name(grid: Grid, gi: int) -> str:
    return f"表格{grid.source.table or gi + 1}"


@lru_cache(maxsize=65536)  # the same labels are tested against the same names over and over
def _matches(text: str, names: tuple[str, ...]) -> bool:
    return bool(text) and label_matches(text, names, loose=True)


def _row_cells(grid: Grid, r: int) -> list[GridCell]:
    """The cells starting in row r."""
    return [c for c in grid.rows[r] if c is not None]


def _covering(grid: Grid, r: int, columns) -> list[GridCell]:
    """Distinct cells covering (r, c) for the given columns, left to right."""
    seen: dict[int, GridCell] = {}
    for c in columns:
        cell = grid.cell_at(r, c)
        if cell is not None and id(cell) not in seen:
            seen[id(cell)] = cell
    return list(seen.values())


def _width(grid: Grid) -> int:
    return max((len(r) for r in grid.rows), default=0)


def _source(grid: Grid, gi: int, cell: GridCell) -> Source:
    if cell.source.table is not None:
        return cell.source
    return Source(page=grid.source.page, table=grid.source.table or gi + 1, row=cell.row + 1,
                  column=cell.column + 1)


# --------------------------------------------------------------------------- segmenting

def _markers(spec: TableSpec) -> list[tuple[str, ...]]:
    names = [(spec.title,)] + [(b,) for b in spec.blocks]
    names += [c.names for c in spec.columns] + [r.names for r in spec.rows]
    names += [(g,) for g in {c.group for c in spec.columns if c.group}]
    return names


def _segment(grids: list[Grid], layout: Layout) -> dict[str, list[tuple[int, int]]]:
    """Which table each grid row belongs to: the one whose labels it holds most; a row without
    labels stays with the current table. Returns table key -> [(grid index, row index)]."""
    markers = {key: _markers(spec) for key, spec in layout.tables.items()}
    segments: dict[str, list[tuple[int, int]]] = {}
    current: str | None = None
    for gi, grid in enumerate(grids):
        for r in range(len(grid.rows)):
            texts = [c.text for c in _row_cells(grid, r)]
            votes = Counter({key: sum(1 for t in texts if any(_matches(t, n) for n in names))
                             for key, names in markers.items()})
            best = votes.most_common(1)[0] if votes else (None, 0)
            if best[1] > 0 and not (current and votes[current] == best[1]):
                ties = [k for k, v in votes.items() if v == best[1]]
                if len(ties) == 1:
                    current = best[0]
            if current is not None:
                segments.setdefault(current, []).append((gi, r))
    return segments


# --------------------------------------------------------------------------- mapping

class _Mapper:
    """Reads one official table from its rows, in order, across grids."""

    def __init__(self, spec: TableSpec, grids: list[Grid]) -> None:
        self.spec = spec
        self.grids = grids
        self.match = TableMatch(spec.key)
        self.columns: dict[int, str] = {}  # grid column -> column id
        self.groups: dict[int, str] = {}  # grid column -> row id named in a header (table 四)
        self.width = 0
        self.in_header = False
        self.found_rows: set[str] = set()

    # -- names

    def note(self, text: str) -> None:
        if text not in self.match.notes:
            self.match.notes.append(text)

    @property
    def name(self) -> str:
        return f"表{self.spec.key}"

    def column_of(self, text: str) -> ColumnSpec | None:
        for col in self.spec.columns:
            if _matches(text, col.names):
                return col
        return None

    def row_of(self, text: str, loose: bool = True) -> RowSpec | None:
        # Exact (normalised) matches first, so "（六）其他处理" never falls to a looser neighbour.
        norm = normalise(text)
        for row in self.spec.rows:
            if any(normalise(n) == norm for n in row.names):
                return row
        if not loose:
            return None
        for row in self.spec.rows:
            if _matches(text, row.names):
                return row
        return None

    # -- the walk

    def run(self, rows: list[tuple[int, int]]) -> TableMatch:
        previous_grid = None
        for i, (gi, r) in enumerate(rows):
            grid = self.grids[gi]
            if gi != previous_grid:
                self.enter(grid, gi, previous_grid)
                previous_grid = gi
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            if self.is_header(grid, r) or (nxt and nxt[0] == gi and self.is_group_row(grid, r)
                                           and self.is_header(grid, nxt[1])):
                self.header(grid, r)
            else:
                self.in_header = False
                self.data(grid, gi, r)
        self.finish()
        return self.match

    def enter(self, grid: Grid, gi: int, previous: int | None) -> None:
        width = _width(grid)
        if self.match.source is None:
            self.match.source = grid.source if grid.source.table is not None else \
                Source(page=grid.source.page, table=gi + 1)
        if previous is not None and self.columns and width != self.width:
            # A continuation without its own header: align the data columns on the right edge.
            shift = width - self.width
            self.columns = {c + shift: v for c, v in self.columns.items() if 0 <= c + shift < width}
            self.groups = {c + shift: v for c, v in self.groups.items() if 0 <= c + shift < width}
        self.width = width
        self.in_header = False

    def is_header(self, grid: Grid, r: int) -> bool:
        cells = _row_cells(grid, r)
        return (any(self.column_of(c.text) for c in cells)
                and not any(_is_number(c.text) for c in cells))

    def is_group_row(self, grid: Grid, r: int) -> bool:
        """A row of header cells naming rows over several value columns (table 四's 行政复议 over its
        five). A row label with blank values beside it spans one column and is no group."""
        cells = _row_cells(grid, r)
        return (any(c.colspan > 1 and self.row_of(c.text) for c in cells)
                and not any(_is_number(c.text) for c in cells))

    def header(self, grid: Grid, r: int) -> None:
        if not self.in_header:  # a new band replaces the previous header
            self.columns, self.groups = {}, {}
            self.in_header = True
        for c in range(_width(grid)):
            cell = grid.cell_at(r, c)
            if cell is None or not cell.text:
                continue
            col = self.column_of(cell.text)
            if col is not None:
                self.columns[c] = col.id  # a deeper header row overrides: the deepest label wins
                self.alias(cell, col.label, column=col.id)
                continue
            row = self.row_of(cell.text) if cell.colspan > 1 else None
            if row is not None and not row.heading:
                self.groups[c] = row.id
                self.alias(cell, row.label, row=row.id)

    def data(self, grid: Grid, gi: int, r: int) -> None:
        cells = _row_cells(grid, r)
        if not cells:
            return
        if not self.columns:
            if any(_is_number(c.text) for c in cells):
                self.note(f"{self.name}缺少可识别的表头，无法确定数字所在的列")
            return
        first = min(self.columns)
        label_cells = [c for c in _covering(grid, r, range(first)) if c.text]
        row, label, broader = self.row_label(label_cells)
        values = _covering(grid, r, sorted(self.columns))
        has_numbers = any(_is_number(v.text) for v in values if v.row == r)
        if row is not None:
            self.alias_text(label, row.label, row=row.id)
        if row is not None and row.heading:
            if has_numbers:
                self.note(f"{self.name}“{row.label}”在本格式中是分组标题，但该行填有数字（可能使用了其他年度的格式）")
            return
        if row is not None and broader:
            if has_numbers:
                sub = label_cells[-1].text
                self.note(f"{self.name}“{row.label}”下的“{sub}”不是本格式的行，其中的数字未读取（可能使用了其他年度的格式）")
            return
        if row is None and self.groups:
            self.read(grid, gi, r, None, values)
            return
        if row is None:
            if has_numbers:
                text = " ".join(c.text for c in label_cells) or "（无行名）"
                self.note(f"{self.name}中“{text}”一行不是官方的行，其中的数字未读取")
            return
        self.read(grid, gi, r, row, values)

    def row_label(self, cells: list[GridCell]) -> tuple[RowSpec | None, str, bool]:
        """The row named by the label cells left of the data: the rightmost cell, or the rightmost
        cells read together (a label split over two cells); else a broader label further left,
        flagged, whose row then has a sub-row this layout does not know."""
        texts = [c.text for c in cells]
        for j in range(len(texts) - 1, -1, -1):
            text = "".join(texts[j:])
            row = self.row_of(text, loose=j == len(texts) - 1)  # cells read together: exact only
            if row is not None:
                return row, text, False
        for text in reversed(texts[:-1]):
            row = self.row_of(text)
            if row is not None:
                return row, text, True
        return None, "", False

    def read(self, grid: Grid, gi: int, r: int, row: RowSpec | None, values: list[GridCell]) -> None:
        def key_of(c: int) -> Key | None:
            row_id = row.id if row is not None else self.groups.get(c)
            return (row_id, self.columns[c]) if row_id is not None and c in self.columns else None

        owned: dict[Key, list[GridCell]] = {}
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
            if others and cell.text:
                self.note(f"{self.name}的一个单元格（{cell.text}）跨越“{self.label(owner)}”和"
                          f"“{'”“'.join(self.label(k) for k in others)}”，按“{self.label(owner)}”读取")
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
            parsed = parse_cell(cell.text, amount=col.amount, signed=col.signed,
                                source=_source(grid, gi, cell))
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


# --------------------------------------------------------------------------- layouts

def _names_of(layout: Layout) -> dict[str, set[str]]:
    """Every label of a layout (normalised), and which of them are group headings or data rows."""
    names, headings, data_rows = set(), set(), set()
    for spec in layout.tables.values():
        names.update(normalise(b) for b in spec.blocks)
        for col in spec.columns:
            names.update(normalise(n) for n in col.names)
        for row in spec.rows:
            row_names = {normalise(n) for n in row.names}
            names |= row_names
            (headings if row.heading else data_rows).update(row_names)
    return {"names": names, "headings": headings, "data": data_rows}


def detect_layout(grids: list[Grid]) -> str | None:
    """Which declared layout the grids follow, from the labels only one layout has (2019: 本年新制作
    数量, 上一年项目数量, 政府集中采购…; 2021: 本年制发件数, 本年收费金额…) and from rows that are a
    heading in one layout but hold numbers in another (（六）其他处理). None when undecided."""
    all_layouts = layouts()
    info = {v: _names_of(lay) for v, lay in all_layouts.items()}
    score = Counter({v: 0 for v in all_layouts})
    for version, own in info.items():
        others = set().union(*(i["names"] for v, i in info.items() if v != version)) if len(info) > 1 else set()
        distinctive = tuple(own["names"] - others)
        found = set()
        for grid in grids:
            for row in grid.rows:
                for cell in row:
                    if cell is None or not cell.text:
                        continue
                    norm = normalise(cell.text)
                    if any(_matches(cell.text, (d,)) for d in distinctive):
                        found.add(norm)
        score[version] += len(found)
    # A label that heads a group in one layout and is a data row in another: a heading has its
    # sub-row labels to its right ("（六）其他处理" | "1.申请人…"), a data row only values.
    for grid in grids:
        for r, row in enumerate(grid.rows):
            for cell in row:
                if cell is None or not cell.text:
                    continue
                norm = normalise(cell.text)
                right = _covering(grid, r, range(cell.column + cell.colspan, _width(grid)))
                as_heading = any(c.text and parse_cell(c.text).kind == "text" for c in right)
                for version, i in info.items():
                    other = [o for v, o in info.items() if v != version]
                    if norm in i["headings"] and any(norm in o["data"] for o in other):
                        score[version] += as_heading
                    if norm in i["data"] and any(norm in o["headings"] for o in other):
                        score[version] += not as_heading
    ranked = score.most_common()
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
