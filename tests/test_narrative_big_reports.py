"""Shapes of large real reports (scout13) that misread a sentence: a zero sibling count before 其中, parts whose
labels only share the verb 公开, a bracket naming other figures after a count, 接到…依申请公开 as the requests'
topic, 被改变 as a correction, and a comparison with a named earlier year. Sentences are written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.narrative_helpers import report, run, run_all


def _requests(new: int, total: int, carried_over: int = 0, carried_forward: int = 0, **rows: int) -> dict:
    """Table 三 with its 总计 column filled like its 自然人 column (every request from a person)."""
    cells = {"new": new, "carried_over": carried_over, "total": total, "carried_forward": carried_forward, **rows}
    return {f"三.{row}.{col}": v for row, v in cells.items() for col in ("natural", "total")}


# ---------------------------------------------------------------- 1. a zero sibling before 其中

_APPEALS = {"四.review.upheld": 2, "四.review.corrected": 1, "四.review.other": 1, "四.review.pending": 1,
            "四.review.total": 5}
_ZERO_SIBLING = "本年度因政府信息公开被申请行政复议5宗、提起行政诉讼0宗，其中2宗维持原答复，1宗结果纠正，1宗其他结果，1宗尚未审结。"


def test_zero_count_after_its_sibling_is_no_total_of_the_list():
    assert run("N201", report(_ZERO_SIBLING, _APPEALS)) == []


def test_zero_count_after_its_sibling_gives_its_subject_to_no_part():
    assert [d for d in run_all(report(_ZERO_SIBLING, _APPEALS)) if d.rule in ("N103", "N201")] == []


def test_parts_of_the_sibling_are_still_compared_with_its_column():
    found = run("N103", report(_ZERO_SIBLING, {**_APPEALS, "四.review.upheld": 3, "四.review.total": 6}))
    upheld = [d for d in found if "维持" in d.message]
    assert len(upheld) == 1 and "行政复议结果维持2宗" in upheld[0].message


def test_parts_above_the_sibling_total_still_found():
    text = "因政府信息公开被申请行政复议4宗、行政诉讼0宗，其中3宗维持原答复，3宗结果纠正。"
    found = run("N201", report(text, _APPEALS))
    assert len(found) == 1 and "总数4宗" in found[0].message and "之和6宗" in found[0].message


def test_zero_parts_of_a_zero_count_keep_it_their_total():
    text = "因政府信息公开被申请行政复议5宗、行政诉讼0宗，其中维持原答复0宗，其他结果0宗。"
    assert run("N201", report(text, _APPEALS)) == []


def test_zero_total_with_parts_and_no_sibling_still_found():
    text = "本年度共收到政府信息公开申请0件，其中予以公开2件，其他处理1件。"
    assert len(run("N201", report(text, _requests(3, 3, granted=2, other_other=1)))) == 1


@settings(max_examples=40, deadline=None)
@given(outcomes=st.lists(st.integers(0, 40), min_size=4, max_size=4).filter(lambda v: sum(v) > 0),
       unit=st.sampled_from(["宗", "件", "起"]), join=st.sampled_from(["、", "，", "和"]))
def test_a_true_zero_sibling_sentence_adds_no_finding(outcomes, unit, join):
    """Whatever the review outcomes, stating them after "复议N、诉讼0" in agreement with table 四 finds nothing."""
    upheld, corrected, other, pending = outcomes
    text = (f"本年度因政府信息公开被申请行政复议{sum(outcomes)}{unit}{join}提起行政诉讼0{unit}，其中{upheld}{unit}维持原答复，"
            f"{corrected}{unit}结果纠正，{other}{unit}其他结果，{pending}{unit}尚未审结。")
    cells = {"四.review.upheld": upheld, "四.review.corrected": corrected, "四.review.other": other,
             "四.review.pending": pending, "四.review.total": sum(outcomes)}
    assert run_all(report(text, cells)) == []


# ---------------------------------------------------------------- 2. labels that share only 公开

def test_parts_sharing_only_the_verb_gongkai_are_no_closed_list():
    text = "本年度共收到政府信息公开申请30件，其中予以公开2件，属于行政执法案卷不予公开6件。"
    cells = _requests(30, 30, granted=2, refused_enforcement_file=6, unavailable_not_held=22)
    assert run("N201", report(text, cells)) == []


def test_parts_that_exceed_the_total_still_found_whatever_their_labels():
    text = "本年度共收到政府信息公开申请7件，其中予以公开2件，不予公开6件。"
    assert len(run("N201", report(text, _requests(7, 7, granted=2, refused_enforcement_file=5)))) == 1


def test_a_list_of_one_kind_still_closed():
    text = "本年度共收到政府信息公开申请30件，其中当面申请2件，网上申请6件。"
    assert len(run("N201", report(text, _requests(30, 30, granted=30)))) == 1


# ---------------------------------------------------------------- 3. a bracket naming other figures

@pytest.mark.parametrize("text", [
    "全年共收到公开申请1389件（上年度结转12件，结转下年度8件，本年度办结1392件）。",
    "全年共收到政府信息公开申请1389件（上年度结转12件，结转下年度8件）。",
])
def test_received_count_read_past_a_bracket_of_other_figures(text):
    found = run("N101", report(text, _requests(1388, 1392, carried_over=12, carried_forward=8, granted=1392)))
    assert len(found) == 1 and "1389" in found[0].message and "1388" in found[0].message


def test_received_count_with_a_bracket_of_other_figures_agreeing_is_silent():
    text = "全年共收到公开申请1388件（上年度结转12件，结转下年度8件，本年度办结1392件）。"
    assert run("N101", report(text, _requests(1388, 1392, carried_over=12, carried_forward=8, granted=1392))) == []


def test_a_bracket_that_qualifies_the_count_still_keeps_it_out():
    cells = _requests(1388, 1392, carried_over=12, carried_forward=8, granted=1392)
    assert len(run("N101", report("全年共收到政府信息公开申请1401件。", cells))) == 1
    assert run("N101", report("全年共收到政府信息公开申请1401件（含上年结转12件）。", cells)) == []


# ---------------------------------------------------------------- 4. 接到…依申请公开 names the requests

def test_jiedao_yishenqing_gongkai_is_the_requests_topic():
    text = "本年度共接到群众依申请公开97件，均按时答复。年内共办结94件。"
    found = run("N101", report(text, _requests(97, 95, granted=95, carried_forward=2)))
    assert len(found) == 1 and "94" in found[0].message and "95" in found[0].message


def test_jiedao_yishenqing_gongkai_agreeing_is_silent():
    text = "本年度共接到群众依申请公开97件，均按时答复。年内共办结95件。"
    assert run("N101", report(text, _requests(97, 95, granted=95, carried_forward=2))) == []


# ---------------------------------------------------------------- 5. 被改变 as a correction

@pytest.mark.parametrize("text", [
    "本机关未发生因政府信息公开引起的行政复议被改变情形。",
    "本机关未发生因政府信息公开引起的行政复议被改变或行政诉讼败诉情形。",
])
def test_bei_gaibian_said_not_to_happen_against_a_corrected_review(text):
    assert len(run("N301", report(text, {"四.review.corrected": 1, "四.review.total": 1}))) == 1


def test_review_or_lawsuit_said_not_lost_against_a_lost_lawsuit():
    text = "本机关未发生因政府信息公开引起的行政复议被改变或行政诉讼败诉情形。"
    assert len(run("N301", report(text, {"四.litigation_direct.corrected": 1, "四.litigation_direct.total": 1}))) == 1


@pytest.mark.parametrize("text", [
    "本机关未发生因政府信息公开引起的行政复议被改变情形。",
    "本机关未发生因政府信息公开引起的行政复议被改变或行政诉讼败诉情形。",
])
def test_bei_gaibian_said_not_to_happen_with_none_corrected_is_silent(text):
    assert run("N301", report(text, {"四.review.upheld": 1, "四.review.total": 1})) == []


# ---------------------------------------------------------------- 6. a comparison with a named earlier year

@pytest.mark.parametrize("compare", ["比", "较", "与"])
def test_comparison_with_a_named_year_keeps_the_clauses_after_it_this_year(compare):
    text = f"共收到信息公开申请26起，{compare}2020年（33起）下降21%，答复25起。"
    found = run("N101", report(text, _requests(26, 26, granted=26)))
    assert len(found) == 1 and "25" in found[0].message


def test_a_named_other_year_without_comparison_still_makes_its_clauses_foreign():
    text = "共收到信息公开申请26起。2020年收到33起，答复25起。"
    assert run("N101", report(text, _requests(26, 26, granted=26))) == []


def test_a_zero_part_beside_non_zero_parts_is_the_sibling_s_too():
    text = "本年度因政府信息公开被申请行政复议2宗、提起行政诉讼0宗，其中2宗维持原答复，0宗结果纠正。"
    cells = {"四.review.upheld": 2, "四.review.total": 2, "四.litigation_direct.corrected": 1,
             "四.litigation_direct.total": 1}
    assert [d for d in run_all(report(text, cells)) if "纠正" in d.message] == []


# ---------------------------------------------------------------- approximate figures stay uncompared

@pytest.mark.parametrize("text", ["全年共收到政府信息公开申请超过1500件。", "全年共收到政府信息公开申请1400余件。",
                                  "全年共收到政府信息公开申请近1500件。"])
def test_an_approximate_request_count_is_never_compared(text):
    cells = _requests(1466, 1482, carried_over=16, granted=1482)
    assert len(run("N101", report("全年共收到政府信息公开申请1500件。", cells))) == 1
    assert run("N101", report(text, cells)) == []


# ---------------------------------------------------------------- a space as thousands separator

def test_a_count_with_a_spaced_thousands_separator_agrees_with_its_cell():
    text = "本年度共收到政府信息公开申请1 476件。"
    assert [d for d in run_all(report(text, _requests(1476, 1476))) if d.rule.startswith("N")] == []


def test_a_count_with_a_spaced_thousands_separator_is_compared_whole():
    text = "本年度共收到政府信息公开申请1 476件。"
    found = [d for d in run_all(report(text, _requests(1576, 1576))) if d.rule.startswith("N")]
    assert found and all("1476" in d.message or "1 476" in d.message for d in found)
