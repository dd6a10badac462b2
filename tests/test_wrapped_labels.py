"""Row labels wrapped over three or more lines around their values, with the group label's lines among them:
a table printed to PDF without borders, a narrow page, or its copied text (``gklint.recognise.wrapped``).

The shape is built by ``tests/render_centred.py`` (each cell's lines centred in its row, as a browser lays
out a table), read back from text and from a PDF made with ``tests/pdfmaker.py``; the precision cases are
small hand-made excerpts with made-up numbers.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gklint
import pdfmaker
from gklint.read.pdf import read_pdf
from gklint.read.text import read_text
from gklint.recognise.recognise import recognise
from gklint.testing import consistent_report
from render_centred import centred_lines, render_centred_text
from render_tables import T3_HEADER, T3_NOTE, render_tables_text
from strategies import reports

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROW3 = ("natural", "business", "research", "public_interest", "legal_services", "other_orgs", "total")
HEAD = "某局2025年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" + "\t".join(T3_HEADER) + "\n"


def _cells(report, table=None):
    return {(t, k): (c.kind, c.value) for t, tab in report.tables.items() if table in (None, t)
            for k, c in tab.cells.items()}


def _row(report, row_id):
    return [report.tables["三"].cells[(row_id, c)].value if (row_id, c) in report.tables["三"].cells else None
            for c in ROW3]


def _unread(report):
    return [n.message for n in report.notes if n.kind in ("table_missing", "table_unreadable")]


def _read(text):
    return recognise(read_text("page.txt", HEAD + text), version="2021")


# ---------------------------------------------------------------- the shape of a borderless PDF's text

# As pdfplumber reads table 三's group （六） of a page printed without borders (the numbers made up).
OTHER_HANDLING = ("1.申请人无正当理由逾期不补\n"
                  "正、行政机关不再处理其政府信\t31\t3\t0\t0\t0\t0\t34\n"
                  "息公开申请\n"
                  "（六）其\n"
                  "2.申请人逾期未按收费通知要求\n"
                  "他处理\n"
                  "缴纳费用、行政机关不再处理其\t20\t0\t0\t1\t0\t0\t21\n"
                  "政府信息公开申请\n"
                  "3.其他\t9\t1\t0\t1\t3\t3\t17\n"
                  "（七）总计\t60\t4\t0\t2\t3\t3\t72\n")


def test_labels_wrapped_over_three_lines_with_the_group_label_between_keep_their_rows():
    rep = _read(OTHER_HANDLING)
    assert _row(rep, "other_no_correction") == [31, 3, 0, 0, 0, 0, 34]
    assert _row(rep, "other_no_fee") == [20, 0, 0, 1, 0, 0, 21]
    assert _row(rep, "other_other") == [9, 1, 0, 1, 3, 3, 17]
    assert not [d for d in gklint.check(rep).diagnostics if d.rule == "R102" and "申请人" in d.message]


def test_a_group_label_run_into_a_row_label_on_one_line():
    """The group's line and the row's side by side, read as one text ("（六）其他处理2.申请人…")."""
    rep = _read("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t1\t0\t0\t0\t0\t0\t1\n"
                "（六）其他处理2.申请人逾期未\n按收费通知要求缴\n纳费用、行政机关\t6\t0\t0\t0\t0\t0\t6\n"
                "不再处理其政府信\n息公开申请\n3.其他\t1\t0\t0\t0\t0\t0\t1\n")
    assert _row(rep, "other_no_fee") == [6, 0, 0, 0, 0, 0, 6]


def test_a_label_wrapped_over_three_lines_above_its_values():
    """All three lines before the numbers, the first one long enough to be taken for the label alone."""
    rep = _read("1.申请人无正当理由逾期不补正、行政机关\n不再处理其政府信\n息公开申请\n5 0 0 0 0 0 5\n3.其他\t1\t0\t0\t0\t0\t0\t1\n")
    assert _row(rep, "other_no_correction") == [5, 0, 0, 0, 0, 0, 5]


def test_a_group_label_on_one_line_centred_over_its_rows_leaves_its_first_rows_read():
    """"（三）不予公开" on the line of its third row: the rows above it are still its rows."""
    rep = _read("1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1\n2.其他法律行政法规\n2\t0\t0\t0\t0\t0\t2\n禁止公开\n"
                "（三）不予公开\t3.危及“三安全一稳定”\t3\t0\t0\t0\t0\t0\t3\n4.保护第三方合法权益\t4\t0\t0\t0\t0\t0\t4\n")
    assert [_row(rep, r)[0] for r in ("refused_state_secret", "refused_prohibited", "refused_security",
                                      "refused_third_party")] == [1, 2, 3, 4]


# ---------------------------------------------------------------- precision: when in doubt, unread

def test_a_wrapped_label_without_values_takes_none_from_the_next_row():
    rep = _read("1.申请人无正当理由逾期不补\n正、行政机关不再处理其政府信\n息公开申请\n"
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t20\t0\t0\t1\t0\t0\t21\n")
    assert _row(rep, "other_no_correction") == [None] * 7  # not read, or read blank: never the numbers
    assert _row(rep, "other_no_fee") == [20, 0, 0, 1, 0, 0, 21]


def test_numbers_on_a_group_label_after_a_complete_label_are_not_the_rows():
    """Another year's format writes numbers on the group row: they do not belong to the row above it."""
    rep = _read("（四）无法提供\n1.本机关不掌握相关政府信息\t1\t0\t0\t0\t0\t0\t1\n2.没有现成信息需要\n另行制作\n"
                "（五）不予处理\t4\t0\t0\t0\t0\t0\t4\n")
    assert _row(rep, "unavailable_needs_creation") == [None] * 7  # not read, or read blank: never the numbers


