"""A stated total and the parts listed with it must add up (rule N201)."""

from __future__ import annotations

import pytest

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
    assert a.total.value == 2715 and len(a.parts) == 11 and a.sum == 2715
    [b] = lists(HUANGYUAN_126)
    assert b.total.value == 126 and [q.value for q in b.parts] == [8, 14, 46, 48, 10]
    assert run("N201", report(HUANGYUAN_2715 + "\n" + HUANGYUAN_126)) == []


def test_parts_that_fall_short():
    text = "全年公开政府信息2645条，其中政务动态1200条、通知公告800条、政策文件500条。"
    [d] = run("N201", report(text))
    assert (d.expected, d.found) == (2645, 2500)
    assert "145" in d.message and "2645" in d.message and "2500" in d.message
    assert [(p.label, p.value) for p in d.parts] == [("政务动态", 1200), ("通知公告", 800), ("政策文件", 500)]
    assert d.location.quote == text and d.location.section == "一、总体情况"


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
    "全年公开信息500条，其中政务动态200条、通知公告100条等。",
    "全年公开信息500条，其中政务动态200条、通知公告约100条。",
    "共受理网民留言126件，其中咨询类48件，办结率为100%。",  # a single part and a rate
    "全年公开信息500条，其中政务动态300条，访问量达10万人次。",  # another kind of thing
    "全年公开信息500条，其中政务动态300条、通知公告200条，按时更新率100%，同比增长12条。",
])
def test_lists_that_do_not_claim_to_be_complete_stay_silent(text):
    assert run("N201", report(text)) == []


def test_a_list_that_is_not_complete_still_cannot_exceed_the_total():
    [d] = run("N201", report("全年公开信息500条，其中主要包括政务动态400条、通知公告200条。"))
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
