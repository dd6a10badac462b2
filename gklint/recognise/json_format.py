"""gklint's own JSON format for one report: read, write and describe (JSON Schema).

Tables are keyed by the official labels: ``tables[表][行标签][列标签]``. A cell is a number, null
(blank), a string ("/", "—", or text as written), or an object ``{"value", "raw", "source"}``.
Labels may be written as the official label, an alias seen in real reports, or the layout's id.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gklint import __version__
from gklint import layouts as L
from gklint.layouts import detect
from gklint.core.source import Source
from gklint.read.errors import ReadError
from gklint.recognise.coverage import missing_rows
from gklint.recognise.values import parse_cell
from gklint.core.model import Cell, Metadata, Note, Report, Section, Table

FORMAT_VERSION = 1


class SourceModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    paragraph: int | None = None
    markup_line: int | None = None
    box: list[float] | None = Field(None, description="read by OCR: x0, top, x1, bottom on the page, in points")
    confidence: float | None = Field(None, description="read by OCR: the lowest confidence of what was read there")


class CellModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: int | float | None = Field(None, description="the number, or null when the cell is not a number")
    raw: str | None = Field(None, description="the text as written in the original")
    source: SourceModel | None = None


CellValue = Union[int, float, str, None, CellModel]


class MetaModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str | None = None
    agency: str | None = None
    year: int | None = Field(None, ge=1900, le=2999, description="the report year (the year reported on)")
    published: dt.date | None = Field(None, description="publication date")
    signed: dt.date | None = Field(None, description="the date under the signature")
    period_start: dt.date | None = None
    period_end: dt.date | None = None


class SectionModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    heading: str
    text: str = ""
    number: str | None = None
    id: str | None = None
    source: SourceModel | None = None
    sources: list[SourceModel | None] = Field(default_factory=list, description="where each line of text is")


class NoteModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str
    message: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    found: str | None = None
    official: str | None = None
    source: SourceModel | None = None


class ReportFile(BaseModel):
    """One annual report in gklint's JSON format."""

    model_config = ConfigDict(extra="forbid", title="gklint report")
    gklint: int = Field(FORMAT_VERSION, description="format version")
    generator: str | None = Field(None, description="the program that wrote the file")
    layout: str | None = Field(None, description='"2021" or "2019"; detected from the labels (and the year) when absent')
    meta: MetaModel = Field(default_factory=MetaModel)
    preamble: str = ""
    preamble_sources: list[SourceModel | None] = Field(default_factory=list)
    sections: list[SectionModel] = Field(default_factory=list)
    tables: dict[str, dict[str, dict[str, CellValue]]] = Field(
        default_factory=dict, description="table (二/三/四) -> row label -> column label -> cell")
    notes: list[NoteModel] = Field(default_factory=list, description="what recognition of the original noticed")


# pydantic's error types, said in Chinese (others keep pydantic's English message)
_PYDANTIC_ZH = {
    "extra_forbidden": "不认识的字段",
    "dict_type": "应为对象（{…}）",
    "list_type": "应为数组（[…]）",
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "missing": "缺少必填字段",
    "less_than_equal": "数值过大（年份应在1900至2999之间）",
    "greater_than_equal": "数值过小（年份应在1900至2999之间）",
}


def _source(model: SourceModel | None) -> Source | None:
    if not model:
        return None
    fields = model.model_dump()
    if fields.get("box") is not None:
        fields["box"] = tuple(fields["box"])
    return Source(**fields)


def _where(loc: tuple) -> str:
    path = "$"
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _cell(value: CellValue, column: L.ColumnSpec) -> Cell:
    if type(value) is int and -_EXACT < value < _EXACT:  # the usual cell: a plain count
        return Cell.number(value)
    if isinstance(value, CellModel):
        cell = _cell(value.value if value.value is not None else value.raw, column)
        cell.raw = value.raw if value.raw is not None else cell.raw
        cell.source = _source(value.source)
        return cell
    if value is None:
        return Cell.blank()
    if isinstance(value, bool):
        raise ValueError("a cell is a number, null or text, not true/false")
    if isinstance(value, (int, float)):
        if not _finite(value):
            raise ValueError(_not_finite(value))
        if not column.amount and isinstance(value, float) and value.is_integer():
            value = int(value)
        return Cell.number(value)
    return parse_cell(value, amount=column.amount, signed=column.signed)


