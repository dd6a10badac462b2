"""Page images as scans make them (gklint.read.ocr, ocr_cells): built here with numpy, no OCR run.

A table cut by a page break, a number OCR read across a ruling line, a red seal stamped over a table, and
a page that took long on a busy machine.
"""

from __future__ import annotations

import pytest

from gklint.read import ocr_engine
from gklint.read.ocr_engine import Box

needs_ocr = pytest.mark.skipif(not ocr_engine.available(), reason="the ocr extra is not installed: pip install 'gklint[ocr]'")

ROWS = [100, 160, 220]  # horizontal ruling lines of the table (pixels)
COLS = [50, 250, 400, 550]  # vertical ones


def _page(top: int, bottom: int, lines: list[int]):
    """A 600×800 white page with a 3-column table whose vertical lines run from ``top`` to ``bottom``."""
    import numpy as np

    grey = np.full((800, 600), 255, np.uint8)
    for y in lines:
        grey[y - 1:y + 2, COLS[0] - 1:COLS[-1] + 2] = 0
    for x in COLS:
        grey[top:bottom, x - 1:x + 2] = 0
    return grey


@needs_ocr
@pytest.mark.parametrize("cut", ["bottom", "top"])
def test_a_table_cut_by_the_page_edge_keeps_its_cut_row(cut):
    from gklint.read.ocr_cells import tables

    closed = tables(_page(ROWS[0] - 1, ROWS[-1] + 2, ROWS))
    assert len(closed) == 1 and len(closed[0]) == 2 * 3
    if cut == "bottom":  # the last row goes on on the next page: no line under it
        (found,) = tables(_page(ROWS[0] - 1, 800, ROWS))
        bottoms = sorted({c[3] for c in found})
        assert bottoms[:2] == [160, 220] and bottoms[2] >= 797
    else:  # the first row came from the page before
        (found,) = tables(_page(0, ROWS[-1] + 2, ROWS))
        tops = sorted({c[1] for c in found})
        assert tops[0] <= 2 and tops[1:] == [100, 160]
    assert len(found) == 3 * 3


def test_a_number_read_across_a_ruling_line_makes_both_cells_doubtful():
    from gklint.read.ocr import _chars, _provenance
    from gklint.read.pdf_tables import _from_cells

    cells = [(0.0, 0.0, 100.0, 20.0), (100.0, 0.0, 200.0, 20.0), (200.0, 0.0, 300.0, 20.0)]
    boxes = [Box("3804", 80.0, 5.0, 120.0, 15.0, 0.99), Box("12", 240.0, 5.0, 260.0, 15.0, 0.97)]
    part = _from_cells(cells, [ch for b in boxes for ch in _chars(b)], 1)
    _provenance(part, cells, boxes)
    assert [(c.text, c.confidence) for c in part.cells] == [("38", 0.0), ("04", 0.0), ("12", 0.97)]


def _sealed(mode: str = "RGB"):
    """A white page, a black digit-like bar, and a red seal stamped (multiplied) over half of the bar."""
    import numpy as np
    from PIL import Image

    rgb = np.full((300, 300, 3), 255, np.uint8)
    rgb[100:200, 140:160] = 0  # the "digit"
    yy, xx = np.mgrid[:300, :300]
    seal = (yy - 150) ** 2 + (xx - 200) ** 2 < 60 ** 2
    rgb[seal] = (rgb[seal].astype(np.uint16) * np.array([215, 25, 30]) // 255).astype(np.uint8)
    return Image.fromarray(rgb).convert(mode)


def test_a_red_seal_is_taken_out_and_the_digit_under_it_kept():
    from gklint.read.ocr import without_red

    grey = without_red(_sealed())
    assert grey is not None and grey.shape == (300, 300)
    assert grey[150, 230] >= 250  # the seal alone: white
    assert grey[150, 150] <= 30 and grey[120, 145] <= 30  # the digit, under the seal and outside it
    assert grey[20, 20] == 255


def test_a_page_without_red_is_read_as_before():
    from gklint.read.ocr import without_red

    assert without_red(_sealed("L")) is None  # a grey page
    plain = _sealed("L").convert("RGB")  # in colour, but the seal is grey now
    assert without_red(plain) is None


def test_the_page_budget_is_cpu_time_not_the_clock(monkeypatch):
    """A loaded machine stretches a page's wall time (here the clock jumps 1000 s a reading) without it
    using the budget; CPU time past the budget still stops the file."""
    import itertools
    import time
    from dataclasses import replace

    from gklint.read import guards, ocr
    from gklint.read.errors import ReadError

    clock = itertools.count(0, 1000)
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    assert ocr._timed("scan.pdf", 3, guards.DEFAULT, lambda: "page") == "page"
    cpu = itertools.count(0, 100)
    monkeypatch.setattr(time, "process_time", lambda: next(cpu))
    monkeypatch.setattr(ocr, "_cores", lambda: 1)
    with pytest.raises(ReadError, match="文字识别超时") as info:
        ocr._timed("scan.pdf", 3, replace(guards.DEFAULT, ocr_page_seconds=60.0), lambda: "page")
    assert info.value.where == "第3页" and "CPU" in info.value.message


def test_the_page_budget_is_per_core(monkeypatch):
    """ONNX Runtime spreads a page over every core: 100 s of CPU time on four cores is 25 s of the budget."""
    import itertools
    import time
    from dataclasses import replace

    from gklint.read import guards, ocr

    cpu = itertools.count(0, 100)
    monkeypatch.setattr(time, "process_time", lambda: next(cpu))
    monkeypatch.setattr(ocr, "_cores", lambda: 4)
    assert ocr._timed("scan.pdf", 3, replace(guards.DEFAULT, ocr_page_seconds=60.0), lambda: "page") == "page"
