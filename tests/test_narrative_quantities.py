"""Finding the numbers a sentence states, and telling counts from dates, document numbers, ranges…"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gklint.core.model import Metadata, Report, Section, report_year
from gklint.narrative.quantities import analyse, find
from gklint.narrative.sentences import fold, split


def quantities(text: str, year: int | None = 2021):
    return [q for sq in analyse(text, year) for q in sq.quantities]


def only(text: str, year: int | None = 2021):
    found = quantities(text, year)
    assert len(found) == 1, [q.raw for q in found]
    return found[0]


def test_sentences_keep_offsets_and_original_text():
    text = "一、总体情况\n2021年,年内公开政府信息2715条。其中,政务类信息672条！（三）其他。"
    sentences = split(text)
    assert [s.quote for s in sentences] == ["一、总体情况", "2021年,年内公开政府信息2715条。",
                                           "其中,政务类信息672条！", "（三）其他。"]
    for s in sentences:
        assert text[s.start:s.end] == s.text
        assert len(s.folded) == len(s.text)


def test_fold_keeps_length_and_blanks_titles_and_document_numbers():
    text = "印发《湟源县2021年政务公开工作要点》(源政办函[2021]24号)，〔2021〕43，共１２件"
    folded = fold(text)
    assert len(folded) == len(text)
    assert "2021" not in folded and "24" not in folded and "43" not in folded
    assert folded.endswith("共12件")


@pytest.mark.parametrize("text, value, unit", [
    ("年内公开政府信息2715条。", 2715, "条"),
    ("机构职能类43 条。", 43, "条"),  # a space between number and unit, as copied from a web page
    ("共收到申请７５件。", 75, "件"),  # full-width digits
    ("收到申请七十四件。", 74, "件"),
    ("公开信息二千七百一十五条。", 2715, "条"),
    ("收到申请十件。", 10, "件"),
    ("全年公开信息1,308条。", 1308, "条"),
    ("收费2.5万元。", 2.5, "万元"),
    ("受理诉求1.2万件。", 12000, "件"),
])
def test_numerals_and_units(text, value, unit):
    q = only(text)
    assert (q.value, q.unit, q.excluded) == (value, unit, None)


def test_a_fullwidth_comma_is_not_a_thousands_separator():
    found = quantities("分别为12，345件")
    assert [q.value for q in found] == [12, 345]


@pytest.mark.parametrize("text, raw, reason", [
    ("2021年1月1日至2021年12月31日", "2021", "date"),
    ("自12月31日起", "31", "date"),
    ("收到申请后5个工作日内答复。", "5个", "date"),
    ("办结率为100%。", "100", "percent"),
    ("同比增长12%。", "12", "percent"),
    ("1.主动公开政府信息情况。", "1", "list"),
    ("(2)依申请公开情况", "2", "list"),
    ("每季度收到申请3-5件。", "3", "range"),
    ("每季度收到申请3-5件。", "5件", "range"),
    ("收到申请3至5件。", "5件", "range"),
    ("新增县域经济等10余个专题专栏。", "10余个", "approx"),
    ("公开信息约300条。", "300条", "approx"),
    ("公开信息300条左右。", "300条", "approx"),
    ("收到申请同比增长12件。", "12件", "change"),
    ("较上年减少3件。", "3件", "change"),
    ("平均每月公开信息10条。", "10条", "rate"),
    ("电话：0591-23165370。", "0591", "phone"),
    ("坚持“三个一”工作机制。", "三个", "quoted"),
    ("在第3次会议上", "3次", "ordinal"),
])
def test_numbers_that_are_not_counts(text, raw, reason):
    found = {q.raw: q for q in quantities(text)}
    assert raw in found, list(found)
    assert found[raw].excluded == reason


@pytest.mark.parametrize("text", [
    "制定下发《通知》(源政办函[2021]24号)。",
    "印发《方案》（源政办〔2021〕43）。",
    "根据《关于2020年收到的12件申请的处理意见》办理。",
    "坚持统一公开、进一步规范，推进“十四五”规划。",
    "一是加强领导，二是完善制度。",
])
def test_document_numbers_titles_and_words_are_not_numbers(text):
    assert [q.raw for q in quantities(text) if q.unit] == []


@pytest.mark.parametrize("text, foreign", [
    ("本年度收到申请75件。", False),
    ("2021年收到申请75件。", False),
    ("2020年收到申请60件。", True),
    ("上年收到申请60件。", True),
    ("去年同期收到申请60件。", True),
    ("上年结转申请1件。", False),  # 上年结转 is a row of this year's table
    ("上年度结转申请1件。", False),
    ("下一步，将公开信息500条。", True),
    ("二〇二〇年收到申请60件。", True),
    ("二〇二一年收到申请六十件。", False),
    ("2020年收到申请60件，2021年收到申请75件。", None),  # one of each
    ("与去年同期的60件相比，本年度收到申请75件。", None),  # a comparison speaks of last year in its clause
])
def test_sentences_about_another_period(text, foreign):
    found = [q for q in quantities(text) if q.unit]
    if foreign is None:
        assert [q.foreign for q in found] == [True, False]
    else:
        assert [q.foreign for q in found] == [foreign]
        assert found[0].counts is not foreign


def test_a_comparison_does_not_change_the_period_of_what_follows():
    found = [q for q in quantities("收到申请56件，较上年增加14件，加上上年结转3件，共需办理59件。") if q.unit]
    assert [(q.raw, q.excluded, q.foreign) for q in found] == [
        ("56件", None, False), ("14件", "change", True), ("3件", None, False), ("59件", None, False)]


def test_context_before_and_after_a_number():
    sentence = split("本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。")[0]
    a, b, c = find(sentence, 2021)
    assert a.before.endswith("共收到") and a.after == "申请"
    assert b.before.endswith("办结") and b.after == ""
    assert c.before == "" and c.after.startswith("结转下年度")


def test_list_items_do_not_borrow_the_next_items_words():
    a, b = quantities("其中予以公开30件、部分公开10件。")
    assert "部分" not in a.before + a.after
    assert b.before.endswith("部分公开")


def _report(text: str, *, year=None, title=None, preamble: str = "") -> Report:
    return Report("2021", meta=Metadata(year=year, title=title), preamble=preamble,
                  sections=[Section(heading="一、总体情况", text=text)])


def test_report_year_is_the_year_named_most():
    assert report_year(_report("2021年，本机关……2021年收到申请……2022年1月发布")) == 2021
    assert report_year(_report("没有年份")) is None


def test_report_year_prefers_the_metadata_then_the_title_to_the_narrative():
    narrative = "2022年工作打算……2022年将……2021年收到申请"
    assert report_year(_report(narrative, year=2020)) == 2020
    assert report_year(_report(narrative, title="某局2021年度政府信息公开工作年度报告")) == 2021
    assert report_year(_report(narrative, preamble="某局2021年政府信息公开工作年度报告\n")) == 2021
    assert report_year(_report(narrative, preamble="2021年工作总结\n")) == 2022  # not a report's title


@pytest.mark.parametrize("text, value, unit", [
    ("共收到政府信息公开申请1 476件。", 1476, "件"),
    ("全年公开信息12\u2009345条。", 12345, "条"),  # a thin space
    ("全年公开信息1\u202f234\u00a0567条。", 1234567, "条"),  # narrow and ordinary no-break spaces
    ("全年公开信息1 476 条。", 1476, "条"),
])
def test_a_space_between_groups_of_three_before_a_unit_separates_thousands(text, value, unit):
    q = only(text)
    assert (q.value, q.unit, q.excluded) == (value, unit, None)


@pytest.mark.parametrize("text, values", [
    ("分别收到2 3件。", [2, 3]),  # a group of one digit: two numbers
    ("分别收到12 3456件。", [12, 3456]),  # a group of four
    ("共1 476，其余另计。", [1, 476]),  # no unit after it
    ("联系电话0551 123 4567。", [551, 123, 4567]),
])
def test_a_space_joins_no_other_numbers(text, values):
    assert [q.value for q in quantities(text)] == values


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1000, 10**9), space=st.sampled_from([" ", "\u2009", "\u202f", "\u00a0", "\u3000"]),
       unit=st.sampled_from(["件", "条", "人次", "个"]))
def test_any_count_written_with_spaced_thousands_reads_whole(n, space, unit):
    written = f"{n:,}".replace(",", space)
    assert only(f"本年度共办理{written}{unit}。").value == n
