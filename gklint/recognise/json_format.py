"""gklint's own JSON format for one report: read, write and describe (JSON Schema).

Tables are keyed by the official labels: ``tables[表][行标签][列标签]``. A cell is a number, null
(blank), a string ("/", "—", or text as written), or an object ``{"value", "raw", "source"}``.
Labels may be written as the official label, an alias seen in real reports, or the layout's id.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sys
from copy import copy
from dataclasses import replace
from itertools import chain, compress, repeat
from operator import is_not, not_, or_
from typing import Any, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from gklint import __version__
from gklint import layouts as L
from gklint.layouts import detect
from gklint.core import lookalikes
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
    numbers_unread: bool | None = None
    shape: str | None = Field(None, description="which of the rule's messages says this note")
    count: str | None = Field(None, description="a number the note says (rows, readings)")


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
        return replace(cell, raw=value.raw if value.raw is not None else cell.raw, source=_source(value.source))
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
    return parse_cell(lookalikes.drop_invisible(value), amount=column.amount, signed=column.signed)


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
    return _layout_of(data.layout, data.tables, data.meta.year)


def _label(text: str) -> str:
    """A table or column label as written, without the characters that show nothing (an official label has none:
    "行政\u200b复议" is 行政复议, as every other reader reads it)."""
    return lookalikes.drop_invisible(text)


def _layout_of(declared: str | None, tables: dict, year: int | None) -> L.Layout:
    """The declared layout, or the one the labels follow (``gklint.layouts.detect``, as for every input): rows
    found, the labels peculiar to a layout (a 2019 table 二's 本年新制作数量), the layout of the report year."""
    if declared:
        return L.get(declared)
    labels = {L.normalise(_label(label)) for rows in tables.values() for rlabel, cols in rows.items()
              for label in (rlabel, *cols)}
    scored = []
    for layout in L.layouts().values():
        rows = 0
        for tkey, table in tables.items():
            spec = layout.tables.get(tkey)
            if spec:
                rows += sum(1 for label in table if spec.row(_label(label)) is not None)
        scored.append((detect.score(layout, rows, detect.markers(labels, "", layout), year), layout))
    return detect.best(scored)


def from_json(data: Any, path: str = "<json>") -> Report:
    """Validate a parsed JSON document and build the Report; ReadError names the JSON path of a problem.

    A document in the plain form gklint writes (``_plain``) is built straight from the parsed dictionaries;
    any other document, valid or not, goes through the pydantic models (``_validated``), which alone say
    what is wrong with a bad one. Both give the same Report for a document both accept (tests/test_json_fast.py).
    """
    report = _plain(data, path)
    return report if report is not None else _from_json(data, path)


def _from_json(data: Any, path: str) -> Report:
    if not isinstance(data, dict) or not data.keys() & _GKLINT_KEYS:
        raise ReadError(path, "这不是 gklint 的报告 JSON（应有 tables、sections 或 meta；格式见 gklint schema）")
    return _validated(data, path)


def _validated(data: dict, path: str) -> Report:
    """``from_json`` through the pydantic models: any valid document, and the error of an invalid one."""
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
            row = spec.row(_label(rlabel))
            if row is None or row.heading:
                raise ReadError(path, f"表{tkey}没有数据行“{rlabel}”（{layout.version}年版格式）",
                                where=f"$.tables.{tkey}.{rlabel}")
            for clabel, value in cols.items():
                col = row.column(_label(clabel))
                if col is None:
                    raise ReadError(path, f"表{tkey}“{row.label}”一行没有列“{clabel}”",
                                    where=f"$.tables.{tkey}.{rlabel}.{clabel}")
                try:
                    table.cells[(row.id, col.id)] = _cell(value, col)
                except ValueError as exc:
                    raise ReadError(path, str(exc), where=f"$.tables.{tkey}.{rlabel}.{clabel}") from None
        tables[tkey] = table
    notes = [Note(**(n.model_dump() | {"source": _source(n.source)})) for n in doc.notes]
    _complete(layout, tables, notes)
    meta = Metadata(**doc.meta.model_dump())
    sections = [Section(heading=s.heading, text=s.text, number=s.number, id=s.id, source=_source(s.source),
                        sources=[_source(x) for x in s.sources]) for s in doc.sections]
    return _unified(Report(layout=layout.version, meta=meta, sections=sections, tables=tables,
                           preamble=doc.preamble, preamble_sources=[_source(x) for x in doc.preamble_sources],
                           path=path, notes=notes))


def _unified(report: Report) -> Report:
    """``report`` with its free text (title, agency, preamble, sections) read as the readers of the other formats
    read theirs (``read.open``): the characters that show nothing deleted, the look-alikes of ideographs read as
    the ideographs (``core.lookalikes``). A cell keeps its text as written (its value is read through NFKC, which
    maps the look-alikes too; ``_cell`` reads it without the invisible characters)."""
    meta, sections = report.meta, report.sections
    text = "\n".join([meta.title or "", meta.agency or "", report.preamble,
                      *(f"{s.heading}\n{s.number or ''}\n{s.text}" for s in sections)])
    if not lookalikes.holds(text) and not lookalikes.has_invisible(text):
        return report
    return replace(report, preamble=_seen(report.preamble),
                   meta=replace(meta, title=meta.title and _seen(meta.title), agency=meta.agency and _seen(meta.agency)),
                   sections=[replace(s, heading=_seen(s.heading), number=s.number and _seen(s.number),
                                     text=_seen(s.text)) for s in sections])


def _seen(text: str) -> str:
    """``text`` as a reader sees it: without the characters that show nothing, look-alikes read as ideographs."""
    return lookalikes.unify(lookalikes.drop_invisible(text))


def _complete(layout: L.Layout, tables: dict[str, Table], notes: list[Note], rows_checked: bool = False) -> None:
    """Notes for the rows a table lacks (unless ``rows_checked``: already in ``notes``), and an empty table
    (and its note) for each table the report lacks."""
    if not rows_checked:
        for tkey, table in tables.items():
            notes.extend(missing_rows(layout.table(tkey), table))
    for tkey, spec in layout.tables.items():
        if tkey not in tables:
            tables[tkey] = Table(tkey, found=False)
            if not any(n.kind == "table_missing" and n.table == tkey for n in notes):
                notes.append(Note("table_missing", f"未找到表{tkey}（{spec.title}）", table=tkey))


# --------------------------------------------------------------------------- the plain form, read directly

_TOP = frozenset(ReportFile.model_fields)
_GKLINT_KEYS = frozenset({"gklint", "tables", "sections", "meta"})  # one of them makes a dict a report (from_json)
_BIG = 2.0 ** 63  # floats as large as this may be integers orjson read as floats: read by json.loads instead
_SECTION_PLAIN = frozenset({"heading", "text", "number", "id"})
_NOTE_PLAIN = frozenset(NoteModel.model_fields) - {"source"}


class _NotPlain(Exception):
    """The document is not in the plain form: ``from_json`` validates it with the pydantic models instead."""


def _plain(data: dict, path: str) -> Report | None:
    """The Report of a document in the plain form gklint writes, built from the parsed JSON without the
    pydantic models; None for anything else (a field of another type, sources, a cell object, an unknown
    label, a value the models would convert), which ``_validated`` then reads or refuses.

    The plain form is what the models accept unchanged: known fields only; ``gklint`` an integer; strings
    (or null where allowed) where the models want strings; ``meta`` with a year of 1900–2999 and dates written
    YYYY-MM-DD; sections and notes without sources; cells that are integers below 2^53, finite floats below
    2^63, strings or null, under labels of the layout.
    """
    try:
        return _plain_report(data, path)
    except (_NotPlain, TypeError):  # TypeError: a label that is not a string (a dict built in Python)
        return None


def _text(value, nullable: bool = True) -> str | None:
    if type(value) is str or (value is None and nullable):
        return value
    raise _NotPlain


def _plain_report(data: dict, path: str) -> Report:
    if type(data) is not dict or not data.keys() & _GKLINT_KEYS:
        raise _NotPlain
    get = data.get
    if not _TOP.issuperset(data):
        raise _NotPlain
    version = get("gklint", FORMAT_VERSION)
    if type(version) is not int:
        raise _NotPlain
    _text(get("generator"))
    declared = _text(get("layout"))
    preamble = _text(get("preamble", ""), nullable=False)
    meta = _plain_meta(get("meta", _NO_META))
    sections = get("sections", ())
    notes_in = get("notes", ())
    raw_tables = get("tables", _NO_META)
    if type(sections) is not list or type(notes_in) is not list or type(raw_tables) is not dict \
            or type(get("preamble_sources", [])) is not list or get("preamble_sources"):
        raise _NotPlain
    if not declared:  # detection walks the labels: they must be plain first
        for rows in raw_tables.values():
            if type(rows) is not dict or not all(type(cols) is dict for cols in rows.values()):
                raise _NotPlain
    try:
        layout = _layout_of(declared, raw_tables, meta.year)
    except KeyError:  # an unknown layout: said by _validated
        raise _NotPlain from None
    tables: dict[str, Table] = {}
    missing: list[Note] = []
    for tkey, rows in raw_tables.items():
        tables[tkey], lacks = _plain_table(layout, tkey, rows)
        missing.extend(lacks)
    notes = [_plain_note(n) for n in notes_in]
    notes.extend(missing)
    _complete(layout, tables, notes, rows_checked=True)
    return _unified(Report(layout=layout.version, meta=meta, sections=[_plain_section(s) for s in sections],
                           tables=tables, preamble=preamble, preamble_sources=[], path=path, notes=notes))


_NO_META: dict = {}


def _plain_meta(meta) -> Metadata:
    if type(meta) is not dict or not _META_FIELDS.issuperset(meta):
        raise _NotPlain
    get = meta.get
    year = get("year")
    if year is not None and (type(year) is not int or not 1900 <= year <= 2999):
        raise _NotPlain
    return Metadata(_text(get("title")), _text(get("agency")), year, _date(get("published")), _date(get("signed")),
                    _date(get("period_start")), _date(get("period_end")))


_META_FIELDS = frozenset(MetaModel.model_fields)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)


