"""``--format html -o review.html``: the review page, for someone who has never heard of gklint.

One self-contained page per batch (no network: styles and the small sorting script are inline, system
fonts only): a summary table (file, agency, year, layout, errors, warnings, infos; click a header to
sort), then one section per report: its findings explained in plain Chinese (what is wrong, expected,
found, the parts summed, how to fix, the rule's page one click away), and the report itself rebuilt:
its sections' text, with each quoted sentence highlighted, and its three tables as HTML tables with
the official row and column labels, each cell a finding names highlighted and linked to its
explanation. A file of a folder checked is named from that folder (甲县/年报.docx and 乙县/年报.docx stay
apart; no local path above it), a file named alone without its folders, unless ``full_paths``; an identity's parts are shown side by side (左边 … = 20 ≠ 右边 … = 19)
and each report's findings errors first. The page carries ``<meta name="generator" content="gklint …">``,
by which a later check knows it for gklint's own output and refuses it (``gklint.read.sniff``). Prints on
A4, one report per page.

A batch is rendered as it is checked: ``Page.add`` turns each file into its HTML section while its
Report is still at hand, so the Reports need not be kept; ``Page.html`` assembles the page.
"""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import PurePath

from gklint.core.diagnostic import SEVERITY_WORDS, Diagnostic, FileResult, Result, RuleInfo, TableView
from gklint.core.model import Report
from gklint.core.numbers import show_number
from gklint.core.own import GENERATOR
from gklint.output import places

# the page's own words (the report's text and its labels are shown as they are written, the rules' docs in the
# page's language)
LABELS = {
    "zh": {"title": "政府信息公开工作年度报告检查结果", "html_lang": "zh-CN",
           "help": "点击表头可排序；点击文件名查看该报告的问题和原文，有问题的单元格和语句已标出颜色（红：错误，黄：警告，蓝：提示）。",
           "heads": ("文件", "机关", "年度", "格式版本", "错误", "警告", "提示"), "unknown_layout": "未能确定",
           "unreadable": "无法读取：", "across_years": "跨年度核对（同一机关相邻年度的报告）",
           "expected": "应为：", "found": "实为：", "and": "；", "parts": "参与计算的各项：", "left": "左边", "right": "右边", "fix": "如何改正：",
           "rule_page": "这条规则的说明", "docs": (("检查什么", "what"), ("为什么重要", "why"), ("示例", "example")),
           "colon": "：", "no_table": "（报告中没有找到表{key}）", "table": "表{key}", "year": "{year}年度",
           "layout": "{name}格式", "findings": "发现的问题（{error} 个错误、{warning} 个警告、{info} 个提示）",
           "none": "未发现问题。", "original": "报告原文（重建，有问题处已标出）"},
    "en": {"title": "Government information disclosure annual reports: check results", "html_lang": "en",
           "help": "Click a header to sort; click a file name for its findings and its text, where the cells and "
                   "sentences concerned are coloured (red: error, yellow: warning, blue: info).",
           "heads": ("File", "Agency", "Year", "Layout", "Errors", "Warnings", "Infos"), "unknown_layout": "unknown",
           "unreadable": "Cannot be read: ", "across_years": "Across years (an agency's reports of consecutive years)",
           "expected": "expected: ", "found": "found: ", "and": "; ", "parts": "terms summed: ", "left": "left side", "right": "right side",
           "fix": "How to fix: ", "rule_page": "About this rule",
           "docs": (("What it checks", "what"), ("Why it matters", "why"), ("Example", "example")),
           "colon": ": ", "no_table": "(table {key} was not found in the report)", "table": "Table {key}",
           "year": "{year}", "layout": "{name} layout",
           "findings": "Findings ({error} errors, {warning} warnings, {info} infos)", "none": "No findings.",
           "original": "The report's text (rebuilt, with what the findings name marked)"},
}
RANK = {"error": 0, "warning": 1, "info": 2}
LAYOUT_NAME = {"2021": "2021年版", "2019": "2019年版"}

