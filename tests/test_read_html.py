"""The HTML reader: content picked out of a portal page, paragraphs in order, tables as grids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gklint.read.document import Grid, Paragraph
from gklint.read.html import read_html
from gklint.read.sniff import decode_text as decode

FIXTURES = Path(__file__).parent / "fixtures"
HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def read(name: str):
    path = FIXTURES / name
    return read_html(str(path), path.read_bytes())


def texts(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def kinds(doc) -> list[str]:
    """The document as a sequence: section headings by number, G for a grid, . for other text."""
    out = []
    for b in doc.blocks:
        if isinstance(b, Grid):
            out.append("G")
        elif any(b.text.startswith(h) for h in HEADINGS):
            out.append(b.text[0])
    return out


@pytest.mark.parametrize("name,year", [("pingtan-2021.html", 2021), ("pingtan-2024.html", 2024)])
def test_portal_page_content(name, year):
    doc = read(name)
    assert doc.format == "html"
    # The six sections in order, each table right after the heading that introduces it.
    assert kinds(doc) == ["一", "二", "G", "三", "G", "四", "G", "五", "六"]
    paragraphs = texts(doc)
    # The title (shown above the article) is kept; navigation, search box and the share/QR
    # footer after the article are not.
    title = f"平潭综合实验区{year}年度政府信息公开工作年度报告"
    assert title in paragraphs
    assert paragraphs.index(title) < paragraphs.index("一、总体情况")
    joined = "\n".join(paragraphs)
    assert paragraphs[:3] == [title, f"来源：{'平潭县人民政府' if year == 2021 else '平潭综合实验区管委会办公室'} "
                              f"时间：{'2022-02-08 16:34' if year == 2021 else '2025-03-10 15:35'}",
                              paragraphs[2]]
    assert paragraphs[2].startswith(("根据", "本报告根据"))  # the report's own introduction
    assert paragraphs[3] == "一、总体情况"
    for chrome in ("闽政通APP", "热门搜索", "扫一扫", "网站支持IPV6", "关闭", "当前位置", "相关链接"):
        assert chrome not in joined
    assert paragraphs[-1] == f"{year}年，无收取信息处理费情况。"
    assert not any("function(" in t or "{" in t for t in paragraphs)
    # NBSPs are collapsed and stripped.
    assert "一、总体情况" in paragraphs
    assert all(t == t.strip() and "\xa0" not in t and "  " not in t for t in paragraphs)


def test_paragraphs_keep_source_lines():
    doc = read("pingtan-2021.html")
    heading = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.text == "一、总体情况")
    lines = (FIXTURES / "pingtan-2021.html").read_text("utf-8").split("\n")
    # the page-source line is kept as data (markup_line), not as the line a person is shown
    assert heading.source.line is None
    assert "总体情况" in lines[heading.source.markup_line - 1]


def test_grid_merges_resolved():
    doc = read("pingtan-2021.html")
    t2, t3, t4 = doc.grids
    assert [len(t2.rows), len(t2.rows[0])] == [14, 4]
    assert [len(t3.rows), len(t3.rows[0])] == [28, 11]
    assert [len(t4.rows), len(t4.rows[0])] == [4, 15]
    # 第二十条第（五）项 spans the four columns; covered positions are None.
    block = t2.rows[4][0]
    assert (block.text, block.colspan, block.rowspan) == ("第二十条第（五）项", 4, 1)
    assert t2.rows[4][1:] == [None, None, None]
    # 三、本年度办理结果 spans 22 rows of table 三, （三）不予公开 eight.
    results = t3.rows[5][0]
    assert (results.text, results.rowspan, results.colspan) == ("三、本年度办理结果", 22, 1)
    assert all(t3.rows[r][0] is None for r in range(6, 27))
    refused = t3.rows[7][1]
    assert (refused.text, refused.rowspan) == ("（三）不予公开", 8)
    assert t3.cell_at(10, 1) is refused and t3.cell_at(10, 0) is results
    # Each cell knows where it is, 1-based.
    secret = t3.rows[7][2]
    assert secret.text == "1.属于国家秘密"
    assert (secret.source.table, secret.source.row, secret.source.column) == (2, 8, 3)
    # Table 四's header: 行政诉讼 over ten columns, 结果维持 down two rows.
    assert (t4.rows[0][5].text, t4.rows[0][5].colspan) == ("行政诉讼", 10)
    assert (t4.rows[1][0].text, t4.rows[1][0].rowspan) == ("结果维持", 2)
    assert [c.text for c in t4.rows[3]] == "1 0 2 0 3 12 0 0 0 12 0 0 0 0 0".split()


def test_gbk_page_reads_like_utf8():
    utf8 = (FIXTURES / "pingtan-2024.html").read_text("utf-8")
    page = utf8.replace('<meta charset="utf-8"', '<meta charset="gbk"')
    assert page != utf8
    # Characters GBK lacks (none expected in the text) would become character references.
    data = page.encode("gbk", errors="xmlcharrefreplace")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    gbk_doc = read_html("gbk.html", data)
    utf_doc = read("pingtan-2024.html")
    assert texts(gbk_doc) == texts(utf_doc)
    assert [g.texts() for g in gbk_doc.grids] == [g.texts() for g in utf_doc.grids]
    assert "一、总体情况" in texts(gbk_doc)


def test_gb2312_declared_in_http_equiv():
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            '</head><body><p>一、总体情况</p><p>本机关全年公开政府信息１２条，镕字不在GB2312。</p></body></html>')
    doc = read_html("x.html", page.encode("gb18030"))
    assert texts(doc)[-1] == "本机关全年公开政府信息１２条，镕字不在GB2312。"


def test_undeclared_gbk_falls_back_to_detection():
    utf8 = (FIXTURES / "pingtan-2021.html").read_text("utf-8")
    page = re.sub(r"<meta charset=\"utf-8\"", "<meta", utf8)
    doc = read_html("x.html", page.encode("gbk", errors="xmlcharrefreplace"))
    assert "一、总体情况" in texts(doc)
    assert len(doc.grids) == 3


def test_decode_prefers_bom_and_valid_utf8():
    assert decode("\ufeff<p>公开</p>".encode("utf-8")) == "<p>公开</p>"
    # A page that says gb2312 but is UTF-8 (templated portals do this).
    assert "公开" in decode('<meta charset="gb2312"><p>公开</p>'.encode("utf-8"))


LAYOUT_PAGE = """<!DOCTYPE html>
<html><head><title>某县2023年政府信息公开工作年度报告_年报_某县人民政府</title>
<style>p {{ color: red }}</style><script>var x = "一、总体情况";</script></head>
<body>
<div class="nav"><a href="/">首页</a><a href="/a">政务公开</a><p>一、导航</p></div>
<table width="100%"><tr><td class="left"><ul><li><a href="/x">机构概况</a></li></ul></td>
<td class="main">
  <h1>某县2023年政府信息公开工作年度报告</h1>
  <div class="body">
    <p>一、总体情况</p>
    <p>第一行<br>第二行<br/>  第三&nbsp;行</p>
    <div>段落&#12288;文字  在
    div 中</div>
    <p style="display:none">隐藏的文字</p>
    <p>二、主动公开政府信息情况</p>
    <table border="1">
      <tr><td colspan="2">第二十条第（一）项</td></tr>
      <tr><th>信息内容</th><th>本年制发件数</th></tr>
      <tr><td rowspan="2">规章</td><td>1</td></tr>
      <tr><td> 2 </td></tr>
    </table>
    <p>三、收到和处理政府信息公开申请情况</p>
  </div>
