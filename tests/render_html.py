"""Render a Report as a government portal page, the way a report is published: to test the HTML reader
against pages whose every value is known.

``render_portal_page(report)`` returns the page's bytes, GBK-encoded and declared gb2312 by default
(``encoding="utf-8"`` for a UTF-8 page). The page is built like the real ones (compare
tests/fixtures/pingtan-2021.html): a header with the site name, navigation menus and a search box,
scripts (statistics, font size, share), a layout table whose left cell is a column menu and whose
right cell holds the article; breadcrumbs, the article title, a "发布时间：… 来源：…" line, then the
report as Word exports it: paragraphs in ``<p class="MsoNormal">`` with inline styles, numbers in
their own ``<span lang="EN-US">``, source lines wrapped between Chinese characters, and the three
tables with the official template's merges (table 三: a three-row header, 三、本年度办理结果 and
（三）不予公开 … spanning their rows; table 四: a three-row header), blank cells holding ``&nbsp;``;
then print/close links and a footer.

What the report says is rendered from the Report alone: its title, publication date and agency, its
sections' headings and text (closing signature lines included), every table value as written
(``Cell.raw``), and the header wording it used where it differs from the official one (its
``header_alias`` notes).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from gklint import layouts as L
from gklint.core.model import Report

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANTS = "申请人情况"
T4_GROUPS = (("行政复议", ("review",)), ("行政诉讼", ("litigation_direct", "litigation_after_review")))
_TOP_LEVEL = re.compile(r"^[一二三四五六七八九十]+、")
_CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
_ASCII_RUN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.%:/\-]*")
_WRAP = 38  # Word's exporter wraps source lines; we wrap between two Chinese characters

BODY_STYLE = ("margin:0cm;text-indent:32.0pt;line-height:28.0pt;mso-line-height-rule:exactly")
BODY_FONT = "font-size:16.0pt;font-family:仿宋_GB2312;color:black"
HEADING_FONT = "font-size:16.0pt;font-family:黑体;mso-hansi-font-family:宋体;color:black"
CELL_FONT = "font-size:10.5pt;font-family:宋体;mso-bidi-font-family:宋体;color:black;mso-font-kerning:0pt"
SCRIPTS_HEAD = """<script type="text/javascript" src="/js/jquery-1.8.3.min.js"></script>
<script type="text/javascript">
var _hmt = _hmt || [];
(function() {
  var hm = document.createElement("script");
  hm.src = "https://hm.baidu.com/hm.js?3c1f7f0e5a8b";
  var s = document.getElementsByTagName("script")[0];
  s.parentNode.insertBefore(hm, s);
})();
function doZoom(size){ document.getElementById('zoom').style.fontSize = size + 'px'; }
</script>"""


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _wrap(text: str) -> str:
    """Break a long source line between two Chinese characters, as Word's HTML export does (a browser
    shows no space there)."""
    out, width = [], 0
    for i, ch in enumerate(text):
        out.append(ch)
        width += 1
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if width >= _WRAP and _CJK.match(ch) and _CJK.match(nxt):
            out.append("\n")
            width = 0
    return "".join(out)


def _runs(text: str, font: str) -> str:
    """A paragraph's text as Word exports it: Chinese runs in the body font, Latin and digit runs in
    their own span (lang="EN-US")."""
    parts, pos = [], 0
    for m in _ASCII_RUN.finditer(text):
        if m.start() > pos:
            parts.append(f'<span style="{font}">{_wrap(_esc(text[pos:m.start()]))}</span>')
        parts.append(f'<span lang="EN-US" style="{font};font-family:\'Times New Roman\'">{_esc(m.group())}</span>')
        pos = m.end()
    if pos < len(text):
        parts.append(f'<span style="{font}">{_wrap(_esc(text[pos:]))}</span>')
    return "".join(parts) or "&nbsp;"


def _paragraph(text: str, *, right: bool = False) -> str:
    style = BODY_STYLE + (";text-align:right" if right else "")
    align = ' align="right"' if right else ""
    return f'<p class="MsoNormal"{align} style="{style}">{_runs(text, BODY_FONT)}<span lang="EN-US"><o:p></o:p></span></p>'


def _heading(text: str) -> str:
    return (f'<p class="MsoNormal" style="{BODY_STYLE}"><b><span style="{HEADING_FONT}">{_esc(text)}</span></b>'
            f'<span lang="EN-US" style="{HEADING_FONT}"><o:p></o:p></span></p>')


# --------------------------------------------------------------------------- tables

def _td(text: str, *, rowspan: int = 1, colspan: int = 1, width: int = 60, header: bool = False) -> str:
    spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    body = _esc(text) if text else "&nbsp;"
    font = CELL_FONT + (";font-weight:bold" if header else "")
    return (f'<td width="{width}" valign="center"{spans} style="width:{width * 0.75:.2f}pt;border:solid windowtext 1.0pt;'
            f'padding:0cm 5.4pt 0cm 5.4pt"><p class="MsoNormal" align="center" style="text-align:center">'
            f'<span style="{font}">{body}</span></p></td>')


def _table(rows: Iterable[list[str]]) -> str:
    trs = "\n".join(f'<tr style="height:22.5pt">{"".join(cells)}</tr>' for cells in rows)
    return ('<div align="center"><table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" '
            'width="600" style="width:450.0pt;border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;'
            f'mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt">\n<tbody>\n{trs}\n</tbody></table></div>')


class _Values:
    def __init__(self, report: Report, wording: dict[str, str]) -> None:
        self.report, self.wording = report, wording

    def __call__(self, table: str, row: str, column: str) -> str:
        cell = self.report.cell(table, row, column)
        return "" if cell is None else cell.raw.strip()

    def label(self, official: str) -> str:
        return self.wording.get(official, official)


def _table_2(spec: L.TableSpec, v: _Values) -> str:
    width = max(len(r.columns) for r in spec.data_rows)
    rows: list[list[str]] = []
    for block in spec.blocks:
        block_rows = [r for r in spec.data_rows if r.block == block]
        columns = block_rows[0].columns
        span = width // len(columns) if width % len(columns) == 0 else 1
        rows.append([_td(v.label(block), colspan=width + 1, header=True)])
        rows.append([_td("信息内容", header=True)] + [_td(v.label(c.label), colspan=span, header=True) for c in columns])
        for r in block_rows:
            rows.append([_td(v.label(r.label), width=150)] + [_td(v("二", r.id, c.id), colspan=span) for c in columns])
    return _table(rows)


def _table_3(spec: L.TableSpec, v: _Values) -> str:
    columns = spec.columns
    groups: dict[str, int] = {}
    for c in columns:
        if c.group:
            groups[c.group] = groups.get(c.group, 0) + 1
    rows: list[list[str]] = [[_td(T3_NOTE, rowspan=3, colspan=3, width=290), _td(T3_APPLICANTS, colspan=len(columns), header=True)]]
    second, third, placed = [], [], set()
    for c in columns:
        if c.group is None:
            second.append(_td(v.label(c.label), rowspan=2, header=True))
        else:
            if c.group not in placed:
                second.append(_td(v.label(c.group), colspan=groups[c.group], header=True))
                placed.add(c.group)
            third.append(_td(v.label(c.label), header=True))
    rows += [second, third]

    def values(row: L.RowSpec) -> list[str]:
        return [_td(v("三", row.id, c.id)) for c in row.columns]

    children = {r.id: [c for c in spec.rows if c.parent == r.id] for r in spec.rows}
    items = list(spec.rows)
    i = 0
    while i < len(items):
        row = items[i]
        if row.heading and not children[row.id]:
            # A top-level group (三、本年度办理结果): over every row until the next top-level label.
            j = i + 1
            while j < len(items) and not _TOP_LEVEL.match(items[j].label):
                j += 1
            under = items[i + 1:j]
            span = sum(1 for r in under if not r.heading)
            first = True
            k = 0
            while k < len(under):
                sub = under[k]
                lead = [_td(v.label(row.label), rowspan=span, width=68)] if first else []
                first = False
                if sub.heading:
                    kids = children[sub.id]
                    for n, kid in enumerate(kids):
                        head = [_td(v.label(sub.label), rowspan=len(kids), width=74)] if n == 0 else []
                        rows.append((lead if n == 0 else []) + head + [_td(v.label(kid.label), width=150)] + values(kid))
                    k += 1 + len(kids)
                else:
                    rows.append(lead + [_td(v.label(sub.label), colspan=2, width=224)] + values(sub))
                    k += 1
            i = j
        else:
            rows.append([_td(v.label(row.label), colspan=3, width=290)] + values(row))
            i += 1
    return _table(rows)


def _table_4(spec: L.TableSpec, v: _Values) -> str:
    columns = spec.columns
    n = len(columns)
    top, second, third = [], [], []
    for group, row_ids in T4_GROUPS:
        top.append(_td(v.label(group), colspan=n * len(row_ids), header=True))
        if len(row_ids) == 1:
            second += [_td(v.label(c.label), rowspan=2, header=True) for c in columns]
        else:
            for row_id in row_ids:
                second.append(_td(v.label(spec.row(row_id).label), colspan=n, header=True))
                third += [_td(v.label(c.label), header=True) for c in columns]
    data = [_td(v("四", r.id, c.id), width=35) for r in spec.data_rows for c in r.columns]
    return _table([top, second, third, data])


# --------------------------------------------------------------------------- the page

def _article(report: Report, wording: dict[str, str]) -> str:
    layout = L.get(report.layout)
    v = _Values(report, wording)
    tables = {"proactive": ("二", _table_2), "requests": ("三", _table_3), "appeals": ("四", _table_4)}
    parts: list[str] = []
    last = report.sections[-1] if report.sections else None
    for section in report.sections:
        parts.append(_heading(section.heading))
        lines = [line for line in section.text.split("\n") if line.strip()]
        if section is last:
            # The closing signature and date, right-aligned after the last section's text.
            closing = 0
            while (closing < min(len(lines), 3) and len(lines[-1 - closing].strip()) <= 30
                   and not lines[-1 - closing].strip().endswith(("。", "；", "：", ".", ";", ":"))):
                closing += 1
            body, tail = lines[: len(lines) - closing], lines[len(lines) - closing:]
        else:
            body, tail = lines, []
        parts += [_paragraph(line) for line in body]
        if section.id in tables:
            key, render = tables[section.id]
            if report.tables.get(key) is not None and report.tables[key].found:
                parts.append(render(layout.table(key), v))
        if tail:
            parts.append(_paragraph("\u00a0"))
            parts += [_paragraph(line, right=True) for line in tail]
    return "\n".join(parts)


def render_portal_page(report: Report, *, encoding: str = "gbk", site: str = "人民政府门户网站",
                       wording: dict[str, str] | None = None) -> bytes:
    """The report as a portal page, encoded in ``encoding`` (gbk declared as gb2312, or utf-8)."""
    if wording is None:
        wording = {n.official: n.found for n in report.notes
                   if n.kind == "header_alias" and n.official and n.found}
    meta = report.meta
    title = meta.title or f"{meta.agency or ''}{meta.year or ''}年政府信息公开工作年度报告"
    charset = "gb2312" if encoding.lower() in ("gbk", "gb2312", "gb18030", "cp936") else encoding
    published = meta.published.isoformat() if meta.published else ""
    source = meta.agency or site
    info = []
    if published:
        info.append(f"发布时间：{published} 10:30")
    info.append(f"来源：{_esc(source)}")
    info_line = "&nbsp;&nbsp;&nbsp;&nbsp;".join(info)
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<meta name="SiteName" content="{_esc(site)}" />
<meta name="ColumnName" content="政府信息公开年报" />
<meta name="ArticleTitle" content="{_esc(title)}" />
<meta name="PubDate" content="{published} 10:30" />
<title>{_esc(title)}_政府信息公开年报_{_esc(site)}</title>
<link href="/css/style.css" rel="stylesheet" type="text/css" />
<style type="text/css">
body {{ margin:0; font-size:12px; font-family:"宋体"; }}
.nav li {{ float:left; width:120px; text-align:center; }}
#zoom p {{ line-height:2em; }}
</style>
{SCRIPTS_HEAD}
</head>
<body>
<div class="top">
  <div class="top_bar">
    <span class="date"><script type="text/javascript">document.write(new Date().toLocaleDateString());</script></span>
    <a href="/">设为首页</a> | <a href="javascript:void(0)" onclick="addFav()">加入收藏</a> | <a href="/wza/">无障碍浏览</a> | <a href="/m/">手机版</a>
  </div>
  <div class="banner"><a href="/"><img src="/images/logo.png" alt="{_esc(site)}" /></a>
    <form name="search" action="/search/" method="get" target="_blank">
      <input type="text" name="q" value="请输入关键字" onfocus="this.value=''" />
      <input type="submit" value="搜索" />
    </form>
  </div>
  <ul class="nav">
    <li><a href="/">网站首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li><li><a href="/zjxq/">走进本地</a></li><li><a href="/ztzl/">专题专栏</a></li>
  </ul>
</div>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="main">
  <tr>
    <td width="220" valign="top" class="left">
      <div class="left_title">政府信息公开</div>
      <ul class="left_menu">
        <li><a href="/zwgk/zn/">政府信息公开指南</a></li>
        <li><a href="/zwgk/zd/">政府信息公开制度</a></li>
        <li><a href="/zwgk/fdzdgknr/">法定主动公开内容</a></li>
        <li><a href="/zwgk/nb/">政府信息公开年报</a></li>
        <li><a href="/zwgk/ysqgk/">依申请公开</a></li>
      </ul>
      <div class="left_title">联系我们</div>
      <p class="contact">电话：0971-0000000</p>
    </td>
    <td width="20">&nbsp;</td>
    <td valign="top" class="right">
      <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>
      <div class="article">
        <h1 class="article_title">{_esc(title)}</h1>
        <div class="article_info">{info_line}&nbsp;&nbsp;&nbsp;&nbsp;浏览次数：<span id="hits"><script type="text/javascript" src="/count.jsp?id=8341"></script></span>
          &nbsp;&nbsp;字号：[<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>]</div>
        <div id="zoom" class="TRS_Editor">
<div class="WordSection1" style="layout-grid:15.6pt">
{_article(report, wording)}
</div>
        </div>
        <div class="article_tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
        <div class="share">分享到：<a href="javascript:share('weixin')">微信</a> <a href="javascript:share('weibo')">微博</a></div>
      </div>
    </td>
  </tr>
</table>
<div class="footer">
  <p><a href="/about/">关于我们</a> | <a href="/sitemap/">网站地图</a> | <a href="/contact/">联系我们</a></p>
  <p>主办单位：{_esc(site)}　承办单位：政府办公室　网站标识码：6301230001</p>
  <p>ICP备案号：青ICP备05000123号-1　公安机关备案号：63012302000123</p>
  <p><script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac'%3E%3C/span%3E"));</script></p>
</div>
<script type="text/javascript">
$(function() {{ $("#zoom table").css("margin", "0 auto"); }});
</script>
</body>
</html>
"""
    return page.encode(encoding, errors="xmlcharrefreplace")
