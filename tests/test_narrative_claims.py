"""Numbers the narrative states, tied to table cells (rules N101–N106)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gklint import layouts
from gklint.engine.rules import find, load_rules
from gklint.narrative.claims import ClaimError, parse_claims, resolve
from narrative_helpers import report, run, run_all


def claims_fired(text, cells=None, **kw):
    return [d for d in run_all(report(text, cells, **kw), "N1")]


# --------------------------------------------------------------------------- N101 requests

def test_received_agrees_with_new_plus_carried_over():
    # 75 = 新收 74 + 上年结转 1: the second reading agrees, nothing to say
    assert run("N101", report("本年度共收到政府信息公开申请75件。",
                              {"三.new.total": 74, "三.carried_over.total": 1})) == []


def test_received_that_matches_neither_reading():
    [d] = run("N101", report("本年度共收到政府信息公开申请76件。", {"三.new.total": 74, "三.carried_over.total": 1}))
    assert d.severity == "warning"
    assert (d.expected, d.found) == (74, 76)
    assert (d.location.table, d.location.row, d.location.column) == ("三", "一、本年新收政府信息公开申请数量", "总计")
    assert d.location.section == "一、总体情况"
    assert d.location.quote == "本年度共收到政府信息公开申请76件。"
    assert "76件" in d.message and "74" in d.message and "75" in d.message  # the other reading is named
    assert [(p.label, p.value) for p in d.parts] == [("一、本年新收政府信息公开申请数量·总计", 74)]


def test_huangyuan_zero_requests_agree():
    text = "2.依申请公开政府信息情况。2021年我收到政府信息公开申请0次,按照程序已公开。"
    assert run("N101", report(text)) == []
    [d] = run("N101", report(text, {"三.new.total": 3}))
    assert (d.expected, d.found) == (3, 0)


@pytest.mark.parametrize("text", [
    "2020年共收到政府信息公开申请60件。",
    "上年共收到政府信息公开申请60件，本年度情况见下表。",
    "与去年同期收到的政府信息公开申请60件相比有所增加。",
    "本年度收到政府信息公开申请74件，同比增长12件。",
    "收到政府信息公开申请数量同比增长12%。",
    "每季度收到政府信息公开申请3-5件。",
    "如对政府信息公开申请有疑问，请致电0971-8888888，我们将在收到申请后15个工作日内答复。",
    "依据《关于规范2021年收到的12件政府信息公开申请办理工作的通知》(源政办函[2021]24号)办理。",
    "1.收到政府信息公开申请情况。",
    "（2）收到政府信息公开申请情况",
    "本年度收到政府信息公开申请约80件。",
])
def test_pitfalls_stay_silent(text):
    # every sentence holds a number that, read as this year's count, would contradict 新收 74
    assert claims_fired(text, {"三.new.total": 74}) == []


def test_only_the_count_is_tied():
    from gklint.engine.kinds.narrative import _all_claims
    from gklint.narrative.claims import ties
    from gklint.narrative.quantities import analyse

    rep = report("3.依申请公开情况。2021年1月1日至12月31日，本机关收到政府信息公开申请74件，较上年增长12件，增长19%。")
    tied = ties(_all_claims(find("N101"), load_rules()), analyse(rep.sections[0].text, 2021), rep, layouts.get("2021"))
    assert [(t.claim.name, t.quantity.raw) for t in tied] == [("received", "74件")]


def test_handled_carried_forward_and_received_in_one_sentence():
    text = "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。"
    heading = "（二）依申请公开方面。我区高度重视依申请公开工作的办理。"
    cells = {"三.new.total": 70, "三.total.total": 69, "三.carried_forward.total": 1}
    assert claims_fired(heading + text, cells) == []
    fired = claims_fired(heading + text, cells | {"三.total.total": 68, "三.carried_forward.total": 2})
    assert sorted((d.location.row, d.expected, d.found) for d in fired) == [
        ("四、结转下年度继续办理", 2, 1), ("（七）总计", 68, 69)]


def test_processed_agrees_with_any_reading():
    text = "全年办理政府信息公开申请218件。"
    assert run("N101", report(text, {"三.new.total": 218, "三.total.total": 210})) == []
    assert run("N101", report(text, {"三.new.total": 200, "三.total.total": 218})) == []
    assert len(run("N101", report(text, {"三.new.total": 200, "三.total.total": 210}))) == 1


def test_requests_carried_over_in_brackets():
    text = "全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）。"
    cells = {"三.new.total": 3119, "三.carried_over.total": 34, "三.total.total": 3050, "三.carried_forward.total": 103}
    assert claims_fired(text, cells) == []
    [d] = claims_fired(text, cells | {"三.carried_over.total": 30})
    assert (d.location.row, d.expected, d.found) == ("二、上年结转政府信息公开申请数量", 30, 34)


@pytest.mark.parametrize("text", [
    "依申请公开方面，共受理网民留言126件，办结120件。",  # messages, not requests
    "全年受理各类申请事项1.2万件，其中网上办理9000件。",  # services, not disclosure requests
    "本机关共收到政府信息公开申请12件，其中当面申请2件，网络申请10件。",  # parts by channel
])
def test_other_things_received_are_not_requests(text):
    assert run("N101", report(text, {"三.new.total": 12, "三.total.total": 12})) == []


# --------------------------------------------------------------------------- N102 results

RESULTS = {"三.new.total": 73, "三.total.total": 73, "三.granted.total": 30, "三.partly_granted.total": 10,
           "三.refused_internal.total": 3, "三.refused_process.total": 2, "三.unavailable_not_held.total": 20,
           "三.not_processed_repeat.total": 5, "三.other_other.total": 3}
RESULTS_TEXT = ("本年度共收到政府信息公开申请73件，已全部办结，其中予以公开30件、部分公开10件、不予公开5件、"
                "无法提供20件、不予处理5件、其他处理3件。")


def test_results_agree():
    assert run("N102", report(RESULTS_TEXT, RESULTS)) == []


def test_result_category_that_disagrees_names_its_rows():
    fired = run("N102", report(RESULTS_TEXT, RESULTS | {"三.refused_process.total": 4}))
    [d] = fired
    assert (d.location.row, d.location.column, d.expected, d.found) == ("（三）不予公开", "总计", 7, 5)
    assert sum(p.value for p in d.parts) == 7 and len(d.parts) == 8


def test_other_handling_in_the_2019_layout_is_one_row():
    cells = {"三.new.total": 4, "三.total.total": 4, "三.granted.total": 1, "三.other_handling.total": 3}
    text = "本年度共收到政府信息公开申请4件，其中予以公开1件、其他处理3件。"
    assert run("N102", report(text, cells, layout="2019", year=2020)) == []
    [d] = run("N102", report(text, cells | {"三.other_handling.total": 2}, layout="2019", year=2020))
    assert d.location.row == "（六）其他处理"


def test_results_of_appeals_are_not_request_results():
    text = "本年度收到政府信息公开申请5件。被申请行政复议2件，其中维持1件、纠正1件。"
    assert run("N102", report(text, {"三.new.total": 5, "四.review.total": 2, "四.review.upheld": 1,
                                     "四.review.corrected": 1})) == []


# --------------------------------------------------------------------------- N103 appeals

APPEALS = {"四.review.total": 3, "四.review.upheld": 2, "四.review.corrected": 1,
           "四.litigation_direct.total": 1, "四.litigation_direct.upheld": 1,
           "四.litigation_after_review.total": 1, "四.litigation_after_review.pending": 1}
APPEALS_TEXT = "全年因政府信息公开被申请行政复议3件，其中维持2件、纠正1件；被提起行政诉讼2件，其中维持1件、尚未审结1件。"


def test_appeals_agree():
    assert run("N103", report(APPEALS_TEXT, APPEALS)) == []


def test_lawsuits_are_the_sum_of_both_rows():
    [d] = run("N103", report(APPEALS_TEXT, APPEALS | {"四.litigation_after_review.total": 2,
                                                       "四.litigation_after_review.other": 1}))
    assert (d.expected, d.found) == (3, 2)
    assert d.location.row == "未经复议直接起诉 + 复议后起诉"
    assert [p.value for p in d.parts] == [1, 2]


def test_review_result_that_disagrees():
    [d] = run("N103", report(APPEALS_TEXT, APPEALS | {"四.review.upheld": 1, "四.review.other": 1}))
    assert (d.location.row, d.location.column, d.expected, d.found) == ("行政复议", "结果维持", 1, 2)


@pytest.mark.parametrize("text", [
    "因政府信息公开被申请行政复议和提起行政诉讼共3件。",
    "行政复议、行政诉讼共5件，其中维持4件。",
])
def test_appeals_that_cannot_be_told_apart_stay_silent(text):
    assert run("N103", report(text, APPEALS)) == []


def test_reviews_the_government_decides_as_review_body_are_not_table_four():
    text = "县司法局全年共受理行政复议申请30件，办结28件。"
    assert run("N103", report(text, APPEALS)) == []
    # the same words under the heading of section 四 speak of disclosure appeals
    [d] = run("N103", report({"四、政府信息公开行政复议、行政诉讼情况": "全年共受理行政复议申请30件。"}, APPEALS))
    assert (d.location.row, d.expected, d.found) == ("行政复议", 3, 30)


@pytest.mark.parametrize("text", ["全年因不服本机关答复申请行政复议4件。", "因当事人不服答复提起行政复议4件。",
                                  "因答复不当被申请行政复议4件。"])
def test_a_review_of_a_reply_is_about_disclosure(text):
    """不服…答复, 答复不当: the reply a review contests is to a disclosure request, as 信息公开 would say."""
    [d] = run("N103", report(text, APPEALS))
    assert (d.location.row, d.expected, d.found) == ("行政复议", 3, 4)
    # a review of another decision is no disclosure appeal
    assert run("N103", report("全年因不服行政处罚决定被申请行政复议4件。", APPEALS)) == []


def test_the_nearest_subject_decides():
    text = "因政府信息公开被申请行政复议3件；被提起行政诉讼2件，其中维持3件。"  # lawsuits upheld: table says 1
    [d] = run("N103", report(text, APPEALS))
    assert (d.location.row, d.location.column, d.found) == ("未经复议直接起诉 + 复议后起诉", "结果维持", 3)


# --------------------------------------------------------------------------- N104 documents

def test_huangyuan_normative_documents():
    text = "其中,政务类信息672条,制发政策解读16篇,规范性文件10篇,主动公开重点领域信息1308条。"
    cells = {"二.normative_documents.issued": 3, "二.normative_documents.in_force": 8}
    [d] = run("N104", report(text, cells))
    assert (d.location.table, d.location.row, d.location.column) == ("二", "行政规范性文件", "本年制发件数")
    assert (d.expected, d.found) == (3, 10)
    assert "现行有效件数" in d.message and "8" in d.message


def test_normative_documents_agree_with_issued_or_in_force():
    cells = {"二.normative_documents.issued": 3, "二.normative_documents.in_force": 8}
    assert run("N104", report("本年度公开规范性文件3件。", cells)) == []
    assert run("N104", report("公开规范性文件8件。", cells)) == []


@pytest.mark.parametrize("text", [
    "全年共审查规范性文件25件，清理规范性文件13件。",
    "对12件规范性文件进行了解读。",
    "向县人大常委会报送备案规范性文件5件。",
    "本年度制发规章和规范性文件10件。",  # two cells at once: left alone
])
def test_documents_that_were_not_issued(text):
    assert run("N104", report(text, {"二.normative_documents.issued": 3})) == []


def test_in_force_and_repealed():
    text = "本年度制发规范性文件5件，废止2件，现行有效规范性文件30件。"
    cells = {"二.normative_documents.issued": 5, "二.normative_documents.repealed": 2,
             "二.normative_documents.in_force": 30}
    assert run("N104", report(text, cells)) == []
    fired = run("N104", report(text, cells | {"二.normative_documents.repealed": 1,
                                             "二.normative_documents.in_force": 31}))
    assert sorted((d.location.column, d.expected, d.found) for d in fired) == [
        ("本年废止件数", 1, 2), ("现行有效件数", 31, 30)]


def test_2019_layout_has_its_own_columns():
    text = "本年度新制作规范性文件5件。"
    assert run("N104", report(text, {"二.normative_documents.made": 5}, layout="2019", year=2020)) == []
    assert run("N104", report(text, {"二.normative_documents.published": 5}, layout="2019", year=2020)) == []
    [d] = run("N104", report(text, {"二.normative_documents.made": 4}, layout="2019", year=2020))
    assert d.location.column == "本年新制作数量"


_ISSUERS = ["县政府", "县政府办公室", "乡镇", "街道", "县直部门", "区县", "市直各部门", "本级"]


@settings(max_examples=40, deadline=None)
@given(values=st.lists(st.integers(1, 30), min_size=2, max_size=3, unique=True), issued=st.integers(1, 90),
       issuers=st.permutations(_ISSUERS))
def test_parts_by_issuer_of_a_total_of_documents_are_not_the_tables_figure(values, issued, issuers):
    """"印发规范性文件12件，其中县政府规范性文件4件、乡镇规范性文件8件": each part is one issuer's share of the 12
    the text already gives; only the 12 is compared with table 二."""
    total = sum(values)
    items = "、".join(f"{who}规范性文件{v}件" for who, v in zip(issuers, values))
    text = f"本年度印发规范性文件{total}件，其中{items}。"
    fired = run("N104", report(text, {"二.normative_documents.issued": issued}))
    assert [d.found for d in fired] == ([] if issued == total else [total])


def test_a_part_of_another_total_is_still_the_tables_figure():
    # the total counts all documents, not 规范性文件: its part named 规范性文件 is the table's figure
    [d] = run("N104", report("本年度制发各类文件20件，其中县政府规范性文件5件。", {"二.normative_documents.issued": 4}))
    assert (d.expected, d.found) == (4, 5)


# --------------------------------------------------------------------------- N105 decisions

def test_huangyuan_penalty_information_against_no_decision():
    text = "其中,政务类信息672条,行政法规类46条,行政处罚类130条,发展规划类20条。"
    [d] = run("N105", report(text))
    assert (d.location.row, d.location.column, d.expected, d.found) == ("行政处罚", "本年处理决定数量", 0, 130)
    assert "口径不同" in d.message  # honest: items published are not decisions


def test_information_items_only_contradict_zero_decisions():
    text = "公开行政处罚类信息130条。"
    assert run("N105", report(text, {"二.penalties.decisions": 100})) == []
    assert run("N105", report("公开行政处罚类信息0条。", {"二.penalties.decisions": 0})) == []


def test_decisions_are_compared_exactly():
    text = "全年办理行政许可事项300件，作出行政处罚决定21件。"
    cells = {"二.licensing.decisions": 300, "二.penalties.decisions": 21}
    assert run("N105", report(text, cells)) == []
    [d] = run("N105", report(text, cells | {"二.penalties.decisions": 20}))
    assert (d.location.row, d.expected, d.found) == ("行政处罚", 20, 21)


@pytest.mark.parametrize("text", [
    "公示行政许可和行政处罚双公示信息500条。",  # both at once
    "梳理行政许可事项清单85项。",
    "全年取消下放行政许可事项12件。",
])
def test_licensing_numbers_that_are_not_decisions(text):
    assert run("N105", report(text, {"二.licensing.decisions": 300, "二.penalties.decisions": 20})) == []


# --------------------------------------------------------------------------- N106 fees

def test_fees_in_yuan_are_converted():
    assert run("N106", report("全年行政事业性收费25000元。", {"二.fees.fees_amount": 2.5})) == []
    assert run("N106", report("全年行政事业性收费24252.31万元。", {"二.fees.fees_amount": 24252.311082})) == []
    [d] = run("N106", report("全年行政事业性收费2.6万元。", {"二.fees.fees_amount": 2.5}))
    assert (d.expected, d.found) == (2.5, 2.6)


def test_information_processing_fees_are_not_administrative_fees():
    assert run("N106", report("全年收取信息处理费3940元，行政事业性收费减免120万元。", {"二.fees.fees_amount": 2.5})) == []


# --------------------------------------------------------------------------- the patterns themselves

def test_blank_cells_are_not_compared():
    assert run("N101", report("本年度共收到政府信息公开申请76件。", blank=("三.new.total",))) == []


def test_english_messages():
    [d] = run("N101", report("本年度共收到政府信息公开申请76件。", {"三.new.total": 74}), lang="en")
    assert d.message.startswith("The text states requests received: 76")


def test_every_claim_resolves_in_some_layout():
    for rule in load_rules():
        if rule.kind != "narrative" or rule.params.get("check") != "claim":
            continue
        for claim in parse_claims(rule.id, rule.params["claims"]):
            for reading in claim.readings:
                assert any(all(resolve(c, layouts.get(v)) for c in reading.cells) for v in ("2019", "2021")), \
                    (rule.id, claim.name, reading.cells)
            assert any(all(resolve(c, layouts.get("2021")) for c in r.cells) for r in claim.readings) or \
                rule.layouts == ("2019",), (rule.id, claim.name)


def test_malformed_claims_are_refused():
    with pytest.raises(ClaimError):
        parse_claims("N999", [{"name": "x", "units": ["件"], "near": ["(unclosed"], "readings": [["三.new.total"]]}])
    with pytest.raises(ClaimError):
        parse_claims("N999", [{"name": "x", "units": ["件"], "readings": [["三.new"]]}])
    with pytest.raises(ClaimError):  # a pattern compiled on first use is read when the claim is parsed
        parse_claims("N999", [{"name": "x", "units": ["件"], "near": ["收到"], "topic": "(unclosed",
                               "readings": [["三.new.total"]]}])


def test_claim_rules_have_docs_and_messages():
    for rid in ("N101", "N102", "N103", "N104", "N105", "N106"):
        rule = find(rid)
        assert rule.severity == "warning"
        assert all(rule.docs[k] for k in ("what", "why", "example", "fix"))
        assert "{figure}" in rule.message["zh"] and "{cells}" in rule.message["zh"]


def test_rounded_figures_are_compared_within_their_rounding():
    text = "全年行政许可办件量2.3万件。"
    assert run("N105", report(text, {"二.licensing.decisions": 23156})) == []
    [d] = run("N105", report(text, {"二.licensing.decisions": 25000}))
    assert (d.expected, d.found) == (25000, 23000)


def test_a_bracket_after_the_number_qualifies_it():
    # published 13 regulations, of which 5 new, 4 amended, 4 repealed: 13 is none of the table's columns
    text = "主动公开市政府规章13件(含新制定5件,修改4件,废止4件)，主动公开行政规范性文件42件。"
    cells = {"二.regulations.issued": 5, "二.regulations.repealed": 4, "二.regulations.in_force": 120,
             "二.normative_documents.issued": 42}
    assert run("N104", report(text, cells, year=2022)) == []
    [d] = run("N104", report(text, cells | {"二.regulations.repealed": 3}, year=2022))
    assert (d.location.row, d.location.column, d.found) == ("规章", "本年废止件数", 4)


# --------------------------------------------------------------------------- issue 8, causes 8 and 9

# source: /work/shared/reports/depts/shs-2024.txt (社会事业局 2024年报, 一、总体情况)
SHS_2024_SUB_ITEMS = ("（三）依申请公开情况。全年通过政府门户网站回应依申请公开信息2条（属于已主动公开答复数1条，"
                      "同意公开答复数1条）（四）加强监督管理。")
# source: /work/shared/reports/depts/scj-2024.txt (市场监督管理局 2024年报, 一、总体情况)
SCJ_2024_RESULTS = "2024年共收到政府信息公开申请4件，同意公开答复数1件，区分处理后公开数 1件，无法提供数2件。"


def test_a_sub_item_of_granted_is_not_the_whole():
    # the older split of 予以公开: 属于已主动公开的 and 同意公开的 are both 予以公开
    assert claims_fired(SHS_2024_SUB_ITEMS, {"三.new.total": 2, "三.total.total": 2, "三.granted.total": 2}) == []


def test_agreed_replies_are_granted_requests():
    cells = {"三.new.total": 4, "三.total.total": 4, "三.granted.total": 1, "三.partly_granted.total": 1,
             "三.unavailable_not_held.total": 2}
    assert claims_fired(SCJ_2024_RESULTS, cells, year=2024) == []
    [d] = claims_fired(SCJ_2024_RESULTS, cells | {"三.granted.total": 2}, year=2024)
    assert (d.rule, d.location.row, d.found, d.expected) == ("N102", "（一）予以公开", 1, 2)


# source: issue 8, cause 9 (the figures it quotes, the results given in a paragraph of their own that
# does not repeat the word 申请; the elided middle filled in)
RESULTS_PARAGRAPH = "予以公开及部分公开258件，不予公开31件，无法提供265件，不予处理40件，其他处理18件。"
RESULTS_612 = {"三.new.total": 612, "三.total.total": 612, "三.granted.total": 208, "三.partly_granted.total": 50,
               "三.refused_internal.total": 31, "三.unavailable_not_held.total": 265,
               "三.not_processed_repeat.total": 40, "三.other_other.total": 18}


def test_results_in_a_paragraph_that_does_not_repeat_the_word_request():
    assert claims_fired(RESULTS_PARAGRAPH, RESULTS_612) == []
    fired = claims_fired(RESULTS_PARAGRAPH, RESULTS_612 | {"三.unavailable_not_held.total": 260})
    assert [(d.rule, d.found, d.expected) for d in fired] == [("N102", 265, 260)]
    # two result words are not enough: "不予公开信息数137条" beside 主动公开 is about documents
    text = "\n制作政府信息总数510条，其中主动公开政府信息198条，依申请公开信息数142条，不予公开信息数137条。"
    assert claims_fired(text, {"三.refused_internal.total": 1}) == []


# source: /work/shared/reports/depts/scj-2023.txt (市场监督管理局 2023年报, 一、总体情况)
SCJ_2023 = "2023年共收到政府信息公开申请1件，予以公开1件。"


def test_a_blank_total_is_read_as_the_sum_of_the_applicant_columns():
    blank = ("三.new.total", "三.granted.total", "三.total.total")
    cells = {"三.new.natural": 1, "三.granted.natural": 1, "三.total.natural": 1}
    assert claims_fired(SCJ_2023, cells, blank=blank, year=2023) == []
    [d] = claims_fired(SCJ_2023, cells | {"三.new.natural": 2, "三.total.natural": 2}, blank=blank, year=2023)
    assert (d.rule, d.found, d.expected) == ("N101", 1, 2)
    assert "空白" in d.message and "自然人" in d.message
    # a row of zeros beside a blank total is the template left unfilled: nothing sure to compare
    assert claims_fired(SCJ_2023, {}, blank=blank, year=2023) == []


# source: issue 8, cause 9; wording from /work/shared/reports/depts/gwh-2025.txt (管委会办公室 2025年报:
# "进一步开展文件清理，……现行有效行政规范性文件共253件")
IN_FORCE_AFTER_CLEANUP = "进一步开展文件清理，清理后现行有效行政规范性文件共253件。"


def test_in_force_figure_beside_a_cleanup():
    cells = {"二.normative_documents.in_force": 253, "二.normative_documents.issued": 9}
    assert claims_fired(IN_FORCE_AFTER_CLEANUP, cells) == []
    [d] = claims_fired(IN_FORCE_AFTER_CLEANUP, cells | {"二.normative_documents.in_force": 250})
    assert (d.rule, d.location.column, d.found, d.expected) == ("N104", "现行有效件数", 253, 250)
    # the documents named before, the in-force figure in a clause of its own
    text = "开展规范性文件清理工作，共清理规范性文件30件，现行有效20件，废止10件。"
    cells = {"二.normative_documents.in_force": 18, "二.normative_documents.repealed": 10}
    assert [(d.found, d.expected) for d in claims_fired(text, cells)] == [(20, 18)]
    # "清理现行有效规范性文件20件" counts what was reviewed: left alone
    assert claims_fired("本年度清理现行有效规范性文件20件。", cells) == []


def test_a_users_own_claim_rule_is_weighed_though_not_selected():
    """The run's full rule set reaches the claim rules (Context.rules): a user's claim that could also mean
    the stated number leaves it alone, as a built-in one would; without it in the run, N101 fires."""
    import copy
    import dataclasses

    from gklint.api import check

    text = "3.依申请公开情况。2021年，本机关收到政府信息公开申请80件。"
    rep = report(text, {"三.new.total": 74, "三.carried_over.total": 80})
    every = load_rules()
    n101 = find("N101")
    params = copy.deepcopy(n101.params)
    for claim in params["claims"]:
        claim["readings"] = [{"cells": ["三.carried_over.total"], "label": {"zh": "上年结转", "en": "carried over"}}]
    mine = dataclasses.replace(n101, id="X901", name="my-received", params=params, pack="mine.yaml")

    alone = check(rep, rules=every, select=["N101"])
    with_mine = check(rep, rules=(*every, mine), select=["N101"])
    assert [d.rule for d in alone.diagnostics] == ["N101"]
    assert with_mine.diagnostics == []
