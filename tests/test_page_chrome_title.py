"""A report copied or saved from a portal page with its chrome around the title: a breadcrumb cut into lines
("首页", "> 政务公开", "> 信息公开年度报告"), the page's tools ("字号：大 中 小", "【打印本页】", "分享到："). The title
is the line naming 年度报告 with an office and a year, so the office (and the deadline D101 holds it to), the
year and the publication date are found as on a clean page."""

from __future__ import annotations

import datetime as dt
from html import escape

import gklint
import pytest
from gklint.ingest import read_bytes
from gklint.recognise.meta import find_title
from gklint.testing import render_text, zero_report

OFFICE = "青山县石门镇"
TITLE = f"{OFFICE}2023年政府信息公开工作年度报告"
CRUMB = ["当前页面：", "首页", "> 政务公开", "> 信息公开年度报告", "> 乡镇信息公开年度报告"]
TOOLS = ["字号：大 中 小", "【打印本页】【关闭窗口】", "分享到："]
PUBLISHED = "发布时间：2024-03-26"  # late for a town's report (31 January)


def _body() -> list[str]:
    """The report's lines after its title and date (a town's report, every figure 0)."""
    lines = render_text(zero_report("2021", year=2023, agency=OFFICE)).splitlines()
    return lines[lines.index("一、总体情况"):]


def _page(head: list[str]) -> str:
    return "\n\n".join([*head, *_body()])


@pytest.mark.parametrize("head", [
    [*CRUMB, *TOOLS, PUBLISHED, TITLE],
    [*CRUMB, PUBLISHED, TITLE, *TOOLS],
    ["首页 > 政务公开 > 信息公开年度报告", PUBLISHED, TITLE],
    ["当前位置：首页 > 政务公开 > 信息公开年度报告", *TOOLS, TITLE, PUBLISHED],
    ["政府信息公开年度报告", PUBLISHED, TITLE],  # the page's column named alone, without a breadcrumb's marks
    [f"首页 > 政务公开 > 信息公开年度报告 > {TITLE}", PUBLISHED],  # the title only as the breadcrumb's last item
])
def test_text_page_title_office_year_and_date_past_the_chrome(head):
    report = read_bytes("page.txt", _page(head).encode())
    meta = report.meta
    assert (meta.title, meta.agency, meta.year, meta.published) == (TITLE, OFFICE, 2023, dt.date(2024, 3, 26))
    [late] = [d for d in gklint.check(report).diagnostics if d.rule == "D101"]
    assert late.severity == "warning"  # the office is known: a town's deadline, not a presumed one (info)


def _html(head: list[str], title: str = "") -> bytes:
    paragraphs = "\n".join(f"<p>{escape(line)}</p>" for line in [*head, *_body()])
    return f"<html><head><title>{escape(title)}</title></head><body>{paragraphs}</body></html>".encode()


def test_html_page_title_past_the_breadcrumb():
    report = read_bytes("page.html", _html([*CRUMB, PUBLISHED, f"{TITLE}", *TOOLS]))
    assert (report.meta.agency, report.meta.year, report.meta.published) == (OFFICE, 2023, dt.date(2024, 3, 26))


def test_html_page_titled_only_in_its_title_element_past_a_breadcrumb():
    report = read_bytes("page.html", _html([*CRUMB, PUBLISHED], title=f"{TITLE}_乡镇信息公开年度报告_青山县人民政府"))
    assert (report.meta.title, report.meta.agency, report.meta.year) == (TITLE, OFFICE, 2023)


def test_a_sentence_naming_the_report_and_a_year_is_no_title():
    lines = ["石门镇政府信息公开工作年度报告", "现将2023年政府信息公开年度报告公布如下：", "根据条例，编制2023年政府信息公开年度报告。"]
    assert find_title(lines) == "石门镇政府信息公开工作年度报告"


def test_a_title_naming_a_year_is_preferred_to_the_page_column_before_it():
    assert find_title(["信息公开年度报告", TITLE]) == TITLE


@pytest.mark.parametrize("office", ["淮安市人民政府", "青山县石门镇人民政府"])
def test_a_title_on_two_lines_names_its_office_on_the_first(office):
    """淮安市人民政府 / 2024年政府信息公开工作年度报告: the office is the line above the year's title."""
    report = read_bytes("page.txt", _page([office, "2023年政府信息公开工作年度报告", PUBLISHED]).encode())
    assert (report.meta.title, report.meta.agency, report.meta.year) == ("2023年政府信息公开工作年度报告", office, 2023)


def test_a_line_with_figures_above_the_title_is_no_office():
    report = read_bytes("page.txt", _page(["索引号：123-456", "2023年政府信息公开工作年度报告", PUBLISHED]).encode())
    assert report.meta.agency is None


def test_the_huaian_pdf_names_its_office():
    from conftest import FIXTURES

    assert gklint.extract(str(FIXTURES / "huaian-2024.pdf")).meta.agency == "淮安市人民政府"
