"""Table 三 as a page printed without borders lays it out, and as its copied text reads: every row label
wrapped at ``width`` characters, each cell's lines centred in its row (a label of three lines has its values
on its middle line; one of two lines, on a line of their own between them), and each group label ("（六）其他
处理", wrapped at ``group_width``) centred over its rows, its lines among theirs.

``centred_lines`` gives each line as its cells (column 0: group label, 1: row label, 2 on: values) and its
height in half lines; ``render_centred_text`` the whole report as text (one line per table line, its cells
joined by tabs, tables 二 and 四 as tab-separated rows). Only tests use this module.
"""

from __future__ import annotations

from collections import defaultdict

from gklint import layouts as L
from gklint.core.model import Report
from render import _table_lines, _value
from render_tables import T3_HEADER, T3_NOTE

Line = tuple[int, list[tuple[int, str]]]  # (height in half lines, [(column, text)])


def _wrap(text: str, width: int) -> list[str]:
    return [text[k:k + width] for k in range(0, len(text), width)] or [""]


def centred_lines(report: Report, width: int, group_width: int) -> list[Line]:
    """Table 三's rows of ``report`` as a borderless page lays them out (see the module doc)."""
    spec = L.get(report.layout).table("三")
    groups = {r.parent for r in spec.rows if r.parent}
    items: dict[int, list[tuple[int, str]]] = defaultdict(list)
    spans: dict[str, tuple[int, int]] = {}  # group -> (top, bottom) of its rows, in half lines
    top = 0
    for row in spec.rows:
        if row.id in groups:
            continue  # placed over its rows below
        lines = _wrap(row.label, width)
        for k, piece in enumerate(lines):
            items[top + 2 * k].append((1, piece))
        if not row.heading:
            items[top + len(lines) - 1] += [(2 + k, _value(report, "三", row.id, c.id)) for k, c in enumerate(row.columns)]
        if row.parent:
            spans[row.parent] = (spans.get(row.parent, (top, 0))[0], top + 2 * len(lines))
        top += 2 * len(lines)
    for group, (start, bottom) in spans.items():
        pieces = _wrap(spec.row(group).label, group_width)
        first = start + (bottom - start) // 2 - len(pieces)
        for k, piece in enumerate(pieces):
            items[first + 2 * k].append((0, piece))
    return [(y, sorted(cells)) for y, cells in sorted(items.items())]


def render_centred_text(report: Report, width: int, group_width: int) -> str:
    """The report as text, table 三 laid out as ``centred_lines`` says, one line per line of the page."""
    layout = L.get(report.layout)
    title = report.meta.title or f"{report.meta.agency or ''}{report.meta.year}年政府信息公开工作年度报告"
    lines = [title, "发布日期:2022-01-14"]
    tables_in = {"proactive": "二", "appeals": "四"}
    for section in report.sections:
        lines.append(section.heading)
        if section.text:
            lines += section.text.split("\n")
        if section.id in tables_in:
            lines += _table_lines(report, layout, tables_in[section.id], "\t")
        elif section.id == "requests":
            lines += [T3_NOTE, "\t".join(T3_HEADER)]
            lines += ["\t".join(text for _, text in cells) for _, cells in centred_lines(report, width, group_width)]
    return "\n".join(lines) + "\n"
