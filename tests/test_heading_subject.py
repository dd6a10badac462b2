"""S104 on a heading that keeps its section's number and subject in other words (scout10: "五、主要问题及改进措施",
"五、政府信息公开工作中存在的问题及改进措施", "一、政府信息公开总体情况"): info, not a warning. The section's key
terms (``subject_terms`` in rules/structure.yaml) must all be in the title and the number must be the section's own;
a heading with the right number and another subject stays a warning."""

from __future__ import annotations

import pytest
from report_helpers import official, report, run

from gklint.core.model import Section


def _with(index: int, heading: str, number: str | None = None):
    sections = official()
    old = sections[index]
    sections[index] = Section(heading=heading, text=old.text, number=number or heading[0], id=old.id)
    return report(sections)


@pytest.mark.parametrize(("index", "heading"), [
    (4, "五、主要问题及改进措施"), (4, "五、政府信息公开工作中存在的问题及改进措施"), (0, "一、政府信息公开总体情况"),
    (4, "五、存在的不足和改进方向"), (3, "四、因政府信息公开引起的行政复议、行政诉讼情况")])
def test_same_number_and_subject_is_info(index, heading):
    found = run("S104", _with(index, heading))
    assert [(d.severity, d.location.quote or d.values["heading"]) for d in found] == [("info", heading)]


@pytest.mark.parametrize(("index", "heading", "number"), [
    (4, "五、下一步工作打算", None), (4, "五、工作计划", None), (0, "一、基本情况", None),
    (4, "四、主要问题及改进措施", "四")])  # another subject, or the subject under another number
def test_other_subject_or_number_stays_a_warning(index, heading, number):
    found = run("S104", _with(index, heading, number))
    assert [d.severity for d in found] == ["warning"]


def test_official_heading_is_silent():
    assert run("S104", report()) == []


def test_official_title_with_a_typo_stays_a_warning():
    """"行政法复议" holds 复议 and 诉讼, but it is the official title mistyped, not another wording."""
    found = run("S104", _with(3, "四、政府信息公开行政法复议、行政诉讼情况"))
    assert [d.severity for d in found] == ["warning"]