</td></tr></table>
<div class="footer"><p>主办单位：某县人民政府办公室</p><p>网站标识码：123</p></div>
</body></html>"""


def test_layout_table_is_walked_not_gridded():
    doc = read_html("layout.html", LAYOUT_PAGE.format().encode("utf-8"))
    paragraphs = texts(doc)
    assert paragraphs == ["某县2023年政府信息公开工作年度报告", "一、总体情况", "第一行", "第二行", "第三 行",
                          "段落 文字 在 div 中", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]
    (grid,) = doc.grids
    assert grid.texts() == [["第二十条第（一）项", "第二十条第（一）项"], ["信息内容", "本年制发件数"],
                            ["规章", "1"], ["规章", "2"]]
    assert grid.rows[3][0] is None and grid.rows[2][0].rowspan == 2
    assert grid.source.table == 1


def test_title_from_head_when_page_shows_none():
    page = ("<html><head><title>某局2022年政府信息公开工作年度报告_通知公告</title></head><body>"
            "<div><p>一、总体情况</p><p>正文。</p><p>二、主动公开政府信息情况</p></div></body></html>")
    doc = read_html("t.html", page.encode("utf-8"))
    assert texts(doc)[0] == "某局2022年政府信息公开工作年度报告"


def test_no_external_entities_or_network(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", "utf-8")
    page = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>'
            '<html><body><p>一、总体情况</p><p>a&x;b</p><p>二、主动公开</p></body></html>')
    doc = read_html("e.html", page.encode("utf-8"))
    assert "TOPSECRET" not in "".join(texts(doc))


def test_empty_and_broken_pages():
    assert read_html("e.html", b"").blocks == []
    doc = read_html("b.html", "<p>一、总体情况<table><tr><td>1<td>2</table>".encode("utf-8"))
    assert texts(doc) == ["一、总体情况"]
    assert doc.grids[0].texts() == [["1", "2"]]


def test_br_separated_report_in_one_block():
    page = ("<html><body><div class='nav'><a href='/'>首页</a> <span>网站导航说明文字很长很长</span></div>"
            "<div class='article'><h2>某镇2022年政府信息公开工作年度报告</h2>"
            "<div class='text'>一、总体情况<br>本年度主动公开信息12条。<br>二、主动公开政府信息情况<br>"
            "<table><tr><td>信息内容</td><td>本年处理决定数量</td></tr><tr><td>行政许可</td><td>3</td></tr></table>"
            "三、收到和处理政府信息公开申请情况<br>本年度未收到申请。</div></div>"
            "<div class='footer'>版权所有</div></body></html>")
    doc = read_html("br.html", page.encode("utf-8"))
    seq = ["G" if isinstance(b, Grid) else b.text for b in doc.blocks]
    assert seq == ["某镇2022年政府信息公开工作年度报告", "一、总体情况", "本年度主动公开信息12条。", "二、主动公开政府信息情况",
                   "G", "三、收到和处理政府信息公开申请情况", "本年度未收到申请。"]


def test_without_numbered_headings_the_densest_text_wins():
    nav = "".join(f"<li><a href='/{i}'>栏目{i}</a></li>" for i in range(30))
    page = (f"<html><head><title>某局年度报告</title></head><body><ul>{nav}</ul>"
            "<div class='side'><p>联系我们</p><p>电话：123</p></div>"
            "<div class='article'><p>本局全年主动公开政府信息350条，其中规范性文件3件。</p>"
            "<p>全年收到政府信息公开申请5件，均已按期答复。</p><p>未发生行政复议和行政诉讼。</p></div>"
            "<div class='footer'><p>主办：某局</p></div></body></html>")
    doc = read_html("plain.html", page.encode("utf-8"))
    assert texts(doc) == ["某局年度报告", "本局全年主动公开政府信息350条，其中规范性文件3件。",
                          "全年收到政府信息公开申请5件，均已按期答复。", "未发生行政复议和行政诉讼。"]
