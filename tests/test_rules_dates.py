"""Date rules (D1xx) and the date finder."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from report_helpers import official, report, run, section

from gklint.dates import dates_in, find_dates

D = dt.date

# --------------------------------------------------------------------------- find_dates


def test_find_dates_reads_the_usual_forms():
    text = "发布日期:2022-01-14 落款二〇二二年一月四日，统计期限为2021年1月1日至12月31日，截至2021.12.31。"
    assert [f.date for f in find_dates(text)] == [D(2022, 1, 14), D(2022, 1, 4), D(2021, 1, 1),
                                                  D(2021, 12, 31), D(2021, 12, 31)]


def test_find_dates_keeps_malformed_ones_with_the_problem():
    found = find_dates("截至202512月31日，2021年13月，2月30日，4月31日，2023年2月29日")
    assert [f.date for f in found] == [None] * 5
    assert [f.raw for f in found] == ["202512月31日", "2021年13月", "2月30日", "4月31日", "2023年2月29日"]
    assert [f.problem.code for f in found] == ["glued", "bad_month", "no_such_day", "no_such_day", "no_such_day"]
    assert found[0].problem.values == {"year": "2025", "month": 12, "day": 31}


def test_find_dates_reads_a_year_month_and_day_run_together():
    # real pages that lost their 年 and 月: "统计期限从202111日到1231日止"
    found = find_dates("统计期限从202111日到1231日止，截至20221231日。")
    assert [(f.raw, f.date, f.problem.code) for f in found] == [
        ("202111日", None, "glued_all"), ("到1231日", None, "glued_day"), ("20221231日", None, "glued_all")]


@given(st.dates(dt.date(1949, 1, 1), dt.date(2100, 12, 31)), st.booleans())
def test_every_date_run_together_is_malformed_and_written_out_is_read(day, padded):
    month_day = f"{day.month:02d}{day.day:02d}" if padded else f"{day.month}{day.day}"
    [glued] = find_dates(f"截至{day.year}{month_day}日。")
    assert glued.date is None and glued.problem.code == "glued_all"
    [whole] = find_dates(f"截至{day.year}年{day.month}月{day.day}日。")
    assert whole.date == day and whole.problem is None


_PROSE = "本机关认真贯彻落实政府信息公开条例，" * 5  # a text longer than the finder reads whole


@given(st.sampled_from(["", _PROSE]), st.lists(st.sampled_from(
    ["2021", "20221231", "1231", "11", "5", "年", "月", "日", " 日", "期", "均", " ", "\u3000", "\n", "至", "到", "-",
     "号"]), max_size=8), st.sampled_from(["", _PROSE]))
@settings(max_examples=300)
def test_the_cue_sees_every_date_the_patterns_read(before, words, after):
    """``find_dates`` reads only the stretches of text holding a cue (``_CUE``): it finds what the patterns
    find in the whole text (``dates_in``), glued dates with a space or a line break before 日 among them."""
    text = before + "".join(words) + after
    assert find_dates(text) == list(dates_in(text))


def test_a_glued_date_with_a_space_before_the_day_is_read_in_a_long_text():
    for written in ("20240105 日", "20240105\u3000日", "20240105\n日", "至1231 日", "到 1231日"):
        [found] = find_dates(f"{_PROSE}统计期限{written}止。{_PROSE}")
        assert found.raw == written and found.date is None and found.problem.code in ("glued_all", "glued_day")


def test_a_number_before_a_word_with_day_in_it_is_no_date():
    # 日期 (date) and 日均 (daily) after a number: a form's label, a visit count
    found = find_dates(f"{_PROSE}受理编号：20240315 日期：2024年3月15日，网站访问量2021531日均1000次。")
    assert [(f.raw, f.date) for f in found] == [("2024年3月15日", D(2024, 3, 15))]


def test_numbers_before_a_day_that_read_as_no_date_are_not_dates():
    # no year of 1949 to 2100, or no month and day after it; a count after a range link
    assert find_dates("日均访问2000000日活，1234567日，时限缩短到1000日，延长至120日。") == []


def test_find_dates_ignores_phone_numbers_and_decimals():
    assert find_dates("电话/传真：0591-23165370，收费1.5万元，增长12.5%") == []


def test_partial_dates_are_valid_but_dateless():
    [ym, md] = find_dates("2021年12月，12月31日前")
    assert (ym.date, ym.problem, md.date, md.problem) == (None, None, None, None)


# --------------------------------------------------------------------------- D101 late publication


def test_department_published_after_january_31():
    rep = report(title="某市教育局2021年政府信息公开工作年度报告", published=D(2022, 2, 14),
                 preamble="某市教育局2021年政府信息公开工作年度报告\n发布日期:2022-02-14")
    [d] = run("D101", rep)
    assert d.severity == "warning"
    assert d.found == "2022-02-14" and d.expected == "≤2022-01-31"
    assert "2022年1月31日" in d.message and "14天" in d.message
    assert "2022-02-14" in d.location.quote


def test_department_published_in_time():
    rep = report(title="某市教育局2021年政府信息公开工作年度报告", published=D(2022, 1, 14))
    assert run("D101", rep) == []


def test_township_uses_january_31():
    rep = report(title="某县某某镇人民政府2021年政府信息公开工作年度报告", published=D(2022, 2, 10))
    [d] = run("D101", rep)
    assert d.severity == "warning" and d.expected == "≤2022-01-31"


def test_local_government_aggregate_report_has_until_march_31():
    title = "平潭综合实验区2021年度政府信息公开工作年度报告"
    assert run("D101", report(title=title, published=D(2022, 2, 8))) == []
    [d] = run("D101", report(title=title, published=D(2022, 4, 6)))
    assert d.expected == "≤2022-03-31" and d.severity == "warning"


def test_government_title_with_aggregate_wording():
    sections = official(overview="2021年，全市各级行政机关扎实推进政务公开。")
    rep = report(sections, title="某市人民政府2021年政府信息公开工作年度报告", published=D(2022, 3, 1))
    assert run("D101", rep) == []


def test_unsure_kind_between_deadlines_is_info_and_says_the_assumption():
    rep = report(title="某市人民政府2021年政府信息公开工作年度报告", published=D(2022, 2, 20))
    [d] = run("D101", rep)
    assert d.severity == "info"
    assert "推定" in d.message and "3月31日" in d.message


def test_aggregate_setting_decides():
    rep = report(title="某市人民政府2021年政府信息公开工作年度报告", published=D(2022, 2, 20))
    assert run("D101", rep, settings={"aggregate": True}) == []
    [d] = run("D101", rep, settings={"aggregate": False})
    assert d.severity == "warning"


def test_publication_date_read_from_page_chrome_when_metadata_lacks_it():
    rep = report(title="某市教育局2021年政府信息公开工作年度报告",
                 preamble="某市教育局2021年政府信息公开工作年度报告\n来源：某市教育局 时间：2022-03-08 16:34")
    [d] = run("D101", rep)
    assert d.found == "2022-03-08"


# --------------------------------------------------------------------------- D102 statistics period


def test_period_of_the_previous_year():
    sections = official(overview="本报告所列数据的统计期限为2020年1月1日至2020年12月31日。2021年，本机关扎实推进政务公开。")
    [d] = run("D102", report(sections))
    assert d.severity == "warning"
    assert d.found == "2020-01-01/2020-12-31" and d.expected == "2021-01-01/2021-12-31"
    assert d.location.quote.startswith("本报告所列数据的统计期限为2020年1月1日")


def test_period_stated_as_a_year():
    sections = official(other="本报告数据统计期限为2020年度。")
    [d] = run("D102", report(sections))
    assert d.found == "2020-01-01/2020-12-31"


def test_period_of_the_report_year_is_silent():
    for text in ("8.信息数据统计期限为:2021年1月1日—2021年12月31日。",
                 "本报告所列数据的统计期限自2021年1月1日起至12月31日止。"):
        assert run("D102", report(official(overview=text))) == []


def test_cut_off_date_is_not_a_period():
    sections = official(overview="截至2021年12月31日，现行有效规范性文件8件。统计时间截至2021年12月31日。")
    assert run("D102", report(sections)) == []


# --------------------------------------------------------------------------- D103 signing date


def test_signed_after_published():
    sections = official(other="本年度未收取信息处理费。\n某县人民政府办公室\n2022年1月24日")
    rep = report(sections, published=D(2022, 1, 14), signed=D(2022, 1, 24))
    [d] = run("D103", rep)
    assert d.severity == "warning" and "10天" in d.message
    assert d.location.quote == "2022年1月24日"


def test_signed_before_published_is_silent():
    rep = report(published=D(2022, 1, 14), signed=D(2022, 1, 4))
    assert run("D103", rep) == []


# --------------------------------------------------------------------------- D104 malformed dates


def test_malformed_dates_are_quoted():
    sections = official(overview="截至202512月31日，现行有效规范性文件8件。",
                        problems="2021年13月起开展专项整治，于2月30日前完成整改。")
    found = run("D104", report(sections))
    assert [d.found for d in found] == ["202512月31日", "2021年13月", "2月30日"]
    assert all(d.severity == "warning" for d in found)
    assert "应为2025年12月31日" in found[0].message and "2月没有30日" in found[2].message
    assert found[0].location.quote == "截至202512月31日，现行有效规范性文件8件。"


def test_well_formed_dates_and_numbers_are_silent():
    sections = official(overview="2021年1月1日至12月31日，共收到申请12件，办结率100%，电话0971-8888888，"
                                 "2024年2月29日召开会议，12月底前完成。")
    assert run("D104", report(sections)) == []
    assert run("D104", report([section("一、总体情况", "全年公开信息2715条。")])) == []


def test_title_broken_over_two_lines_names_the_issuer():
    sections = official(overview="2024年，全市共受理政府信息公开申请3119件。")
    rep = report(sections, year=2024, title="2024 年政府信息公开工作年度报告", published=D(2025, 3, 20),
                 preamble="淮安市人民政府\n2024 年政府信息公开工作年度报告\n本报告由淮安市人民政府办公室编制。")
    assert run("D101", rep) == []  # the city's own aggregate report: due by 3月31日
    rep.meta.published = D(2025, 4, 2)
    [d] = run("D101", rep)
    assert d.expected == "≤2025-03-31"


def test_messages_in_english():
    rep = report(title="某市教育局2021年政府信息公开工作年度报告", published=D(2022, 2, 14))
    [d] = run("D101", rep, lang="en")
    assert "31 January" in d.message and "2022-02-14" in d.message
    [d] = run("D104", report(official(overview="截至202512月31日。")), lang="en")
    assert "2025-12-31?" in d.message


def test_d105_a_document_cited_that_was_issued_after_the_report_was_published():
    # jjp-2019 (tests/corpus): published 2020-01-09, cites 国办函〔2020〕109号 (issued 2020-11-06)
    import datetime as dt  # noqa: PLC0415

    from report_helpers import official, report, run  # noqa: PLC0415

    text = "按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）规定的收费标准，本年度没有收费。"
    [d] = run("D105", report(official(other=text), year=2019, published=dt.date(2020, 1, 9)))
    assert d.severity == "warning" and "国办函〔2020〕109号" in d.message and "2020-11-06" in d.message
    assert run("D105", report(official(other=text), year=2021, published=dt.date(2022, 1, 20))) == []
    later = "依据某省政府办公厅文件（某政办〔2023〕5号）开展工作。"  # a year after publication: certain too
    [d] = run("D105", report(official(other=later), year=2021, published=dt.date(2022, 1, 20)))
    assert "某政办〔2023〕5号" in d.message


def test_the_publication_date_is_the_named_one_among_a_pages_dates():
    """Many pages give 成文日期 (or 更新时间) before 发布日期: the publication date is the 发布日期's, whatever
    stands before it; a page without one keeps the first of its other dates, as before."""
    from gklint.ingest import read_bytes

    def published(chrome: str):
        text = f"某县审计局2024年政府信息公开工作年度报告\n{chrome}\n一、总体情况\n本年度…\n"
        return read_bytes("page.txt", text.encode()).meta.published

    assert published("成文日期：2025-01-10\n发布日期：2025-01-15") == D(2025, 1, 15)
    assert published("成文日期：2025-01-10 发布日期：2025-01-15") == D(2025, 1, 15)
    assert published("更新时间：2025-06-03\n发布日期：2025-01-15") == D(2025, 1, 15)
    assert published("成文日期：2025-01-10") == D(2025, 1, 10)


def test_government_title_with_aggregate_wording_in_the_opening():
    """"本报告涵盖全县…" in the opening paragraph says a county government's own report (due by 3月31日)."""
    rep = report(title="某县人民政府2021年政府信息公开工作年度报告", published=D(2022, 3, 26),
                 preamble="某县人民政府2021年政府信息公开工作年度报告\n本报告涵盖全县各级行政机关政府信息公开工作情况。")
    assert run("D101", rep) == []