STYLE = """
:root{--error:#b3261e;--error-bg:#fde7e4;--warning:#8a5a00;--warning-bg:#fff1c2;--info:#1d5f8a;--info-bg:#e3f1fb}
*{box-sizing:border-box}
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif;
 color:#1d1d1f;background:#fff;margin:0 auto;max-width:1100px;padding:24px;line-height:1.6}
h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.25em;border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:2em}
h3{font-size:1.05em;margin:1.2em 0 .4em}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.92em}
th,td{border:1px solid #bbb;padding:3px 6px;vertical-align:top}
thead th{background:#f2f2f2}
table.summary th{cursor:pointer;user-select:none}
table.summary th[aria-sort=ascending]::after{content:" ▲"}table.summary th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
table.report td{text-align:right;min-width:3.5em}table.report th.row{text-align:left;font-weight:normal;max-width:26em}
tr.group th{text-align:left;background:#fafafa;font-weight:bold}
.sev{display:inline-block;border-radius:3px;padding:0 .4em;font-size:.85em;font-weight:bold}
.sev.error{color:#fff;background:var(--error)}.sev.warning{color:#000;background:#f5c542}.sev.info{color:#fff;background:var(--info)}
td.flag.error,mark.error{background:var(--error-bg);outline:2px solid var(--error)}
td.flag.warning,mark.warning{background:var(--warning-bg);outline:2px solid #d9a400}
td.flag.info,mark.info{background:var(--info-bg);outline:2px solid var(--info)}
td.flag a,mark a{color:inherit;text-decoration:none}
mark{color:inherit;padding:0 1px}
ol.findings{padding-left:1.4em}ol.findings li{margin:.6em 0}
.place,.quote{color:#444}.quote{font-style:normal}
.values{font-variant-numeric:tabular-nums}
details{margin:.2em 0}details summary{cursor:pointer;color:#1d5f8a}
.text p{margin:.3em 0;text-indent:2em}
.meta{color:#555}.unreadable{color:var(--error);font-weight:bold}
.ok{color:#1b7f3b;font-weight:bold}
@media print{@page{size:A4;margin:15mm}body{max-width:none;padding:0;font-size:10.5pt}
 section.report{page-break-before:always}details{display:block}details>*{display:block}
 table.summary th{cursor:auto}a{color:inherit;text-decoration:none}}
"""

SCRIPT = """
window.addEventListener("error",function(e){document.body.dataset.jsErrors=(document.body.dataset.jsErrors||"")+e.message+";"});
document.querySelectorAll("table.summary").forEach(function(table){
  table.querySelectorAll("thead th").forEach(function(th,k){
    th.addEventListener("click",function(){
      var down=th.getAttribute("aria-sort")==="ascending";
      table.querySelectorAll("thead th").forEach(function(h){h.removeAttribute("aria-sort")});
      th.setAttribute("aria-sort",down?"descending":"ascending");
      var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
      function val(row){var c=row.cells[k];return !c||c.classList.contains("unreadable")?null:(c.dataset.sort||c.textContent)}
      rows.sort(function(a,b){
        var x=val(a),y=val(b);
        if(x===null||y===null)return (x===null)-(y===null);  /* an unreadable file's row: no counts, last */
        var nx=parseFloat(x),ny=parseFloat(y),r=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y,"zh");
        return down?-r:r});
      rows.forEach(function(r){body.appendChild(r)});
    });
  });
});
document.body.dataset.flagged=document.querySelectorAll("td.flag").length;
document.body.dataset.ready="1";
"""


def _layout_name(layout: str | None, lang: str) -> str:
    """"2021年版" (zh) / "2021" (en) for a known layout; "" otherwise."""
    name = LAYOUT_NAME.get(layout or "", "")
    return name if lang == "zh" or not name else str(layout)


def _table_number(key: str, lang: str) -> str:
    """Table 三 is 三 in Chinese and 3 in English, as places say it."""
    from gklint.core.numerals import chinese_to_int

    return key if lang == "zh" else str(chinese_to_int(key) or key)


def esc(value) -> str:
    """Escaped for HTML, with control, separator and bidi characters written out (display.printable)."""
    from gklint.core.display import printable

    return html.escape(printable("" if value is None else str(value)), quote=True)


def shown(value) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(shown(v) for v in value)
    return show_number(value) if isinstance(value, (int, float)) or value is None else str(value)


