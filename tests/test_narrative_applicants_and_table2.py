"""A request count said of natural persons (N101) and statements of none about table 二 (N301).

"新收到自然人提交的申请4件" is the 自然人 column of table 三, never its 总计; "未制定规范性文件",
"未作出行政处罚决定", "无行政事业性收费" are compared with the table 二 cell they deny, in the layout that has it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrative_helpers import report, run

NATURAL = "本年度新收到自然人提交的政府信息公开申请{}件。"


def applicants(natural: int, business: int, carried: int) -> dict[str, int]:
    """Table 三 of a report whose requests (new and carried over) were all granted this year."""
    handled = natural + carried
    return {"三.new.natural": natural, "三.new.business": business, "三.new.total": natural + business,
            "三.carried_over.natural": carried, "三.carried_over.total": carried,
            "三.granted.natural": handled, "三.granted.business": business, "三.granted.total": handled + business,
            "三.total.natural": handled, "三.total.business": business, "三.total.total": handled + business}


@settings(max_examples=60, deadline=None)
@given(natural=st.integers(0, 200), business=st.integers(0, 50), carried=st.integers(0, 5),
       stated=st.integers(0, 260))
def test_natural_persons_are_the_natural_column(natural, business, carried, stated):
    cells = applicants(natural, business, carried)
    found = run("N101", report(NATURAL.format(stated), cells))
    if stated in (natural, natural + carried):
        assert found == []
        return
    [d] = found
    assert (d.found, d.expected) == (stated, natural)
    assert d.location.column == "自然人" and d.location.row == "一、本年新收政府信息公开申请数量"


def test_the_stated_count_is_not_read_as_the_total():
    cells = applicants(3, 1, 0)  # 总计 4: what the text says, but of every applicant
    [d] = run("N101", report(NATURAL.format(4), cells))
    assert d.message == "文中称自然人提出的申请4件，而表三「一、本年新收政府信息公开申请数量」「自然人」为3。"


def test_a_blank_natural_column_says_nothing_sure():
    cells = applicants(3, 1, 0)
    assert run("N101", report(NATURAL.format(5), cells, blank=("三.new.natural", "三.total.natural"))) == []


# (sentence, the cell it denies in the 2021 layout, in the 2019 layout or None when that layout lacks it)
DENIALS = [
    ("本年度未制定规范性文件。", "二.normative_documents.issued", "二.normative_documents.made"),
    ("本年度未制发规章。", "二.regulations.issued", "二.regulations.made"),
    ("本年度未作出行政处罚决定。", "二.penalties.decisions", "二.penalties.decisions"),
    ("本年度未作出行政许可决定。", "二.licensing.decisions", "二.licensing.decisions"),
    ("本年度未采取行政强制措施。", "二.enforcement.decisions", "二.enforcement.decisions"),
    ("本年度无行政事业性收费。", "二.fees.fees_amount", None),
]


@pytest.mark.parametrize("layout", ["2021", "2019"])
@pytest.mark.parametrize("text,cell_2021,cell_2019", DENIALS)
@settings(max_examples=10, deadline=None)
@given(value=st.integers(1, 500))
def test_a_denial_is_compared_with_its_table_2_cell(layout, text, cell_2021, cell_2019, value):
    cell = cell_2021 if layout == "2021" else cell_2019
    year = 2021 if layout == "2021" else 2020
    if cell is None:  # the layout has no such cell: nothing to compare
        assert run("N301", report(text, {}, layout=layout, year=year)) == []
        return
    assert run("N301", report(text, {cell: 0}, layout=layout, year=year)) == []
    [d] = run("N301", report(text, {cell: value}, layout=layout, year=year))
    assert (d.location.table, d.expected, d.found) == ("二", value, 0)


@pytest.mark.parametrize("text,cell", [
    ("本年度未收取信息处理费。", "二.fees.fees_amount"),  # not an administrative fee
    ("本年度未发生因政府信息公开工作被行政处罚的情况。", "二.penalties.decisions"),  # penalised, not penalising
    ("本年度所属单位未制定规范性文件。", "二.normative_documents.issued"),  # another body
    ("我局无制定规范性文件的职权。", "二.normative_documents.issued"),  # no power: not a count
    ("对首次轻微违法行为未作出行政处罚。", "二.penalties.decisions"),  # some cases only
    ("项目未办理行政许可手续的，依法查处。", "二.licensing.decisions"),  # another's permit
    ("依申请公开工作不收取行政事业性收费。", "二.fees.fees_amount"),  # fees of the requests only
    ("本年度未制定相关规章制度。", "二.regulations.issued"),  # internal rules, not 规章
    ("2020年未制定规范性文件。", "二.normative_documents.issued"),  # another year
    ("下一步将研究制定规范性文件，目前未制定规范性文件清理办法。", "二.normative_documents.issued"),
])
def test_what_is_not_a_denial_of_a_table_2_figure(text, cell):
    assert run("N301", report(text, {cell: 2})) == []