_EXACT = 2 ** 53  # an int of fewer digits is finite as a float: no check needed


def _finite(value: int | float) -> bool:
    try:
        return math.isfinite(value)  # an int too large for a float raises OverflowError
    except OverflowError:
        return False


def _not_finite(value: int | float) -> str:
    if isinstance(value, float) and math.isnan(value):
        return "数值为 NaN（不是数），应为整数或小数"
    return "数值过大（无穷大，或超出可表示的范围），应为整数或小数"


def _detect(data: ReportFile) -> L.Layout:
    """The declared layout, or the one the labels follow (``gklint.layouts.detect``, as for every input): rows
    found, the labels peculiar to a layout (a 2019 table 二's 本年新制作数量), the layout of the report year."""
    if data.layout:
        return L.get(data.layout)
    labels = {L.normalise(label) for rows in data.tables.values() for rlabel, cols in rows.items()
              for label in (rlabel, *cols)}
    scored = []
    for layout in L.layouts().values():
        rows = 0
        for tkey, table in data.tables.items():
            spec = layout.tables.get(tkey)
            if spec:
                rows += sum(1 for label in table if spec.row(label) is not None)
        scored.append((detect.score(layout, rows, detect.markers(labels, "", layout), data.meta.year), layout))
    return detect.best(scored)


def from_json(data: Any, path: str = "<json>") -> Report:
    """Validate a parsed JSON document and build the Report; ReadError names the JSON path of a problem."""
    if not isinstance(data, dict) or not data.keys() & {"gklint", "tables", "sections", "meta"}:
        raise ReadError(path, "这不是 gklint 的报告 JSON（应有 tables、sections 或 meta；格式见 gklint schema）")
    try:
        doc = ReportFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ReadError(path, _PYDANTIC_ZH.get(err["type"], err["msg"]), where=_where(err["loc"])) from None
    try:
        layout = _detect(doc)
    except KeyError as exc:
        raise ReadError(path, str(exc.args[0]), where="$.layout") from None
    tables: dict[str, Table] = {}
    for tkey, rows in doc.tables.items():
        spec = layout.tables.get(tkey)
        if spec is None:
            raise ReadError(path, f"未知的表“{tkey}”，应为 {'、'.join(layout.tables)}", where=f"$.tables.{tkey}")
        table = Table(tkey)
        for rlabel, cols in rows.items():
            row = spec.row(rlabel)
            if row is None or row.heading:
                raise ReadError(path, f"表{tkey}没有数据行“{rlabel}”（{layout.version}年版格式）",
                                where=f"$.tables.{tkey}.{rlabel}")
            for clabel, value in cols.items():
                col = row.column(clabel)
                if col is None:
                    raise ReadError(path, f"表{tkey}“{row.label}”一行没有列“{clabel}”",
                                    where=f"$.tables.{tkey}.{rlabel}.{clabel}")
                try:
                    table.cells[(row.id, col.id)] = _cell(value, col)
                except ValueError as exc:
                    raise ReadError(path, str(exc), where=f"$.tables.{tkey}.{rlabel}.{clabel}") from None
        tables[tkey] = table
    notes = [Note(**(n.model_dump() | {"source": _source(n.source)})) for n in doc.notes]
    for tkey, table in tables.items():
        notes.extend(missing_rows(layout.table(tkey), table))
    for tkey, spec in layout.tables.items():
        if tkey not in tables:
            tables[tkey] = Table(tkey, found=False)
            if not any(n.kind == "table_missing" and n.table == tkey for n in notes):
                notes.append(Note("table_missing", f"未找到表{tkey}（{spec.title}）", table=tkey))
    meta = Metadata(**doc.meta.model_dump())
    sections = [Section(heading=s.heading, text=s.text, number=s.number, id=s.id, source=_source(s.source),
                        sources=[_source(x) for x in s.sources]) for s in doc.sections]
    return Report(layout=layout.version, meta=meta, sections=sections, tables=tables,
                  preamble=doc.preamble, preamble_sources=[_source(x) for x in doc.preamble_sources],
                  path=path, notes=notes)


def _parse_int(digits: str) -> int | float:
    """A JSON integer; one too long for Python to convert (over 4,300 digits) is read as infinity,
    which the cell check then refuses with its JSON path."""
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 0
    if limit and len(digits.lstrip("-")) > limit:
        return -math.inf if digits.startswith("-") else math.inf
    return int(digits)