class Page:
    """The review page of one batch, built file by file."""

    def __init__(self, *, lang: str = "zh", full_paths: bool = False, roots: tuple[str, ...] = ()) -> None:
        self.lang = lang
        self.full_paths = full_paths
        self.roots = roots  # the folders checked: a file in one is named from it (甲县/年报.docx), others alone
        self.sections: list[str] = []
        self.files: list[FileResult] = []

    def name(self, f: FileResult) -> str:
        """The file as the page names it, with which of its reports this is (``FileResult.tag``)."""
        return f.name(self.lang, self._shown(f.path))

    def _shown(self, path_text: str) -> str:
        if self.full_paths:
            return path_text
        path = PurePath(path_text.replace("\\", "/"))
        root = next((r for r in self.roots if path.is_relative_to(r)), None)
        return path.relative_to(root).as_posix() if root is not None else path.name

    def error(self, f: FileResult) -> str:
        """Why the file could not be read (the file is named beside it: not again, and no folders unless asked)."""
        from gklint.output.common import why_unreadable

        return why_unreadable(f).replace(f.path, self._shown(f.path))

    def add(self, f: FileResult) -> None:
        self.files.append(f)
        self.sections.append(_report_section(f, len(self.files), self.name(f), self.lang, self.error(f)))

    def add_series(self, files: list[FileResult]) -> None:
        """The findings across years, after the files (numbered on from them, so every anchor stays unique)."""
        title = LABELS[self.lang]["across_years"]
        self.sections.append(f"<h2>{esc(title)}</h2>")
        for k, f in enumerate(files, start=len(self.files) + 1 + getattr(self, "_series", 0)):
            self.sections.append(_report_section(f, k, self.name(f), self.lang, None))
        self._series = getattr(self, "_series", 0) + len(files)

    def html(self, result: Result | None = None) -> str:
        from gklint.output.terminal import summary

        result = result or Result(self.files)
        say = LABELS[self.lang]
        rows = []
        for k, f in enumerate(self.files, start=1):
            m = f.meta
            link = f'<a href="#r{k}">{esc(self.name(f))}</a>'
            if f.error is not None:
                rows.append(f'<tr><td>{link}</td><td colspan="6" class="unreadable">{say["unreadable"]}{esc(self.error(f))}</td></tr>')
                continue
            counts = "".join(f'<td class="num">{f.count(s)}</td>' for s in ("error", "warning", "info"))
            rows.append(f"<tr><td>{link}</td><td>{esc(m.get('agency'))}</td><td class=\"num\">{esc(m.get('year'))}</td>"
                        f"<td>{esc(_layout_name(f.layout, self.lang) or f.layout or say['unknown_layout'])}</td>{counts}</tr>")
        head = "".join(f"<th>{h}</th>" for h in say["heads"])
        stop = "。" if self.lang == "zh" else ". "
        from gklint import __version__

        return (f"<!DOCTYPE html>\n<html lang=\"{say['html_lang']}\"><head><meta charset=\"utf-8\">"
                # the mark by which a later check knows the page for gklint's own (``read.sniff.is_review_page``)
                f"<meta name=\"generator\" content=\"{GENERATOR} {__version__}\">"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                f"<title>{say['title']}</title><style>{STYLE}</style></head><body>"
                f"<h1>{say['title']}</h1>"
                f"<p class=\"meta\">{esc(summary(result, self.lang))}{stop}{say['help']}</p>"
                f"<table class=\"summary\"><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
                + "".join(self.sections) + f"<script>{SCRIPT}</script></body></html>\n")


def render(result: Result, lang: str = "zh") -> str:
    """The page for a result whose files still hold their Reports (the library's ``check_many``)."""
    page = Page(lang=lang)
    for f in result.files:
        page.add(f)
    return page.html(result)


# --------------------------------------------------------------------------- one report


def cell_id(prefix: str, table: str, row: str, column: str) -> str:
    return f"{prefix}-c-{table}-{row}-{column}".replace(" ", "_")


def _cells_of(d: Diagnostic) -> list:
    """The table cells a finding names, by official labels: the cells a sentence was compared with
    (``related``), else its own cell."""
    named = [r for r in d.related if r.table and r.row and r.column] if d.related else [d.location]
    return [(loc.table, loc.row, loc.column) for loc in named if loc.table and loc.row and loc.column]