def _date(value) -> dt.date | None:
    """A date written YYYY-MM-DD, as the model reads it (any other form: not plain)."""
    if value is None:
        return None
    if type(value) is str:
        date = _DATES.get(value)
        if date is not None:
            return date
        if m := _DATE.fullmatch(value):
            try:
                date = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                raise _NotPlain from None
            if len(_DATES) < 1 << 12:
                _DATES[value] = date
            return date
    raise _NotPlain


_DATES: dict[str, dt.date] = {}  # dates read, by how they are written (a date is immutable: shared, as _NUMBERS)


def _plain_section(item) -> Section:
    if type(item) is not dict or not _SECTION_PLAIN.issuperset(item):
        raise _NotPlain
    get = item.get
    heading, text, number, sid = get("heading"), get("text", ""), get("number"), get("id")
    if type(heading) is not str or type(text) is not str or not (number is None or type(number) is str) \
            or not (sid is None or type(sid) is str):
        raise _NotPlain
    return Section(heading, text, number, sid, None, [])


def _plain_note(item) -> Note:
    if type(item) is not dict or not _NOTE_PLAIN.issuperset(item) or type(item.get("kind")) is not str \
            or type(item.get("message")) is not str:
        raise _NotPlain
    get = item.get
    unread = get("numbers_unread")
    if not (unread is None or type(unread) is bool):
        raise _NotPlain
    return Note(item["kind"], item["message"], table=_text(get("table")), row=_text(get("row")),
                column=_text(get("column")), found=_text(get("found")), official=_text(get("official")),
                numbers_unread=unread, shape=_text(get("shape")), count=_text(get("count")))


