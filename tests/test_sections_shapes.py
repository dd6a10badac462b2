"""Sections as real reports write them: parts renumbered, retitled, split, a local part inserted, a page
saved as one line (issue 8, cause 1), and S104 on every heading (a typo in a recognised one).

The excerpts are copied from department reports published as page text (their source lines below);
the properties render generated reports with those shapes (tests/render_sections.py).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gklint
from gklint.recognise.recognise import recognise
from gklint.read.text import read_text
from gklint.core.model import Section
from gklint.testing import consistent_report
from render_sections import LOCAL_PARTS, RETITLED, SPLITS, insert_local, one_line, retitle, split_problems
from report_helpers import official, report, run, section
from strategies import reports

HEADER = "标题: 平潭综合实验区某局2025年政府信息公开工作年度报告\n发布时间: 2026-01-20\n==================== 正文 ====================\n"

# source: changwu/pingtan-gov-zwgk-archive:pingtan/zwgk/zfxxgk/dfbmptlj/ptzhsyqpq/ptzhsyqjjp/zfxxgknb/202601/104715_平潭综合实验区金井片区管理局2025年政府信息公开工作年度报告/page.txt@16868d19a1d8212230ee4c5df4ce40d00db59a01
# (the overview shortened to its first two sentences; the tables and the last parts as published)
JJP_2025 = (
    "一、总体情况（一）主动公开情况我局严格按照政府信息公开的相关规定要求，2025年累计主动公开政府信息20条，其中环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况8条，其他应主动公开的政府"
    "信息12条；公开财政预决算信息2条、三公经费信息1条，发布公示公告50条，推送公众号文章248篇，其中原创文章118篇。（二）依申请公开情况我局坚持“民有所呼、我有所应”，以规范化、精细化标准推进依申"
    "请公开工作。二、主动公开政府信息情况第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规范性文件001第二十条第（五）项信息内容本年处理决定数量行政许可0第二十条第（六）项信息内"
    "容本年处理决定数量行政处罚0行政强制0第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0 三、收到和处理政府信息公开申请情况 （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加"
    "第四项之和） 申请人情况 自然人 法人或其他组织 总计 商业 企业 科研 机构 社会公益组织 法律服务机构 其他 一、本年新收政府信息公开申请数量 110000011二、上年结转政府信息公开申请数量 "
    "0000000三、本年度办理结果 （一）予以公开 0000000（二）部分公开（区分处理的，只计这一情形，不计其他情形） 3000003（三）不予公开 1.属于国家秘密 00000002.其他法律行政"
    "法规禁止公开 00000003.危及“三安全一稳定” 00000004.保护第三方合法权益 00000005.属于三类内部事务信息 00000006.属于四类过程性信息 00000007.属于行政执法"
    "案卷 00000008.属于行政查询事项 0000000（四）无法提供 1.本机关不掌握相关政府信息 70000072.没有现成信息需要另行制作 00000003.补正后申请内容仍不明确 000000"
    "0（五）不予处理 1.信访举报投诉类申请 00000002.重复申请 00000003.要求提供公开出版物 00000004.无正当理由大量反复申请 00000005.要求行政机关确认或重新出具已获取"
    "信息 0000000（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 10000012.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 000"
    "00003.其他 0000000（七）总计 110000011四、结转下年度继续办理 0000000四、政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 "
    "总计 未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 000000000000000五、信息处理费收取情况通知收取件数通知收取"
    "金额（元）实际收取金额（元）000六、存在的主要问题及改进措施2025年，我局政府信息公开工作取得阶段性成效，但仍存在短板：主动公开深度、广度不足，乡村振兴、民生服务等重点领域公开内容偏少；依申请公开"
    "办理质效、答复精准度和群众满意度有待提升；工作队伍专业能力与实操水平需强化。对此，我局将靶向整改：一是聚焦群众关切和核心业务，加大乡村振兴、民生服务等重点领域公开力度，提升主动公开针对性和覆盖面；二是"
    "持续优化依申请公开办理流程、规范答复口径，提升办理质效和满意度；三是加强业务培训和案例研讨，强化队伍专业能力，夯实工作基础。 平潭综合实验区金井片区管理局2026年1月20日")

# source: changwu/pingtan-gov-zwgk-archive:pingtan/zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqczj/zfxxgknb/202201/80600_平潭综合实验区财政金融局2021年度政府信息公开工作年度报告/page.txt@ec2c20622bc6953e6953401ce5430fcf17fea6c8
# (the last part as published: no 六, and no fee statement anywhere in the report)
CZJ_2021_TAIL = (
    "五、存在的主要问题及改进情况(一)存在问题。2021年，我局政府信息公开工作立足财政金融实际，工作得到有效落实，但仍存在一定不足。一是处室主动公开意识有待加强，落实“公开为常态、不公开为例外”不够到位"
    ":二是公开方式灵活性不够，在社会公众互动及专题活动方面还难以满足群众需要，有待进一步加强。三是政策解读形式不够丰富，未能运用数字化、图表图解等方式，通俗易懂解读政策。(二)改进措施。2021年，我局将"
    "坚持以习近平新时代中国特色社会主义思想为指导，认真落实各级关于全面推进政务信息公开工作的部署要求，补短板、强弱项。一是坚持“以公开为常态，不公开为例外”原则，全面梳理权责清单和公共服务事项产生的政府信"
    "息，对照“五公开”要求，及时梳理公开内容，明确事项名称，逐项认定公开属性，动态调整信息公开清单，满足社会群众的知情权，参与权、表达权和监督权:二是拓宽公开载体和渠道，扩大政务公开的范围和内容，努力从多"
    "个层面运用多种形式实行全方位公开，进一步丰富政策解读形式，增强解读政策的可理解性、贴近性。三是进一步规范政府信息公开行为、加强信息公开培训指导工作，确保政府信息公开准确、及时、规范，不断提升政府信息公"
    "开整体工作水平，切实履行公开责任，积极配合上级部门做好主动公开信息巡查工作，保证政府信息公开工作持续良好地开展。 平潭综合实验区财政全融局 2022年1月13日")


def _read(text: str):
    return recognise(read_text("page.txt", HEADER + text + "\n"))


def _rules(rep, prefix: str = "S10"):
    return [d for d in gklint.check(rep).diagnostics if d.rule.startswith(prefix)]


# --------------------------------------------------------------------------- a local part, then 五 renumbered 六

def test_local_fee_part_then_renumbered_problems_on_one_line():
    rep = _read(JJP_2025)
    assert [(s.number, s.id) for s in rep.sections] == [
        ("一", "overview"), ("二", "proactive"), ("三", "requests"), ("四", "appeals"),
        ("五", "other"), ("六", "problems")]  # the fee part holds what 六 asks for
    assert rep.sections[4].heading == "五、信息处理费收取情况"
    assert rep.sections[5].text.startswith("2025年，我局政府信息公开工作取得阶段性成效")
    found = _rules(rep)
    assert not [d for d in found if d.rule == "S101"]
    assert {(d.rule, d.location.quote) for d in found if d.rule in ("S103", "S104")} == {
        ("S103", "六、存在的主要问题及改进措施"), ("S103", "五、信息处理费收取情况"),
        ("S104", "五、信息处理费收取情况")}
    assert all(d.severity == "warning" for d in found)


def test_same_report_as_lines_reads_the_same_parts():
    """The page with each part on lines of its own (as a Word or PDF copy gives it)."""
    text = JJP_2025.replace("五、信息处理费", "\n五、信息处理费").replace("六、存在的", "\n六、存在的")
    text = text.replace("二、主动公开政府", "\n二、主动公开政府").replace(" 三、收到", "\n三、收到")
    rep = _read(text)
    assert [s.id for s in rep.sections][-2:] == ["other", "problems"]
    assert not [d for d in _rules(rep) if d.rule == "S101"]


# source: changwu/pingtan-gov-zwgk-archive:pingtan/zwgk/zfxxgk/dfbmptlj/ptzhsyqpq/ptzhsyqjjp/zfxxgknb/202101/80587_平潭综合实验区金井片区管理局2020年政府信息公开工作年度报告/page.txt@056fdbf0b5854167661b2fbf732a75baa9aa1c64
JJP_2020_OPENING = ("如对本报告有任何疑问，请与平潭综合实验区金井片区管理局党政办公室联系（地址：平潭县北厝镇红山村加田下65号；"
                    "邮编：350401；电话：23156157；传真：23156377）。一总体情况2020年，我局政府信息公开工作坚持以"
                    "习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中、四中、五中全会精神。")


def test_numeral_run_into_its_title_heads_the_overview():
    """jjp-2020: "一总体情况" with no mark after the numeral, on a one-line page."""
    rep = _read(JJP_2020_OPENING + JJP_2025[JJP_2025.index("二、主动公开政府信息情况"):])
    assert rep.sections[0].id == "overview" and rep.sections[0].heading == "一总体情况"
    assert rep.sections[0].text.startswith("2020年，我局政府信息公开工作")
    found = _rules(rep)
    assert not [d for d in found if d.rule == "S101"]
    assert not [d for d in found if d.location.section == "一总体情况"]  # its wording is the official title


# --------------------------------------------------------------------------- a part truly missing stays an error

def test_missing_sixth_part_on_one_line_is_still_an_error():
    """czj-2021 ends with 五; "（一）存在问题" "（二）改进措施" and "一是…二是…" inside it are not parts."""
    head = JJP_2025[: JJP_2025.index("五、信息处理费收取情况")]
    rep = _read(head + CZJ_2021_TAIL)
    assert [s.id for s in rep.sections] == ["overview", "proactive", "requests", "appeals", "problems"]
    [d] = [d for d in _rules(rep) if d.rule == "S101"]
    assert d.severity == "error" and d.expected == "六、其他需要报告的事项"


def test_list_numbered_like_parts_inside_text_is_not_a_part():
    """"一、…二、…" items in running text (a list under 总体情况, measures under 五) are not headings."""
    rep = consistent_report(random.Random(3), "2021")
    rep.sections[0].text += "本年度主要做了以下工作：一、健全机制；二、主动公开工作扎实推进；三、加强培训。"
    rep.sections[4].text += "下一步：一、加强问题整改；二、完善改进措施；六、其他工作。"
    rep.sections = rep.sections[:5]
    back = _read(one_line(rep).split("\n", 3)[3])
    assert [s.id for s in back.sections] == ["overview", "proactive", "requests", "appeals", "problems"]
    assert "二、主动公开工作扎实推进" in back.sections[0].text
    assert "六、其他工作" in back.sections[4].text
    [d] = [d for d in _rules(back) if d.rule == "S101"]
    assert d.expected == "六、其他需要报告的事项"


# --------------------------------------------------------------------------- content without its heading

def test_fee_statement_without_its_heading_is_not_missing():
    sections = official()[:5]
    sections[4] = section("五、存在的主要问题及改进情况", "存在解读形式单一的问题。本年度未收取信息处理费。")
    rep = report(sections)
    assert run("S101", rep) == []
    [d] = run("S104", rep)
    assert d.severity == "warning" and d.expected == "六、其他需要报告的事项"
    assert "信息处理费" in d.message and "五、存在的主要问题及改进情况" in d.message
    assert d.location.quote == "本年度未收取信息处理费。"


def test_table_without_its_heading_is_not_missing():
    rep = consistent_report(random.Random(5), "2021")
    rep.sections = [s for s in rep.sections if s.id != "requests"]
    assert run("S101", rep) == []
    [d] = run("S104", rep)
    assert d.expected == "三、收到和处理政府信息公开申请情况" and "表三" in d.message


def test_content_before_the_previous_part_does_not_count():
    """Fee words in 总体情况 do not stand for a 六 missing after 五."""
    sections = official(overview="本机关依法收取信息处理费的制度已经建立。")[:5]
    [d] = run("S101", report(sections))
    assert d.severity == "error"


# --------------------------------------------------------------------------- S104 on every heading

def test_typo_in_a_recognised_heading_is_s104():
    """shs-2023/2024/2025: "四、政府信息公开行政法复议、行政诉讼情况" is taken for 四 (one typo) and said."""
    sections = official()
    sections[3] = Section(heading="四、政府信息公开行政法复议、行政诉讼情况", text="无。", number="四", id="appeals")
    [d] = run("S104", report(sections))
    assert d.found == "四、政府信息公开行政法复议、行政诉讼情况"
    assert d.expected == "四、政府信息公开行政复议、行政诉讼情况"
    assert d.location.quote == "四、政府信息公开行政法复议、行政诉讼情况"


@pytest.mark.parametrize("heading", ["四、政府信息公开行政复议与行政诉讼情况", "四、政府信息公开行政复议和行政诉讼情况",
                                     "二、主动公开政府信息情况（有关情况附表）"])
def test_conjunctions_and_notes_after_the_title_are_official_wording(heading):
    sections = official()
    spec_id = "appeals" if heading.startswith("四") else "proactive"
    k = 3 if spec_id == "appeals" else 1
    sections[k] = Section(heading=heading, text="无。", number=heading[0], id=spec_id)
    assert run("S104", report(sections)) == []


def test_one_line_heading_with_typo_is_said_once():
    rep = consistent_report(random.Random(1), "2021")
    rep = retitle(rep, {"appeals": "政府信息公开行政法复议、行政诉讼情况"})
    back = _read(one_line(rep).split("\n", 3)[3])
    assert [s.id for s in back.sections] == [s.id for s in rep.sections]
    [d] = [d for d in _rules(back) if d.rule == "S104"]
    assert d.found == "四、政府信息公开行政法复议、行政诉讼情况"


# --------------------------------------------------------------------------- split parts

def test_split_part_is_not_a_repeat_and_counts_as_a_part():
    rep = consistent_report(random.Random(2), "2021")
    rep.preamble += "本报告由总体情况、主动公开政府信息情况等七个部分组成。"
    split = split_problems(rep, ("存在的主要问题", "改进措施"))
    assert [s.id for s in split.sections][4:] == ["problems", "problems", "other"]
    assert run("S102", split) == []
    assert run("S105", split) == []
    assert run("S101", split) == []
    assert {d.location.quote for d in run("S103", split)} == {"六、改进措施", "七、其他需要报告的事项"}


# --------------------------------------------------------------------------- properties over generated reports

SETTINGS = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _official_numbers(rep):
    from gklint import layouts

    return {spec.id: spec.number for spec in layouts.get(rep.layout).sections}


def _check_shape(shaped, lines: bool):
    text = one_line(shaped) if not lines else None
    if lines:
        from render import render_text

        text = render_text(shaped)
    back = recognise(read_text("page.txt", text))
    assert [(s.number, s.id) for s in back.sections] == [(s.number, s.id) for s in shaped.sections]
    found = gklint.check(back).diagnostics
    assert not [d for d in found if d.severity == "error"], [d.message for d in found if d.severity == "error"]
    numbers = _official_numbers(shaped)
    renumbered = {s.heading for s in shaped.sections if s.id and s.number != numbers[s.id]}
    assert {d.location.quote for d in found if d.rule == "S103"} == renumbered
    return back, found


@SETTINGS
@given(reports(), st.data(), st.booleans())
def test_retitled_parts_are_found_and_said(report_, data, lines):
    ids = data.draw(st.lists(st.sampled_from(sorted(RETITLED)), unique=True, min_size=1))
    titles = {i: data.draw(st.sampled_from(RETITLED[i])) for i in ids}
    shaped = retitle(report_, titles)
    _, found = _check_shape(shaped, lines)
    from gklint.layouts import get, normalise

    specs = {s.id: s for s in get(shaped.layout).sections}
    reworded = {s.heading for s in shaped.sections
                if not any(normalise(s.heading.split("、", 1)[1]).startswith(normalise(n)) for n in specs[s.id].names)}
    assert {d.location.quote for d in found if d.rule == "S104"} >= {
        h for h in reworded if "行政法复议" in h or not h.endswith(("情况", "事项"))} - {""}
    assert not [d for d in found if d.rule == "S104" and d.location.quote not in reworded]


@SETTINGS
@given(reports(), st.integers(1, 5), st.sampled_from(LOCAL_PARTS), st.booleans())
def test_local_part_inserted_renumbers_with_warnings(report_, at, part, lines):
    """A local part before one of the official parts (after the last one, on a one-line page, a title that
    names no section cannot be told from the text of 六; it is not looked for there)."""
    shaped = insert_local(report_, at, *part)
    if part[0].startswith("信息处理费"):  # a fee part names 六 by its terms: it is 六 only when 六 is not written
        shaped.sections[at].id = None
    _check_shape(shaped, lines)


@SETTINGS
@given(reports(), st.sampled_from(SPLITS), st.booleans())
def test_problems_split_in_two_gives_no_error(report_, titles, lines):
    shaped = split_problems(report_, titles)
    back, found = _check_shape(shaped, lines)
    assert not [d for d in found if d.rule in ("S101", "S102")]


def test_one_edit_check_agrees_with_the_edit_distance():
    from hypothesis import given, strategies as st  # noqa: PLC0415

    from gklint.recognise.sections import _within_one_edit  # noqa: PLC0415

    def distance(a, b):  # the plain Levenshtein distance, the reference
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]

    @given(st.text("政府信息公开情况", max_size=8), st.text("政府信息公开情况", max_size=8))
    def agree(a, b):
        assert _within_one_edit(a, b) == (distance(a, b) <= 1)

    agree()
