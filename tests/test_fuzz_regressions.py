"""Inputs the long fuzz run at a7d73c0 found past its 10-CPU-second limit, each cut down to a generated file
(``hostile_inputs``); the fuzz inputs themselves are replayed from fuzz/corpus/ by test_fuzz_corpus.py.

Each was a super-linear path, not a budget to raise. Outcomes are asserted, never timings: the file is read
under a deadline (``guards.Limits(seconds=...)``) that the old, quadratic code ran into and the linear code
is far within, and what is read is what the same report reads without the hostile part.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hypothesis import given, settings, strategies as st

import gklint
import hostile_inputs as H
from gklint.read import guards
from gklint.recognise import tokens
from gklint.read.open import open_document

FIXTURES = H.FIXTURES
SHORT = replace(guards.DEFAULT, seconds=10)  # the fuzzer's own limit; the fixed readers take about a second


def tables_of(report) -> dict:
    return {key: {k: c.raw for k, c in table.cells.items()} for key, table in report.tables.items()}


# --------------------------------------------------------------------------- text: bars around a long blank

def test_text_table_row_with_a_long_blank_is_read_within_the_fuzzers_deadline(tmp_path):
    """``timeout-txt-recognise.stream``: a text-table line whose cell holds 100,000 ideographic spaces after
    a character; the bar split tried each space as the start of a bar."""
    path = H.txt_bar_row_with_long_blank(tmp_path / "report.txt")
    result = gklint.check(path, isolate=True, limits=SHORT)  # raised ReadError (超过读取时限) before the fix
    alone = gklint.check(FIXTURES / "huangyuan-2021.txt")
    assert [d.rule for d in result.diagnostics] == [d.rule for d in alone.diagnostics]
    assert tables_of(gklint.extract(path)) == tables_of(gklint.extract(FIXTURES / "huangyuan-2021.txt"))


def test_the_cells_of_that_line_are_its_two_cells(tmp_path):
    assert tokens._pieces("| 备注 | 见" + "\u3000" * 1000 + "附件 |") == ["备注", "见", "附件"]


_OLD_BARS = re.compile(r"\s*[|｜]\s*")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" \u3000\t\u2000|｜ab1-", max_size=40))
def test_bar_split_gives_the_cells_the_old_pattern_gave(text):
    """Splitting on the bars alone and stripping each cell is the old split on bars with their blanks."""
    assert [c.strip() for c in tokens._BARS.split(text)] == [c.strip() for c in _OLD_BARS.split(text)]


# --------------------------------------------------------------------------- PDF: a font the page lacks

def test_pdf_selecting_an_undefined_font_many_times_builds_its_stand_in_once(tmp_path, monkeypatch):
    """``timeout-pdf-read.pdf``: 600,000 ``Tf`` (6 MB of content, within ``pdf_max_content``) naming a font
    the page does not define; pdfminer built a stand-in font for each, six times the cost of parsing the
    content (the 20-second deadline refused the file before the fix). Counted, not timed: however many
    ``Tf`` select it, the stand-in is built once per read."""
    from pdfminer import pdfinterp

    built = []

    class Counted(pdfinterp.PDFType1Font):
        def __init__(self, *args, **kwargs):
            built.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(pdfinterp, "PDFType1Font", Counted)
    fonts = []
    for times in (50, 5_000):
        built.clear()
        path = H.pdf_undefined_font_many_times(tmp_path / f"report-{times}.pdf", times=times)
        document = open_document(str(path), limits=replace(guards.DEFAULT, seconds=120))
        assert "Annual report" in "\n".join(getattr(b, "text", "") for b in document.blocks)
        fonts.append(len(built))
    assert fonts[0] == fonts[1] <= 2  # the page's own font and the stand-in, each once


def test_text_in_an_undefined_font_reads_as_with_pdfminers_own_fonts(tmp_path, monkeypatch):
    """The stand-in font built once decodes and places text as the one pdfminer built at each ``Tf``."""
    from pdfminer.pdfinterp import PDFResourceManager

    path = H.pdf_undefined_font_many_times(tmp_path / "report.pdf", times=3)
    hooked = [(b.text, getattr(b, "page", None)) for b in open_document(str(path)).blocks]
    monkeypatch.setattr(PDFResourceManager, "get_font", PDFResourceManager.get_font.__wrapped__)
    own = [(b.text, getattr(b, "page", None)) for b in open_document(str(path)).blocks]
    assert hooked == own and any("Annual report" in text for text, _ in own)


def test_the_font_hook_is_inert_outside_a_read():
    from pdfminer.pdfinterp import PDFResourceManager

    from gklint.read import pdf_limits

    pdf_limits.install()
    manager = PDFResourceManager()
    assert manager.get_font(None, {}) is not manager.get_font(None, {})  # no budget active: pdfminer's behaviour


# --------------------------------------------------------------------------- HTML: a row of many label cells

def test_html_row_of_many_label_cells_is_read_within_the_fuzzers_deadline(tmp_path):
    """``timeout-html-layouts``: a row of 14,000 label cells before the data; every run of its rightmost
    cells was joined and normalised to look for a row name."""
    path = H.html_row_of_many_label_cells(tmp_path / "report.html")
    gklint.check(path, isolate=True, limits=SHORT)  # raised ReadError (超过读取时限) before the fix
    few = H.html_row_of_many_label_cells(tmp_path / "few.html", cells=1)
    assert tables_of(gklint.extract(path)) == tables_of(gklint.extract(few))


def test_a_row_label_split_over_cells_is_still_found(tmp_path):
    """The bound on cells read together keeps a label written over two or three cells."""
    page = ('<html><head><meta charset="utf-8"></head><body><p>二、主动公开政府信息情况</p><table border="1">'
            '<tr><td colspan="2">信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>'
            '<tr><td colspan="2">规章</td><td>1</td><td>0</td><td>5</td></tr>'
            '<tr><td>行政规范</td><td>性文件</td><td>2</td><td>1</td><td>9</td></tr></table></body></html>')
    path = tmp_path / "split.html"
    path.write_text(page, encoding="utf-8")
    cells = tables_of(gklint.extract(path))["二"]
    assert {k: v for k, v in cells.items() if k[0] == "normative_documents"} == {
        ("normative_documents", "issued"): "2", ("normative_documents", "repealed"): "1",
        ("normative_documents", "in_force"): "9"}


# --------------------------------------------------------------------------- rules: a year the calendar ends at

def test_a_report_of_the_year_9999_loses_no_rule(tmp_path):
    """``rule-D101-ValueError``: a title of "9999年" made the publication deadline (in 10000) crash D101."""
    text = (FIXTURES / "huangyuan-2021.txt").read_text("utf-8")
    path = tmp_path / "report.txt"
    path.write_text(text.replace("2021年政府信息公开工作年度报告", "9999年政府信息公开工作年度报告", 1), encoding="utf-8")
    result = gklint.check(path)
    assert gklint.extract(path).meta.year == 9999
    assert [d.message for d in result.diagnostics if "运行出错" in d.message] == []
    assert [d for d in result.diagnostics if d.rule == "D101"] == []  # no deadline exists to be late for


# --------------------------------------------------------------------------- one glyph drawn many times (run 5)

def _chars(draw_specs):
    return [{"upright": True, "text": t, "fontname": "F1", "size": 12.0, "doctop": float(y), "x0": float(x),
             "top": float(y), "bottom": float(y) + 12, "x1": float(x) + 6, "k": k}
            for k, (t, x, y) in enumerate(draw_specs)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ab一"), st.integers(0, 6), st.integers(0, 6)), max_size=60),
       st.lists(st.integers(0, 59), max_size=20))
def test_linear_dedupe_keeps_what_pdfplumber_keeps_in_its_order(specs, copies):
    """Duplicates (value-equal copies too, which ``chars.index`` orders by the first copy) and near duplicates."""
    from pdfplumber.utils import dedupe_chars

    from gklint.read.pdf_pdfium import dedupe

    chars = _chars(specs)
    chars += [dict(chars[i]) for i in copies if i < len(chars)]
    assert dedupe(chars) == dedupe_chars(chars)


def test_pdf_drawing_one_glyph_many_times_is_read_within_a_short_deadline(tmp_path):
    """Found by the run of seed 20261212: a 2 KB PDF whose page draws one glyph ~100,000 times in one place;
    pdfplumber's ``dedupe_chars`` orders the kept characters by ``chars.index``, quadratic. Here 50,000
    glyphs in distinct places (all kept), read with the PDFium layer off so pdfminer's path is the one tried."""
    import zlib

    row = b"(A) Tj 2 0 Td " * 250 + b"-500 -2 Td\n"  # 250 glyphs 2 pt apart, rows 2 pt apart: all kept
    content = b"BT /F1 2 Tf 50 800 Td " + row * 200 + b"ET\n"
    path = H._write(tmp_path / "report.pdf", H._one_page([H._stream(b"/Filter /FlateDecode", zlib.compress(content, 9))]))
    from gklint.read.pdf import read_pdf

    document = read_pdf(str(path), path.read_bytes(), guards.Limits(seconds=30), engine="pdfminer")
    assert "".join(getattr(b, "text", "") for b in document.blocks).count("A") == 50_000
