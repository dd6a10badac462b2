"""Headers and row labels worded unlike the official ones: a header cut short (missing its last characters, or
kept only up to its line break), a row label written as one of the row's other names. Both paths, the grid of
an HTML page and the text, read the table the same way and say the same (L104, info), never a missing column."""

from __future__ import annotations

import gklint
import pytest
from gklint import layouts as L
from gklint.read.text import read_text
from gklint.recognise.recognise import recognise
from gklint.testing import render_text, zero_report

from render_html import render_portal_page


@pytest.mark.parametrize("version, table, text, column", [
    ("2021", "二", "现行有效件", "in_force"),  # the last character missing
    ("2021", "二", "本年制发", "issued"),  # kept up to its line break (本年制发<br>件数)
    ("2021", "二", "本年收费金额单位：万元", "fees_amount"),  # longer than an alias: as before
    ("2019", "二", "处理决定", "decisions"),
    ("2021", "三", "社会公益", "public_interest"),
])
def test_a_header_cut_short_names_its_one_column(version, table, text, column):
    assert L.get(version).table(table).first_matching("columns", text).id == column


@pytest.mark.parametrize("version, table, text", [
    ("2019", "二", "本年新"),  # 本年新制作数量 and 本年新公开数量: two columns, neither
    ("2021", "二", "本年"),  # too short to name anything
    ("2021", "四", "结果"),
    ("2021", "二", "现行"),  # under half of the name
])
def test_a_beginning_of_two_columns_or_a_short_one_names_none(version, table, text):
    assert L.get(version).table(table).first_matching("columns", text) is None


def _findings(result, rule):
    return [d for d in result.diagnostics if d.rule == rule]


@pytest.fixture(scope="module")
def report():
    return zero_report("2021", year=2023)


def test_html_header_cut_short_reads_the_column_and_says_its_wording(tmp_path, report):
    path = tmp_path / "page.html"
    path.write_bytes(render_portal_page(report, wording={"现行有效件数": "现行有效件"}))
    result = gklint.check(path)
    assert not _findings(result, "R102")  # was: 规章, 行政规范性文件 "缺少“现行有效件数”列"
    [l104] = _findings(result, "L104")
    assert (l104.severity, l104.found, l104.expected) == ("info", "现行有效件", "现行有效件数")
    assert result.report.cell("二", "regulations", "in_force").kind == "number"


@pytest.mark.parametrize("wording", [{"现行有效件数": "现行有效件"}, {"行政规范性文件": "规范性文件"}])
def test_text_and_html_say_the_same_of_a_wording(tmp_path, report, wording):
    path = tmp_path / "page.html"
    path.write_bytes(render_portal_page(report, wording=wording))
    text = render_text(report)
    for old, new in wording.items():
        text = text.replace(old, new)
    said = [[(d.found, d.expected) for d in _findings(result, "L104")]
            for result in (gklint.check(path), gklint.check(recognise(read_text("r.txt", text))))]
    assert said[0] == said[1] == [(new, old) for old, new in wording.items()]


def test_text_header_wrapped_over_two_lines_is_no_wording(report):
    text = render_text(report).replace("现行有效件数", "现行有效\n件数")
    assert not _findings(gklint.check(recognise(read_text("r.txt", text))), "L104")


def test_text_label_differing_only_in_punctuation_is_no_wording(report):
    official = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    text = render_text(report).replace(official, official.replace("、", "，"))
    assert not _findings(gklint.check(recognise(read_text("r.txt", text))), "L104")
