"""Statements that nothing happened must agree with the tables (rule N301)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gklint import layouts

from narrative_helpers import report, run


@pytest.mark.parametrize("text, cells, row", [
    ("本年度未收到政府信息公开申请。", {"三.new.total": 3}, "一、本年新收政府信息公开申请数量"),
    ("全年没有收到群众的政府信息公开申请。", {"三.new.total": 1}, "一、本年新收政府信息公开申请数量"),
    ("本年度无政府信息公开申请。", {"三.new.total": 2}, "一、本年新收政府信息公开申请数量"),
    ("本年度没有发生因政府信息公开引起的行政复议。", {"四.review.total": 1}, "行政复议"),
    ("全年未发生政府信息公开行政诉讼案件。", {"四.litigation_after_review.total": 1}, "复议后起诉"),
    ("本年度政府信息公开行政复议、行政诉讼均为0件。", {"四.litigation_direct.total": 2}, "未经复议直接起诉"),
])
def test_zero_statement_against_a_number(text, cells, row):
    [d] = run("N301", report(text, cells))
    assert d.severity == "warning"
    assert d.location.row == row and d.location.quote == text
    assert d.found == 0 and d.expected == sum(cells.values())


def test_review_and_lawsuit_in_one_statement():
    text = "本年度未发生因政府信息公开引起的行政复议和行政诉讼。"
    assert run("N301", report(text)) == []
    fired = run("N301", report(text, {"四.review.total": 1, "四.litigation_direct.total": 1}))
    assert sorted(d.location.row for d in fired) == ["未经复议直接起诉", "行政复议"]


@pytest.mark.parametrize("text", ["本年度未出现因答复不当引起的行政复议。", "未发生申请人不服答复提起的行政复议。"])
def test_appeals_of_a_reply_are_about_disclosure(text):
    assert run("N301", report(text)) == []
    [d] = run("N301", report(text, {"四.review.total": 1}))
    assert d.location.row == "行政复议"


def test_appeals_need_to_be_about_disclosure():
    text = "本年度未发生行政复议和行政诉讼案件。"
    assert run("N301", report(text, {"四.review.total": 1})) == []
    [d] = run("N301", report({"四、政府信息公开行政复议、行政诉讼情况": text}, {"四.review.total": 1}))
    assert d.location.section == "四、政府信息公开行政复议、行政诉讼情况"


def test_zero_statement_that_agrees():
    assert run("N301", report("本年度未收到政府信息公开申请，未发生行政复议和行政诉讼。")) == []


@pytest.mark.parametrize("text", [
    "未发生行政复议被纠正、行政诉讼败诉的情况。",  # about results, not about there being none
    "2020年未收到政府信息公开申请，本年度情况见下表。",  # another year
    "对无法提供的，告知申请人可依法申请行政复议。",
    "本年度未收取信息处理费。",
    "本机关未按时答复的申请为0件。",
])
def test_sentences_that_are_not_zero_statements(text):
    cells = {"三.new.total": 3, "四.review.total": 1, "四.review.corrected": 1,
             "四.litigation_direct.total": 1, "四.litigation_direct.corrected": 1}
    assert run("N301", report(text, cells)) == []


# Issue 8, cause 7: a statement that no review ended in correction (纠错) and no lawsuit was lost (败诉)
# is about the 结果纠正 columns of table 四, not about how many reviews there were (source: issue 8, a
# report with 55 reviews, none corrected; wording as such reports put it).
NONE_CORRECTED = "本年度共发生政府信息公开行政复议55件，未发生行政复议被纠错情况，未发生行政诉讼败诉情况。"
# source: /work/shared/reports/depts/gwh-2025.txt (平潭综合实验区管委会办公室 2025年报, 一、总体情况)
GWH_2025 = "2025年，实验区管委会（办公室）共受理公开申请34件，均在法定期限内予以办理。因政府信息公开产生行政复议共2件，未出现结果纠正案件。"


def test_no_correction_is_not_no_review():
    cells = {"四.review.total": 55, "四.review.upheld": 50, "四.review.pending": 5}
    assert run("N301", report(NONE_CORRECTED, cells)) == []
    assert run("N301", report(GWH_2025, {"四.review.total": 2, "四.review.upheld": 2})) == []


def test_no_correction_is_compared_with_the_corrected_columns():
    cells = {"四.review.total": 55, "四.review.upheld": 52, "四.review.corrected": 3,
             "四.litigation_direct.total": 1, "四.litigation_direct.corrected": 1}
    found = run("N301", report(NONE_CORRECTED, cells))
    assert sorted((d.location.row, d.location.column, d.expected) for d in found) == [
        ("未经复议直接起诉", "结果纠正", 1), ("行政复议", "结果纠正", 3)]
    [d] = run("N301", report(GWH_2025, {"四.review.total": 2, "四.review.upheld": 1, "四.review.corrected": 1}))
    assert (d.location.row, d.location.column) == ("行政复议", "结果纠正")
    assert "未出现结果纠正" in d.message


def test_review_and_lawsuit_not_corrected_in_one_statement():
    text = "本年度政府信息公开行政复议、行政诉讼均未被纠错。"
    cells = {"四.review.total": 2, "四.review.corrected": 1, "四.litigation_direct.total": 1,
             "四.litigation_direct.corrected": 1}
    found = run("N301", report(text, cells))
    assert sorted(d.location.row for d in found) == ["未经复议直接起诉", "行政复议"]
    assert run("N301", report(text, {"四.review.total": 2, "四.review.upheld": 2})) == []


def test_no_correction_and_no_loss_in_one_clause():
    text = "依申请公开工作中，无行政复议纠错、行政诉讼败诉情况。"
    cells = {"四.review.total": 2, "四.review.upheld": 2, "四.litigation_direct.total": 1,
             "四.litigation_direct.corrected": 1}
    [d] = run("N301", report(text, cells))
    assert (d.location.row, d.location.column) == ("未经复议直接起诉", "结果纠正")
    assert run("N301", report(text, {"四.review.total": 2, "四.review.upheld": 2})) == []


def _without_row(rep, table: str, row: str):
    """``rep`` with every cell of one row taken out, as when the row was not read."""
    cells = rep.tables[table].cells
    for key in [k for k in cells if k[0] == row]:
        del cells[key]
    return rep


@pytest.mark.parametrize("text", ["本年度未发生因政府信息公开引起的行政诉讼。",
                                  "本年度政府信息公开行政复议、行政诉讼均为0件。"])
def test_a_present_nonzero_cell_contradicts_whatever_a_missing_row_holds(text):
    rep = _without_row(report(text, {"四.litigation_direct.upheld": 2, "四.litigation_direct.total": 2}),
                       "四", "litigation_after_review")
    [d] = run("N301", rep)
    assert d.location.row == "未经复议直接起诉" and d.expected == 2 and d.found == 0


def test_a_missing_row_alone_claims_nothing():
    text = "本年度政府信息公开行政复议、行政诉讼均为0件。"
    rep = _without_row(report(text), "四", "litigation_after_review")
    assert run("N301", _without_row(rep, "四", "review")) == []


def test_a_statement_whose_cell_this_layout_lacks_is_judged_by_the_cell_it_has():
    """"未制定规范性文件" names 本年制发件数 (2021) and 本年新制作数量 (2019): each layout compares its own."""
    text = "本年度未制定规范性文件。"
    for layout, cell, label in [("2021", "二.normative_documents.issued", "本年制发件数"),
                                ("2019", "二.normative_documents.made", "本年新制作数量")]:
        [d] = run("N301", report(text, {cell: 3}, layout=layout, year=2020))
        assert d.location.column == label and d.expected == 3


_REVIEW_ROWS = ("review", "litigation_direct", "litigation_after_review")


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_rows_not_read_take_away_their_findings_and_no_other(data):
    """"复议、诉讼均为0件" against a table 四 of drawn totals: with some rows not read, the findings are those of
    the full table on the rows still read."""
    totals = {row: data.draw(st.integers(0, 3)) for row in _REVIEW_ROWS}
    cells = {f"四.{row}.{col}": n for row, n in totals.items() for col in ("upheld", "total")}
    text = "本年度政府信息公开行政复议、行政诉讼均为0件。"
    full = _rows_found(report(text, cells))
    gone = data.draw(st.sets(st.sampled_from(_REVIEW_ROWS)))
    rep = report(text, cells)
    for row in gone:
        _without_row(rep, "四", row)
    labels = {row: layouts.get("2021").table("四").row(row).label for row in _REVIEW_ROWS}
    assert _rows_found(rep) == full - {labels[row] for row in gone}


def _rows_found(rep) -> set[str]:
    """The rows N301's findings name (one finding may name several: "行政复议 + 复议后起诉")."""
    return {row for d in run("N301", rep) for row in d.location.row.split(" + ")}
