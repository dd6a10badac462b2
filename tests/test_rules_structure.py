"""Structure rules (S1xx): the six sections, order, numbering, the introduction's promise,
enumerations, the length of 总体情况."""

from __future__ import annotations

from report_helpers import official, report, run, section

from gklint.engine.kinds.enumerations import enumeration_problems, find_markers
from gklint.engine.rules import find

# --------------------------------------------------------------------------- S101 missing section


def test_missing_sixth_section_is_an_error():
    rep = report(official()[:5])
    [d] = run("S101", rep)
    assert d.severity == "error"
    assert d.expected == "六、其他需要报告的事项"
    assert "六、其他需要报告的事项" in d.message
    assert d.location.quote == "五、存在的主要问题及改进情况"


def test_missing_middle_section_names_its_neighbour():
    sections = [s for s in official() if s.id != "appeals"]
    [d] = run("S101", report(sections))
    assert d.expected == "四、政府信息公开行政复议、行政诉讼情况"
    assert d.location.section == "三、收到和处理政府信息公开申请情况"


def test_all_six_sections_with_aliases_are_complete():
    sections = official()
    sections[4] = section("五、政府信息公开工作存在的主要问题及改进情况", "存在问题。")
    sections[3] = section("四、政府信息公开行政复议和行政诉讼情况", "无。")
    assert sections[4].id == "problems" and sections[3].id == "appeals"
    assert run("S101", report(sections)) == []


def test_heading_inline_in_text_is_not_missing():
    sections = official()[:5]
    sections[4] = section("五、存在的主要问题及改进情况",
                          "下一步将丰富解读形式。\n六、其他需要报告的事项 本年度未收取信息处理费。")
    assert run("S101", report(sections)) == []


def test_too_little_recognised_says_nothing():
    assert run("S101", report([section("一、总体情况", "本年度工作情况。")])) == []


def test_differently_worded_heading_is_not_missing_but_s104():
    sections = official()[:5] + [section("六、其他事项", "本年度未收取信息处理费。")]
    assert sections[5].id is None
    rep = report(sections)
    assert run("S101", rep) == []
    [d] = run("S104", rep)
    assert d.severity == "warning"
    assert d.found == "六、其他事项" and d.expected == "六、其他需要报告的事项"


def test_s104_silent_on_official_headings():
    assert run("S104", report()) == []


# --------------------------------------------------------------------------- S102 order, S103 numbering


def test_sections_out_of_order():
    s = official()
    rep = report([s[0], s[1], s[2], s[4], s[3], s[5]])
    [d] = run("S102", rep)
    assert d.severity == "warning"
    assert d.location.section == "四、政府信息公开行政复议、行政诉讼情况"
    assert "五、存在的主要问题及改进情况" in d.message


def test_sections_in_order_are_silent():
    assert run("S102", report()) == []


def test_numbering_shifted_after_a_missing_section():
    s = official()
    shifted = [s[0], s[1], s[2], section("四、存在的主要问题及改进情况", "问题。"),
               section("五、其他需要报告的事项", "无。")]
    rep = report(shifted)
    found = run("S103", rep)
    assert [d.found for d in found] == ["四、存在的主要问题及改进情况", "五、其他需要报告的事项"]
    assert found[0].expected == "五、存在的主要问题及改进情况"
    [missing] = run("S101", rep)
    assert missing.expected == "四、政府信息公开行政复议、行政诉讼情况"


def test_official_numbering_is_silent():
    assert run("S103", report()) == []


# --------------------------------------------------------------------------- S105 promised parts

INTRO_SIX = ("根据《中华人民共和国政府信息公开条例》要求，编制本报告。本报告由总体情况、主动公开政府信息情况、"
             "收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、"
             "其他需要报告的事项等六部分组成。")


def test_introduction_promises_six_and_delivers_five():
    rep = report(official()[:5], preamble="某市教育局2021年政府信息公开工作年度报告\n" + INTRO_SIX)
    [d] = run("S105", rep)
    assert (d.expected, d.found) == (6, 5)
    assert "六部分" in d.location.quote


def test_introduction_with_arabic_count_and_all_parts_is_silent():
    intro = ("本报告共分6个部分：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
             "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。")
    assert run("S105", report(preamble=intro)) == []
    assert run("S105", report(preamble=INTRO_SIX)) == []


def test_part_words_that_are_not_a_count_are_silent():
    text = "本报告第六部分说明收费情况。全年部分公开申请3件，大部分申请予以公开。"
    assert run("S105", report(official()[:5], preamble=text)) == []


def test_promise_in_the_overview_opening():
    sections = official()[:5]
    sections[0] = section("一、总体情况", "本年度报告包括总体情况等六个部分。2021年，本机关扎实推进政务公开。")
    [d] = run("S105", report(sections))
    assert d.location.section == "一、总体情况"


