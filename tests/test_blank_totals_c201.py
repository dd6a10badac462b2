"""C201 on blank 总计 cells: the ones beside filled columns are named first, with what they should hold; the
remaining blanks collapse as before, their examples spread over rows; a row blank throughout is one finding."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

import gklint
from gklint import layouts
from gklint.core.model import Cell
from gklint.engine.messages import translated

from conftest import FIXTURES
from strategies import reports


@pytest.fixture
def report():
    """The huangyuan report: every table identity holds, every cell a number."""
    return gklint.extract(FIXTURES / "huangyuan-2021.txt")


def c201(report, lang="zh"):
    return [d for d in gklint.check(report, select=["C201"], lang=lang).diagnostics if d.rule == "C201"]


def put(report, table, row, col, value):
    report.tables[table].cells[(row, col)] = Cell.blank() if value is None else Cell.number(value)


def test_blank_totals_beside_numbers_are_one_finding_with_their_totals(report):
    put(report, "三", "granted", "natural", 258)
    put(report, "三", "granted", "business", 12)
    put(report, "三", "granted", "research", None)
    put(report, "三", "granted", "total", None)
    put(report, "三", "partly_granted", "natural", 3)
    put(report, "三", "partly_granted", "total", None)
    put(report, "三", "not_processed_repeat", "total", None)  # its row is all 0: a blank, not a missing total
    found = c201(report)
    [totals] = [d for d in found if d.template == "message_total_cells"]
    assert (totals.location.table, totals.location.row, totals.location.column) == ("三", None, "总计")
    assert totals.expected == {"（一）予以公开": 270, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": 3}
    assert [(p.location.row, p.location.column, p.value) for p in totals.parts] == [
        ("（一）予以公开", "总计", 270), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "总计", 3)]
    assert totals.location.source == report.cell("三", "granted", "total").source
    assert "“（一）予以公开”至少270、“（二）部分公开”3。" in totals.message  # 科研机构 of （一） is blank too
    others = {(d.location.row, d.location.column) for d in found if d is not totals}
    assert others == {("（一）予以公开", "科研机构"), ("2.重复申请", "总计")}


def test_the_messages_render_in_the_other_language(report):
    put(report, "四", "review", "upheld", 2)
    put(report, "四", "review", "other", None)
    put(report, "四", "review", "total", None)
    for row, _ in list(report.tables["三"].cells):
        put(report, "三", row, "total", None)
    put(report, "三", "new", "natural", 3)
    zh, en = c201(report), c201(report, "en")
    assert {d.template for d in zh} >= {"message_total_cells", "message_total_column"}
    assert [translated(d, "en").message for d in zh] == [d.message for d in en]
    assert any("“行政复议” at least 2" in d.message for d in en)
    assert any("; 0 in every other row" in d.message for d in en)


def test_a_blank_total_column_says_at_least_where_its_row_has_another_blank(report):
    put(report, "三", "granted", "natural", 4)
    put(report, "三", "granted", "business", None)
    for row, _ in list(report.tables["三"].cells):
        put(report, "三", row, "total", None)
    [column] = [d for d in c201(report) if d.template == "message_total_column"]
    assert "“（一）予以公开”至少4；其余各行为0" in column.message and column.expected["（一）予以公开"] == 4


def test_a_row_blank_throughout_is_one_finding_beside_the_blank_columns(report):
    for row in ("review", "litigation_direct", "litigation_after_review"):
        put(report, "四", row, "corrected", None)
        put(report, "四", row, "other", None)
    for col in ("upheld", "pending", "total"):
        put(report, "四", "litigation_after_review", col, None)
    found = c201(report)
    assert [(d.template, d.location.row, d.location.column) for d in found] == [
        ("message_column", None, "结果纠正"), ("message_column", None, "其他结果"),
        ("message_row", "复议后起诉", None)]
    assert "一行5个单元格全部空白" in found[2].message


def test_many_blanks_name_examples_from_different_rows(report):
    rows = ["refused_prohibited", "refused_security", "refused_third_party"]
    for row in rows:
        for col in ("natural", "business", "research", "public_interest"):
            put(report, "三", row, col, None)
    [d] = c201(report)
    assert d.found == 12 and d.template == "message_many"
    assert ("如“2.其他法律行政法规禁止公开”“自然人”、“3.危及“三安全一稳定””“商业企业”、"
            "“4.保护第三方合法权益”“科研机构”）") in d.message


@settings(max_examples=40, deadline=None)
@given(reports(), st.data())
def test_blanking_totals_of_a_consistent_report_names_each_with_its_value(report, data):
    """Blanking some (not all) 总计 cells of a consistent report: those whose row holds a non-zero part are
    one finding per table that says each one's value exactly (no other blank in the row); every blank is
    counted once over the findings."""
    layout = layouts.get(report.layout)
    blanked, want = 0, {}
    for key in ("三", "四"):
        spec = layout.table(key)
        col = next(c for c in spec.columns if c.sums)
        rows = [r for r in spec.data_rows if r.column(col.id)]
        chosen = data.draw(st.lists(st.sampled_from(rows), unique=True, max_size=len(rows) - 1), label=key)
        for row in chosen:
            if any(report.value(key, row.id, c) for c in col.sums):
                want[(key, row.label)] = report.value(key, row.id, col.id)
            put(report, key, row.id, col.id, None)
        blanked += len(chosen)
    found = c201(report)
    totals = [d for d in found if d.template == "message_total_cells"]
    assert {(d.location.table, p.label): p.value for d in totals for p in d.parts} == want
    assert not any("至少" in d.message for d in totals)
    assert sum(len(d.parts) if d in totals else d.found if d.template == "message_many" else 1
               for d in found) == blanked
