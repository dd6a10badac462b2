"""A stated total and the parts listed with it must add up (rule N201)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gklint.narrative import enumerations
from gklint.narrative.quantities import analyse
from narrative_helpers import report, run

HUANGYUAN_2715 = ("1.主动公开政府信息情况。2021年,年内公开政府信息2715条。其中,政务类信息672条,机构职能类43 条,"
                  "公示公告类289条;行政法规类46条,行政处罚类130条,发展规划类20条,招投标信息85条,财政预决算等信息96条,"
                  "制发政策解读16篇,规范性文件10篇,主动公开人事任免、招投标、稳岗就业、疫情防控、食品安全、生态环境、"
                  "义务教育、重大决策预公开、建议提案办理等重点领域信息1308条。")
HUANGYUAN_126 = ("切实做到依法公开政府信息、及时回应民众关注、合理解读政府文件、正确引导网络舆情2021年以来共受理门户网站网民留言"
                 "126件,其中,办理县委书记、县长等县领导批示交办事项8件、县长信箱群众来信14件、投诉类46件、咨询类48件、"
                 "其它类10件,办结率为100%。")


def lists(text: str):
    return enumerations.find(analyse(text, 2021))


def test_huangyuan_lists_are_read_and_add_up():
    [a] = lists(HUANGYUAN_2715)
    # 政策解读16篇 and 规范性文件10篇 are counted with another word than the total's 条: the list the
    # rule judges stops there, but read on, the eleven items add up, so the text counted them too
    assert a.total.value == 2715 and len(a.parts) == 8 and len(a.extended) == 11
    assert sum(q.value for q in a.extended) == 2715
    [b] = lists(HUANGYUAN_126)
    assert b.total.value == 126 and [q.value for q in b.parts] == [8, 14, 46, 48, 10]
    assert run("N201", report(HUANGYUAN_2715 + "\n" + HUANGYUAN_126)) == []


def test_parts_that_fall_short():
    text = "全年公开政府信息2645条，其中政务动态1200条、通知公告800条、其他信息500条。"
    [d] = run("N201", report(text))
    assert (d.expected, d.found) == (2645, 2500)
    assert "145" in d.message and "2645" in d.message and "2500" in d.message
    assert [(p.label, p.value) for p in d.parts] == [("政务动态", 1200), ("通知公告", 800), ("其他信息", 500)]
    assert d.location.quote == text and d.location.section == "一、总体情况"


def test_highlights_are_not_a_breakdown():
    # without a rest item (其他…) or items of one kind, 其中 may name highlights: no evidence, no warning
    text = "全年公开政府信息2645条，其中政务动态1200条、通知公告800条、政策文件500条。"
    assert run("N201", report(text)) == []
    # items of one kind (the same head word) are a breakdown
    [d] = run("N201", report("全年公开政府信息2645条，其中政务类信息1200条、公告类信息800条、政策类信息500条。"))
    assert (d.expected, d.found) == (2645, 2500)


@pytest.mark.parametrize("text", [
    "门户网站全年更新信息6120条，其中概况类信息205条，政务动态信息3310条，信息公开目录信息1876条。",
    "门户网站全年更新信息6120条。其中，概况类信息205条，政务动态信息3310条，信息公开目录信息1876条，内容全面。",
    "门户网站全年更新信息6120条，其中概况信息205条、政务动态3310条。",
])
def test_website_return_categories_need_not_make_the_total(text):
    """The categories of a website's annual return (概况, 政务动态, 信息公开目录) count part of what it
    published (专题, 解读, 互动 are not among them): sharing 信息 makes them no closed list."""
    assert run("N201", report(text)) == []


def test_website_return_categories_still_judged_when_closed_or_over():
    over = "门户网站全年更新信息5000条，其中概况类信息205条，政务动态信息3310条，信息公开目录信息1876条。"
    [d] = run("N201", report(over))
    assert (d.expected, d.found) == (5000, 5391)
    rest = "门户网站全年更新信息6120条，其中概况类信息205条，政务动态信息3310条，其他信息1876条。"
    [d] = run("N201", report(rest))
    assert (d.expected, d.found) == (6120, 5391)


def test_total_in_one_sentence_parts_in_the_next():
    text = "年内公开政府信息2715条。其中,政务类信息672条,机构职能类43条。"
    [d] = run("N201", report(text))
    assert (d.expected, d.found) == (2715, 715)
    assert d.location.quote == text


def test_heji_after_the_parts():
    text = "全年作出行政许可决定100件、行政处罚决定50件、行政强制决定10件，合计170件。"
    [d] = run("N201", report(text))
    assert (d.expected, d.found) == (170, 160)
    assert run("N201", report(text.replace("170", "160"))) == []


def test_two_lists_in_one_sentence():
    text = ("本年度共受理政府信息公开申请75件，其中自然人申请70件、法人或其他组织申请5件；办结73件，其中予以公开30件、"
            "部分公开10件、不予公开5件、无法提供20件、不予处理5件、其他处理3件，结转下年度继续办理2件。")
    found = lists(text)
    assert [(e.total.value, [q.value for q in e.parts][:2]) for e in found] == [(75, [70, 5]), (73, [30, 10])]
    assert run("N201", report(text)) == []
    [d] = run("N201", report(text.replace("予以公开30件", "予以公开31件")))
    assert (d.expected, d.found) == (73, 76)


def test_list_with_a_nested_list():
    text = "共办结申请75件，其中依申请公开30件（其中予以公开20件、部分公开10件），不予公开45件。"
    found = lists(text)
    assert sorted((e.total.value, [q.value for q in e.parts]) for e in found) == [(30, [20, 10]), (75, [30, 45])]
    assert run("N201", report(text)) == []
    [d] = run("N201", report(text.replace("部分公开10件", "部分公开12件")))
    assert (d.expected, d.found) == (30, 32)


def test_nested_list_in_brackets():
    text = "收到申请75件（其中新收74件、上年结转2件），办结75件。"
    [d] = run("N201", report(text))
    assert (d.expected, d.found) == (75, 76)
    assert run("N201", report(text.replace("上年结转2件", "上年结转1件"))) == []


@pytest.mark.parametrize("text", [
    "全年公开信息500条，其中主要包括政务动态200条、通知公告100条。",
    "全年公开信息500条，其中主要包括政务动态400条、通知公告200条。",  # not all the parts, maybe overlapping
    "全年公开信息500条，其中政务动态200条、通知公告100条等。",
    "全年公开信息500条，其中政务动态200条、通知公告约100条。",
    "共受理网民留言126件，其中咨询类48件，办结率为100%。",  # a single part and a rate
    "全年公开信息500条，其中政务动态300条，访问量达10万人次。",  # another kind of thing
    "全年公开信息500条，其中政务动态300条、通知公告200条，按时更新率100%，同比增长12条。",
])
def test_lists_that_do_not_claim_to_be_complete_stay_silent(text):
    assert run("N201", report(text)) == []


def test_a_closed_list_cannot_exceed_the_total():
    [d] = run("N201", report("全年公开信息500条，其中政务动态400条、通知公告200条。"))
    assert (d.expected, d.found) == (500, 600)
    assert "多" in d.message


def test_a_second_breakdown_of_the_same_total_is_not_a_contradiction():
    text = "共收到申请75件，其中网上申请50件、信函申请25件，予以公开70件、不予公开5件。"
    assert run("N201", report(text)) == []


def test_money_parts_in_mixed_units():
    text = "全年行政事业性收费合计3万元，其中证照工本费5000元、登记费2.5万元。"
    assert run("N201", report(text)) == []
    [d] = run("N201", report(text.replace("5000元", "6000元")))
    assert d.found == pytest.approx(3.1)


def test_total_followed_by_a_change_then_its_parts():
    text = "全年主动公开政府信息4521条，同比增长8.6%。其中，政策文件156条、政务动态3208条、其他信息1000条。"
    [d] = run("N201", report(text))
    assert (d.expected, d.found) == (4521, 4364)
    assert run("N201", report(text.replace("其他信息1000条", "其他信息1157条"))) == []


# Issue 8, cause 6: parts that are not parts. Sentences from the department reports of
# /work/shared/reports/depts/ (平潭综合实验区, page text as published).

# source: gwh-2022.txt (管委会办公室 2022年报, 一、总体情况)
GWH_2022_CHANGES = ("二是加强政务新媒体管理，从原有的35家政务新媒体调整为33家，其中，注销5家维护更新不及时的政务新媒体，"
                    "新增区行政审批局、区经济发展局、区交通建设局3家政务新媒体；持续深入推进“互联网+政务服务”。")
# source: zhz-2025.txt (综合执法与应急管理局 2025年报, 一、总体情况)
ZHZ_2025_OTHER_WORD = ("共在区党工委管委会门户网站发布政府信息（文件）575份，其中主动公开317份，"
                       "立案查处各类违法行为并作出行政处罚决定204起。")
# source: zhz-2024.txt (综合执法与应急管理局 2024年报, 一、总体情况)
ZHZ_2024_OTHER_WORD = ("2024年，我局通过区党工委、管委会门户网站发布信息607条，其中主动公开380份，依申请公开及不予公开319份，"
                       "立案查处各类违法行为并作出行政处罚决定545起。")
# source: czj-2025.txt (财政金融局 2025年报, 二、主动公开政府信息情况)
CZJ_2025_GONG = ("(二)主动公开政府信息的主要类别2025年，在主动公开的53条政府信息中，全文电子化的主动公开信息数共53条，"
                 "其中:减税降费1条，政策废止文件1条；财政预算、决算报告共5条；财政资金直达基层7条；其他文件共39条等。")
# source: czj-2021.txt (财政金融局 2021年报, 二、主动公开政府信息情况): 198+142+137=477, not 510
CZJ_2021_SHORT = ("(一)主动公开政府信息的数量2021年制作、获取政府信息总数510条，其中主动公开政府信息198条，"
                  "依申请公开信息数142条，不予公开信息数137条。")


def test_changes_are_not_parts():
    assert run("N201", report(GWH_2022_CHANGES)) == []
    assert lists(GWH_2022_CHANGES) == []


def test_a_number_with_another_counting_word_is_not_a_part():
    assert run("N201", report(ZHZ_2025_OTHER_WORD)) == []
    # the 545起 is not a part; the two 份 parts still exceed the 607条 they are said to be part of
    [d] = run("N201", report(ZHZ_2024_OTHER_WORD))
    assert (d.expected, d.found) == (607, 699)
    assert [p.value for p in d.parts] == [380, 319]


def test_gong_inside_an_item_is_not_a_new_total():
    [e] = lists(CZJ_2025_GONG)
    assert [q.value for q in e.parts] == [1, 1, 5, 7, 39] and e.sum == 53
    assert run("N201", report(CZJ_2025_GONG)) == []
    # the 等 at the end says the list is not complete: even a short one stays silent
    assert run("N201", report(CZJ_2025_GONG.replace("39条", "30条"))) == []
    # a 共 that opens its clause sums what came before
    [e] = lists("收到申请10件，其中自然人8件、法人2件，共10件。")
    assert [q.value for q in e.parts] == [8, 2]


def test_a_breakdown_of_one_kind_that_does_not_add_up_is_still_reported():
    [d] = run("N201", report(CZJ_2021_SHORT))
    assert (d.expected, d.found) == (510, 477)


_KINDS = ["政务类信息", "公告类信息", "政策类信息", "动态类信息", "规划类信息"]


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.integers(0, 500), min_size=2, max_size=5), delta=st.integers(-30, 30),
       ending=st.sampled_from(["", "等"]), rest=st.booleans())
def test_lists_of_one_kind_are_judged_only_when_closed(values, delta, ending, rest):
    assume(sum(values) + delta >= 0)
    labels = _KINDS[:len(values)]
    if rest:
        labels[-1] = "其他信息"
    total = sum(values) + delta
    items = "，".join(f"{k}{v}条" for k, v in zip(labels, values))
    text = f"全年主动公开政府信息{total}条，其中{items}{ending}。"
    fired = run("N201", report(text))
    stretch = any(sum(values[i:j]) == total for i in range(len(values)) for j in range(i + 1, len(values) + 1))
    if ending == "等" or stretch:
        assert fired == []  # not all the parts; or the list, or a stretch of it, makes the total
    else:
        [d] = fired
        assert (d.expected, d.found) == (total, sum(values))
    # the same list as changes ("新增…") is never a breakdown
    changes = "，".join(f"新增{k}{v}条" for k, v in zip(labels, values))
    assert run("N201", report(f"全年主动公开政府信息{total}条，其中{changes}。")) == []


# source: /work/shared/reports/depts/hzs-2022.txt (行政审批局 2022年报, 一、总体情况): no 其中, but the
# categories end with the rest (其他…): 17+1+308+8+19 = 353, not 364
HZS_2022_NO_QIZHONG = ("2022年，主动公开政府信息364条，人事信息17条，国民经济和社会发展规划类信息1条，重大建设项目类信息308条，"
                       " 公共服务类信息8条，其他应主动公开的政府信息19条。")


def test_a_list_closed_by_the_rest_needs_no_qizhong():
    [d] = run("N201", report(HZS_2022_NO_QIZHONG, year=2022))
    assert (d.expected, d.found) == (364, 353)
    assert run("N201", report(HZS_2022_NO_QIZHONG.replace("19条", "30条"), year=2022)) == []
    # without the rest, the numbers may be highlights (source: hzs-2023.txt, which adds 24 elsewhere)
    assert run("N201", report("2023年，主动公开政府信息312条，重大建设项目类信息280条，规范性文件类信息5条，"
                              "行政许可类信息3条。", year=2023)) == []
    # siblings, not a total and its parts: the first number names no action
    assert run("N201", report("网上申请4件，信函申请2件，当面申请1件，其他申请1件。")) == []


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.integers(0, 300), min_size=3, max_size=4), delta=st.integers(-20, 20),
       included=st.integers(0, 50), word=st.sampled_from(["包括", "含", "其中含"]))
def test_what_a_total_includes_is_not_the_total_of_the_list_after(values, delta, included, word):
    """"答复100件，包括上年结转5件。其中……": the list after 其中 is the 100's, as without the 包括 clause."""
    assume(sum(values) + delta >= 0)
    total = sum(values) + delta
    items = "，".join(f"{k}{v}件" for k, v in zip(["予以公开", "部分公开", "不予公开", "其他处理"], values))
    plain = f"本年度共答复政府信息公开申请{total}件。其中，{items}。"
    including = f"本年度共答复政府信息公开申请{total}件，{word}上年结转的申请{included}件。其中，{items}。"
    judged = [(d.expected, d.found) for d in run("N201", report(plain))]
    assert [(d.expected, d.found) for d in run("N201", report(including))] == judged
