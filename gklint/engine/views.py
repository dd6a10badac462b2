"""What outputs show of a report, carried on its ``FileResult`` so that outputs need only the result.

The terminal's table excerpts (``Diagnostic.excerpt``), the review page's tables (``FileResult.tables``),
the section each table belongs to (``FileResult.sections``) and the notice of the layout
(``FileResult.layout_notice``) come from the report and its layout; ``describe`` puts them on a result
once its findings are known (``gklint.api`` calls it), so no output reads a ``Report`` or a layout.
What outputs say of the rules the findings name (``FileResult.rules``) needs only the findings' rule ids:
``name_rules`` puts it on a result where the result is gathered (a worker sends only the findings; the
rules' docs and pages, some 18 KB a report, are made once per run, not sent with every file).
"""

from __future__ import annotations

from gklint import layouts as L
from gklint.core.diagnostic import Diagnostic, Excerpt, FileResult, TableView
from gklint.core.memo import by_identity
from gklint.core.model import Report

EXCERPT_ROWS = 8


def describe(result: FileResult, report: Report, rules=(), lang: str = "zh", *, views: bool = True,
             infos: dict | None = None) -> FileResult:
    """Fill ``result``'s layout notice, table sections and table views, the excerpt of each finding that
    has none yet, and what outputs say of the rules its findings name (from ``rules``: ``name_rules``,
    with ``infos`` its cache). ``views=False`` leaves the table views out (only the review page shows them)."""
    name_rules(result, rules, lang, infos)
    layout = L.layouts().get(result.layout) if result.layout else None
    if layout is None:
        return result
    result.layout_notice = layout.notice
    result.sections = table_sections(layout)
    if views and not result.tables:
        result.tables = table_views(report, layout)
    for d in result.diagnostics:
        if d.excerpt is None:
            d.excerpt = excerpt(d, report, layout)
    return result


@by_identity(maxsize=64)
def table_sections(layout: L.Layout) -> dict[str, str]:
    """Table key -> the heading of the section holding it, for the tables of ``layout``: made once per layout,
    and the same dict on every result of it (read only)."""
    sections = {s.id: s.heading for s in layout.sections}
    return {key: sections.get(sid, f"表{key}") for key, sid in L.SECTION_OF_TABLE.items() if key in layout.tables}


def name_rules(result: FileResult, rules=(), lang: str = "zh", infos: dict | None = None) -> FileResult:
    """Add to ``result.rules`` what outputs say of each rule of ``rules`` its findings name and it lacks
    (``ruledocs.rule_info``), in the order of ``rules``. ``infos``: a cache of those descriptions by rule id,
    for the rules and language of one run (each made once, and shared by the results that name it)."""
    if not rules:
        return result
    named = {d.rule for d in result.diagnostics}.difference(result.rules)
    if not named:
        return result
    from gklint.ruledocs import rule_info

    made = {} if infos is None else infos
    for rule in rules:
        if rule.id in named:
            info = made.get(rule.id)
            if info is None:
                info = made[rule.id] = rule_info(rule, lang)
            result.rules[rule.id] = info
    return result


def table_views(report: Report, layout: L.Layout) -> list[TableView]:
    """Each table of the layout as the report has it, in the layout's order."""
    out = []
    for key, spec in layout.tables.items():
        table = report.tables.get(key)
        view = TableView(key, spec.title, section=L.SECTION_OF_TABLE.get(key),
                         found=table is not None and table.found)
        if view.found:
            for row in spec.rows:
                cells = [] if row.heading else [(c.display() if (c := table.get(row.id, col.id)) is not None else "")
                                                for col in row.columns]
                view.rows.append((row.label, [] if row.heading else [c.label for c in row.columns], cells))
        out.append(view)
    return out


def excerpt(d: Diagnostic, report: Report, layout: L.Layout) -> Excerpt | None:
    """The cells a table finding involves, as a small table; the located cell is ``row``/``column``."""
    loc = d.location
    if not loc.table or loc.table not in layout.tables:
        return None
    spec = layout.table(loc.table)
    cells = frozenset((p.location.row, p.location.column) for p in d.parts if p.location)
    if loc.row and loc.column:
        cells |= {(loc.row, loc.column)}
    if not cells:
        return None
    labels, rows = _shape(spec, loc.row, cells, bool(d.parts))
    if d.parts and len(rows) > EXCERPT_ROWS:  # long sums: keep the rows that hold something, and the located one
        keep = [(row, ids) for row, ids in rows if row.label == loc.row or any(
            p.location and p.location.row == row.label and p.value not in (0, None) for p in d.parts)]
        rows = keep[:EXCERPT_ROWS]
    shown = []
    for row, ids in rows:
        values: list[str | None] = []
        for col in ids:
            cell = report.cell(loc.table, row.id, col) if col is not None else None
            values.append(cell.display() if cell else "")
        shown.append((row.label, values))
    return Excerpt(loc.table, list(labels), shown, loc.row, loc.column)


@by_identity(maxsize=4096)
def _shape(spec: L.TableSpec, row_label: str | None, cells: frozenset, parts: bool
           ) -> tuple[tuple[str, ...], list[tuple[L.RowSpec, tuple[str | None, ...]]]]:
    """An excerpt's column labels and rows, each row with the id of each column it has (None where it has not):
    the rows of ``cells`` (with no ``parts``, the located row alone, whole), the columns they name. It depends
    on the spec and these only, and is remembered (bounded)."""
    labels = {c[0] for c in cells}
    rows = [r for r in spec.data_rows if r.label in labels]
    if row_label and not parts:  # a single cell: show its whole row
        row = spec.row(row_label)
        rows = [row] if row else rows
        cells = cells | ({(row_label, c.label) for c in row.columns} if row else set())
    names = {cell[1] for cell in cells}
    cols = [c for c in spec.columns if c.label in names]
    return tuple(c.label for c in cols), [(row, tuple(c.id if row.column(c.id) else None for c in cols)) for row in rows]