def _finding(d: Diagnostic, fid: str, lang: str, targets: set[str], rule: RuleInfo | None = None) -> str:
    """One finding explained; its places link to the highlighted cells and sentence when the page shows
    them, each with its position in the file (第12段, 第3页; none for a web page: its section and quote)."""
    loc = d.location
    prefix = fid.rsplit("-", 1)[0]
    first, *others = places.places(d)
    say = LABELS[lang]
    out = [f'<li id="{fid}"><span class="sev {d.severity}">{SEVERITY_WORDS[lang][d.severity]}</span> '
           f'<b>{esc(d.rule)}</b> {esc(d.title)}<br>{esc(d.message)}']

    def linked(place: places.Place) -> str:
        text, where = place.describe(lang), place.location
        if place.kind == "text":  # the quote below links to the sentence
            target = f"{fid}-text" if f"{fid}-text" in targets and not where.quote else None
        else:
            target = cell_id(prefix, where.table, where.row, where.column) if where.row and where.column else None
            target = target if target in targets else None
        return f'<a href="#{esc(target)}">{esc(text)}</a>' if target else esc(text)

    w = places.words(lang)
    colon = "：" if lang == "zh" else ": "
    if first.describe(lang):
        out.append(f'<br><span class="place">{w["at"]}{colon}{linked(first)}</span>')
    if loc.quote:
        quote = f'<q class="quote">{esc(loc.quote)}</q>'
        out.append(f'<br>{w["quote"]}{colon}<a href="#{fid}-text">{quote}</a>' if f"{fid}-text" in targets
                   else f"<br>{w['quote']}{colon}{quote}")
    if others:  # the cells a sentence was compared with, each with its own place
        shown_others = w["sep"].join(linked(p) for p in others if p.describe(lang))
        out.append(f'<br><span class="place">{w["compared"]}{colon}{shown_others}</span>')
    if d.expected is not None or d.found is not None:
        out.append(f'<br><span class="values">{say["expected"]}{esc(shown(d.expected))}{say["and"]}'
                   f'{say["found"]}{esc(shown(d.found))}</span>')
    if d.parts:
        out.append(f'<br><span class="values">{say["parts"]}{esc(_summed(d, lang))}</span>')
    if rule is not None:
        out.append(f'<br>{say["fix"]}{esc(rule.docs.get("fix", ""))}')
        out.append(f"<details><summary>{say['rule_page']}</summary>"
                   + "".join(f"<p><b>{h}</b>{say['colon']}{esc(rule.docs.get(k, ''))}</p>" for h, k in say["docs"])
                   + "</details>")
    out.append("</li>")
    return "".join(out)


def _summed(d: Diagnostic, lang: str) -> str:
    """The parts of a finding as a sum; an identity's two sides each summed, “左边 … = 20 ≠ 右边 … = 19”."""
    def terms(parts) -> str:
        return " + ".join(f"{p.label} {show_number(p.value)}" + (f"×{p.weight}" if p.weight != 1 else "") for p in parts)

    left = [p for p in d.parts if p.side == "left"]
    right = [p for p in d.parts if p.side == "right"]
    if not left or not right or len(left) + len(right) != len(d.parts):
        return terms(d.parts)
    def side(parts, total) -> str:
        return terms(parts) + (f" = {show_number(total)}" if len(parts) > 1 else "")

    relation = "=" if d.expected == d.found else "≠"
    say = LABELS[lang]
    return f"{say['left']} {side(left, d.expected)} {relation} {say['right']} {side(right, d.found)}"


def _flags(f: FileResult, prefix: str):
    """Per table cell (table, row label, column label) and per quote, the findings that name it."""
    cells: dict[tuple[str, str, str], list[tuple[str, Diagnostic]]] = {}
    quotes: list[tuple[str, str, Diagnostic]] = []
    for k, d in enumerate(f.diagnostics, start=1):
        fid = f"{prefix}-f{k}"
        loc = d.location
        for key in _cells_of(d):
            cells.setdefault(key, []).append((fid, d))
        if loc.quote:
            quotes.append((loc.quote.rstrip("…").strip(), fid, d))
    return cells, quotes


def _worst(items) -> str:
    return min((d.severity for _, d in items), key=RANK.get)


def _mark_line(line: str, quotes: list, used: set) -> str:
    """A line of text, escaped, with the first quote found in it marked (each quote marked once)."""
    for quote, fid, d in quotes:
        if fid in used or not quote:
            continue
        probe = quote if quote in line else quote[:24] if len(quote) > 24 and quote[:24] in line else None
        if probe:
            used.add(fid)
            used.add(f"{fid}-text")
            start = line.index(probe)
            end = start + len(probe)
            return (esc(line[:start]) + f'<mark class="{d.severity}" id="{fid}-text" title="{esc(d.rule)} {esc(d.message)}">'
                    f'<a href="#{fid}">{esc(line[start:end])}</a></mark>' + _mark_line(line[end:], quotes, used))
    return esc(line)


