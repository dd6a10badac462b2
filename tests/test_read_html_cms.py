"""Page shapes a government CMS makes of a consistent report: footnote marks set as superscripts in cells,
a blank spacer row under table 四's header, print/share/related-link blocks after the article, the date only
in the page's 索引号 box, and a page that only embeds the report's PDF. None may change what is read."""

from __future__ import annotations

import re

import gklint
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gklint.cli import app
from gklint.read.document import Grid, Paragraph
from gklint.read.errors import ReadError
from gklint.read.html import read_html
from gklint.read.html_tables import _last_shown
from gklint.read.html_text import clean
from gklint.testing import consistent_report

from render_html import render_portal_page
from strategies import reports

_VALUE_CELL = re.compile(r'(<span style="[^"]*">)(\d+)(</span></p></td>)')
_INFO_LINE = re.compile(r'<div class="article_info">.*?</div>', re.S)
RELATED = ('<div class="related"><h4>相关链接</h4><ul>'
           + "".join(f'<li><a href="/a/{i}.html">某某县第{i}号政府信息公开工作年度报告（示例标题）</a><span>2023-01-{i + 10}</span></li>'
                     for i in range(8)) + "</ul></div>")


@pytest.fixture(scope="module")
def report():
    return consistent_report(3, "2021", year=2023)


def _page(report) -> str:
    return render_portal_page(report, encoding="utf-8").decode("utf-8")


def _check(tmp_path, page: str):
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("utf-8"))
    return gklint.check(path)


def _cells(report):
    return {(t, k): (c.kind, c.value) for t, table in report.tables.items() for k, c in table.cells.items()}


def _rules(result) -> set[str]:
    return {d.rule for d in result.diagnostics}


def _cell_texts(html: str) -> list[list[str]]:
    return read_html("t.html", f"<html><body><table>{html}</table></body></html>".encode("utf-8")).grids[0].texts()


# --------------------------------------------------------------------------- <sup> note marks

@pytest.mark.parametrize("mark", ["1", "12", "＊", "*", "※", "①", "注1", "（2）"])
def test_a_superscript_mark_after_a_number_is_no_digit(mark):
    assert _cell_texts(f"<tr><td>行</td><td>157<sup>{mark}</sup></td></tr>") == [["行", "157"]]


@given(st.lists(st.text(st.sampled_from("7文m \u3000\u00a0\u200b\ufeff\n")), max_size=12))
def test_the_last_shown_character_is_read_as_the_joined_text_shows_it(parts):
    assert _last_shown(parts) == clean("".join(parts))[-1:]


def test_marks_after_each_of_many_numbers_in_one_cell():
    rows = _cell_texts("<tr><td>行</td><td>" + "".join(f"{i}<sup>1</sup>、" for i in range(60)) + "</td></tr>")
    assert rows == [["行", "、".join(map(str, range(60))) + "、"]]


def test_a_superscript_elsewhere_stays_text():
    rows = _cell_texts("<tr><td>（一）予以公开<sup>1</sup></td><td>面积m<sup>2</sup></td><td>10<sup>345</sup></td>"
                       "<td>3<sub>1</sub></td></tr>")
    assert rows == [["（一）予以公开1", "面积m2", "10345", "31"]]


def test_marked_values_read_as_the_report(tmp_path, report):
    plain = _page(report)
    marked, n = _VALUE_CELL.subn(r"\1\2<sup>1</sup>\3", plain)
    assert n > 50
    result = _check(tmp_path, marked)
    assert _cells(result.report) == _cells(report)  # was 1571 for 157¹: T302/T303 errors
    assert _rules(result) == _rules(_check(tmp_path, plain))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(reports(), st.sampled_from(["1", "※", "①", "注2"]))
def test_any_report_with_marked_values_reads_back(tmp_path, generated, mark):
    marked = _VALUE_CELL.sub(rf"\1\2<sup>{mark}</sup>\3", _page(generated))
    assert _cells(_check(tmp_path, marked).report) == _cells(generated)


# --------------------------------------------------------------------------- a spacer row under table 四's header

def test_a_blank_spacer_row_above_table_4s_values_is_skipped(tmp_path, report):
    page = _page(report)
    last = page.rindex("<tr ")  # table 四's row of values, the page's last table row
    page = page[:last] + '<tr style="height:3pt"><td colspan="15" style="border:none">&nbsp;</td></tr>\n' + page[last:]
    result = _check(tmp_path, page)
    assert _cells(result.report) == _cells(report)  # was: every value blank (C204 error, R102)
    assert not _rules(result) & {"C204", "C201", "R102"}