def test_a_count_that_names_no_part_is_not_a_promise():
    # the parts a report is "divided into" may be its text and its tables, or a count may be of the work's
    # parts: only a sentence that lists the report's parts by name is read
    for text in ("本年度报告包括六个部分。", "本报告分为文字说明和统计表格两部分。",
                 "本报告期内，我局从三个部分推进政务公开：一是主动公开，二是依申请公开，三是平台建设。"):
        sections = official()[:5]
        sections[0] = section("一、总体情况", text + "2021年，本机关扎实推进政务公开。")
        assert run("S105", report(sections)) == [], text


# --------------------------------------------------------------------------- S106 enumerations


def _enum_report(text: str, sid_heading: str = "五、存在的主要问题及改进情况"):
    sections = official()
    index = next(i for i, s in enumerate(sections) if s.heading == sid_heading)
    sections[index] = section(sid_heading, text)
    return report(sections)


def test_gap_in_yi_shi_list():
    rep = _enum_report("改进措施：一是加强组织领导，明确责任分工。三是规范审核发布机制，严把政治关。")
    [d] = run("S106", rep)
    assert d.severity == "warning"
    assert (d.found, d.expected) == ("三是", "二是")
    assert "跳号" in d.message and "三是规范审核发布机制" in d.location.quote


def test_repeated_marker():
    rep = _enum_report("一是加强学习。二是完善制度。二是强化监督。")
    [d] = run("S106", rep)
    assert "重复" in d.message and d.expected == "三是"


def test_numbered_paragraphs_with_gap():
    rep = _enum_report("1.存在问题。政策解读形式单一。\n2.改进措施。丰富解读形式。\n4.其他。无。")
    [d] = run("S106", rep)
    assert (d.found, d.expected) == ("4.", "3.")


def test_parenthesised_chinese_gap():
    rep = _enum_report("（一）主动公开方面。全年公开信息。（二）依申请公开方面。依法办理。（四）平台建设方面。优化网站。",
                       "一、总体情况")
    [d] = run("S106", rep)
    assert d.found == "（四）" and d.expected == "（三）"


def test_lists_restart_under_each_parent_item():
    text = ("1.存在问题。虽然开展了一些工作，但还存在不足：一是主动公开谋划不够；二是公开形式不够丰富。\n"
            "2.改进措施。一是进一步提升主动公开质量。二是进一步提升公开服务质量。三是提升政策解读水平。")
    assert run("S106", _enum_report(text)) == []


def test_separate_lists_may_restart_without_a_parent():
    text = "存在问题：一是解读形式单一；二是渠道有限。改进措施：一是丰富解读形式；二是拓宽渠道；三是加强培训。"
    assert run("S106", _enum_report(text)) == []


def test_citations_and_words_are_not_markers():
    text = ("按照《条例》第二十条第（一）项、第（五）项规定，主动公开包括（一）（五）（六）（八）共四项。"
            "标准统一是前提，问题之一是解读不足。收费同比增长2.5万元，增长1.5%。")
    assert find_markers(text, find("S106").params["styles"]) == []
    assert run("S106", _enum_report(text, "二、主动公开政府信息情况")) == []


def test_nested_parenthesised_lists():
    text = ("（一）存在的主要问题：1.解读形式单一；2.渠道有限。"
            "（二）改进措施：1.丰富解读形式；2.拓宽渠道；3.加强培训。")
    markers = find_markers(text, find("S106").params["styles"])
    assert [m.raw for m in markers] == ["（一）", "1.", "2.", "（二）", "1.", "2.", "3."]
    assert list(enumeration_problems(markers)) == []


# --------------------------------------------------------------------------- S107 overview length


def test_long_overview_is_info():
    body = "本机关认真贯彻落实政府信息公开条例，扎实推进政务公开工作。" * 45  # 27 Chinese characters each
    rep = report(official(overview=body))
    [d] = run("S107", rep)
    assert d.severity == "info"
    assert d.found == 27 * 45  # punctuation is not counted
    assert "1000" in d.message


def test_short_overview_is_silent():
    body = "本机关认真贯彻落实政府信息公开条例，扎实推进政务公开工作。" * 30
    assert run("S107", report(official(overview=body))) == []


def test_overview_length_not_checked_before_2021():
    body = "本机关认真贯彻落实政府信息公开条例，扎实推进政务公开工作。" * 45
    rep = report(official("2019", overview=body), layout="2019", year=2020)
    assert run("S107", rep) == []


# --------------------------------------------------------------------------- real reports, end to end

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"


def _structure_findings(name: str):
    import gklint

    return [d for d in gklint.check(str(FIXTURES / name)).diagnostics if d.rule.startswith("S")]