def _plain_table(layout: L.Layout, tkey: str, rows) -> tuple[Table, list[Note]]:
    """The table of a plain document, and the notes for the data rows it lacks.

    A table labelled as one read before (the same row labels, each with the same column labels, in the same
    order: every table gklint writes for a layout) is built at once: its places and their columns
    remembered, its values taken in order (``_plain_cells``). Any other table row by row."""
    spec = layout.tables.get(tkey)
    if spec is None or type(rows) is not dict:
        raise _NotPlain
    labels = _labels(spec)
    shape = (tuple(rows), tuple(map(tuple, rows.values())))  # TypeError (not plain) for a row not a dict
    known = labels.tables.get(shape)
    if known is not None:
        keys, empty, columns, lacks = known
        cells = empty.copy()  # the places, hashed once: a copy is sized and keeps the hashes
        cells.update(zip(keys, _plain_cells(tuple(chain.from_iterable(map(dict.values, rows.values()))), columns)))
        return Table(tkey, cells), [copy(n) for n in lacks]
    table, lacks, keys, columns = _rows_table(labels, tkey, rows)
    if len(labels.tables) < _SHAPES:
        labels.tables[shape] = (keys, dict.fromkeys(keys), columns, tuple(lacks))
    return table, lacks


_ONLY_INT = frozenset({int})


