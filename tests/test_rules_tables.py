"""Each table, cell and recognition rule: a realistic case where it fires and one where it stays silent."""

from __future__ import annotations

import pytest

import gklint
from gklint.recognise.recognise import recognise
from gklint.read.text import read_text
from gklint.core.model import Cell

from conftest import FIXTURES


@pytest.fixture
def report():
    """The huangyuan report: every table identity holds, every cell a number."""
    return gklint.extract(FIXTURES / "huangyuan-2021.txt")


def fired(report, rule):
    return [d for d in gklint.check(report, select=[rule]).diagnostics if d.rule == rule]


def setcell(report, table, row, col, cell):
    report.tables[table].cells[(row, col)] = cell if isinstance(cell, Cell) else Cell.number(cell)


def test_t301_balance(report):
    assert not fired(report, "T301")
    setcell(report, "三", "new", "natural", 3)
    setcell(report, "三", "new", "total", 3)
    # 3 + 0 ≠ 0 + 0 in the 自然人 column, and in the 总计 column
    assert sorted(d.location.column for d in fired(report, "T301")) == ["总计", "自然人"]
    setcell(report, "三", "granted", "natural", 3)
    setcell(report, "三", "granted", "total", 3)
    setcell(report, "三", "total", "natural", 3)
    setcell(report, "三", "total", "total", 3)
    assert not fired(report, "T301")  # 3 applications, 3 granted: balanced


def test_t302_results_sum(report):
    setcell(report, "三", "refused_third_party", "business", 2)
    [d] = fired(report, "T302")
    assert (d.location.row, d.location.column, d.expected, d.found) == ("（七）总计", "商业企业", 2, 0)
    assert any(p.label == "4.保护第三方合法权益" and p.value == 2 for p in d.parts)
    setcell(report, "三", "total", "business", 2)
    assert not fired(report, "T302")


def test_t303_row_sum(report):
    setcell(report, "三", "carried_over", "legal_services", 1)
    [d] = fired(report, "T303")
    assert (d.location.row, d.location.column, d.expected, d.found) == ("二、上年结转政府信息公开申请数量", "总计", 1, 0)
    setcell(report, "三", "carried_over", "total", 1)
    assert not fired(report, "T303")


def test_t401_appeals(report):
    setcell(report, "四", "litigation_after_review", "corrected", 1)
    [d] = fired(report, "T401")
    assert (d.location.row, d.location.column, d.expected, d.found) == ("复议后起诉", "总计", 1, 0)
    assert [(p.label, p.value) for p in d.parts] == [("结果维持", 0), ("结果纠正", 1), ("其他结果", 0), ("尚未审结", 0),
                                                   ("总计", 0)]
    setcell(report, "四", "litigation_after_review", "total", 1)
    assert not fired(report, "T401")


def test_c101_negative(report):
    setcell(report, "二", "licensing", "decisions", -3)
    [d] = fired(report, "C101")
    assert (d.location.table, d.location.row, d.location.column, d.found) == ("二", "行政许可", "本年处理决定数量", -3)


def test_c101_allows_a_signed_change_in_the_2019_layout():
    data = gklint.to_json(gklint.extract(FIXTURES / "huangyuan-2021.txt"))
    data["layout"] = "2019"
    data["tables"] = {"二": {"行政许可": {"上一年项目数量": 40, "本年增/减": "减4", "处理决定数量": 12}}}
    result = gklint.check(data, select=["C101"])
    assert result.diagnostics == []


def test_c102_fraction(report):
    setcell(report, "四", "review", "upheld", 1.5)
    assert [d.location.column for d in fired(report, "C102")] == ["结果维持"]
    setcell(report, "二", "fees", "fees_amount", 1.5)  # an amount in 万元 may have decimals
    setcell(report, "四", "review", "upheld", 1)
    assert not fired(report, "C102")


def test_c201_blank(report):
    setcell(report, "三", "total", "total", Cell.blank())
    [d] = fired(report, "C201")
    assert (d.location.row, d.location.column) == ("（七）总计", "总计")
    assert not fired(gklint.extract(FIXTURES / "huangyuan-2021.txt"), "C201")


def test_c202_slash(report):
    setcell(report, "二", "fees", "fees_amount", Cell("na", None, "/"))
    [d] = fired(report, "C202")
    assert "“/”" in d.message and d.location.row == "行政事业性收费"
    assert not fired(gklint.extract(FIXTURES / "huangyuan-2021.txt"), "C202")


def test_c203_text(report):
    setcell(report, "三", "granted", "total", Cell("text", None, "见附件"))
    [d] = fired(report, "C203")
    assert "见附件" in d.message
    assert not fired(gklint.extract(FIXTURES / "huangyuan-2021.txt"), "C203")


