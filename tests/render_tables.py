"""Render a Report's tables in the shapes real copies and PDF converters give them (issue 8, causes 2-4):

- ``pipe``: a text table with bars, blank cells as nothing between two bars (``| 2 |  | 0 |``);
- ``markdown``: a Markdown table as PDF converters write it: a header row, a ``|---|`` separator, blank
  cells, and group-heading rows whose cells are all blank (a merged label);
- ``wrapped``: each long row label wrapped over two lines, its numbers on the line below;
- ``page_numbers``: a page number ("- 3 -", "第3页", "3") on a line of its own between table rows;
- ``oneline``: the whole page on one line, each row's digits run together after its label (a portal copy);
- ``misprint``: one character of some row labels changed or dropped ("行政执法案件" for 行政执法案卷).

``blank_cells`` blanks some cells of a report first (a blank is not a 0, and must stay one when read back).
Only tests use this module; see ``tests/render.py`` for the plain one-cell-per-line and tab shapes.
"""

from __future__ import annotations

import copy

from gklint import layouts as L
from gklint.core.model import Cell, Report
from render import T4_HEADER, _value

STYLES = ("pipe", "markdown", "wrapped", "page_numbers", "oneline")
T3_HEADER = ["申请人情况", "自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
T3_NOTE = "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)"
PAGE_NUMBERS = ("- {n} -", "第{n}页", "{n}", "— {n} —")
# Characters a misprint may put in a label's place: ones no official label of the same table holds there.
MISPRINT_CHARS = "件止制报类"


def blank_cells(report: Report, picks: list[tuple[str, str, str]]) -> Report:
    """A copy of ``report`` with the cells ``(table, row id, column id)`` blank."""
    out = copy.deepcopy(report)
    for table, row, col in picks:
        out.tables[table].cells[(row, col)] = Cell.blank()
    return out


def misprint(label: str, position: int, how: str) -> str:
    """``label`` with the character at ``position`` (counted within the label's words, after its numbering)
    replaced (``how="replace"``) or dropped (``"drop"``)."""
    bare = L.core(label)
    start = len(label) - len(label.lstrip("0123456789.、（）()一二三四五六七八九十"))
    words = label[start:]
    if len(bare) < 5 or len(words) < 5:
        return label
    k = 1 + position % (len(words) - 2)  # never the first or the last character
    if how == "drop":
        return label[:start] + words[:k] + words[k + 1:]
    repl = next(ch for ch in MISPRINT_CHARS if ch != words[k])
    return label[:start] + words[:k] + repl + words[k + 1:]


def _rows(report: Report, layout: L.Layout, key: str, labels: dict[str, str]):
    """(block heading or None, header cells or None, label, values or None for a heading row) in order."""
    spec = layout.table(key)
    block = None
    for row in spec.rows:
        head = None
        if key == "二" and row.block != block:
            block = row.block
            head = (block, ["信息内容", *[c.label for c in row.columns]])
        values = None if row.heading else [_value(report, key, row.id, c.id) for c in row.columns]
        yield head, labels.get(row.id, row.label), values, row


def _table_lines(report: Report, layout: L.Layout, key: str, style: str, labels: dict[str, str],
                 page: list[int]) -> list[str]:
    spec = layout.table(key)
    if key == "四":
        values = [_value(report, key, r.id, c.id) for r in spec.data_rows for c in r.columns]
        if style == "oneline":
            return ["".join(T4_HEADER) + "".join(values)]
        if style in ("pipe", "markdown"):  # the official header: three rows over fifteen columns, then the values
            pad = ["", "", "", ""]
            head = ["| " + " | ".join(["行政复议", *pad, "行政诉讼", *pad, *pad, ""]) + " |",
                    "| " + " | ".join([*T4_HEADER[2:7], "未经复议直接起诉", *pad, "复议后起诉", *pad]) + " |",
                    "| " + " | ".join(["", "", "", "", "", *T4_HEADER[2:7] * 2]) + " |"]
            if style == "markdown":
                head.insert(1, "|" + "---|" * len(values))
            return head + ["| " + " | ".join(values) + " |"]
        return T4_HEADER + [" ".join(v or "" for v in values)]
    lines: list[str] = []
    width = max(len(r.columns) for r in spec.data_rows)
    if key == "三":
        if style == "oneline":
            lines.append(T3_NOTE + "".join(T3_HEADER))
        elif style in ("pipe", "markdown"):
            lines += [T3_NOTE, "| 本列数据的勾稽关系 | " + " | ".join(T3_HEADER[1:2] + T3_HEADER[4:] + T3_HEADER[3:4]) + " |"]
            if style == "markdown":
                lines.append("|" + "---|" * (width + 1))
        else:
            lines += [T3_NOTE, *T3_HEADER]
    for n, (head, label, values, row) in enumerate(_rows(report, layout, key, labels)):
        if head:
            block, header = head
            if style == "oneline":
                lines.append(block + "".join(header))
            elif style in ("pipe", "markdown"):
                lines += [f"| {block} |", "| " + " | ".join(header) + " |"]
                if style == "markdown":
                    lines.append("|" + "---|" * len(header))
            else:
                lines += [block, " ".join(header)]
        if style == "oneline":
            lines.append(label + "".join(values or []))
        elif style in ("pipe", "markdown"):
            cells = values if values is not None else [""] * width
            lines.append("| " + " | ".join([label, *cells]) + " |")
        elif style == "wrapped":
            if values is not None and len(label) >= 8:
                cut = len(label) // 2
                lines += [label[:cut], label[cut:], " ".join(v if v else "" for v in values)]
            else:
                lines.append(" ".join([label, *(values or [])]))
        elif style == "page_numbers":
            lines.append("  ".join([label, *(values or [])]))
            if n % 5 == 4:
                page[0] += 1
                lines.append(PAGE_NUMBERS[page[0] % len(PAGE_NUMBERS)].format(n=page[0]))
    return lines


def render_tables_text(report: Report, style: str, *, labels: dict[str, str] | None = None) -> str:
    """The report as text, its tables in ``style`` (see the module doc); ``labels`` replaces official row
    labels by row id (misprints). ``oneline`` joins the whole page into one line."""
    layout = L.get(report.layout)
    title = report.meta.title or f"{report.meta.agency or ''}{report.meta.year}年政府信息公开工作年度报告"
    lines = [title, "发布日期:2022-01-14"]
    tables_in = {"proactive": "二", "requests": "三", "appeals": "四"}
    page = [0]
    for section in report.sections:
        lines.append(section.heading)
        if section.text:
            lines += section.text.split("\n")
        if section.id in tables_in:
            lines += _table_lines(report, layout, tables_in[section.id], style, labels or {}, page)
    if style == "oneline":
        return "".join(lines) + "\n"
    return "\n".join(lines) + "\n"
