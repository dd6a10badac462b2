"""The rules' test cases: their form (``rule_cases``) and the example a rule's page shows (``example_lines``).

Kept apart from ``gklint.testing``, which builds and runs the cases' reports, so that ``gklint explain``
and the rule pages need only this and the layouts. ``gklint.testing`` re-exports all of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gklint import layouts
from gklint.core.numbers import show_number
from gklint.layouts import ColumnSpec, Layout, RowSpec, TableSpec

# --------------------------------------------------------------------------- rule cases
#
# Each rule of rules/*.yaml may hold ``cases:``, a list of small reports with what the rule should say
# about them (as sqlfluff's rule test cases). A case is data only; ``run_case`` builds its report, runs
# it through ``gklint.check_many`` with that one rule selected, and lists what differs from the case.
#
#   - name: column-unbalanced          # unique within the rule
#     example: true                    # the case shown on the rule's page (docs/rules.md); must fire
#     layout: "2021"                   # a built report: this layout (default 2021) ...
#     year: 2021                       # ... of this year (default: the layout's first year)
#     fill: zeros                      # every cell 0 (default), or "generated" (consistent_report, with seed:)
#     cells: {三.new.natural: 10}      # table.row.column (layout ids or official labels) = a value as written
#     sections: {overview: "…"}       # a section's text by its layout id (null: drop the section)
#     meta: {published: 2022-02-14}    # title, agency, year, published, signed
#     notes: [{kind: …, message: …}]   # what recognition noted, as gklint's JSON carries it
#     render: true                     # write the report out as copied text and read it back (or {sep: " "},
#                                      # {one_line: true}: one table row per line / the whole page on one line;
#                                      # {omit: [四]}: without those tables)
#     text: "…"                        # instead of a built report: a report as plain text, read by gklint
#     replace: {old: new}              # text edits, before reading (with render: or text:)
#     settings: {aggregate: true}      # the run's settings
#     previous: {cells: …}             # last year's report of the same agency (series rules); takes the
#                                      # keys above, year defaults to this year − 1
#     fires: true                      # the rule reports something (false: nothing)
#     count: 1                         # how many findings
#     message: "…"                     # one finding's message, exactly
#     contains: ["…"]                  # ... or substrings of it
#     severity: warning                # ... its severity
#     where: {table: 三, column: 自然人}  # ... its location (any of table, row, column, section, quote)
#     expected: 12                     # ... its expected and found values
#     found: 11

BUILD_KEYS = ("layout", "year", "fill", "seed", "cells", "sections", "meta", "notes", "render", "text", "replace")
EXPECT_KEYS = ("fires", "count", "message", "contains", "severity", "where", "expected", "found")
CASE_KEYS = ("name", "example", *BUILD_KEYS, "settings", "lang", "previous", *EXPECT_KEYS)
LOCATION_KEYS = ("table", "row", "column", "section", "quote")
META_KEYS = ("title", "agency", "year", "published", "signed")


class CaseError(ValueError):
    """A rule case is malformed: names the rule and the case."""


@dataclass(frozen=True)
class RuleCase:
    """One case of one rule, as written in its pack."""

    rule: str
    name: str
    data: dict = field(hash=False)
    pack: str = ""

    @property
    def id(self) -> str:
        return f"{self.rule}:{self.name}"

    @property
    def example(self) -> bool:
        return bool(self.data.get("example"))

    @property
    def fires(self) -> bool:
        return bool(self.data.get("fires"))


def rule_cases(rule) -> list[RuleCase]:
    """The cases a rule declares (``cases:`` in its YAML), checked for form; CaseError names the problem."""
    params = getattr(rule, "params", None)
    raw = (getattr(rule, "cases", None) or (params.get("cases") if isinstance(params, dict) else None)
           or getattr(params, "cases", None) or ())
    if not isinstance(raw, (list, tuple)):
        raise CaseError(f"{rule.pack}: rule {rule.id}: 'cases' must be a list")
    out: list[RuleCase] = []
    for i, data in enumerate(raw):
        where = f"{rule.pack}: rule {rule.id}: case {i + 1}"
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            raise CaseError(f"{where}: a case is a mapping with a 'name'")
        where = f"{rule.pack}: rule {rule.id}: case {data['name']!r}"
        _check_keys(data, CASE_KEYS, where)
        if not isinstance(data.get("fires"), bool):
            raise CaseError(f"{where}: 'fires' must be true or false")
        if not data["fires"] and any(k in data for k in EXPECT_KEYS[1:]):
            raise CaseError(f"{where}: a silent case (fires: false) says nothing about findings")
        if "text" in data and any(k in data for k in ("cells", "sections", "meta", "notes", "render", "fill", "seed", "year")):
            raise CaseError(f"{where}: 'text' is the whole report: it takes only 'layout' and 'replace'")
        if "previous" in data:
            if not isinstance(data["previous"], dict):
                raise CaseError(f"{where}: 'previous' must be a mapping")
            _check_keys(data["previous"], BUILD_KEYS, f"{where}: previous")
        if any(c.name == data["name"] for c in out):
            raise CaseError(f"{where}: the name is used twice")
        out.append(RuleCase(rule.id, data["name"], data, rule.pack))
    return out


def _check_keys(data: dict, known: tuple[str, ...], where: str) -> None:
    unknown = [k for k in data if k not in known]
    if unknown:
        raise CaseError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(known)})")


def _split_cell(key: str) -> tuple[str, str, str]:
    """"table.row.column": the row is what lies between the first and the last dot (labels such as
    "1.本机关不掌握相关政府信息" hold one)."""
    table, _, rest = str(key).partition(".")
    row, _, column = rest.rpartition(".")
    return table, row, column


def resolve_cell(layout: Layout, key: str) -> tuple[TableSpec, RowSpec, ColumnSpec]:
    """The table, row and column that ``table.row.column`` names (layout ids or official labels)."""
    table, row, column = _split_cell(key)
    if table not in layout.tables:
        raise CaseError(f"no table {table!r} in the {layout.version} layout ({key})")
    spec = layout.table(table)
    row_spec = spec.row(row)
    if row_spec is None or row_spec.heading:
        raise CaseError(f"no data row {row!r} in table {table} of the {layout.version} layout ({key})")
    col_spec = row_spec.column(column)
    if col_spec is None:
        raise CaseError(f"no column {column!r} in row {row_spec.id} of table {table} ({key})")
    return spec, row_spec, col_spec


def resolve_cells(layout: Layout, key: str) -> list[tuple[TableSpec, RowSpec, ColumnSpec]]:
    """As ``resolve_cell``; "*" as the row or the column stands for every data row or column."""
    table, row, column = _split_cell(key)
    if row != "*" and column != "*":
        return [resolve_cell(layout, key)]
    if table not in layout.tables:
        raise CaseError(f"no table {table!r} in the {layout.version} layout ({key})")
    spec = layout.table(table)
    rows = spec.data_rows if row == "*" else [resolve_cell(layout, f"{table}.{row}.{spec.columns[0].id}")[1]]
    return [resolve_cell(layout, f"{table}.{r.id}.{c.id}") for r in rows for c in r.columns
            if column == "*" or r.column(column) is c]


# --------------------------------------------------------------------------- a case in words (rule docs)

def example_lines(rule, lang: str = "zh", head: str | None = None) -> list[str]:
    """The rule's example case (``example: true``) for its page, in Markdown and in ``lang``, under ``head``
    (default: the case's name, pack and test, for rule writers); nothing without one."""
    example = next((c for c in rule_cases(rule) if c.example), None)
    if example is None:
        return []
    head = head or (f"案例 `{example.name}`（{rule.pack}，由 tests/test_rule_cases.py 核对）：" if lang == "zh" else
                    f"Case `{example.name}` ({rule.pack}, checked by tests/test_rule_cases.py):")
    return [head, "", *describe_case(example, lang)]


# the words of a case's description: Chinese, and English (the report's own text, labels and headings stay as
# they are written, quoted)
_SAY = {
    "zh": {"previous": "上一年度报告：", "settings": "设置：", "comma": "，", "reports": "{rule} 报告：{said}",
           "reports_one": "{rule} 报告一处问题", "silent": "{rule} 不报告", "text": "报告文字：", "replace": "文字中“{old}”改为“{new}”",
           "zeros": "表格全部为0", "generated": "各表自洽的随机生成报告（种子{seed}）", "report": "{version}年版格式{year}的报告，{base}",
           "year": "、{year}年度", "last_year": "、上一年度", "every_row": "各行", "every_column": "各列", "blank": "空白",
           "cell": "表{table}{row}{column}填{value}", "dropped": "删去“{heading}”部分", "section": "“{heading}”的正文为“{text}”",
           "meta": {"title": "标题", "agency": "机关", "year": "年度", "published": "发布日期", "signed": "落款日期"},
           "meta_is": "{key}为{value}", "note": "记有识别说明“{message}”", "render": "写成从网页复制的文字后再读入",
           "omit": "（不含表{tables}）", "omit_sep": "、表", "arabic_tables": False},
    "en": {"previous": "last year's report: ", "settings": "settings: ", "comma": ", ", "reports": "{rule} reports: {said}",
           "reports_one": "{rule} reports it", "silent": "{rule} reports nothing", "text": "the report's text: ",
           "replace": "in the text, “{old}” changed to “{new}”", "zeros": "every table cell 0",
           "generated": "a random report whose tables agree (seed {seed})", "report": "a report in the {version} layout{year}, {base}",
           "year": " for {year}", "last_year": " for the year before", "every_row": "every row", "every_column": "every column",
           "blank": "blank", "cell": "table {table}, {row} / {column}: {value}", "dropped": "section “{heading}” left out",
           "section": "section “{heading}” reads “{text}”",
           "meta": {"title": "title", "agency": "agency", "year": "year", "published": "publication date", "signed": "signing date"},
           "meta_is": "{key}: “{value}”", "note": "recognition noted “{message}”",
           "render": "written out as text copied from a web page and read back", "omit": " (without table {tables})",
           "omit_sep": ", table ", "arabic_tables": True},
}


def describe_case(case: RuleCase, lang: str = "zh") -> list[str]:
    """The case as lines of Markdown for the rule's page, in ``lang``: the report, the edits, what the rule says
    (in English, which finding, where and with what values: a case's message is written in Chinese unless the
    case runs in English)."""
    data, say = case.data, _SAY[lang]
    def bullets(items: list[str], lead: str = "") -> list[str]:  # a code block's lines ("  …", "") as they are
        return [item if item.startswith("  ") or not item else f"- {lead}{item}" for item in items]

    lines = bullets(_describe_report(data, say))
    if "previous" in data:
        lines += bullets(_describe_report(data["previous"], say, previous=True), say["previous"])
    if data.get("settings"):
        lines.append(f"- {say['settings']}" + say["comma"].join(f"`{k}: {v}`" for k, v in data["settings"].items()))
    if not data["fires"]:
        return [*lines, "- " + say["silent"].format(rule=case.rule)]
    if lang != "zh" and data.get("lang") != lang:  # its message is in Chinese: say which finding instead
        return [*lines, f"- {case.rule} reports {_finding_in_words(data)}"]
    said = data.get("message") or "……".join(
        [data["contains"]] if isinstance(data.get("contains"), str) else data.get("contains", []))
    return [*lines, "- " + (say["reports"] if said else say["reports_one"]).format(rule=case.rule, said=said)]


def _finding_in_words(data: dict) -> str:
    """What a case expects of its finding, in English: how many, how severe, where, with what values."""
    from gklint.core.diagnostic import Location

    count = data.get("count", 1)
    out = f"{count} finding{'' if count == 1 else 's'}" + (f" ({data['severity']})" if data.get("severity") else "")
    if data.get("where"):
        out += f" at {Location(**data['where']).describe('en')}"
    values = [f"{k} {show_number(data[k])}" for k in ("expected", "found") if k in data]
    return out + (f", {', '.join(values)}" if values else "")


def _describe_report(data: dict, say: dict, previous: bool = False) -> list[str]:
    replaced = [say["replace"].format(old=old, new=new) for old, new in (data.get("replace") or {}).items()]
    if "text" in data:
        text = str(data["text"]).rstrip("\n")
        out = [(say["text"] + (f"“{text}”" if "\n" not in text and len(text) <= 120 else "")).rstrip()]
        if "\n" in text or len(text) > 120:
            out += ["", "  ```text", *[f"  {t}" for t in text.split("\n")], "  ```"]
        return out + replaced
    version = str(data.get("layout", "2021"))
    layout = layouts.get(version)
    year = data.get("year") or (None if previous else layout.first_year)
    base = say["zeros"] if data.get("fill", "zeros") == "zeros" else say["generated"].format(seed=data.get("seed", 0))
    said_year = say["year"].format(year=year) if year else (say["last_year"] if previous else "")
    out = [say["report"].format(version=version, year=said_year, base=base)]
    for key, value in (data.get("cells") or {}).items():
        table, row, col = resolve_cells(layout, key)[0]
        _, row_id, col_id = _split_cell(key)
        shown = say["blank"] if value in (None, "") else f"“{value}”" if isinstance(value, str) else show_number(value)
        out.append(say["cell"].format(table=_table_name(table.key, say), value=shown,
                                      row=say["every_row"] if row_id == "*" else f"“{row.label}”",
                                      column=say["every_column"] if col_id == "*" else f"“{col.label}”"))
    names = {s.id: s.heading for s in layout.sections}
    for sid, text in (data.get("sections") or {}).items():
        heading = names.get(sid, sid)
        out.append(say["dropped"].format(heading=heading) if text is None else
                   say["section"].format(heading=heading, text=text))
    out += [say["meta_is"].format(key=say["meta"][k], value=v) for k, v in (data.get("meta") or {}).items()]
    out += [say["note"].format(message=n.get("message")) for n in data.get("notes") or ()]
    if data.get("render"):
        omitted = (data["render"] if isinstance(data["render"], dict) else {}).get("omit", ())
        tables = say["omit_sep"].join(_table_name(str(t), say) for t in omitted)
        out.append(say["render"] + (say["omit"].format(tables=tables) if omitted else ""))
    return out + replaced


def _table_name(key: str, say: dict) -> str:
    """A table's key as the case's words say it: 三 in Chinese, 3 in English."""
    if not say["arabic_tables"]:
        return key
    from gklint.core.numerals import chinese_to_int

    return str(chinese_to_int(key) or key)