def test_table_4_left_blank_is_still_read_as_blank(tmp_path, report):
    page = _page(report)
    table = page.rindex("<table")
    last = page.rindex("<tr ")
    blanked = page[:last] + _VALUE_CELL.sub(r"\1\3", page[last:])
    assert blanked != page and table < last
    result = _check(tmp_path, blanked)
    assert {c.kind for k, c in result.report.tables["四"].cells.items()} == {"blank"}


# --------------------------------------------------------------------------- text after the article

def _late(page: str) -> str:
    return re.sub(r"发布时间：\d{4}-\d\d-\d\d", "发布时间：2024-03-20", page)


def test_related_links_after_the_article_keep_the_date_line(tmp_path, report):
    page = _late(_page(report)).replace('<div class="share">', RELATED + '<div class="share">')
    assert len(RELATED) > 400
    result = _check(tmp_path, page)
    assert str(result.report.meta.published) == "2024-03-20"  # was: the date line dropped, no D101
    assert "D101" in _rules(result)


# --------------------------------------------------------------------------- the 索引号 box

BOX = """<table class="xxgk" border="1"><tr><td>索&nbsp;引&nbsp;号：</td><td>000000000/2024-00001</td>
<td>主题分类：</td><td>年度报告</td></tr>
<tr><td>发布机构：</td><td>某某县某局</td><td>发布日期：</td><td>2024-03-20</td></tr>
<tr><td>成文日期：</td><td>2024-01-10</td><td>文&nbsp;&nbsp;号：</td><td></td></tr></table>"""


@pytest.mark.parametrize("where", ["outside", "inside"])
def test_a_date_only_in_the_index_box_is_read(tmp_path, report, where):
    page = _INFO_LINE.sub('<div class="article_info">来源：某某县某局</div>', _page(report))
    if where == "outside":
        page = page.replace('<div class="position">', BOX + '<div class="position">')
    else:
        page = page.replace('<h1 class="article_title">', BOX + '<h1 class="article_title">')
    result = _check(tmp_path, page)
    assert str(result.report.meta.published) == "2024-03-20"
    assert "D101" in _rules(result)
    doc = read_html("p.html", page.encode("utf-8"))
    lines = [b.text for b in doc.blocks[:6] if isinstance(b, Paragraph)]
    assert "发布机构：某某县某局 发布日期：2024-03-20" in lines
    assert not any("索引号" in c.text for g in doc.grids for row in g.rows for c in row if c)


def test_a_report_table_is_no_index_box():
    doc = read_html("t.html", "<html><body><table><tr><td>时间：</td><td>3</td></tr><tr><td>地点：</td><td>4</td></tr>"
                    "</table></body></html>".encode("utf-8"))
    assert [type(b) for b in doc.blocks] == [Grid]  # label：value cells, but no index or issuer


# --------------------------------------------------------------------------- a page embedding the PDF

EMBED = ('<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body><div class="article">'
         '<h1>某局2023年政府信息公开工作年度报告</h1><p>发布时间：2024-01-15</p>'
         '<iframe src="/u/cms/2024/ndbg.pdf" width="100%" height="900"></iframe>'
         '<p>附件：<a href="/u/cms/2024/ndbg.pdf">年度报告.pdf</a></p></div></body></html>')


@pytest.mark.parametrize("tag", ['<iframe src="{}"></iframe>', '<embed src="{}" type="application/pdf">',
                                 '<object data="{}"></object>'])
def test_a_page_only_embedding_the_report_is_a_read_error(tag):
    page = EMBED.replace('<iframe src="/u/cms/2024/ndbg.pdf" width="100%" height="900"></iframe>',
                         tag.format("/files/report.pdf?v=2"))
    with pytest.raises(ReadError, match="report.pdf"):
        read_html("e.html", page.encode("utf-8"))


def test_the_cli_says_so_and_exits_2(tmp_path):
    path = tmp_path / "e.html"
    path.write_bytes(EMBED.encode("utf-8"))
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 2 and "ndbg.pdf" in result.stderr


def test_a_report_page_with_an_embedded_pdf_is_read(tmp_path, report):
    page = _page(report).replace('<div class="share">', '<iframe src="/u/report.pdf"></iframe><div class="share">')
    result = _check(tmp_path, page)
    assert _cells(result.report) == _cells(report)
