"""The narrative rules on a real report: tests/fixtures/huangyuan-2021.txt.

Its 总体情况 says "规范性文件10篇" while table 二 gives 3 行政规范性文件 issued this year, and
"行政处罚类130条" while table 二 gives 0 行政处罚 decisions; its two lists (2715 and 126) add up.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.core.model import Section
from narrative_helpers import report, run_all

FIXTURE = Path(__file__).parent / "fixtures" / "huangyuan-2021.txt"
# table 二 of the fixture, as printed there (every other cell of tables 二, 三 and 四 is 0)
TABLE_TWO = {"二.normative_documents.issued": 3, "二.normative_documents.repealed": 0,
             "二.normative_documents.in_force": 8}


def overview() -> str:
    text = FIXTURE.read_text("utf-8")
    start = text.index("一、总体情况") + len("一、总体情况")
    return text[start:text.index("二、主动公开政府信息情况")]


def check_findings(diagnostics):
    by_rule = {}
    for d in diagnostics:
        by_rule.setdefault(d.rule, []).append(d)
    assert set(by_rule) == {"N104", "N105"}, [d.message for d in diagnostics]
    [documents] = by_rule["N104"]
    assert (documents.location.table, documents.location.row, documents.location.column) == \
        ("二", "行政规范性文件", "本年制发件数")
    assert (documents.expected, documents.found) == (3, 10)
    assert "规范性文件10篇" in documents.location.quote
    [penalties] = by_rule["N105"]
    assert (penalties.location.row, penalties.location.column) == ("行政处罚", "本年处理决定数量")
    assert (penalties.expected, penalties.found) == (0, 130)
    assert "行政处罚类130条" in penalties.location.quote
    for d in diagnostics:
        assert d.location.section == "一、总体情况"


def test_overview_read_by_hand():
    rep = report(overview(), TABLE_TWO)
    rep.sections = [Section(heading="一、总体情况", text=overview(), number="一", id="overview")]
    check_findings(run_all(rep))


def test_end_to_end():
    api = pytest.importorskip("gklint.api")
    result = api.check(str(FIXTURE))
    check_findings([d for d in result.diagnostics if d.rule.startswith("N")])  # no N201: both lists add up


def test_findings_point_at_the_line_of_the_file():
    api = pytest.importorskip("gklint.api")
    lines = FIXTURE.read_text("utf-8").splitlines()
    found = [d for d in api.check(str(FIXTURE)).diagnostics if d.rule.startswith("N")]
    assert found and all(d.location.source is not None for d in found)
    for d in found:
        assert d.location.quote.split(",")[0] in lines[d.location.source.line - 1]
