"""Tables without ruling lines: text lines whose pieces, separated by wide gaps, line up in columns.

A line is *tabular* when a gap wider than ``GAP`` of its font size cuts it into pieces. A run of
consecutive tabular lines becomes a grid only when it is clean: the lines with the most pieces
define the columns (their pieces line up, one column each), every other line's pieces fall in
whole columns, and there are numbers to tabulate. Tabular lines left over (wrapped labels, headers
over several columns...) are not guessed into a grid: each stays a line of its own, its pieces
joined by tabs, which the text-stream reader reads like a table copied as text.
"""

from __future__ import annotations

from dataclasses import dataclass

from gklint.ingest.pdf_tables import Part, PartCell, is_number
from gklint.ingest.pdf_text import Line, spaced_text

GAP = 0.6  # a gap this wide (in font sizes) separates two cells; words in a sentence are closer


@dataclass
class Columns:
    tables: list[tuple[int, int, Part]]  # (first line, last line, table) for clean runs
    tabular: dict[int, str]  # other tabular lines (index -> text with tabs between the pieces)


def _pieces(line: Line) -> list[list[dict]]:
    pieces: list[list[dict]] = []
    for ch in line.chars:
        if pieces and ch["x0"] - pieces[-1][-1]["x1"] < max(GAP * line.size, 4):
            pieces[-1].append(ch)
        else:
            pieces.append([ch])
    return pieces


def find_columns(lines: list[Line], number: int) -> Columns:
    pieces = [_pieces(line) for line in lines]
    texts = [[spaced_text(p) for p in line_pieces] for line_pieces in pieces]
    tabular = {i for i, p in enumerate(pieces) if len(p) >= 2}
    result = Columns([], {})
    i = 0
    while i < len(lines):
        if i not in tabular:
            i += 1
            continue
        j = i
        while j + 1 in tabular and lines[j + 1].top - lines[j].bottom < 2.5 * max(lines[j].size, 1):
            j += 1
        part = _grid(pieces[i:j + 1], texts[i:j + 1], number)
        if part is not None:
            part.top, part.bottom = lines[i].top, lines[j].bottom
            result.tables.append((i, j, part))
        else:
            run = range(i, j + 1)
            if len(run) >= 2 or any(is_number(t) for t in texts[i]):  # not one justified sentence
                result.tabular.update({k: "\t".join(texts[k]) for k in run})
        i = j + 1
    return result


def _grid(pieces: list[list[list[dict]]], texts: list[list[str]], number: int) -> Part | None:
    if len(pieces) < 2:
        return None
    k = max(len(p) for p in pieces)
    widest = [p for p in pieces if len(p) == k]
    numeric = sum(1 for t in texts if sum(is_number(x) for x in t) >= 1)
    if len(widest) < 2 or (k < 3 and numeric < 2) or numeric < 1:
        return None
    columns = [(min(p[c][0]["x0"] for p in widest), max(p[c][-1]["x1"] for p in widest)) for c in range(k)]
    if any(a[1] >= b[0] for a, b in zip(columns, columns[1:])):
        return None  # the fullest lines do not line up
    cells: list[PartCell] = []
    for r, (line_pieces, line_texts) in enumerate(zip(pieces, texts)):
        used: set[int] = set()
        for piece, text in zip(line_pieces, line_texts):
            covered = [c for c, (x0, x1) in enumerate(columns) if piece[0]["x0"] < x1 and piece[-1]["x1"] > x0]
            if not covered or used & set(covered) or covered != list(range(covered[0], covered[-1] + 1)):
                return None  # a piece between columns, or two pieces in one column: not clean
            used.update(covered)
            cells.append(PartCell(text, r, covered[0], 1, len(covered), number))
        cells.extend(PartCell("", r, c, 1, 1, number) for c in range(k) if c not in used)
    xs = [columns[0][0]] + [(a[1] + b[0]) / 2 for a, b in zip(columns, columns[1:])] + [columns[-1][1]]
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return Part(page=number, top=0.0, bottom=0.0, xs=xs, nrows=len(pieces), cells=cells)