def _plain_cells(values: tuple, columns: tuple[L.ColumnSpec, ...]) -> list[Cell]:
    """The cells of ``values`` written in ``columns`` (one each, in order): when every value is a count seen
    before, their shared Cells, mapped in C; else each value that is not one read by ``_plain_cell``."""
    cells = list(map(_NUMBERS.get, values))  # a float or bool equal to a count is not that count: see below
    if not (set(map(type, values)) <= _ONLY_INT and all(cells)):  # a Cell is always true
        others = map(or_, map(not_, cells), map(is_not, map(type, values), repeat(int)))
        for i in compress(range(len(values)), others):
            cells[i] = _plain_cell(values[i], columns[i])
    return cells


def _plain_cell(value, column: L.ColumnSpec) -> Cell:
    """The cell of one value of a plain document (as ``_cell`` reads it: a shared Cell per count)."""
    if type(value) is int:
        cell = _NUMBERS.get(value)
        return cell if cell is not None else _number(value)
    if value is None:
        return _BLANK
    if type(value) is str or (type(value) is float and -_BIG < value < _BIG):
        try:
            return _cell(value, column)
        except ValueError:  # not finite: said by _validated
            raise _NotPlain from None
    raise _NotPlain


def _rows_table(labels: _Labels, tkey: str, rows: dict) -> tuple[Table, list[Note], tuple, tuple]:
    """``_plain_table`` row by row; also the places of the cells in the order written, and their columns."""
    cells: dict[tuple[str, str], Cell] = {}
    places: list[tuple[str, str]] = []
    columns_of: list[L.ColumnSpec] = []
    read = []  # the rows given at least one cell
    for rlabel, cols in rows.items():
        entry = labels.rows.get(rlabel)
        if entry is None:
            entry = labels.row(rlabel)
        if entry is False or type(cols) is not dict:
            raise _NotPlain
        if not cols:
            continue
        row, shapes = entry
        names = tuple(cols)
        shape = shapes.get(names)
        if shape is None:
            shape = labels.shape(row, shapes, names)
        keys, columns = shape
        places += keys
        columns_of += columns
        cells.update(zip(keys, _plain_cells(tuple(cols.values()), columns)))
        read.append(row)
    table = Table(tkey, cells)
    return table, labels.read_rows(read, table), tuple(places), tuple(columns_of)


