"""A table that writes its zeros as blanks, "/", "无" or a dash (scout11: a page with 194 C202 notes, one per
"无") is said once per table — the count, the first cells as examples, and every cell in ``related`` for the
outputs to locate — while a few marks among written zeros are each a finding of their own."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import gklint
from gklint import layouts
from gklint.core.model import Cell
from gklint.output import places
from gklint.testing import build_case_report, data_cells
from strategies import reports

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARKS = st.sampled_from([("C202", "/"), ("C202", "无"), ("C202", "—"), ("C201", "")])


def _marked(report, cells, mark):
    out = copy.deepcopy(report)
    for t, row, col in cells:
        out.tables[t].cells[(row, col)] = Cell("blank", None, "") if mark == "" else Cell("na", None, mark)
    return out


@SETTINGS
@given(reports(), MARKS, st.sampled_from(["三", "四"]))
def test_a_table_writing_every_zero_so_is_one_finding_naming_each_cell(report, mark, table):
    rule, written = mark
    layout = layouts.get(report.layout)
    cells = [(t, row.id, col.id) for t, row, col in data_cells(layout, (table,)) if report.value(t, row.id, col.id) == 0]
    assume(3 < len(cells) < len(data_cells(layout, (table,))))  # a habit, in a table holding some number
    found = [d for d in gklint.check(_marked(report, cells, written)).diagnostics if d.rule == rule]
    [habit] = [d for d in found if d.location.table == table]
    labels = {(t, layout.table(t).row(r).label, layout.table(t).row(r).column(c).label) for t, r, c in cells}
    assert {(loc.table, loc.row, loc.column) for loc in habit.related} == labels
    assert f"有{len(cells)}个单元格" in habit.message and "（填0的有0个）" in habit.message


def test_a_few_marks_among_written_zeros_are_each_a_finding():
    report = build_case_report({"cells": {"三.new.business": "/", "三.new.research": "无", "三.granted.other_orgs": "/"}})
    found = [d for d in gklint.check(report).diagnostics if d.rule == "C202"]
    assert sorted((d.location.row, d.location.column) for d in found) == [
        ("一、本年新收政府信息公开申请数量", "商业企业"), ("一、本年新收政府信息公开申请数量", "科研机构"), ("（一）予以公开", "其他")]


def test_the_cells_are_named_on_one_line_the_first_few_and_how_many_more():
    report = build_case_report({"cells": {"四.*.*": "/", "四.review.upheld": 1, "四.review.total": 1}})
    [habit] = [d for d in gklint.check(report).diagnostics if d.rule == "C202"]
    line = places.describe(habit)
    assert line.count("表四 · ") == places.CELLS_SHOWN and line.endswith("另8格")
    assert "单元格：" in line and "对照" not in line
