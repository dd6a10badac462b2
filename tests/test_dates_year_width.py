"""A year of the wrong width in a date (scout10: "自2020年1月1日起至202020年12月31日止"; "20202年12月31日").

Before, a six-digit year was no date at all (no D104), and the statistics period read "20202年12月31日" as the
year 202 (D102 quoting "202年12月31日"). Now the year as written is D104's "年份不成立", and no date is read from
the digits inside it.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import gklint
from gklint.dates import find_dates
from gklint.read.text import read_text
from gklint.recognise.recognise import recognise
from gklint.testing import consistent_report
from render import render_text


def test_a_year_of_five_or_six_digits_is_a_bad_year():
    found = find_dates("自2020年1月1日起至202020年12月31日止，或至20202年12月31日。")
    assert [(f.raw, f.date) for f in found] == [
        ("2020年1月1日", dt.date(2020, 1, 1)), ("202020年12月31日", None), ("20202年12月31日", None)]
    assert [f.problem.values for f in found[1:]] == [{"raw": "202020"}, {"raw": "20202"}]
    assert {f.problem.code for f in found[1:]} == {"bad_year"}


def _checked(period: str):
    rep = consistent_report(7, year=2020)
    text = render_text(rep).replace("\n\n", f"\n\n本报告统计期限为{period}。\n\n", 1)
    return gklint.check(recognise(read_text("page.txt", text))).diagnostics


def test_wide_year_in_the_period_is_d104_and_never_reread_as_another_year():
    for wide in ("202020", "20202"):
        found = _checked(f"2020年1月1日至{wide}年12月31日")
        d104 = [d for d in found if d.rule == "D104"]
        assert [d.message for d in d104] == [f"日期“{wide}年12月31日”写法有误：年份“{wide}”不成立。"]
        assert not [d for d in found if d.rule == "D102"], [d.message for d in found if d.rule == "D102"]


def test_right_year_in_the_period_is_silent():
    assert not [d for d in _checked("2020年1月1日至2020年12月31日") if d.rule in ("D102", "D104")]


@given(st.integers(10_000, 10**9), st.sampled_from(["共{n}件", "{n}年", "{n}元", "第{n}号", "{n}人次", "{n}.5万元"]))
def test_no_date_is_read_from_an_ordinary_number(n, shape):
    assert find_dates("本年度" + shape.format(n=n) + "。") == []