def test_two_runs_of_values_inside_one_label_leave_it_unread():
    rep = _read("1.申请人无正当理由逾期不补\n正、行政机关不再处理其政府信\t31\t3\t0\t0\t0\t0\t34\n"
                "（六）其\n5\t0\t0\t0\t0\t0\t5\n息公开申请\n")
    assert _row(rep, "other_no_correction") == [None] * 7  # not read, or read blank: never the numbers


def test_text_that_is_no_label_between_the_fragments_leaves_the_row_unread():
    rep = _read("1.申请人无正当理由逾期不补\n正、行政机关不再处理其政府信\t31\t3\t0\t0\t0\t0\t34\n"
                "（注：含电话申请）\n息公开申请\n")
    assert _row(rep, "other_no_correction") == [None] * 7  # not read, or read blank: never the numbers


# ---------------------------------------------------------------- properties: any wrap width keeps every cell

@SETTINGS
@given(reports(), st.integers(3, 20), st.integers(2, 8))
def test_any_wrap_width_of_a_centred_table_keeps_every_cell(report, width, group_width):
    back = recognise(read_text("r.txt", render_centred_text(report, width, group_width)))
    assert back.layout == report.layout
    assert _cells(back) == _cells(report)
    assert not _unread(back)
    assert [d for d in gklint.check(back).diagnostics if d.severity == "error"] == []


def _pdf_page_of_table_three(report, width: int, group_width: int) -> bytes:
    """Table 三 laid out as ``centred_lines`` says, in 6 pt text on one page, without ruling lines."""
    page = pdfmaker.Page()
    page.text(72, 110, "某局2025年政府信息公开工作年度报告", 12)
    page.text(72, 130, "三、收到和处理政府信息公开申请情况", 12)
    page.text(72, 150, T3_NOTE, 6)
    for k, word in enumerate(T3_HEADER):
        page.text(30 + 58 * k, 162, word, 6)
    for y, cells in centred_lines(report, width, group_width):
        for column, text in cells:
            x = 30 if column == 0 else 100 if column == 1 else 260 + 34 * (column - 2)
            page.text(x, 176 + 4 * y, text, 6)
    return pdfmaker.build([page])


# Up to 19 characters a line: at 20, most labels fit on one line and the PDF reader takes the last rows for a
# clean table without ruling lines (gklint.read.pdf_columns), a grid that then stands for all of table 三.
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.integers(6, 19), st.integers(3, 8))
def test_a_borderless_pdf_with_wrapped_labels_keeps_every_cell_of_table_three(report, width, group_width):
    doc = read_pdf("case.pdf", _pdf_page_of_table_three(report, width, group_width))
    back = recognise(doc, version=report.layout)
    assert _cells(back, "三") == _cells(report, "三")


def test_a_page_number_before_a_group_label_does_not_hold_the_reader_before_it():
    """A page number on its own line just before "（三）不予公开" is no row's value: the reader still moves past
    the group label, so a misprinted first row under it ("1.属件国家秘密") is found by likeness as before."""
    report = consistent_report(1, "2019", year=2019)
    text = render_tables_text(report, "page_numbers", labels={"refused_state_secret": "1.属件国家秘密"})
    assert "\n2\n（三）不予公开\n1.属件国家秘密" in text  # the shape this test is about
    back = recognise(read_text("page.txt", text))
    row = {c: cell.value for (r, c), cell in back.tables["三"].cells.items() if r == "refused_state_secret"}
    assert row == {c: cell.value for (r, c), cell in report.tables["三"].cells.items() if r == "refused_state_secret"}
