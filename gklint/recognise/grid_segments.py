"""Grids -> the rows of each official table: every grid row votes for the table whose labels (block headings,
column headers, row labels, title) it holds, so that tables may share one grid and a table may run on into
the next grid (step 1 of ``gklint.recognise.grid``). ``Sheet`` is a grid with each position's covering cell.
"""

from __future__ import annotations

import dataclasses

from collections import Counter
from functools import lru_cache

from gklint.read.document import Grid, GridCell
from gklint.core.source import Source
from gklint.recognise.values import parse_cell
from gklint.layouts import Layout, TableSpec, label_matches


def is_number(text: str) -> bool:
    return parse_cell(text).kind == "number"


@lru_cache(maxsize=65536)  # the same labels are tested against the same names over and over
def matches(text: str, names: tuple[str, ...]) -> bool:
    return bool(text) and label_matches(text, names, loose=True)


class Sheet:
    """A grid, its index, and the cell covering each position, computed once (``Grid.cell_at``
    scans backwards on every call, which long PDF tables make slow)."""

    def __init__(self, grid: Grid, index: int) -> None:
        self.grid, self.index = grid, index
        self.width = max((len(r) for r in grid.rows), default=0)
        self.cover: list[list[GridCell | None]] = [[None] * self.width for _ in grid.rows]
        for row in grid.rows:
            for cell in row:
                if cell is None:
                    continue
                for r in range(cell.row, min(cell.row + cell.rowspan, len(grid.rows))):
                    for c in range(cell.column, min(cell.column + cell.colspan, self.width)):
                        if self.cover[r][c] is None:
                            self.cover[r][c] = cell

    @property
    def name(self) -> str:
        return f"表格{self.grid.source.table or self.index + 1}"

    @property
    def source(self) -> Source:
        src = self.grid.source
        return src if src.table is not None else dataclasses.replace(src, table=self.index + 1)

    def starting(self, r: int) -> list[GridCell]:
        """The cells starting in row r."""
        return [c for c in self.grid.rows[r] if c is not None]

    def covering(self, r: int, columns) -> list[GridCell]:
        """Distinct cells covering (r, c) for the given columns, left to right."""
        seen: dict[int, GridCell] = {}
        for c in columns:
            cell = self.cover[r][c] if 0 <= c < self.width else None
            if cell is not None and id(cell) not in seen:
                seen[id(cell)] = cell
        return list(seen.values())

    def cell_source(self, cell: GridCell) -> Source:
        if cell.source.table is not None:
            return cell.source
        return Source(page=self.grid.source.page, table=self.source.table, row=cell.row + 1,
                      column=cell.column + 1)


def _markers(spec: TableSpec) -> list[tuple[str, ...]]:
    names = [(spec.title,)] + [(b,) for b in spec.blocks]
    names += [c.names for c in spec.columns] + [r.names for r in spec.rows]
    names += [(g,) for g in {c.group for c in spec.columns if c.group}]
    return names


def segment(sheets: list[Sheet], layout: Layout) -> dict[str, list[tuple[int, int]]]:
    """Which table each grid row belongs to: the one whose labels it holds most. A row without
    labels stays with the table before it in the same grid; in a new grid only when the table
    before ended on its header (table 四's values pushed onto the next page), so that an unrelated
    table further on is never read as official values. Returns key -> [(grid index, row index)]."""
    markers = {key: _markers(spec) for key, spec in layout.tables.items()}
    headers = {key: [c.names for c in spec.columns] for key, spec in layout.tables.items()}
    seen: dict[tuple[str, str], bool] = {}  # (table, text) -> a marker of the table: most cells repeat ("0")

    def marked(key: str, text: str) -> bool:
        if (key, text) not in seen:
            seen[key, text] = any(matches(text, n) for n in markers[key])
        return seen[key, text]

    segments: dict[str, list[tuple[int, int]]] = {}
    current: str | None = None
    open_header = False  # the current table's last row was a header row
    for sheet in sheets:
        if not open_header:
            current = None
        for r in range(len(sheet.grid.rows)):
            texts = [c.text for c in sheet.starting(r)]
            votes = Counter({key: sum(1 for t in texts if marked(key, t)) for key in markers})
            best = votes.most_common(1)[0] if votes else (None, 0)
            if best[1] > 0 and not (current and votes[current] == best[1]):
                ties = [k for k, v in votes.items() if v == best[1]]
                if len(ties) == 1:
                    current = best[0]
            if current is not None:
                segments.setdefault(current, []).append((sheet.index, r))
                if texts:
                    open_header = (any(matches(t, n) for t in texts for n in headers[current])
                                   and not any(is_number(t) for t in texts))
    return segments
