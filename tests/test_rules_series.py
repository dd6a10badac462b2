"""Rules across one agency's reports of consecutive years, when a batch holds both."""

import copy

import gklint
from gklint.core.model import Cell

from conftest import FIXTURES


def _pair():
    last = gklint.extract(FIXTURES / "huangyuan-2021.txt")
    this = copy.deepcopy(last)
    this.meta.year = 2022
    this.path = "2022.txt"
    return last, this


def _run(*reports, rule="Y101"):
    return gklint.check_many(list(reports), select=[rule])


def test_y101_fires_on_a_carried_over_mismatch_and_only_on_the_later_report():
    last, this = _pair()
    last.tables["三"].cells[("carried_forward", "natural")] = Cell.number(3)
    last.tables["三"].cells[("carried_forward", "total")] = Cell.number(3)
    result = _run(last, this)
    assert result.files[0].diagnostics == []
    found = {(d.location.row, d.location.column, d.expected, d.found) for d in result.files[1].diagnostics}
    assert found == {("二、上年结转政府信息公开申请数量", "自然人", 3, 0), ("二、上年结转政府信息公开申请数量", "总计", 3, 0)}
    d = result.files[1].diagnostics[0]
    assert "2021年报告" in d.message and d.severity == "warning"


def test_y101_silent_when_the_years_agree_or_are_not_consecutive_or_agencies_differ():
    last, this = _pair()
    last.tables["三"].cells[("carried_forward", "total")] = Cell.number(2)
    this.tables["三"].cells[("carried_over", "total")] = Cell.number(2)
    assert all(not f.diagnostics for f in _run(last, this).files)
    this.tables["三"].cells[("carried_over", "total")] = Cell.number(0)
    this.meta.year = 2023
    assert all(not f.diagnostics for f in _run(last, this).files)
    this.meta.year = 2022
    this.meta.agency = "另一个局"
    assert all(not f.diagnostics for f in _run(last, this).files)
    assert gklint.check(this, select=["Y"]).diagnostics == []  # one report alone: nothing to compare


def test_y102_in_force_documents():
    last, this = _pair()
    this.tables["二"].cells[("normative_documents", "issued")] = Cell.number(2)
    [d] = _run(last, this, rule="Y102").files[1].diagnostics
    # read with certainty and not reconciled: a warning (issue 8, cause 10)
    assert (d.rule, d.severity, d.expected, d.found) == ("Y102", "warning", 10, 8)  # 8 + 2 − 0 ≠ 8
    this.tables["二"].cells[("normative_documents", "in_force")] = Cell.number(10)
    assert _run(last, this, rule="Y102").files[1].diagnostics == []


def test_y102_is_only_an_info_when_a_figure_was_split_from_run_together_digits():
    last, this = _pair()
    this.tables["二"].cells[("normative_documents", "issued")] = Cell.number(2)
    this.tables["二"].cells[("normative_documents", "in_force")] = Cell("number", 8, "8", doubt="“1082”拆分为10、8、2")
    [d] = _run(last, this, rule="Y102").files[1].diagnostics
    assert d.severity == "info" and "粘连" in d.message
    this.tables["二"].cells[("normative_documents", "in_force")] = Cell.number(8)  # read apart: certain
    this.tables["三"].cells[("new", "natural")] = Cell("number", 0, "0", doubt="another table's doubt")
    [d] = _run(last, this, rule="Y102").files[1].diagnostics
    assert d.severity == "warning"