def read_json(path: str, text: str) -> Report:
    try:
        try:
            data = json.loads(text)  # Python's own int parsing, in C
        except json.JSONDecodeError:
            raise
        except ValueError:  # an integer too long to convert: read it as infinity, refused below with its path
            data = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise ReadError(path, f"不是有效的 JSON：{exc.msg}", where=f"第{exc.lineno}行第{exc.colno}列") from None
    except RecursionError:
        raise ReadError(path, "JSON 的数组或对象嵌套过深（超过 Python 能解析的层数），拒绝读取") from None
    except ValueError as exc:  # a number Python cannot convert
        raise ReadError(path, f"不是有效的 JSON：{str(exc)[:120]}") from None
    try:
        return from_json(data, path)
    except RecursionError:  # nesting json.loads could parse but validation could not walk
        raise ReadError(path, "JSON 的数组或对象嵌套过深，拒绝读取") from None


def _cell_json(cell: Cell, with_source: bool):
    plain: Any
    if cell.kind == "number":
        plain = cell.value
    elif cell.kind == "blank":
        plain = None
    else:
        plain = cell.raw.strip()
    if not with_source or cell.source is None:
        return plain
    out: dict = {"value": cell.value, "raw": cell.raw}
    out["source"] = cell.source.to_dict()
    return out


def to_json(report: Report, *, with_source: bool = False) -> dict:
    """The report in gklint's JSON format (official labels as keys)."""
    layout = L.get(report.layout)
    tables: dict = {}
    for tkey, spec in layout.tables.items():
        table = report.tables.get(tkey)
        if table is None or not table.found:
            continue
        rows: dict = {}
        for row in spec.data_rows:
            cols = {col.label: _cell_json(table.cells[(row.id, col.id)], with_source)
                    for col in row.columns if (row.id, col.id) in table.cells}
            if cols:
                rows[row.label] = cols
        tables[tkey] = rows
    meta = {k: (v.isoformat() if isinstance(v, dt.date) else v)
            for k, v in report.meta.__dict__.items() if v is not None}
    sections = []
    for s in report.sections:
        item = {"heading": s.heading, "number": s.number, "id": s.id, "text": s.text}
        if with_source and s.source is not None:
            item["source"] = s.source.to_dict()
            item["sources"] = [x.to_dict() if x else None for x in s.sources]
        sections.append({k: v for k, v in item.items() if v is not None})
    notes = []
    for n in report.notes:
        item = {k: v for k, v in n.__dict__.items() if v is not None and k != "source"}
        if with_source and n.source is not None:
            item["source"] = n.source.to_dict()
        notes.append(item)
    out = {"gklint": FORMAT_VERSION, "generator": f"gklint {__version__}", "layout": report.layout,
           "meta": meta, "preamble": report.preamble, "sections": sections, "tables": tables, "notes": notes}
    if with_source:
        out["preamble_sources"] = [x.to_dict() if x else None for x in report.preamble_sources]
    return out


def json_schema() -> dict:
    """JSON Schema of the format, with the official labels of both layouts listed for each table."""
    schema = ReportFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    tables_schema = {"type": "object", "additionalProperties": False, "properties": {}}
    for tkey in L.TABLES:
        rows, cols = [], []
        for layout in L.layouts().values():
            for row in layout.table(tkey).data_rows:
                rows.append(row.label)
                cols.extend(c.label for c in row.columns)
        tables_schema["properties"][tkey] = {
            "type": "object",
            "description": f"表{tkey}: row label -> column label -> cell",
            "propertyNames": {"enum": sorted(set(rows), key=rows.index)},
            "additionalProperties": {
                "type": "object",
                "propertyNames": {"enum": sorted(set(cols), key=cols.index)},
                "additionalProperties": {"$ref": "#/$defs/Cell"},
            },
        }
    cell_model = schema["$defs"].pop("CellModel")
    schema["$defs"]["Cell"] = {"anyOf": [{"type": "integer"}, {"type": "number"}, {"type": "string"},
                                         {"type": "null"}, cell_model]}
    schema["properties"]["tables"] = tables_schema | {"description": schema["properties"]["tables"]["description"]}
    return schema
