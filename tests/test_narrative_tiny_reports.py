"""Tiny reports (a town, a tax office, a weather station): one or two requests a year, the other cells
written as marks ("—", "/", "无") or left blank, and the counts written in words (申请一件).

- A mark (or blank) among the cells of a reading of several cells (新收 + 上年结转) leaves the sum of the
  others a lower bound, as a blank 总计 does: a figure below it disagrees, one at it agrees, one above it
  cannot be told (the mark is not read as 0 even when its whole row is marks).
- "无" in a cell is a zero written as a mark, read as the identities read a dash.
- 一 and 两 right before a unit of the narrative rules' ``word_count_units`` (件/条/件次/项) at the end of a
  clause are counts, not articles.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gklint
from gklint.engine.rules import find
from gklint.testing import build_case_report
from gklint.narrative.quantities import analyse
from narrative_helpers import run

WORD_UNITS = tuple(find("N101").params["word_count_units"])  # as every narrative rule reads the text


def quantities(text: str):
    return [q for sq in analyse(text, 2021, WORD_UNITS) for q in sq.quantities]


MARKS = st.sampled_from(["—", "-", "/", "无", ""])


def requests(text: str, new: int, carried: str) -> object:
    """A report of one 自然人 column: ``new`` requests this year, all granted, the 上年结转 row ``carried``
    throughout (a mark or blank), every other cell 0."""
    return build_case_report({"cells": {"三.new.natural": new, "三.new.total": new,
                                        "三.granted.natural": new, "三.granted.total": new,
                                        "三.total.natural": new, "三.total.total": new,
                                        "三.carried_over.*": carried},
                              "sections": {"requests": text}, "year": 2025})


def test_a_figure_below_a_reading_with_a_marked_cell_is_found():
    [d] = run("N101", requests("2025年共收到政府信息公开申请0件次。", 1, "—"))
    assert (d.severity, d.found, d.expected) == ("warning", 0, 1)
    assert d.message == "文中称收到政府信息公开申请0件次，而表三「一、本年新收政府信息公开申请数量」「总计」为1。"


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(0, 45), MARKS)
def test_a_marked_cell_makes_the_others_a_lower_bound(new, stated, mark):
    found = run("N101", requests(f"本年度共收到政府信息公开申请{stated}件。", new, mark))
    assert bool(found) == (stated < new), (new, stated, mark)


def test_a_marked_cell_is_said_when_its_reading_is_shown():
    report = build_case_report({"cells": {"三.new.natural": 3, "三.new.total": 3, "三.carried_over.natural": 2,
                                          "三.carried_over.total": "—", "三.granted.natural": 5,
                                          "三.granted.total": 5, "三.total.natural": 5, "三.total.total": 5},
                                "sections": {"requests": "本年度共办理政府信息公开申请1件。"}})
    [d] = run("N101", report)
    assert d.message == ("文中称办理的申请1件，而表三「（七）总计」「总计」为5（按本年新收理解为3，亦不符）"
                         "（按新收加上年结转理解为3，亦不符）。表三「二、上年结转政府信息公开申请数量」「总计」为“—”，"
                         "不是数字：按其余各格之和比较，合计至少为3。")
    [en] = run("N101", report, "en")
    assert en.message.endswith("is “—”, not a number: compared with the sum of the others, at least 3.")


def test_a_single_marked_cell_still_cannot_be_told():
    report = build_case_report({"cells": {"三.new.*": "—", "三.carried_over.*": "—"},
                                "sections": {"requests": "本年度共收到政府信息公开申请2件。"}})
    assert run("N101", report) == []


def test_wu_in_a_cell_is_read_as_a_zero_by_the_identities():
    report = build_case_report({"cells": {"四.review.upheld": 2, "四.review.corrected": "无", "四.review.pending": 1,
                                          "四.review.total": 2}})
    [d] = [d for d in gklint.check(report).diagnostics if d.rule == "T401"]
    assert (d.severity, d.expected, d.found) == ("error", 3, 2)
    assert d.values["left"] == "结果维持(2)+结果纠正(无)+其他结果(0)+尚未审结(1)"


def test_wu_for_every_result_beside_a_total_of_one_gives_the_t302_warning():
    # one request, its 总计 row 1, every result row 无: the results add up to 0
    report = build_case_report({"cells": {"三.*.*": "无", "三.new.natural": 1, "三.new.total": 1,
                                          "三.total.natural": 1, "三.total.total": 1}})
    found = [(d.rule, d.severity, d.location.column) for d in gklint.check(report).diagnostics
             if d.severity in ("error", "warning")]
    assert sorted(found) == [("T302", "warning", "总计"), ("T302", "warning", "自然人")]


@pytest.mark.parametrize("text, value, unit", [
    ("收到政府信息公开申请一件。", 1, "件"),
    ("收到政府信息公开申请两件，已全部办结。", 2, "件"),
    ("全年受理依申请公开一条；", 1, "条"),
    ("共收到申请两件次。", 2, "件次"),
    ("受理依申请公开事项一项", 1, "项"),
])
def test_one_and_two_before_a_unit_ending_a_clause_are_counts(text, value, unit):
    assert [(q.value, q.unit) for q in quantities(text)] == [(value, unit)]


@pytest.mark.parametrize("text", [
    "一是加强领导。",
    "办理了一件事情。",
    "一并答复申请人。",
    "统一公开。",
    "解决了两件实事。",
    "完成一项工作任务。",
    "收到一件申请。",  # the unit does not end its clause: 一件 reads as an article here
    "制发一个文件。",
])
def test_one_and_two_elsewhere_are_words(text):
    assert [q.raw for q in quantities(text) if q.unit] == []


def test_a_count_in_words_is_compared():
    report = build_case_report({"cells": {"三.new.natural": 1, "三.new.total": 1, "三.granted.natural": 1,
                                          "三.granted.total": 1, "三.total.natural": 1, "三.total.total": 1},
                                "sections": {"requests": "本年度共收到政府信息公开申请两件。"}})
    [d] = run("N101", report)
    assert (d.found, d.expected) == (2, 1)
