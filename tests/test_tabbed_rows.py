"""Table rows copied from a web page, cells joined by tabs (``gklint.recognise.tabbed``): each field is one
cell and an empty field a blank one, at a line's ends too; any other shape is read as before."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gklint.ingest import read_bytes
from gklint import layouts as L
from gklint.core.model import Report
from gklint.read.document import Paragraph
from gklint.read.text import read_text
from gklint.recognise.recognise import recognise

from render import _value
from render_tables import T3_HEADER, T3_NOTE, blank_cells
from strategies import reports

T4_LINES = ["行政复议\t行政诉讼", "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉",
            "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)]


def _rows(report: Report, key: str, group_first: bool) -> list[str]:
    """Table 二 or 三 as a browser copies it: a line per table row, its cells joined by tabs; with
    ``group_first`` a group heading (a cell spanning rows) starts the line of its first row only."""
    lines: list[str] = []
    if key == "三":
        lines += [f"{T3_NOTE}\t{T3_HEADER[0]}", "\t".join(T3_HEADER[1:4]), "\t".join(T3_HEADER[4:])]
    block = None
    groups: list[str] = []
    for row in L.get(report.layout).table(key).rows:
        if key == "二" and row.block != block:
            block = row.block
            lines += [block, "\t".join(["信息内容", *(c.label for c in row.columns)])]
        if row.heading:
            groups.append(row.label)
            continue
        values = [_value(report, key, row.id, c.id) for c in row.columns]
        lines.append("\t".join([*(groups if group_first else []), row.label, *values]))
        if not group_first:
            lines[-1:-1] = groups
        groups = []
    return lines


def copied_page(report: Report, group_first: bool) -> str:
    """The report as text copied from its web page: sections, and each table a line per row (table 四: its
    three header lines, then its fifteen cells on one line)."""
    spec = L.get(report.layout).table("四")
    tables = {"proactive": _rows(report, "二", group_first), "requests": _rows(report, "三", group_first),
              "appeals": [*T4_LINES, "\t".join(_value(report, "四", r.id, c.id)
                                               for r in spec.data_rows for c in r.columns)]}
    lines = [report.meta.title or f"{report.meta.agency or ''}{report.meta.year}年政府信息公开工作年度报告"]
    for section in report.sections:
        lines += [section.heading, *([section.text] if section.text else []), *tables.get(section.id, [])]
    return "\n".join(lines) + "\n"


def _cells(report: Report) -> dict:
    return {(t, k): (c.kind, c.value) for t, table in report.tables.items() for k, c in table.cells.items()}


@st.composite
def blanked_reports(draw):
    """A generated report with random cells of its three tables blank: none, a few, or most (whole rows,
    first and last cells: a report that writes blanks for zeros). One cell of table 四 is kept: its one
    data row all blank is a line of tabs only, which the text reader drops as a blank line."""
    report = draw(reports())
    rng = random.Random(draw(st.integers(0, 2 ** 32)))
    share = draw(st.sampled_from([0.0, 0.2, 0.7, 1.0]))
    kept = ("四", *rng.choice(sorted(report.tables["四"].cells)))
    picks = [(t, r, c) for t, table in report.tables.items() for (r, c) in table.cells
             if rng.random() < share and (t, r, c) != kept]
    return blank_cells(report, picks)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blanked_reports(), st.booleans())
def test_tab_separated_rows_read_back_cell_for_cell(report, group_first):
    back = recognise(read_text("copy.txt", copied_page(report, group_first)))
    assert back.layout == report.layout
    assert _cells(back) == _cells(report)
    assert not [n for n in back.notes if n.kind in ("table_missing", "table_unreadable", "digits_split")]


def test_the_reader_counts_the_tabs_it_strips_off_a_lines_ends():
    [para] = read_text("t.txt", "\t\t行政许可\t3\t \t\t\n").paragraphs
    assert para == Paragraph("行政许可\t3", para.source, (2, 3))
    assert read_text("t.txt", "  一、总体情况  \n").paragraphs[0].edge_tabs == (0, 0)


def _table_three(*lines: str) -> Report:
    head = ["某局2019年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
            f"{T3_NOTE}\t申请人情况", "自然人\t法人或其他组织\t总计", "\t".join(T3_HEADER[4:])]
    return read_bytes("t.txt", "\n".join([*head, *lines, "四、政府信息公开行政复议、行政诉讼情况"]).encode())


def test_a_row_whose_first_field_is_its_group_and_whose_last_cells_are_blank():
    """"三、本年度办理结果 | （一）予以公开 | 5 | | | | 1 |": the browser's copy of the first row of a cell
    spanning rows, the 总计 left blank; each number in the column its field is in."""
    report = _table_three("三、本年度办理结果\t（一）予以公开\t5\t\t\t\t1\t\t",
                          "（三）不予公开\t1.属于国家秘密\t\t\t\t\t\t\t", "2.其他法律行政法规禁止公开\t2\t\t\t\t\t\t2")
    table = report.tables["三"]
    assert [table.cells["granted", c].value for c in ("natural", "legal_services")] == [5, 1]
    assert {table.cells["granted", c].kind for c in ("business", "research", "public_interest", "other_orgs",
                                                     "total")} == {"blank"}
    assert {c.kind for (r, _), c in table.cells.items() if r == "refused_state_secret"} == {"blank"}
    assert [table.cells["refused_prohibited", c].value for c in ("natural", "total")] == [2, 2]
    assert not [n for n in report.notes if n.row in ("（一）予以公开", "1.属于国家秘密", "2.其他法律行政法规禁止公开")]


def test_fields_that_are_not_the_rows_cells_are_read_as_before():
    """Six fields for seven cells, a field of two numbers, a number before the label: no number is placed
    by the fields, and the row is reported as before (R102)."""
    for line in ("（一）予以公开\t5\t\t\t1\t3", "（一）予以公开\t5\t\t\t\t1 3\t", "9\t（一）予以公开\t5\t\t\t\t\t\t"):
        report = _table_three(line)
        cells = {c: cell for (r, c), cell in report.tables["三"].cells.items() if r == "granted"}
        assert {cell.kind for cell in cells.values()} == {"blank"}, line
        assert [n.kind for n in report.notes if n.row == "（一）予以公开"] == ["table_unreadable"], line


def test_table_four_a_line_per_row_under_a_header_of_results():
    """Table 四 with a line per row (label, then its five cells): a row all blank is five blank cells."""
    text = "\n".join(["某局2021年政府信息公开工作年度报告", "四、政府信息公开行政复议、行政诉讼情况",
                      "\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
                      "行政复议\t2\t\t\t\t2", "未经复议直接起诉\t\t\t\t1\t1", "复议后起诉\t\t\t\t\t",
                      "五、存在的主要问题及改进情况"])
    table = read_bytes("t.txt", text.encode()).tables["四"]
    values = {r: [table.cells[r, c].value for c in ("upheld", "corrected", "other", "pending", "total")]
              for r in ("review", "litigation_direct", "litigation_after_review")}
    assert values == {"review": [2, None, None, None, 2], "litigation_direct": [None, None, None, 1, 1],
                      "litigation_after_review": [None] * 5}
    assert {table.cells["litigation_after_review", c].kind for c in ("upheld", "total")} == {"blank"}


def test_a_row_written_as_its_label_alone_does_not_take_the_next_rows_label_and_numbers():
    """A row left blank is its label alone on its line (a copy's empty cells, or a text with no numbers for
    it). The next row's label after it is that row's, not the blank row's "rest": each row keeps its own
    numbers, with tabs or without."""
    for sep in ("\t", " "):
        report = _table_three(f"1.属于国家秘密{sep}1{sep}0{sep}0{sep}0{sep}0{sep}0{sep}1",
                              "2.其他法律行政法规禁止公开",
                              f"3.危及“三安全一稳定”{sep}4{sep}0{sep}0{sep}0{sep}0{sep}0{sep}4")
        table = report.tables["三"]
        assert {c.kind for (r, _), c in table.cells.items() if r == "refused_prohibited"} == {"blank"}, sep
        assert [table.cells["refused_security", c].value for c in ("natural", "total")] == [4, 4], sep