class _Labels:
    """Labels as written -> what ``TableSpec.row`` and ``RowSpec.column`` answer for them, remembered per
    table spec: a dictionary access per row instead of a search (and its normalisation) per cell.

    ``rows``: row label -> (RowSpec, its shapes) or False (no such data row); a row's shapes: the column labels
    of a row as written, in order -> ((row id, column id) of each, ColumnSpec of each); ``tables``: a whole
    table's labels as written -> its places in order, as a dict, their columns and the notes for its missing
    rows. At most ``_MEMO`` labels or shapes per table or row and ``_SHAPES`` tables are remembered (past that,
    they are looked up each time), so hostile labels cannot grow them without bound."""

    def __init__(self, spec: L.TableSpec) -> None:
        self.spec = spec
        self.rows: dict = {}
        self.tables: dict = {}  # a whole table's labels as written -> (places, as a dict, columns, notes)
        ids = [r.id for r in spec.data_rows]
        self.unique = len(ids) == len(set(ids))  # a row read is then one its id names (missing_rows)

    def row(self, label: str):
        row = self.spec.row(_label(label))
        entry = False if row is None or row.heading else (row, {})
        if len(self.rows) < _MEMO:
            self.rows[label] = entry
        return entry

    @staticmethod
    def shape(row: L.RowSpec, shapes: dict, names: tuple[str, ...]):
        columns = tuple(row.column(_label(name)) for name in names)
        if None in columns:
            raise _NotPlain
        shape = (tuple((row.id, col.id) for col in columns), columns)
        if len(shapes) < _MEMO:
            shapes[names] = shape
        return shape

    def read_rows(self, read: list, table: Table) -> list[Note]:
        """``missing_rows`` for a table whose rows ``read`` were given cells (the same notes, found faster)."""
        if not self.unique:
            return missing_rows(self.spec, table)
        ids = {r.id for r in read}
        return missing_rows(self.spec, table, absent=[r for r in self.spec.data_rows if r.id not in ids])


_LABELS: dict[int, _Labels] = {}
_MEMO = 256  # labels remembered per table and shapes per row: what real reports write, a few of each
_SHAPES = 64  # whole tables' labellings remembered per table (each holds its places: a few KB)


def _labels(spec: L.TableSpec) -> _Labels:
    known = _LABELS.get(id(spec))
    if known is None or known.spec is not spec:
        known = _LABELS[id(spec)] = _Labels(spec)
    return known


# One Cell per plain count, shared by every report read in this process (a Cell is immutable), and one blank.
_NUMBERS: dict[int, Cell] = {}
_BLANK = Cell("blank", None, "")


def _number(value: int) -> Cell:
    if not -_EXACT < value < _EXACT:  # a count this large is read as the models read it
        raise _NotPlain
    cell = Cell("number", value, str(value))
    if len(_NUMBERS) < 1 << 14:  # counts up to 16,384 values, some 2 MB
        _NUMBERS[value] = cell
    return cell


try:  # a JSON parser in Rust, 2-4x json.loads: used for the plain form only (read_plain)
    import orjson as _orjson
except ImportError:  # pragma: no cover - a dependency; json.loads does the same, slower
    _orjson = None


def read_plain(path: str, data: bytes | str) -> Report | None:
    """The Report of a document in the plain form (``_plain``), parsed by orjson; None for anything else (not
    JSON, not UTF-8, not plain), which ``read_json`` reads or refuses, saying why.

    orjson parses what ``json.loads`` parses to the same values, except what it refuses (NaN, Infinity, lone
    surrogates, numbers beyond a double, bytes that are not UTF-8: all declined here) and integers beyond 64
    bits, which it reads as floats: the plain form has no float that large (``_BIG``), so those are declined too.
    """
    try:
        if _orjson is not None:
            doc = _orjson.loads(data)
        else:
            doc = json.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
    except (ValueError, RecursionError):  # orjson.JSONDecodeError and UnicodeDecodeError are ValueErrors
        return None
    return _plain(doc, path)


def _parse_int(digits: str) -> int | float:
    """A JSON integer; one too long for Python to convert (over 4,300 digits) is read as infinity,
    which the cell check then refuses with its JSON path."""
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 0
    if limit and len(digits.lstrip("-")) > limit:
        return -math.inf if digits.startswith("-") else math.inf
    return int(digits)


def read_json(path: str, text: str) -> Report:
    """The Report of a gklint JSON text; ReadError naming the spot of what is wrong."""
    report = read_plain(path, text)
    return report if report is not None else _read_json(path, text)


def _read_json(path: str, text: str) -> Report:
    """``read_json`` by ``json.loads`` and the pydantic models: any document, and the error of a bad one."""
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
        return _from_json(data, path)
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
