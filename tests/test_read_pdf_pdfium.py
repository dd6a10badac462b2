"""PDFium's text layer (``pdf_pdfium``) gives the Document pdfminer gives: every paragraph and every
grid cell of the real PDFs, and of PDFs built here; and it never sees a file it cannot bound.

``read_pdf(engine="pdfium")`` forces PDFium (``Unsupported`` where it cannot read a file),
``engine="pdfminer"`` is the reader before PDFium, the default picks PDFium where ``plain`` allows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import hostile_inputs as hostile
import pdfmaker
from gklint.read import guards, pdf_pdfium
from gklint.read.document import Grid, Paragraph
from gklint.read.errors import ReadError
from gklint.read.pdf import read_pdf

TESTS = Path(__file__).parent
REAL = sorted(TESTS.rglob("*.pdf"))
MB = 1 << 20
LINE = "政府信息公开工作按照条例要求认真组织实施并接受社会监督情况良好"


def _content(doc) -> list:
    """Everything a rule sees: paragraph texts and pages, every grid cell with its place and spans."""
    out: list = [("pages", doc.pages), ("notes", doc.notes)]
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            out.append(("paragraph", block.source.page, block.text))
        else:
            assert isinstance(block, Grid)
            out.append(("grid", block.source.page, [[(c.text, c.row, c.column, c.rowspan, c.colspan, c.source.page)
                                                      if c else None for c in row] for row in block.rows]))
    return out


def test_the_real_pdfs_are_found():
    assert {p.name for p in REAL} >= {"huaian-2024.pdf", "pingtan-2024-printed-a5.pdf"}


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_every_real_pdf_reads_the_same_through_pdfium_and_pdfminer(path):
    data = path.read_bytes()
    before = _content(read_pdf(str(path), data, engine="pdfminer"))
    assert any(kind == "grid" for kind, *_ in before[2:]) and any(kind == "paragraph" for kind, *_ in before[2:])
    assert _content(read_pdf(str(path), data, engine="pdfium")) == before
    assert _content(read_pdf(str(path), data)) == before  # the default, whichever reader it picks


@pytest.mark.parametrize("name", ["huaian-2024.pdf", "pingtan-2024-printed-a5.pdf"])
def test_the_real_pdfs_are_read_by_pdfium_by_default(monkeypatch, name):
    """Both real PDFs (one exported by an office suite, one printed by a browser) are plain."""
    path = TESTS / "fixtures" / name
    assert pdf_pdfium.plain(path.read_bytes())
    used = []
    original = pdf_pdfium.read_pages
    monkeypatch.setattr(pdf_pdfium, "read_pages", lambda *a, **kw: used.append(1) or original(*a, **kw))
    read_pdf(str(path), path.read_bytes())
    assert used


def test_type3_fonts_whose_descent_pdfminer_takes_elsewhere_are_left_to_pdfminer():
    """A browser prints CJK text in Type 3 fonts whose descriptor has no FontBBox: pdfminer finds a
    descent of 0 and PDFium is told so (``type3_flat``). With a FontBBox in the descriptor pdfminer
    would take the descent from it: such a file is read by pdfminer."""
    data = (TESTS / "fixtures" / "pingtan-2024-printed-a5.pdf").read_bytes()
    assert pdf_pdfium.plain(data) and pdf_pdfium.type3_flat(data) is True
    end = data.index(b"/Flags 4>>") + len(b"/Flags 4")  # the end of the CJK fonts' descriptor
    boxed = data[:end] + b" /FontBBox [0 -120 1000 880]" + data[end:]
    assert pdf_pdfium.type3_flat(boxed) is None and not pdf_pdfium.plain(boxed)


def _built() -> bytes:
    """Paragraphs, a ruled table with a merged cell, a table without ruling lines, a white filled
    rectangle behind a paragraph (invisible: no table) and a running page number, on two pages."""
    p1, p2 = pdfmaker.Page(), pdfmaker.Page()
    p1.text(72, 80, "一、总体情况", 12)
    p1.fill(60, 100, 520, 160)
    p1.paragraph(96, 110, ["本机关认真贯彻落实政府信息公开条例，", "全年主动公开政府信息一千二百条。"])
    xs, ys = [72, 200, 330, 460], [200, 225, 250, 275]
    p1.grid(xs, ys)
    for r, row in enumerate([["项目", "本年新增", "累计"], ["规章", "3", "12"], ["规范性文件", "5", "40"]]):
        for c, text in enumerate(row):
            p1.text(xs[c] + 4, ys[r] + 6, text, 10)
    for r, row in enumerate([["收到申请数", "120", "98"], ["办结数", "118", "97"]]):
        for c, text in enumerate(row):
            p2.text([72, 260, 400][c], 100 + 22 * r, text, 10)
    p2.paragraph(72, 200, ["二、存在的主要问题及改进情况", "信息公开工作仍有不足。"])
    for number, page in enumerate((p1, p2), 1):
        page.text(290, 800, f"- {number} -", 9)
    return pdfmaker.build([p1, p2])


def test_a_built_pdf_reads_the_same_through_pdfium_and_pdfminer():
    data = _built()
    before = _content(read_pdf("built.pdf", data, engine="pdfminer"))
    assert any(kind == "grid" for kind, *_ in before[2:])
    assert _content(read_pdf("built.pdf", data, engine="pdfium")) == before


@pytest.mark.parametrize("lines, paragraphs", [
    ([(72, 100, LINE), (72, 121, LINE), (72, 142, "结束。")], [LINE + LINE + "结束。"]),  # a line repeated below
    ([(72, 100, "是否公开"), (72, 130, "是"), (200, 130, "否"), (300, 130, "1")], ["是否公开", "是\t否\t1"]),
], ids=["repeated line", "one-character cells"])
def test_text_pdfiums_text_page_leaves_out_is_read_by_pdfminer(lines, paragraphs):
    """PDFium's text page leaves out a text object repeating one of the five before it within a
    distance it scales by the object's box, and an object narrower than 0.01. Without glyph boxes
    (this font has none; nor has STSong-Light where no CJK font is installed: those PDFs lost text so)
    a line repeating the line above it, and a one-character cell, are left out. Such a page is read
    by pdfminer, whatever fonts the system has."""
    data = pdfmaker.glyphless(lines)
    assert pdf_pdfium.plain(data)
    with pytest.raises(pdf_pdfium.Unsupported, match="left out"):
        read_pdf("layer.pdf", data, engine="pdfium")
    before = _content(read_pdf("layer.pdf", data, engine="pdfminer"))
    assert [text for kind, _, text in before[2:]] == paragraphs
    assert _content(read_pdf("layer.pdf", data)) == before


def test_encrypted_pdf_falls_back_to_pdfminer_and_its_error():
    data = pdfmaker.build([pdfmaker.Page().text(72, 72, "政府信息公开", 12)], user_password="secret")
    with pytest.raises(pdf_pdfium.Unsupported):
        read_pdf("locked.pdf", data, engine="pdfium")
    with pytest.raises(ReadError) as auto:
        read_pdf("locked.pdf", data)
    with pytest.raises(ReadError) as before:
        read_pdf("locked.pdf", data, engine="pdfminer")
    assert auto.value.message == before.value.message and "加密" in auto.value.message


def test_damaged_flate_stream_is_left_to_pdfminer():
    data = (TESTS / "fixtures" / "huaian-2024.pdf").read_bytes()
    start = data.index(b"stream", data.index(b"/FlateDecode")) + 400
    damaged = data[:start] + bytes(b ^ 0x5A for b in data[start:start + 8]) + data[start + 8:]
    assert not pdf_pdfium.plain(damaged)


# Bombs and floods PDFium would decode without bound (measured: the Flate bombs grow it past 2 GB,
# LZW and forms drawn many times run for minutes): ``plain`` must send every one of them to pdfminer,
# whose bounds (``pdf_limits``) refuse them.
BOMBS = [("pdf_bomb_escaped_filter_name", {"size": 2 * MB}), ("pdf_bomb_indirect_filter", {"size": 2 * MB}),
         ("pdf_bomb_content_called_image", {"size": 2 * MB}), ("pdf_bomb_long_dictionary", {"size": 2 * MB}),
         ("pdf_bomb_font_program", {"size": 2 * MB}), ("pdf_bomb_runlength", {"size": 2 * MB}),
         ("pdf_bomb_lzw", {"size": 2 * MB}), ("pdf_forms_drawn_many_times", {"depth": 4, "fanout": 10}),
         ("pdf_inflates_past_step", {}), ("pdf_inline_image_of_near_misses", {"pairs": 30_000})]


@pytest.mark.parametrize("name,kwargs", BOMBS, ids=[b[0] for b in BOMBS])
def test_hostile_pdfs_never_reach_pdfium(tmp_path, name, kwargs):
    data = getattr(hostile, name)(tmp_path / "report.pdf", **kwargs).read_bytes()
    assert not pdf_pdfium.plain(data)


def test_many_pages_give_pdfminers_error(tmp_path):
    """PDFium could read it; the page limit is still reported as pdfminer reports it."""
    path = hostile.pdf_many_pages(tmp_path / "report.pdf", pages=600)
    data = path.read_bytes()
    limits = guards.Limits()
    with pytest.raises(ReadError) as auto:
        read_pdf(str(path), data, limits)
    with pytest.raises(ReadError) as before:
        read_pdf(str(path), data, limits, engine="pdfminer")
    assert auto.value.message == before.value.message


def test_deadline_is_kept_between_pdfium_pages():
    path = TESTS / "fixtures" / "huaian-2024.pdf"
    with pytest.raises(ReadError) as info:
        read_pdf(str(path), path.read_bytes(), guards.Limits(seconds=0), engine="pdfium")
    assert info.value.where == "第1页" and "超时" in info.value.message


def _page_with_table(mark: float | None = None) -> bytes:
    """A heading, a paragraph and a ruled table; with ``mark``, "政务公开" tiled over all of them along
    a baseline turned ``mark`` degrees (a watermark in the text layer, as office suites print one)."""
    page = pdfmaker.Page().text(72, 80, "二、主动公开政府信息情况", 12).text(72, 110, LINE, 12)
    xs, ys = [72, 240, 340, 440, 540], [140, 164, 188, 212]
    page.grid(xs, ys)
    for r, row in enumerate([["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                             ["规章", "7", "0", "60"], ["行政规范性文件", "11", "2", "71"]]):
        for c, text in enumerate(row):
            page.text(xs[c] + 4, ys[r] + 7, text, 10)
    if mark is not None:
        for x in (90, 300):
            for top in (120, 220):
                page.turned(x, top, "政务公开", mark, 28)
    return pdfmaker.build([page])


@pytest.mark.parametrize("degrees", [30, 45, -40, 150])
def test_a_diagonal_watermark_is_left_out_by_both_readers(degrees):
    """The watermark's characters would land in the heading and the cells ("开60"); both readers
    leave them out, and PDFium (which refuses text that is not upright) still reads the page."""
    clean = _content(read_pdf("clean.pdf", _page_with_table()))
    data = _page_with_table(degrees)
    assert _content(read_pdf("marked.pdf", data, engine="pdfminer")) == clean
    assert _content(read_pdf("marked.pdf", data, engine="pdfium")) == clean


@pytest.mark.parametrize("degrees", [90, 3])
def test_text_at_a_right_angle_or_nearly_level_is_kept(degrees):
    """A vertical label (90 degrees) and text a scanner tilted slightly are text of the report."""
    data = _page_with_table(degrees)
    text = "".join(str(item) for item in _content(read_pdf("marked.pdf", data, engine="pdfminer")))
    assert "政" in text.replace("政府", "")
