"""The neutral document every reader produces: ordered blocks, each remembering where it came from.

A reader (txt, html, docx, pdf) knows nothing of the official layout; it only turns bytes into
paragraphs and table grids. Recognition (``gklint.recognise.recognise``) maps a Document to a Report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from gklint.core.source import Source


@dataclass
class Paragraph:
    """A paragraph (or line) of text, and where it was read."""

    text: str
    source: Source = field(default_factory=Source)
    edge_tabs: tuple[int, int] = (0, 0)  # tabs stripped off the line's start and end: a table row copied from
    # a web page keeps its empty first and last cells as tabs there (``gklint.recognise.tabbed``)


@dataclass
class GridCell:
    """One cell of a table grid after merges are resolved.

    A merged cell appears once, at its top-left position, with its spans; the positions it
    covers hold ``None`` in ``Grid.rows``.
    """

    text: str
    row: int  # 0-based grid row
    column: int  # 0-based grid column
    rowspan: int = 1
    colspan: int = 1
    source: Source = field(default_factory=Source)


@dataclass
class Grid:
    """A table as a rectangular grid; ``rows[r][c]`` is the cell that starts there, or None."""

    rows: list[list[GridCell | None]]
    source: Source = field(default_factory=Source)

    def cell_at(self, r: int, c: int) -> GridCell | None:
        """The cell covering grid position (r, c), following merges."""
        for rr in range(r, -1, -1):
            row = self.rows[rr]
            for cc in range(min(c, len(row) - 1), -1, -1):
                cell = row[cc]
                if cell is not None and cell.row + cell.rowspan > r and cell.column + cell.colspan > c:
                    return cell
        return None

    def texts(self) -> list[list[str]]:
        """The grid as text, merged cells repeated over the positions they cover."""
        width = max((len(r) for r in self.rows), default=0)
        return [[(c.text if (c := self.cell_at(r, k)) else "") for k in range(width)]
                for r in range(len(self.rows))]


Block = Paragraph | Grid


@dataclass
class Document:
    """What a reader found: blocks in document order, and the file it read."""

    blocks: list[Block]
    path: str = ""
    format: str = ""  # txt / html / docx / pdf
    notes: list[str] = field(default_factory=list)  # parts the reader could not read, said plainly
    scanned: list[int] = field(default_factory=list)  # pages published as images, read by OCR
    pages: int | None = None  # pages in all (PDF, image), when the reader counts them

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def grids(self) -> list[Grid]:
        return [b for b in self.blocks if isinstance(b, Grid)]

    def texts(self) -> Iterator[str]:
        """The text of each paragraph and grid cell, in document order."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield block.text
            else:
                yield from (c.text for row in block.rows for c in row if c is not None)

    def mapped(self, change: Callable[[str], str]) -> Document:
        """A copy with ``change`` applied to the text of each paragraph and grid cell (all else kept)."""
        blocks: list[Block] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                blocks.append(replace(block, text=change(block.text)))
            else:
                rows = [[replace(c, text=change(c.text)) if c is not None else None for c in row]
                        for row in block.rows]
                blocks.append(replace(block, rows=rows))
        return replace(self, blocks=blocks)
