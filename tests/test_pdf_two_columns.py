"""Narrative set in two columns on a PDF page is read column by column, each paragraph whole; tables
without ruling lines (labels in two columns, labels and numbers) stay as they are read today."""

import pdfmaker
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gklint.read.document import Paragraph
from gklint.read.pdf import read_pdf

SIZE = 12
LEFT, RIGHT, WIDTH = 60, 310, 16  # the columns' left edges; characters per full line of a column
LEFT_TEXT = ("本年度新收政府信息公开申请3804件，其中自然人申请502件，法人或其他组织申请3302件；上年结转1792件。",)
RIGHT_TEXT = ("本年度办结5531件，其中予以公开157件，部分公开6件，不予公开1901件，无法提供415件，"
              "不予处理2402件，其他处理650件。", "结转下年度继续办理65件。")


def _lines(paragraph: str) -> list[tuple[bool, str]]:
    """(first line of its paragraph, text) of a paragraph wrapped in a column as a typesetter does: its first
    line indented two characters, digits half as wide, no line starting with a closing mark."""
    out: list[tuple[bool, str]] = []
    line, room = "", WIDTH - 2.0
    for ch in paragraph:
        width = 0.5 if ch.isascii() else 1.0
        if width > room and ch not in "，。；：、）":
            out.append((not out, line))
            line, room = "", float(WIDTH)
        line += ch
        room -= width
    return out + [(not out, line)]


def _column(page: pdfmaker.Page, x: float, top: float, paragraphs) -> None:
    for first, text in (line for p in paragraphs for line in _lines(p)):
        page.text(x + (2 * SIZE if first else 0), top, text, SIZE)
        top += 1.6 * SIZE


def _paragraphs(page: pdfmaker.Page) -> list[str]:
    doc = read_pdf("cols.pdf", pdfmaker.build([page]))
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def _page(left, right) -> pdfmaker.Page:
    page = pdfmaker.Page()
    page.text(84, 60, "三、收到和处理政府信息公开申请情况", SIZE)
    _column(page, LEFT, 90, left)
    _column(page, RIGHT, 90, right)
    return page


def test_two_columns_are_read_one_after_the_other():
    got = _paragraphs(_page(LEFT_TEXT, RIGHT_TEXT))
    assert got == ["三、收到和处理政府信息公开申请情况", *LEFT_TEXT, *RIGHT_TEXT]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(LEFT_TEXT + RIGHT_TEXT), min_size=1, max_size=3),
       st.lists(st.sampled_from(LEFT_TEXT + RIGHT_TEXT), min_size=1, max_size=3))
def test_any_two_columns_of_paragraphs_read_whole(left, right):
    """Whichever column is longer, and however many paragraphs each holds (one-line ones included, a column
    made only of them too), every paragraph comes out whole, the left column's first, once three lines stand side
    by side."""
    assume(min(sum(len(_lines(p)) for p in column) for column in (left, right)) >= 3)
    assert _paragraphs(_page(left, right))[1:] == [*left, *right]


def test_a_column_of_one_line_paragraphs_is_read_line_by_line():
    """Each line indented, none at the margin: each line ends a sentence, so each is a paragraph (CI's seed found
    three "结转下年度继续办理65件。" in a column read as one paragraph)."""
    left, right = [RIGHT_TEXT[1]] * 3, ["本年度未收取信息处理费。", "没有需要报告的其他事项。", "本年度未收取信息处理费。"]
    assert _paragraphs(_page(left, right))[1:] == [*left, *right]
    assert _paragraphs(_page(right, RIGHT_TEXT))[1:] == [*right, *RIGHT_TEXT]


def test_a_table_of_labels_in_two_columns_stays_tabular():
    page = pdfmaker.Page()
    for k, (a, b) in enumerate([("信息内容", "本年新制作数量"), ("规章", "规范性文件"), ("行政许可", "其他对外管理服务事项"),
                                ("行政处罚", "行政强制")]):
        page.text(LEFT, 90 + 20 * k, a, SIZE).text(RIGHT, 90 + 20 * k, b, SIZE)
    got = _paragraphs(page)
    assert got == ["信息内容\t本年新制作数量", "规章\t规范性文件", "行政许可\t其他对外管理服务事项", "行政处罚\t行政强制"]


def test_labels_with_numbers_stay_a_table():
    page = pdfmaker.Page()
    for k, (a, b) in enumerate([("行政许可，处理决定", "4431"), ("行政处罚，处理决定", "3253"), ("行政强制，处理决定", "1")]):
        page.text(LEFT, 90 + 20 * k, a, SIZE).text(RIGHT, 90 + 20 * k, b, SIZE)
    doc = read_pdf("cols.pdf", pdfmaker.build([page]))
    [grid] = doc.grids
    assert grid.texts() == [["行政许可，处理决定", "4431"], ["行政处罚，处理决定", "3253"], ["行政强制，处理决定", "1"]]
    assert not doc.paragraphs
