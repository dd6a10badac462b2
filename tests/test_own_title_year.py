"""D106: the report calls itself another year's report (scout10: a 2021 report whose opening says it "编制了《某镇
2020年政府信息公开工作年度报告》"; a 2024 report "现向社会公布…2023年政府信息公开工作年度报告"). Only the report's
own title in its opening counts: last year's report quoted for a comparison, or the year's work of publishing
last year's reports, is not this defect."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gklint
from gklint.read.text import read_text
from gklint.recognise.recognise import recognise

PARTS = ("一、总体情况\n本镇持续推进政务公开工作。\n二、主动公开政府信息情况\n本镇及时主动公开政府信息。\n"
         "三、收到和处理政府信息公开申请情况\n本镇依法办理政府信息公开申请。\n四、政府信息公开行政复议、行政诉讼情况\n"
         "本镇未发生行政复议、行政诉讼。\n五、存在的主要问题及改进情况\n政策解读形式较为单调。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n")


def _d106(year: int, opening: str, overview: str = ""):
    text = f"青山镇人民政府{year}年政府信息公开工作年度报告\n{opening}\n" + PARTS.replace(
        "本镇持续推进政务公开工作。", "本镇持续推进政务公开工作。" + overview)
    return [d for d in gklint.check(recognise(read_text("page.txt", text))).diagnostics if d.rule == "D106"]


@pytest.mark.parametrize("opening", [
    "根据《中华人民共和国政府信息公开条例》规定，我镇认真编制了《青山镇{y}年政府信息公开工作年度报告》。",
    "现向社会公布青山镇人民政府{y}年政府信息公开工作年度报告。本报告由六部分组成。",
    "根据条例要求，青山镇政府编制{y}年度政府信息公开年度报告。"])
def test_opening_naming_another_year_is_d106(opening):
    found = _d106(2021, opening.format(y=2020))
    assert [(d.severity, d.expected, d.found) for d in found] == [("warning", 2021, 2020)]
    assert "2020" in found[0].location.quote and "2021年度" in found[0].message


@pytest.mark.parametrize("opening", [
    "根据条例规定，我镇认真编制了《青山镇{y}年政府信息公开工作年度报告》。",
    "现向社会公布青山镇人民政府{y}年政府信息公开工作年度报告。"])
def test_opening_naming_its_own_year_is_silent(opening):
    assert _d106(2021, opening.format(y=2021)) == []


@pytest.mark.parametrize(("opening", "overview"), [
    ("本报告与《青山镇2020年政府信息公开工作年度报告》相比，新增了政策解读内容。", ""),
    ("按照《关于做好2020年度政府信息公开工作年度报告编制工作的通知》要求编制本报告。", ""),
    ("本报告根据条例编制。", "本年度按时编制并公布了2020年政府信息公开工作年度报告。"),
    ("本报告根据条例编制。指导各部门编制发布2020年度政府信息公开工作年度报告。", "")])
def test_last_year_report_quoted_or_published_is_not_d106(opening, overview):
    assert _d106(2021, opening, overview) == []


@settings(max_examples=20, deadline=None)
@given(st.integers(2019, 2030), st.integers(2008, 2030))
def test_fires_exactly_when_the_years_differ(year, said):
    opening = f"我镇认真编制了《青山镇{said}年政府信息公开工作年度报告》。"
    assert len(_d106(year, opening)) == (said != year)