def _table(view: TableView, cells: dict, prefix: str, targets: set[str], lang: str = "zh") -> str:
    key = view.key
    say = LABELS[lang]
    shown_key = _table_number(key, lang)
    if not view.found:
        return f"<p class=\"meta\">{say['no_table'].format(key=shown_key)}</p>"
    out = [f'<h3>{say["table"].format(key=shown_key)}　{esc(view.title)}</h3><table class="report" data-table="{esc(key)}">']
    header: tuple | None = None
    width = max((len(columns) for _, columns, _ in view.rows), default=0)
    for label, columns, values in view.rows:
        if not columns:  # a group heading
            out.append(f'<tr class="group"><th colspan="{width + 1}">{esc(label)}</th></tr>')
            continue
        if tuple(columns) != header:
            header = tuple(columns)
            out.append("<tr><th></th>" + "".join(f"<th>{esc(c)}</th>" for c in columns)
                       + "<th></th>" * (width - len(columns)) + "</tr>")
        tds = []
        for col, value in zip(columns, values):
            text = esc(value)
            attrs = f' data-row="{esc(label)}" data-column="{esc(col)}"'
            hits = cells.get((key, label, col))
            if hits:
                fid = hits[0][0]
                tip = "；".join(f"{d.rule} {d.message}" for _, d in hits)
                cid = cell_id(prefix, key, label, col)
                targets.add(cid)
                tds.append(f'<td class="flag {_worst(hits)}" id="{esc(cid)}"{attrs} title="{esc(tip)}" '
                           f'data-rules="{esc(" ".join(d.rule for _, d in hits))}"><a href="#{fid}">{text}</a></td>')
            else:
                tds.append(f"<td{attrs}>{text}</td>")
        out.append(f'<tr><th class="row">{esc(label)}</th>{"".join(tds)}'
                   + "<td></td>" * (width - len(columns)) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _report_section(f: FileResult, index: int, name: str, lang: str, error: str | None = None) -> str:
    """One file's part of the page: its findings, errors first (as the terminal lists them), each severity in
    reading order, then the report rebuilt with them marked."""
    f = replace(f, diagnostics=sorted(f.diagnostics, key=lambda d: RANK[d.severity]))
    prefix = f"r{index}"
    head = f'<section class="report" id="{prefix}"><h2>{esc(name)}</h2>'
    say = LABELS[lang]
    if f.error is not None:
        return head + f'<p class="unreadable">{say["unreadable"]}{esc(error or f.error)}</p></section>'
    m = f.meta
    layout = _layout_name(f.layout, lang)
    bits = [m.get("agency"), say["year"].format(year=m["year"]) if m.get("year") else None,
            layout and say["layout"].format(name=layout)]
    out = [head, f'<p class="meta">{esc(" · ".join(b for b in bits if b))}</p>']
    report = f.report if isinstance(f.report, Report) else None
    targets: set[str] = set()  # ids of the highlighted cells and sentences
    body = _report_body(report, f, prefix, targets, lang) if report is not None else ""
    if f.diagnostics:
        counts = {s: f.count(s) for s in ("error", "warning", "info")}
        out.append(f"<h3>{say['findings'].format(**counts)}</h3>"
                   '<ol class="findings">')
        out += [_finding(d, f"{prefix}-f{k}", lang, targets, f.rules.get(d.rule)) for k, d in enumerate(f.diagnostics, start=1)]
        out.append("</ol>")
    else:
        out.append(f'<p class="ok">{say["none"]}</p>')
    out.append(body)
    out.append("</section>")
    return "".join(out)


def _report_body(report: Report, f: FileResult, prefix: str, targets: set[str], lang: str = "zh") -> str:
    cells, quotes = _flags(f, prefix)
    used: set = set()
    out = [f'<details open><summary>{LABELS[lang]["original"]}</summary><div class="text">']
    for line in report.preamble.split("\n"):
        if line.strip():
            out.append(f"<p>{_mark_line(line, quotes, used)}</p>")
    placed = set()
    for section in report.sections:
        out.append(f"<h3>{_mark_line(section.heading, quotes, used)}</h3>")
        for line in section.text.split("\n"):
            if line.strip():
                out.append(f"<p>{_mark_line(line, quotes, used)}</p>")
        for view in f.tables:
            if view.section == section.id and view.key not in placed:
                placed.add(view.key)
                out.append(_table(view, cells, prefix, targets, lang))
    for view in f.tables:
        if view.key not in placed and view.key in report.tables:
            out.append(_table(view, cells, prefix, targets, lang))
    out.append("</div></details>")
    targets.update(u for u in used if u.endswith("-text"))
    return "".join(out)
