"""Render a Report back into the plain-text shapes real copies take, to test recognition round trips."""

from __future__ import annotations

from gklint import layouts as L
from gklint.core.model import Report

T4_HEADER = ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉",
             *["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2]


def _value(report: Report, table: str, row: str, col: str) -> str:
    cell = report.cell(table, row, col)
    if cell is None or cell.kind == "blank":
        return ""
    if cell.kind == "number":
        v = cell.value
        return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
    return cell.raw


def _table_lines(report: Report, layout: L.Layout, key: str, sep: str | None) -> list[str]:
    spec = layout.table(key)
    lines: list[str] = []
    if key == "四":
        lines += T4_HEADER
        values = [_value(report, key, r.id, c.id) for r in spec.data_rows for c in r.columns]
        return lines + (values if sep is None else [sep.join(values)])
    if key == "三":
        lines += ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况", "自然人", "法人或其他组织",
                  "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    block = None
    for row in spec.rows:
        if key == "二" and row.block != block:
            block = row.block
            lines += [block, "信息内容", *[c.label for c in row.columns]]
        values = [] if row.heading else [_value(report, key, row.id, c.id) for c in row.columns]
        if sep is None:
            lines += [row.label, *values]
        else:
            lines.append(sep.join([row.label, *values]))
    return lines


def render_text(report: Report, *, sep: str | None = None) -> str:
    """Title, sections and tables as copied from a web page: one cell per line (``sep=None``),
    or one table row per line with cells joined by ``sep`` (a tab, or spaces)."""
    layout = L.get(report.layout)
    title = report.meta.title or f"{report.meta.agency or ''}{report.meta.year}年政府信息公开工作年度报告"
    lines = [title, "发布日期:2022-01-14"]
    tables_in = {"proactive": "二", "requests": "三", "appeals": "四"}
    for section in report.sections:
        lines.append(section.heading)
        if section.text:
            lines += section.text.split("\n")
        if section.id in tables_in:
            lines += _table_lines(report, layout, tables_in[section.id], sep)
    return "\n\n".join(lines) + "\n"
