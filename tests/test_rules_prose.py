"""Prose rules (P1xx): repeated words, half-width punctuation; and the sentence quote they rely on."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_helpers import official, report, run
from strategies import reports

from gklint.engine.kinds.prose import RepeatPolicy, find_repeats
from gklint.engine.rules import find
from gklint.textutil import quote

POLICY = RepeatPolicy.from_params(find("P101").params)


def repeats(text: str) -> list[str]:
    return [word for word, _, _ in find_repeats(text, POLICY)]


# --------------------------------------------------------------------------- P101 repeated words


def test_repeated_word_in_huangyuan_is_info():
    sections = official(overview="6.政府信息公开的收费及减免情况2021年政府政府信息公开均为免费提供,未收取费用。")
    [d] = run("P101", report(sections))
    assert d.severity == "info"
    assert d.found == "政府政府" and "“政府政府”" in d.message
    assert d.location.section == "一、总体情况"
    assert d.location.quote == "6.政府信息公开的收费及减免情况2021年政府政府信息公开均为免费提供,未收取费用。"


@pytest.mark.parametrize("text, word", [
    ("二是规范审核审核发布机制。", "审核"),
    ("依法公开公开目录中的信息。", "公开"),
    ("进一步进一步加强政务公开。", "进一步"),
    ("加强政府信息公开的的规范化建设。", "的"),
    ("政务公开政务公开工作要点已印发。", "政务公开"),
])
def test_repeats_that_are_typos(text, word):
    assert repeats(text) == [word]


@pytest.mark.parametrize("text", [
    "常常深入基层，人人参与，年年开展，天天更新，个个落实，事事有回应，处处有服务。",
    "时时关注，刚刚完成，渐渐形成，多多指导，谢谢支持，看看效果，大家研究研究。",
    "逐项核对，做到一一对应。",
    "确保政务公开工作有力有序有效推进落实。",
    "以习近平新时代中国特色社会主义思想为指导，组织学习习近平总书记重要讲话。",
    "把政务公开工作作为执政为民的重要举措，公开开展专项检查。",
    "为了了解群众需求，实实在在解决问题，的的确确取得实效，不了了之的问题坚决杜绝。",
    "一步一步推进，一个一个落实，层层压实责任，紧紧围绕中心工作。",
    "关键是是否依法公开，存在在线服务不足的问题，以及及时回应关切。",
])
def test_legitimate_reduplications_and_word_boundaries(text):
    assert repeats(text) == []


def test_table_lines_and_silent_sections():
    sections = official(proactive="其他\n其他\n总计\n总计\n0\n0", overview="本机关认真贯彻落实条例。")
    assert run("P101", report(sections)) == []


def test_same_repeat_twice_in_a_section_is_one_finding_with_count():
    sections = official(overview="政府政府信息公开工作。\n推进政府政府网站建设。")
    [d] = run("P101", report(sections))
    assert d.found == "政府政府" and "共2处" in d.message


# --------------------------------------------------------------------------- P102 half-width punctuation


def test_half_width_commas_give_one_finding_per_section():
    text = ("2021年,湟源县始终坚持把政务公开工作作为执政为民的重要举措,全面落实《条例》,扎实推进政务公开工作。"
            "将报送的所有政务信息(含网站信息)都先经本部门负责人审核;还存在一些不足之处:一是谋划不够。")
    found = run("P102", report(official(overview=text, problems="虽然开展了一些工作,但还存在不足。")))
    assert [d.location.section for d in found] == ["一、总体情况", "五、存在的主要问题及改进情况"]
    first = found[0]
    assert first.severity == "info"
    assert first.found == 7  # three commas (one after 》), ( ) ; :
    assert "“,”3处" in first.message
    assert first.location.quote.startswith("2021年,湟源县")


def test_full_width_and_technical_punctuation_is_silent():
    text = ("2021年，本机关扎实推进政务公开（含网站信息）；电话:0971-8888888，网址(www.example.gov.cn)，"
            "收费1,234元，依据某政办函(2021)24号。")
    assert run("P102", report(official(overview=text))) == []


def test_page_chrome_before_the_first_section_is_not_checked():
    rep = report(preamble="某局2021年政府信息公开工作年度报告\n来源:某局 发布者:管理员")
    assert run("P102", rep) == []


# --------------------------------------------------------------------------- quotes


def test_quote_is_the_sentence_around_the_match():
    text = "第一句话。2021年政府政府信息公开均为免费提供，未收取费用。第三句话。"
    at = text.index("政府政府")
    assert quote(text, at, at + 4) == "2021年政府政府信息公开均为免费提供，未收取费用。"


def test_long_sentence_is_cut_around_the_match():
    text = "甲" * 100 + "政府政府" + "乙" * 100 + "。"
    at = text.index("政府政府")
    q = quote(text, at, at + 4, limit=30)
    assert "政府政府" in q and q.startswith("…") and q.endswith("…") and len(q) <= 32


# --------------------------------------------------------------------------- real reports, end to end

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"


def _prose_findings(name: str):
    import gklint

    return [d for d in gklint.check(str(FIXTURES / name)).diagnostics if d.rule.startswith("P")]


def test_huangyuan_repeated_word_and_half_width_commas():
    found = _prose_findings("huangyuan-2021.txt")
    [repeat] = [d for d in found if d.rule == "P101"]
    assert repeat.found == "政府政府" and repeat.severity == "info"
    assert "2021年政府政府信息公开均为免费提供" in repeat.location.quote
    punctuation = [d for d in found if d.rule == "P102"]
    sections = [d.location.section for d in punctuation]
    assert len(sections) == len(set(sections)) >= 1  # at most one per section, although there are dozens
    assert all(d.found > 10 for d in punctuation)


def test_pingtan_repeated_word():
    found = _prose_findings("pingtan-2021.html")
    assert [d.found for d in found if d.rule == "P101"] == ["审核审核"]


def test_government_name_before_government_information_is_not_a_repeat():
    assert repeats("湟源县人民政府政府信息公开指南已更新，市政府政府信息公开工作领导小组召开会议。") == []
    assert repeats("2021年政府政府信息公开均为免费提供。") == ["政府"]


def test_findings_name_the_line_when_recognition_gives_line_sources():
    from gklint.core.source import Source

    sections = official(overview="第一段没有问题。\n2021年政府政府信息公开均为免费提供。")
    overview = sections[0]
    overview.source = Source(line=3)
    overview.sources = [Source(line=5), Source(line=7)]  # one per line of the section's text
    [d] = run("P101", report(sections))
    assert d.location.source == Source(line=7)
    del overview.sources
    [d] = run("P101", report(sections))
    assert d.location.source is None  # the heading's line would be wrong for a finding further down


def test_breadcrumbs_before_the_first_section_are_not_prose():
    chrome = "首页政务公开政府信息公开政府信息公开年报\n本报告根据条例要求编制，本报告报告全年工作。"
    [d] = run("P101", report(preamble=chrome))
    assert d.found == "报告报告" and d.location.section == "标题与导语"


def test_p103_template_placeholder_fires_and_stays_silent():
    import gklint
    from gklint.core.model import Report, Section

    def run(text):
        report = Report(layout="2021", sections=[Section(heading="六、其他需要报告的事项", text=text, number="六",
                                                          id="other")])
        return [d for d in gklint.check(report, select=["P103"]).diagnostics]

    [d] = run("（文字描述，收取信息处理费情况在此处报告。）")
    assert d.severity == "warning" and "文字描述" in d.message and d.location.section == "六、其他需要报告的事项"
    assert len(run("本机关××局2021年收到申请。")) == 1
    assert run("本年度未收取信息处理费。本机关按照《××条例》有关描述开展工作。XXL码数与此无关。") == []


def test_p104_a_count_that_carries_an_extra_wan():
    # shs-2025 (tests/corpus): "累计阅读量3241654万次"
    from report_helpers import official, report, run  # noqa: PLC0415

    [d] = run("P104", report(official(overview="发布文章1061篇，累计阅读量3241654万次。")))
    assert d.severity == "info" and "3241654万次" in d.message
    assert run("P104", report(official(overview="累计阅读量324万次，访问人数12.5万人次，共计1000000次。"))) == []


# --------------------------------------------------------------------------- the preamble's prose

_CHROME = st.sampled_from(["来源:某市人民政府办公室", "发布时间:2023-01-29 10:30", "浏览次数:XX次", "索引号:XX局-2023-001",
                           "发布机构:××局", "字号:大 中 小", "访问量:1234567万次"])


@settings(max_examples=30, deadline=None)
@given(reports(), st.lists(_CHROME, min_size=1, max_size=4), st.booleans())
def test_page_chrome_before_the_preamble_adds_no_prose_finding(rep, chrome, one_line):
    # the chrome's lines (no 。，；), or on a page saved as one line the chrome run into the first sentence
    # before its opener: never the report's prose
    import gklint

    rules = ["P101", "P102", "P103", "P104"]
    before = [d.message for d in gklint.check(rep, select=rules).diagnostics]
    intro = "本报告根据《中华人民共和国政府信息公开条例》要求编制，全文包括总体情况等六个部分。"
    sep = "" if one_line else "\n"
    rep.preamble = sep.join([rep.preamble, *chrome, intro])
    assert [d.message for d in gklint.check(rep, select=rules).diagnostics] == before
