"""Parts numbered 1.–6. instead of 一、…六、 (scout10: a town's 2020 report headed "1. 总体情况" … "6. 其他需要报告的事项").

Before, no section was recognised, so S101 stayed silent and nothing in the narrative was checked. Such parts are
now recognised as the six sections as a last try (each title stating its section's label under its own number),
and S103 says the numbering once. Sub-items numbered 1. 2. 3. inside a section never become sections.
"""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gklint
from gklint.read.text import read_text
from gklint.recognise.recognise import recognise
from render import render_text
from strategies import reports

SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DIGITS = "123456"


def _arabic(report_, mark: str):
    """The report with its six parts numbered 1.–6. (the title after the numbering kept)."""
    out = copy.deepcopy(report_)
    for k, s in enumerate(out.sections):
        s.heading = f"{DIGITS[k]}{mark}{s.heading.split('、', 1)[1]}"
    return out


def _read(text: str):
    return recognise(read_text("page.txt", text))


@SETTINGS
@given(reports(), st.sampled_from([".", "、", "．", ". "]))
def test_parts_numbered_in_digits_are_the_six_sections_said_once(report_, mark):
    back = _read(render_text(_arabic(report_, mark)))
    assert [s.id for s in back.sections] == [s.id for s in report_.sections]
    assert [s.number for s in back.sections] == list(DIGITS)
    found = gklint.check(back).diagnostics
    numbering = [d for d in found if d.rule == "S103"]
    assert len(numbering) == 1 and numbering[0].severity == "warning"
    assert "1." in numbering[0].message and "一、" in numbering[0].message
    assert not [d for d in found if d.rule in ("S101", "S102", "S104")]
    assert not [d for d in found if d.severity == "error"]


HEAD = "青山县某镇人民政府2020年政府信息公开工作年度报告\n"
PARTS = ["{n}总体情况", "{n}主动公开政府信息情况", "{n}收到和处理政府信息公开申请情况",
         "{n}政府信息公开行政复议、行政诉讼情况", "{n}存在的主要问题及改进情况", "{n}其他需要报告的事项"]


def _report(numbers, bodies) -> str:
    lines = [HEAD]
    for n, part, body in zip(numbers, PARTS, bodies):
        lines.append(part.format(n=n))
        lines.extend(body)
    return "\n".join(lines) + "\n"


def test_the_narrative_of_a_digit_numbered_report_is_checked():
    """What the finding was missing for: the text under "4. 政府信息公开行政复议、行政诉讼情况" is read."""
    bodies = [["本年度，本镇扎实推进政务公开工作。"], ["本年度主动公开政府信息见下表。"], ["本年度未收到政府信息公开申请。"],
              ["本年度未发生政府信息公开行政复议、行政诉讼。"], ["政策解读形式较为单一。"], ["本年度未收取信息处理费。"]]
    rep = _read(_report([f"{d}. " for d in DIGITS], bodies))
    assert [s.id for s in rep.sections] == ["overview", "proactive", "requests", "appeals", "problems", "other"]
    assert rep.sections[3].text == "本年度未发生政府信息公开行政复议、行政诉讼。"


def test_numbered_sub_items_inside_a_section_are_not_sections():
    """Section 二 lists 1.–4. sub-items, one of which states a section's label: the official parts stay the parts."""
    bodies = [["本年度，本镇扎实推进政务公开工作。"],
              ["1.总体情况", "全年主动公开政府信息50条。", "2.主动公开政府信息情况", "通过政府网站公开信息。",
               "3.收到和处理政府信息公开申请情况", "未收到申请。", "4.平台建设", "网站运行平稳。"],
              ["本年度未收到政府信息公开申请。"], ["无。"], ["政策解读形式较为单一。"], ["本年度未收取信息处理费。"]]
    rep = _read(_report("一、 二、 三、 四、 五、 六、".split(), bodies))
    assert [(s.number, s.id) for s in rep.sections] == [
        ("一", "overview"), ("二", "proactive"), ("三", "requests"), ("四", "appeals"), ("五", "problems"), ("六", "other")]
    assert "3.收到和处理政府信息公开申请情况" in rep.sections[1].text
    assert not [d for d in gklint.check(rep).diagnostics if d.rule in ("S101", "S102", "S103", "S104")]


def test_overview_with_bracketed_sub_items_and_digit_lists_is_unchanged():
    """一、总体情况 holds （一）…（六） with 1. 2. 3. under them: nothing there is a part."""
    overview = ["（一）主动公开", "1.总体情况", "全年主动公开信息50条。", "（二）依申请公开", "2.主动公开政府信息情况", "无。",
                "（三）政府信息管理", "3.收到和处理政府信息公开申请情况", "（四）平台建设", "（五）监督保障", "（六）其他"]
    bodies = [overview, ["见下表。"], ["见下表。"], ["无。"], ["政策解读形式较为单一。"], ["本年度未收取信息处理费。"]]
    rep = _read(_report("一、 二、 三、 四、 五、 六、".split(), bodies))
    assert [s.number for s in rep.sections] == list("一二三四五六")
    assert not [d for d in gklint.check(rep).diagnostics if d.rule in ("S101", "S102", "S103", "S104")]


def test_digit_items_that_name_no_section_are_not_parts():
    """A report whose parts are not found, with lists 1. 2. 3. of its own work: still no section, no finding."""
    text = HEAD + "\n".join(["1.强化组织领导", "成立工作领导小组。", "2.主动公开政府信息", "全年公开信息50条。",
                             "3.加强平台建设", "网站运行平稳。", "4.存在问题", "解读形式单一。"]) + "\n"
    rep = _read(text)
    assert not [s for s in rep.sections if s.id]
