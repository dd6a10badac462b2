"""Rows whose run-together digits read several ways, settled by the figures the text states (R110, R111).

The sentences are those of the department reports in tests/corpus (hzs-2024, gwh-2022), with their rows.
"""

from __future__ import annotations

import gklint
from gklint.recognise.recognise import recognise
from gklint.recognise.settle import readings
from gklint.read.text import read_text

TWO = ("二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000"
       "规范性文件{row}第二十条第（五）项信息内容本年处理决定数量行政许可3第二十条第（六）项信息内容本年处理决定数量"
       "行政处罚0行政强制0第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0")
REST = ("四、政府信息公开行政复议、行政诉讼情况本年度无行政复议、行政诉讼。五、存在的主要问题及改进情况一是解读形式单一。"
        "六、其他需要报告的事项本年度未收取信息处理费。")


def page(overview: str, row: str):
    text = f"某局2024年政府信息公开工作年度报告 一、总体情况{overview}" + TWO.format(row=row) + REST + "\n"
    return recognise(read_text("p.txt", text), version="2021")


def test_readings_are_every_split_without_leading_zeros():
    assert readings("15621", 3) == [[1, 5, 621], [1, 56, 21], [1, 562, 1], [15, 6, 21], [15, 62, 1], [156, 2, 1]]
    assert readings("007", 3) == [[0, 0, 7]]
    assert readings("12", 3) == []


def test_a_row_with_several_readings_is_read_as_the_text_states_it():
    # hzs-2024: "规范性文件15621" and "我局废止规范性文件6件，制定规范性文件15件"
    rep = page("2024年，我局废止规范性文件6件，制定规范性文件15件，已公开。", "15621")
    cells = [rep.value("二", "normative_documents", c) for c in ("issued", "repealed", "in_force")]
    assert cells == [15, 6, 21]
    [d] = [d for d in gklint.check(rep, select=["R"]).diagnostics if d.rule in ("R102", "R110")]
    assert (d.rule, d.severity) == ("R110", "info") and "废止6件" in d.message and "15、6、21" in d.message


def test_a_row_that_no_reading_reconciles_with_the_text_is_a_warning_and_no_blank_cells():
    # gwh-2022: "规范性文件34089" and "本年度制发规范性文件34件，现行有效件数424件"
    rep = page("八是建成规范性文件库，本年度制发规范性文件34件，现行有效件数424件。", "34089")
    found = {d.rule: d for d in gklint.check(rep, select=["R", "C"]).diagnostics}
    assert found["R111"].severity == "warning" and "424件" in found["R111"].message
    assert "R102" not in found and "C201" not in found  # the row is reported once, not as blank cells


def test_figures_the_text_states_twice_differently_settle_nothing():
    rep = page("制定规范性文件15件。全年制定规范性文件1件。", "15621")
    assert rep.value("二", "normative_documents", "issued") is None
    assert any(d.rule == "R102" for d in gklint.check(rep, select=["R"]).diagnostics)
