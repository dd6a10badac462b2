"""``--format xlsx -o findings.xlsx``: a spreadsheet for an inspector to sort, filter and hand out.

Sheet 问题清单 (findings): one row per finding: file, agency, year, section, table, row, column, rule,
severity (in the sheet's language: 错误/警告/提示), message, expected, found, place (every place of the
finding in words, with its position in the file: 第12段, 第3页, 表格2 第4行第10列; a sentence compared with a
table names the cells after 对照, see ``gklint.output.places``) and the quoted sentence; the header frozen,
an autofilter over the whole table, columns as wide as their text (an East-Asian wide character counts as
two), long messages wrapped. Sheet 文件汇总 (files): one row per file: agency, year, layout, errors,
warnings, infos, or why it could not be read (not naming the file again) and where in it, when the error
says. openpyxl is imported only when this format is used.
"""

from __future__ import annotations

import io
import unicodedata

from gklint.core.diagnostic import Result
from gklint.core.own import CREATOR
from gklint.output.common import file_rows, rows

FINDING_COLUMNS = ("file", "agency", "year", "section", "table", "row", "column", "rule", "severity",
                   "message", "expected", "found", "place", "quote")
FILE_COLUMNS = ("file", "agency", "year", "layout", "errors", "warnings", "infos", "read_error", "spot")
HEADERS = {"zh": {"file": "文件", "agency": "机关", "year": "年度", "section": "部分", "table": "表", "row": "行",
                  "column": "列", "rule": "规则", "severity": "严重程度", "message": "问题", "expected": "应为",
                  "found": "实为", "layout": "格式版本", "errors": "错误", "warnings": "警告", "infos": "提示",
                  "read_error": "无法读取的原因", "spot": "出错位置", "place": "位置", "quote": "原文"},
           "en": {}}
SHEETS = {"zh": ("问题清单", "文件汇总"), "en": ("findings", "files")}
MAX_WIDTH = 60  # characters (a wide one counts two); longer text wraps


def display_width(text: str) -> int:
    """How many columns ``text`` takes: East-Asian wide and fullwidth characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _safe(value):
    """Text without the control characters a worksheet cannot hold."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)


def _sheet(ws, columns, records, headers) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.append([headers.get(c, c) for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for record in records:
        ws.append([_safe(record[c]) for c in columns])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
    widths = [display_width(str(headers.get(c, c))) for c in columns]
    for row in ws.iter_rows(min_row=2):
        for k, cell in enumerate(row):
            if cell.value is not None:
                widths[k] = max(widths[k], max(display_width(line) for line in str(cell.value).split("\n")))
            if isinstance(cell.value, str) and display_width(cell.value) > MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for k, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(k)].width = min(width, MAX_WIDTH) + 2
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(ws.max_row, 1)}"


def render(result: Result, lang: str = "zh") -> bytes:
    from openpyxl import Workbook

    headers = HEADERS.get(lang) or {}
    book = Workbook()
    book.properties.creator = CREATOR  # so that a folder checked again skips it (gklint.read.sniff.is_own_result)
    findings = book.active
    findings.title = SHEETS[lang][0]
    _sheet(findings, FINDING_COLUMNS, rows(result, lang), headers)
    _sheet(book.create_sheet(SHEETS[lang][1]), FILE_COLUMNS, file_rows(result, lang), headers)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
