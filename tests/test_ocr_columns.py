"""Tables drawn without ruling lines, rebuilt from OCR boxes (gklint.read.ocr_columns): no OCR needed.

The boxes are laid out here as OCR gives them for a table 四-like header over value columns and a table
三-like label column: numbers centred in their cells, a lone "0" missed, a label wrapped beside its row.
"""

from __future__ import annotations

from gklint.read.ocr_columns import gap_tables
from gklint.read.ocr_engine import Box

H = 8.0  # height of a box, in points


def _box(text: str, x: float, y: float, width: float | None = None) -> Box:
    """A box centred at (x, y), as wide as its text (a CJK character or a digit about H wide)."""
    w = width if width is not None else H * 0.6 * len(text) if text.isascii() else H * len(text)
    return Box(text, x - w / 2, y - H / 2, x + w / 2, y + H / 2, 0.95)


COLUMNS = [200.0, 260.0, 320.0]  # centres of three value columns


def _table(missing: tuple[int, int] | None = None, wrapped: bool = False):
    boxes = [_box("自然人", COLUMNS[0], 112), _box("法人或其他组织", COLUMNS[1], 112), _box("总计", COLUMNS[2], 112)]
    rows = [("一、本年新收", [3001, 53, 3054]), ("二、上年结转", [34, 0, 34]), ("（一）予以公开", [1288, 21, 1309])]
    for r, (label, values) in enumerate(rows):
        y = 130 + 25 * r
        boxes.append(_box(label, 60 + H * len(label) / 2, y - (H * 0.6 if wrapped and r == 0 else 0)))
        if wrapped and r == 0:
            boxes.append(_box("申请数量", 60 + H * 2, y + H * 0.6))
        for c, v in enumerate(values):
            if (r, c) != missing:
                boxes.append(_box(str(v), COLUMNS[c], y + (0.5 if c == 1 else 0)))
    return boxes


def _texts(part):
    grid = [[""] * part.ncols for _ in range(part.nrows)]
    for cell in part.cells:
        grid[cell.row][cell.col] = cell.text
    return grid


def test_rows_by_the_numbers_columns_by_the_gaps():
    (part, pairs, used), = gap_tables(_table(), 1)
    assert _texts(part) == [["", "自然人", "法人或其他组织", "总计"],
                            ["一、本年新收", "3001", "53", "3054"],
                            ["二、上年结转", "34", "0", "34"],
                            ["（一）予以公开", "1288", "21", "1309"]]
    assert len(used) == len(_table())
    assert all(boxes for _, boxes in pairs)


def test_a_missed_number_leaves_its_own_cell_blank_nothing_shifts():
    (part, _, _), = gap_tables(_table(missing=(1, 1)), 1)
    assert _texts(part)[2] == ["二、上年结转", "34", "", "34"]


def test_a_label_wrapped_beside_its_row_joins_it():
    (part, _, _), = gap_tables(_table(wrapped=True), 1)
    assert _texts(part)[1][0] == "一、本年新收申请数量" and _texts(part)[1][1:] == ["3001", "53", "3054"]


def test_prose_with_a_number_or_two_is_not_a_table():
    boxes = [_box("本年共收到申请3119件，办结3050件。", 300, 100, width=400), _box("2024", 500, 140)]
    assert gap_tables(boxes, 1) == []