def test_huangyuan_lacks_section_six():
    found = _structure_findings("huangyuan-2021.txt")
    errors = [d for d in found if d.severity == "error"]
    assert [(d.rule, d.expected) for d in errors] == [("S101", "六、其他需要报告的事项")]
    # its lists (1.…8. in 总体情况; 1./2. with 一是… restarting under each in 第五部分) are in order
    assert not [d for d in found if d.rule == "S106"]


def test_pingtan_has_its_six_sections_as_promised():
    found = _structure_findings("pingtan-2021.html")
    assert [d.rule for d in found if d.severity != "info"] == []


def test_counts_of_some_parts_are_not_a_promise():
    text = "本报告第二、三部分的数据来自统计系统，前三部分由办公室汇总。"
    assert run("S105", report(official()[:5], preamble=text)) == []


def test_table_rows_with_values_are_not_list_items():
    text = ("（一）予以公开 20 0 0 0 0 0 20\n（二）部分公开 1 0 0 0 0 0 1\n1.属于国家秘密 0 0 0 0 0 0 0\n"
            "3.危及“三安全一稳定” 0 0 0 0 0 0 0\n（四）无法提供\n")
    assert find_markers(text, find("S106").params["styles"]) == []


def test_unrecognised_heading_line_in_the_slot_is_a_wording_warning_not_an_error():
    sections = official()[:5]
    sections[4] = section("五、存在的主要问题及改进情况", "政策解读形式单一。下一步将丰富解读形式。\n六、其他事项\n本年度未收取信息处理费。")
    rep = report(sections)
    assert run("S101", rep) == []
    [d] = run("S104", rep)
    assert d.found == "六、其他事项" and d.location.quote == "六、其他事项"


def test_heading_with_bracketed_number_is_not_missing():
    sections = official()[:5]
    sections[4] = section("五、存在的主要问题及改进情况", "政策解读形式单一。\n（六）其他需要报告的事项\n无。")
    assert run("S101", report(sections)) == []


def test_a_list_nested_in_the_same_style_resumes_its_parent():
    text = ("1.主动公开方面。主要做法有：\n1.完善目录。\n2.优化栏目。\n3.加强审核。\n"
            "2.依申请公开方面。依法办理。\n3.平台建设方面。优化网站。")
    assert run("S106", _enum_report(text, "一、总体情况")) == []
    text_with_gap = text + "\n5.监督保障方面。开展检查。"
    [d] = run("S106", _enum_report(text_with_gap, "一、总体情况"))
    assert (d.found, d.expected) == ("5.", "4.")


def test_a_part_with_an_unofficial_heading_still_counts_as_delivered():
    sections = official()[:5]
    sections[4] = section("五、存在的主要问题及改进情况", "政策解读形式单一。\n六、其他事项\n本年度未收取信息处理费。")
    assert run("S105", report(sections, preamble=INTRO_SIX)) == []


def test_s106_a_marker_right_after_a_closing_bracket_continues_its_list():
    # shs-2024 (tests/corpus), one-line page: "（四）" follows the ")" of a remark with no break
    from report_helpers import official, report, run  # noqa: PLC0415

    text = ("（一）主动公开情况。全年主动公开信息432条。（二）政策解读。解读文件14条。（三）依申请公开情况。全年回应依申请公开信息2条"
            "（属于已主动公开答复数1条，同意公开答复数1条）（四）加强监督管理。及时纠错。（五）完善政务新媒体公开工作。发布文章1061篇。")
    assert run("S106", report(official(overview=text))) == []
    # a run of bracketed numerals is still no list: （一）（五）（六）
    cited = "依据第二十条（一）（五）（六）项主动公开。（一）主动公开情况。（二）依申请公开情况。"
    assert run("S106", report(official(overview=cited))) == []


def test_a_one_line_page_keeps_a_sections_text_apart_from_its_tables_caption():
    """On a page run into one line, the text before a table's caption and header words (第二十条第（一）项,
    （本列数据的勾稽关系为…）) is the section's own: read there, and the caption is not taken for its text."""
    from gklint.read.text import read_text
    from gklint.recognise.recognise import recognise
    from gklint.testing import zero_report
    from render_tables import render_tables_text

    rep = zero_report("2021", year=2021, agency="某县审计局")
    proactive = next(s for s in rep.sections if s.id == "proactive")
    proactive.text = "本年度主动公开政府政府信息30条。"
    back = recognise(read_text("page.txt", render_tables_text(rep, "oneline")))
    by_id = {s.id: s.text for s in back.sections}
    assert "政府政府信息30条" in by_id["proactive"]
    assert "本列数据的勾稽关系" not in by_id["requests"]