def test_r101_missing_table():
    text = (FIXTURES / "huangyuan-2021.txt").read_text("utf-8")
    start = text.index("四、政府信息公开行政复议、行政诉讼情况")
    end = text.index("五、存在的主要问题及改进情况")
    cut = recognise(read_text("t.txt", text[:start] + "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生。\n" + text[end:]))
    [d] = fired(cut, "R101")
    assert d.location.table == "四" and "未找到表四" in d.message
    assert not fired(gklint.extract(FIXTURES / "huangyuan-2021.txt"), "R101")


def test_r103_no_table_at_all():
    text = "某某局2021年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n"
    [d] = fired(recognise(read_text("t.txt", text)), "R103")
    assert d.severity == "error"
    assert not fired(gklint.extract(FIXTURES / "huangyuan-2021.txt"), "R103")


def test_r106_unreadable_part(report):
    report.notes.append(gklint.core.model.Note("unreadable_part", "第5页没有文字层（可能是扫描图片），其内容未能读取"))
    [d] = fired(report, "R106")
    assert "第5页" in d.message
    assert not fired(gklint.extract(FIXTURES / "huangyuan-2021.txt"), "R106")


def test_c201_collapses_a_blank_row_and_a_blank_table(report):
    for col in ("natural", "business", "research", "public_interest", "legal_services", "other_orgs", "total"):
        setcell(report, "三", "granted", col, Cell.blank())
    setcell(report, "三", "partly_granted", "natural", Cell.blank())
    for key in list(report.tables["四"].cells):
        report.tables["四"].cells[key] = Cell.blank()
    found = {(d.location.table, d.location.row, d.location.column): d.message for d in fired(report, "C201")}
    assert set(found) == {("三", "（一）予以公开", None), ("三", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "自然人"),
                          ("四", None, None)}
    assert "7个单元格全部空白" in found[("三", "（一）予以公开", None)]
    assert "表四的15个数据单元格全部空白" in found[("四", None, None)]


def test_empty_official_template_is_three_findings():
    result = gklint.check(FIXTURES / "template-2021.docx", select=["C201", "C204"])
    assert [(d.rule, d.severity, d.location.table, d.location.row) for d in result.diagnostics] == [
        ("C201", "warning", "二", None), ("C204", "error", "三", None), ("C204", "error", "四", None)]


def test_c204_a_table_three_or_four_with_no_value_is_an_error_and_c201_stays_silent_on_it(report):
    assert not fired(report, "C204")
    for key in list(report.tables["四"].cells):
        report.tables["四"].cells[key] = Cell.blank()
    result = gklint.check(report, select=["C2"])
    assert [(d.rule, d.severity, d.location.table) for d in result.diagnostics] == [("C204", "error", "四")]
    assert "15个数据单元格全部空白" in result.diagnostics[0].message
    # with C204 not selected, C201 still says the table was not filled in
    [d] = fired(report, "C201")
    assert (d.severity, d.location.table) == ("warning", "四")


def test_c201_a_blank_total_column_is_one_finding_with_the_totals_it_should_hold(report):
    setcell(report, "三", "new", "natural", 3)
    setcell(report, "三", "granted", "natural", 2)
    setcell(report, "三", "granted", "business", 1)
    for row, _ in list(report.tables["三"].cells):
        setcell(report, "三", row, "total", Cell.blank())
    [d] = fired(report, "C201")
    assert (d.location.table, d.location.row, d.location.column) == ("三", None, "总计")
    assert "25个单元格全部空白" in d.message
    assert "“一、本年新收政府信息公开申请数量”3" in d.message and "“（一）予以公开”3" in d.message
    assert "其余各行为0" in d.message
    assert d.expected["（一）予以公开"] == 3 and len(d.parts) == 25


def test_c201_many_scattered_blanks_are_one_finding(report):
    rows = ["granted", "partly_granted", "refused_state_secret", "refused_prohibited", "refused_security",
            "refused_third_party"]
    for row in rows:
        setcell(report, "三", row, "business", Cell.blank())
        setcell(report, "三", row, "research", Cell.blank())
    [d] = fired(report, "C201")  # 12 blanks over six rows: one finding for table 三
    assert (d.location.table, d.location.row, d.found) == ("三", None, 12)
    assert "12个单元格为空白" in d.message and "“（一）予以公开”“商业企业”" in d.message


def test_rows_absent_from_json_are_reported_once_and_not_taken_for_blanks():
    data = gklint.to_json(gklint.extract(FIXTURES / "huangyuan-2021.txt"))
    del data["tables"]["三"]["（一）予以公开"]
    result = gklint.check(data, select=["R102", "C201", "T"])
    [d] = result.diagnostics
    assert (d.rule, d.location.table, d.location.row) == ("R102", "三", "（一）予以公开")
