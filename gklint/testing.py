"""Generated reports for tests and benchmarks: consistent by construction, and one-cell corruptions.

``consistent_report(rng, "2021")`` builds a ``Report`` whose tables satisfy every identity of the
layout (table 三: per column 一 + 二 = 三（七）总计 + 四, （七）总计 = the sum of the result rows,
per row 总计 = 自然人 + the five 法人或其他组织 columns; table 四: each 总计 = 结果维持 + 结果纠正 +
其他结果 + 尚未审结), with plausible table 二 figures, metadata of a year the layout covers and the
six official sections holding short text that states no figures.

The source of randomness is anything with ``randint(a, b)`` and ``choice(seq)``: a
``random.Random`` (benchmarks), an int seed, or an adapter over hypothesis' ``draw``
(``tests/strategies.py``), so hypothesis can shrink a failing report. Nothing here imports
pytest or hypothesis.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any, Protocol, Sequence, TypeVar

from gklint import layouts
from gklint.layouts import ColumnSpec, Layout, RowSpec, TableSpec
from gklint.core.model import Cell, Metadata, Note, Report, Section, Table
from gklint.core.numbers import show_number
# the rule cases' form and their description on the rules' pages live in gklint.rulecases (no report building)
from gklint.rulecases import (BUILD_KEYS, CASE_KEYS, EXPECT_KEYS, LOCATION_KEYS, META_KEYS,  # noqa: F401
                              CaseError, RuleCase, describe_case, example_lines, resolve_cell, resolve_cells,
                              rule_cases, _split_cell)

T = TypeVar("T")

# Table 三: the applicant columns that the 总计 column sums; table 四: the parts of 总计.
APPLICANT_COLUMNS = ("natural", "business", "research", "public_interest", "legal_services", "other_orgs")
APPEAL_PARTS = ("upheld", "corrected", "other", "pending")
TOTAL = "total"
IDENTITY_TABLES = ("三", "四")

# Characters that would state a figure in prose: section text must hold none of them, so narrative
# rules comparing text with the tables have nothing to compare.
NUMERAL_CHARS = frozenset("0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟")


class Chooser(Protocol):
    """The two calls the generator makes; ``random.Random`` has both."""

    def randint(self, a: int, b: int) -> int: ...

    def choice(self, seq: Sequence[T]) -> T: ...


def chooser(rng_or_seed: Chooser | int | None) -> Chooser:
    if rng_or_seed is None or isinstance(rng_or_seed, int):
        return random.Random(rng_or_seed)
    return rng_or_seed


# --------------------------------------------------------------------------- values

def count(rng: Chooser, high: int = 2000) -> int:
    """A non-negative count shaped like real tables: mostly zero or small, sometimes large.

    Drawing the magnitude first keeps zeros common and lets hypothesis shrink to 0.
    """
    scale = rng.randint(0, 3)
    if scale == 0:
        return 0
    return rng.randint(0, (3, 30, high)[scale - 1])


def amount(rng: Chooser, high_cents: int = 10_000_000) -> float:
    """A 万元 amount with two decimals (may be 0)."""
    return round(count(rng, high_cents) / 100, 2)


def _number(value: int | float, *, decimals: bool = False) -> Cell:
    return Cell.number(value, f"{value:.2f}" if decimals else None)


# --------------------------------------------------------------------------- tables

def _table_two(rng: Chooser, spec: TableSpec) -> Table:
    """Table 二: counts, one decimal amount, signed 本年增/减; plausible, with no identity to satisfy."""
    cells: dict[tuple[str, str], Cell] = {}
    for row in spec.data_rows:
        values: dict[str, int | float] = {}
        for col in row.columns:
            values[col.id] = _table_two_value(rng, col, values)
        # Ordered pairs that real tables keep (current >= this year's; amount 0 without items).
        _order(values, "issued", "in_force")
        _order(values, "published", "total_published")
        if values.get("procurement_items") == 0 and "procurement_amount" in values:
            values["procurement_amount"] = 0.0
        for col in row.columns:
            cells[(row.id, col.id)] = _number(values[col.id], decimals=col.amount)
    return Table(spec.key, cells)


def _table_two_value(rng: Chooser, col: ColumnSpec, so_far: dict[str, int | float]) -> int | float:
    if col.amount:
        return amount(rng)
    if col.signed:  # 本年增/减: never below minus last year's items
        floor = int(so_far.get("last_year_items", 0))
        return rng.randint(-min(floor, 50), 50) if rng.randint(0, 1) else 0
    return count(rng, 5000 if col.id == "decisions" else 500)


def _order(values: dict, low: str, high: str) -> None:
    if low in values and high in values and values[low] > values[high]:
        values[low], values[high] = values[high], values[low]


def _table_three(rng: Chooser, spec: TableSpec) -> Table:
    """Table 三, built from the result rows up so that every identity holds."""
    results = [r for r in spec.data_rows if r.role == "result"]
    cells: dict[tuple[str, str], Cell] = {}
    column_values: dict[str, dict[str, int]] = {}
    for col in APPLICANT_COLUMNS:
        active = rng.randint(0, 2) > 0  # many agencies get no request from some kinds of applicant
        v = {r.id: count(rng, 300) if active else 0 for r in results}
        v[TOTAL] = sum(v[r.id] for r in results)
        v["carried_forward"] = count(rng, 100) if active else 0
        handled = v[TOTAL] + v["carried_forward"]  # = 一 + 二
        v["carried_over"] = rng.randint(0, handled) if rng.randint(0, 2) else 0
        v["new"] = handled - v["carried_over"]
        column_values[col] = v
    for row in spec.data_rows:
        row_values = [column_values[col][row.id] for col in APPLICANT_COLUMNS]
        for col, value in zip(APPLICANT_COLUMNS, row_values):
            cells[(row.id, col)] = _number(value)
        cells[(row.id, TOTAL)] = _number(sum(row_values))
    return Table(spec.key, cells)


def _table_four(rng: Chooser, spec: TableSpec) -> Table:
    cells: dict[tuple[str, str], Cell] = {}
    for row in spec.data_rows:
        parts = [count(rng, 50) for _ in APPEAL_PARTS]
        for col, value in zip(APPEAL_PARTS, parts):
            cells[(row.id, col)] = _number(value)
        cells[(row.id, TOTAL)] = _number(sum(parts))
    return Table(spec.key, cells)


_TABLES = {"二": _table_two, "三": _table_three, "四": _table_four}


# --------------------------------------------------------------------------- text

AGENCIES = ("青山县人民政府办公室", "河西区教育局", "临江市自然资源局", "南岭县卫生健康局",
            "东湖区人民政府", "北原市生态环境局", "西林县交通运输局", "安平镇人民政府")

# Short, figure-free sentences per section id (no digits, no Chinese numerals, no repeated words).
SENTENCES: dict[str, tuple[str, ...]] = {
    "overview": (
        "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，持续推进政务公开工作。",
        "我们健全政务公开工作机制，明确分管领导和专职人员，做好信息发布审核和保密审查。",
        "政府网站和政务新媒体作为信息公开的主要平台，运行平稳，内容更新及时。",
        "通过政策解读、新闻发布和在线访谈等形式，及时回应社会关切。",
    ),
    "proactive": (
        "本机关围绕中心工作，及时主动公开机构职能、政策文件、财政资金和重点领域信息。",
        "主动公开的政府信息均通过门户网站发布，并同步推送至政务新媒体。",
        "规范性文件在制发后按规定及时公开，并做好配套解读。",
    ),
    "requests": (
        "本机关严格按照法定程序和时限办理政府信息公开申请，做到依法答复、规范答复。",
        "对申请内容不明确的，及时告知申请人补正，保障申请人的合法权益。",
        "申请的受理、办理和答复情况详见下表。",
    ),
    "appeals": (
        "本年度政府信息公开行政复议、行政诉讼情况详见下表。",
        "本机关认真做好复议答复和应诉工作，依法履行相关义务。",
    ),
    "problems": (
        "政府信息公开工作仍存在公开内容不够全面、政策解读形式较为单调等问题。",
        "今后，本机关将加强业务培训，提升工作人员的业务能力。",
        "我们将完善信息发布审核机制，提高公开信息的准确性和时效性。",
    ),
    "other": (
        "本年度本机关未收取信息处理费。",
        "本机关无其他需要报告的事项。",
    ),
}
_FALLBACK = ("本机关按照有关规定做好相关工作。",)


def _sections(rng: Chooser, layout: Layout) -> list[Section]:
    sections = []
    for spec in layout.sections:
        pool = list(SENTENCES.get(spec.id, _FALLBACK))
        chosen = []
        for _ in range(rng.randint(1, len(pool))):
            chosen.append(pool.pop(rng.randint(0, len(pool) - 1)))
        sections.append(Section(heading=spec.heading, text="".join(chosen), number=spec.number, id=spec.id))
    return sections


def _year(rng: Chooser, layout: Layout) -> int:
    return rng.randint(layout.first_year, layout.last_year or layout.first_year + 4)


# --------------------------------------------------------------------------- reports

def consistent_report(rng_or_draw: Chooser | int | None, layout_version: str = "2021", *,
                      year: int | None = None) -> Report:
    """A report in the given layout whose tables satisfy every identity, with figure-free text.

    ``rng_or_draw``: a ``random.Random``, an int seed, or any object with ``randint`` and
    ``choice`` (see ``tests/strategies.py`` for the hypothesis adapter).
    """
    rng = chooser(rng_or_draw)
    layout = layouts.get(layout_version)
    year = _year(rng, layout) if year is None else year
    agency = rng.choice(AGENCIES)
    title = f"{agency}{year}年政府信息公开工作年度报告"
    meta = Metadata(title=title, agency=agency, year=year,
                    published=dt.date(year + 1, 1, 15), signed=dt.date(year + 1, 1, 10),
                    period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31))
    tables = {key: _TABLES[key](rng, spec) for key, spec in layout.tables.items()}
    return Report(layout=layout.version, meta=meta, sections=_sections(rng, layout), tables=tables,
                  preamble=title, path=f"<generated {layout.version} {agency} {year}>")


def consistent_reports(n: int, seed: int = 0, versions: Sequence[str] = ("2021", "2019")) -> list[Report]:
    """``n`` generated reports, layouts taken in turn from ``versions`` (for benchmarks)."""
    rng = random.Random(seed)
    return [consistent_report(rng, versions[i % len(versions)]) for i in range(n)]


@dataclass(frozen=True)
class Corruption:
    """One table cell changed: the original, the changed copy, the cell (ids and official labels), old and new."""

    original: Report
    report: Report
    table: str
    row: RowSpec
    column: ColumnSpec
    old: int | float
    new: int | float

    @property
    def delta(self) -> int | float:
        return self.new - self.old

    def describe(self) -> str:
        return f"表{self.table} {self.row.label} / {self.column.label}: {self.old} -> {self.new}"


def data_cells(layout: Layout, tables: Sequence[str] = IDENTITY_TABLES) -> list[tuple[str, RowSpec, ColumnSpec]]:
    """Every cell that holds a number (group headings excluded), in layout order."""
    return [(key, row, col) for key in tables for row, col in layout.table(key).cells()]


def corrupt_cell(report: Report, rng_or_draw: Chooser | int | None,
                 tables: Sequence[str] = IDENTITY_TABLES, max_delta: int = 20) -> Corruption:
    """A copy of ``report`` with one data cell of ``tables`` changed by a non-zero delta, kept >= 0."""
    rng = chooser(rng_or_draw)
    layout = layouts.get(report.layout)
    table, row, col = rng.choice(data_cells(layout, tables))
    changed = copy.deepcopy(report)
    old = changed.tables[table].cells[(row.id, col.id)].value
    delta = rng.randint(1, max_delta)
    if old >= delta and rng.randint(0, 1):
        delta = -delta
    new = round(old + delta, 2) if col.amount else old + delta
    changed.tables[table].cells[(row.id, col.id)] = _number(new, decimals=col.amount)
    return Corruption(report, changed, table, row, col, old, new)


# --------------------------------------------------------------------------- single-digit reports

def _small_table_three(rng: Chooser, spec: TableSpec) -> Table:
    """Table 三 from a handful of requests (at most 6), each an applicant kind, new or carried over, and
    a result row or carried forward: every identity holds, and every cell is a single digit."""
    results = [r.id for r in spec.data_rows if r.role == "result"]
    counts: dict[tuple[str, str], int] = {}
    for _ in range(rng.randint(0, 6)):
        col = rng.choice(APPLICANT_COLUMNS)
        origin = rng.choice(("new", "new", "carried_over"))
        outcome = rng.choice([*results, "carried_forward"])
        for row in (origin, outcome) + ((TOTAL,) if outcome != "carried_forward" else ()):
            counts[(row, col)] = counts.get((row, col), 0) + 1
    cells: dict[tuple[str, str], Cell] = {}
    for row in spec.data_rows:
        values = [counts.get((row.id, col), 0) for col in APPLICANT_COLUMNS]
        for col, value in zip(APPLICANT_COLUMNS, values):
            cells[(row.id, col)] = _number(value)
        cells[(row.id, TOTAL)] = _number(sum(values))
    return Table(spec.key, cells)


def small_report(rng_or_draw: Chooser | int | None, layout_version: str = "2021") -> Report:
    """A consistent report (as ``consistent_report``) whose every table cell is a single digit (0-9), so that
    a copy running a row's digits together ("3000003") still has exactly one reading per row."""
    rng = chooser(rng_or_draw)
    report = consistent_report(rng, layout_version)
    layout = layouts.get(layout_version)
    two = layout.table("二")
    report.tables["二"] = Table("二", {(r.id, c.id): _number(rng.randint(0, 9), decimals=c.amount)
                                      for r, c in two.cells()})
    report.tables["三"] = _small_table_three(rng, layout.table("三"))
    four: dict[tuple[str, str], Cell] = {}
    for row in layout.table("四").data_rows:
        parts = [rng.randint(0, 2) for _ in APPEAL_PARTS]
        four |= {(row.id, c): _number(v) for c, v in zip(APPEAL_PARTS, parts)}
        four[(row.id, TOTAL)] = _number(sum(parts))
    report.tables["四"] = Table("四", four)
    return report


# --------------------------------------------------------------------------- reports as copied text

T4_HEADER = ("行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉",
             *("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2)
T3_HEADER = ("(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况", "自然人", "法人或其他组织",
             "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")


def _shown(report: Report, table: str, row: str, col: str) -> str:
    cell = report.cell(table, row, col)
    if cell is None or cell.kind == "blank":
        return ""
    return show_number(cell.value) if cell.kind == "number" else cell.raw


def _table_text(report: Report, layout: Layout, key: str, sep: str | None) -> list[str]:
    spec = layout.table(key)
    if key == "四":
        values = [_shown(report, key, r.id, c.id) for r in spec.data_rows for c in r.columns]
        return [*T4_HEADER, *(values if sep is None else [sep.join(values)])]
    lines: list[str] = list(T3_HEADER) if key == "三" else []
    block = None
    for row in spec.rows:
        if key == "二" and row.block != block:
            block = row.block
            lines += [block, "信息内容", *[c.label for c in row.columns]]
        values = [] if row.heading else [_shown(report, key, row.id, c.id) for c in row.columns]
        lines += [row.label, *values] if sep is None else [sep.join([row.label, *values])]
    return lines


def render_text(report: Report, *, sep: str | None = None) -> str:
    """The report as text copied from a web page: title, publication date, the sections, each official
    table after the section it belongs to, one cell per line (``sep=None``) or one table row per line
    with its cells joined by ``sep``. Reading it back (``gklint.ingest.read_bytes``) gives the report."""
    layout = layouts.get(report.layout)
    meta = report.meta
    lines = [meta.title or f"{meta.agency or ''}{meta.year}年政府信息公开工作年度报告"]
    if meta.published is not None:
        lines.append(f"发布日期:{meta.published.isoformat()}")
    for section in report.sections:
        lines.append(section.heading)
        if section.text:
            lines += section.text.split("\n")
        key = next((t for t, s in layouts.SECTION_OF_TABLE.items() if s == section.id), None)
        if key is not None and key in report.tables and report.tables[key].found:
            lines += _table_text(report, layout, key, sep)
    return "\n\n".join(lines) + "\n"


# --------------------------------------------------------------------------- zero-filled reports

def zero_report(layout_version: str = "2021", *, year: int | None = None,
                agency: str = AGENCIES[0]) -> Report:
    """A report in the given layout with every table cell 0 and the six sections each holding the first
    figure-free sentence of ``SENTENCES``: consistent, and the same every time (for rule cases)."""
    layout = layouts.get(layout_version)
    year = layout.first_year if year is None else year
    title = f"{agency}{year}年政府信息公开工作年度报告"
    meta = Metadata(title=title, agency=agency, year=year,
                    published=dt.date(year + 1, 1, 15), signed=dt.date(year + 1, 1, 10),
                    period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31))
    tables = {key: Table(key, {(r.id, c.id): _number(0.0 if c.amount else 0, decimals=c.amount)
                               for r, c in spec.cells()}) for key, spec in layout.tables.items()}
    sections = [Section(heading=s.heading, text=SENTENCES.get(s.id, _FALLBACK)[0], number=s.number, id=s.id)
                for s in layout.sections]
    return Report(layout=layout.version, meta=meta, sections=sections, tables=tables, preamble=title,
                  path=f"<zeros {layout.version} {agency} {year}>")


def _section_text(text: Any, name: str) -> str:
    """A section's text: as written, or ``{repeat: "…", times: n}`` for a long one."""
    if isinstance(text, dict):
        if set(text) != {"repeat", "times"}:
            raise CaseError(f"{name}: a section's text is text or {{repeat: text, times: n}}")
        return str(text["repeat"]) * int(text["times"])
    return str(text)


def _cell(value: Any, col: ColumnSpec) -> Cell:
    from gklint.recognise.values import parse_cell

    return parse_cell("" if value is None else show_number(value) if isinstance(value, (int, float)) else str(value),
                      amount=col.amount, signed=col.signed)


def _as_date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise CaseError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _read_text(text: str, name: str, layout: str | None) -> Report:
    from gklint.ingest import read_bytes

    return read_bytes(f"{name}.txt", text.encode("utf-8"), layout=layout)


def build_case_report(spec: dict, *, name: str = "case", year: int | None = None,
                      agency: str = AGENCIES[0]) -> Report:
    """The report a case (or its ``previous:``) describes: built and edited, or read from its text."""
    if "text" in spec:
        text = str(spec["text"])
        for old, new in (spec.get("replace") or {}).items():
            text = text.replace(str(old), str(new))
        return _read_text(text, name, spec.get("layout"))
    version = str(spec.get("layout", "2021"))
    layout = layouts.get(version)
    year = spec.get("year", year)
    fill = spec.get("fill", "zeros")
    if fill == "zeros":
        report = zero_report(version, year=year, agency=agency)
    elif fill == "generated":
        report = consistent_report(int(spec.get("seed", 0)), version, year=year or layout.first_year)
        report.meta.agency = agency
        report.meta.title = report.preamble = f"{agency}{report.meta.year}年政府信息公开工作年度报告"
    else:
        raise CaseError(f"{name}: fill must be zeros or generated, not {fill!r}")
    for key, value in (spec.get("cells") or {}).items():
        for table, row, col in resolve_cells(layout, key):
            report.tables[table.key].cells[(row.id, col.id)] = _cell(value, col)
    for sid, text in (spec.get("sections") or {}).items():
        found = [s for s in report.sections if s.id == sid]
        if not found:
            raise CaseError(f"{name}: no section {sid!r} in the {version} layout")
        if text is None:
            report.sections.remove(found[0])
        else:
            found[0].text = _section_text(text, name)
    for note in spec.get("notes") or ():
        if not isinstance(note, dict) or "kind" not in note or "message" not in note:
            raise CaseError(f"{name}: a note is a mapping with 'kind' and 'message'")
        report.notes.append(Note(**{k: str(v) for k, v in note.items()}))
    for key, value in (spec.get("meta") or {}).items():
        if key not in META_KEYS:
            raise CaseError(f"{name}: meta takes {', '.join(META_KEYS)}, not {key!r}")
        if key in ("published", "signed"):
            value = None if value is None else _as_date(value, name)
        setattr(report.meta, key, value)
        if key == "title":
            report.preamble = value or ""
    render = spec.get("render")
    if render:
        options = render if isinstance(render, dict) else {}
        for key in options.get("omit", ()):  # tables left out of the text
            report.tables[str(key)].found = False
        text = render_text(report, sep=options.get("sep"))
        if options.get("one_line"):
            text = text.replace("\n", "")
        for old, new in (spec.get("replace") or {}).items():
            text = text.replace(str(old), str(new))
        return _read_text(text, name, options.get("layout"))
    if spec.get("replace"):
        raise CaseError(f"{name}: 'replace' edits text: give 'text' or 'render'")
    return report


@dataclass
class CaseOutcome:
    """What a case gave: the findings of its rule on the report, and what differs from the case."""

    case: RuleCase
    findings: list
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def run_case(case: RuleCase, rules: tuple | None = None) -> CaseOutcome:
    """Build the case's report(s), check them with ``gklint.check_many`` (only the case's rule selected,
    read in this process) and compare the findings with what the case says."""
    from gklint.api import check_many

    data = case.data
    reports = []
    if "previous" in data:
        this_year = data.get("year") or layouts.get(str(data.get("layout", "2021"))).first_year
        previous = dict(data["previous"])
        reports.append(build_case_report(previous, name=f"{case.id} previous", year=this_year - 1))
        data = dict(data, year=this_year) if "text" not in data else data
    reports.append(build_case_report(data, name=case.id))
    result = check_many(reports, select=[case.rule], rules=rules, lang=data.get("lang", "zh"),
                        settings=data.get("settings"), isolate=False)
    last = result.files[-1]
    if last.error is not None:
        return CaseOutcome(case, [], [f"the report could not be read: {last.error}"])
    findings = [d for d in last.diagnostics if d.rule == case.rule]
    return CaseOutcome(case, findings, _compare(data, findings))


def _compare(data: dict, findings: list) -> list[str]:
    shown = "; ".join(f"[{d.severity}] {d.message}" for d in findings) or "nothing"
    if not data["fires"]:
        return [f"expected no finding, got: {shown}"] if findings else []
    if not findings:
        return ["expected a finding, got nothing"]
    problems = []
    if "count" in data and len(findings) != data["count"]:
        problems.append(f"expected {data['count']} findings, got {len(findings)}: {shown}")
    wanted = {k: data[k] for k in ("message", "contains", "severity", "where", "expected", "found") if k in data}
    if wanted and not any(_matches(d, wanted) for d in findings):
        problems.append(f"no finding has {wanted}; got: {shown}")
    return problems


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) < 1e-9
    return show_number(a) == show_number(b) if a is not None and b is not None else a == b


def _matches(d, wanted: dict) -> bool:
    if "message" in wanted and d.message != wanted["message"]:
        return False
    contains = wanted.get("contains", [])
    if any(part not in d.message for part in ([contains] if isinstance(contains, str) else contains)):
        return False
    if "severity" in wanted and d.severity != wanted["severity"]:
        return False
    for key, value in (wanted.get("where") or {}).items():
        if key not in LOCATION_KEYS:
            raise CaseError(f"'where' takes {', '.join(LOCATION_KEYS)}, not {key!r}")
        if str(getattr(d.location, key, None)) != str(value):
            return False
    return all(_same(getattr(d, k), wanted[k]) for k in ("expected", "found") if k in wanted)
