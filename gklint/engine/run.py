"""The engine: run the selected rules over reports and collect diagnostics.

Table rules run once over all reports of a layout (pandera, stacked); ``series`` rules compare one
agency's reports of consecutive years within the batch; every other kind runs per report.
A rule that raises becomes a finding about that rule, never a crashed run.
"""

from __future__ import annotations

from functools import lru_cache

from gklint import layouts as L
from gklint.engine import tables
from gklint.core.diagnostic import Diagnostic
from gklint.core.memo import by_identity
from gklint.engine.kinds import KINDS, Context, evaluator
from gklint.engine.messages import CRASH, crash_message, crash_title
from gklint.engine.rules import Rule
from gklint.core.model import Report, Table
from gklint.textutil import ReportText

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def _crash(rule: Rule, exc: Exception, lang: str) -> Diagnostic:
    """The finding that says ``rule`` failed: marked as such (template ``crash``), in no words of the rule's own."""
    error = f"{type(exc).__name__}: {exc}"
    return Diagnostic(rule=rule.id, severity="warning", title=crash_title(lang),
                      message=crash_message(rule.id, error, lang), template=CRASH, values={"error": error})


def _order(report: Report, layout: L.Layout):
    section_of, table_place, row_order = _places(layout)
    after = len(layout.section_ids)  # a table in no section of the layout: after them all
    headings: dict[str, str] | None = None  # a heading -> the id of the first section of the report so headed

    def key(d: Diagnostic):
        nonlocal headings
        loc = d.location
        if loc.section:  # where the quoted text is
            if headings is None:
                headings = {}
                for s in report.sections:
                    if s.id:
                        headings.setdefault(s.heading, s.id)
            sec = section_of.get(headings.get(loc.section), -1)
        elif loc.table:  # the section that holds the table
            sec = table_place.get(loc.table, after)
        else:
            sec = -1  # whole-report findings first
        return (sec, SEVERITY_RANK[d.severity], row_order.get((loc.table, loc.row), 0), d.rule)

    return key


@by_identity(maxsize=64)
def _places(layout: L.Layout) -> tuple[dict[str, int], dict[str, int], dict[tuple[str, str], int]]:
    """What ``_order`` places findings by, made once per layout: each section id's place (the first, if one
    is repeated), the place of the section holding each table (after them all if the layout lacks it), and
    each (table, row label)'s place in its table."""
    section_of: dict[str, int] = {}
    for i, sid in enumerate(layout.section_ids):
        section_of.setdefault(sid, i)
    tables = {t: section_of.get(sid, len(layout.section_ids)) for t, sid in L.SECTION_OF_TABLE.items()}
    return section_of, tables, layout.row_places


def check_reports(reports: list[Report], rules: tuple[Rule, ...], *, lang: str = "zh",
                  settings: dict | None = None, every: tuple[Rule, ...] | None = None) -> list[list[Diagnostic]]:
    results = table_diagnostics(reports, rules, lang)
    for report, diags in zip(reports, results):
        diags.extend(report_diagnostics(report, rules, lang=lang, settings=settings, every=every))
    add_series(reports, results, rules, lang, settings)
    for report, diags in zip(reports, results):
        sort(report, diags)
    return results


def table_diagnostics(reports: list[Report], rules: tuple[Rule, ...], lang: str = "zh") -> list[list[Diagnostic]]:
    """The table rules, run as one stacked validation (a report's findings do not depend on which other
    reports are stacked with it). If the stack fails, each report is run alone: a table rule that raises
    on one report is a finding about that rule on that report, not on the others stacked with it."""
    try:
        return tables.run(reports, rules, lang)
    except Exception as exc:  # a broken table rule must not lose the other findings
        if len(reports) > 1:
            return [table_diagnostics([report], rules, lang)[0] for report in reports]
        return [[_crash(r, exc, lang) for r in rules if KINDS[r.kind].stage == "table"][:1] for _ in reports]


def report_diagnostics(report: Report, rules: tuple[Rule, ...], *, lang: str = "zh",
                       settings: dict | None = None, every: tuple[Rule, ...] | None = None) -> list[Diagnostic]:
    """The rules that look at one report alone (every kind but the table and series rules). ``every``: the
    run's full rule set, before selection (default: ``rules``), for the rules that weigh the others."""
    out: list[Diagnostic] = []
    ctx = Context(lang=lang, layout=L.get(report.layout), settings=settings or {},
                  rules=tuple(every) if every is not None else tuple(rules), text=ReportText(report))
    alone = _not_a_report(report, ctx.rules)
    for rule in rules:
        if KINDS[rule.kind].stage != "report" or not rule.applies_to(report.layout):
            continue
        if alone and rule.kind != "recognition":
            continue  # no annual report in the official format: what recognition found is all there is to say
        try:
            out.extend(evaluator(rule.kind)(rule, report, ctx))
        except Exception as exc:
            out.append(_crash(rule, exc, lang))
    return out


def _not_a_report(report: Report, rules: tuple[Rule, ...]) -> bool:
    """Does a recognition rule of the run find the document no annual report in the official format (a notice,
    a report of 2014: no official table, and a title or year that no layout is for)?"""
    from gklint.engine.kinds.recognition import not_a_report

    return any(not_a_report(rule, report) is not None for rule in rules if rule.kind == "recognition")


def add_series(reports: list[Report], results: list[list[Diagnostic]], rules: tuple[Rule, ...],
               lang: str = "zh", settings: dict | None = None, previous: Report | None = None) -> None:
    """The series rules over every report of the run (one agency's consecutive years), appended to ``results``;
    with ``previous`` (last year's report, named), each report is paired with it instead."""
    series = [r for r in rules if KINDS[r.kind].stage == "series"]
    if series and (len(reports) > 1 or (previous is not None and reports)):
        from gklint.engine.kinds.series import evaluate_series

        for rule in series:
            try:
                for i, diag in evaluate_series(rule, reports, lang, settings, previous):
                    results[i].append(diag)
            except Exception as exc:
                for diags in results:
                    diags.append(_crash(rule, exc, lang))
                break


def sort(report: Report, diags: list[Diagnostic]) -> None:
    """A report's findings in reading order: whole-report first, then by section, severity, row, rule."""
    if len(diags) > 1:
        diags.sort(key=_order(report, L.get(report.layout)))


def series_rows(rules: tuple[Rule, ...]) -> dict[str, frozenset[str]] | None:
    """The table rows the series rules read (table key -> row ids); None when no series rule is chosen.
    Remembered for the last few rule sets (a run asks it once per report)."""
    return _series_rows(tuple(rules))


@lru_cache(maxsize=8)
def _series_rows(rules: tuple[Rule, ...]) -> dict[str, frozenset[str]] | None:
    series = [r for r in rules if KINDS[r.kind].stage == "series"]
    if not series:
        return None
    out: dict[str, set[str]] = {}
    for rule in series:
        for side in ("left", "right"):
            for term in rule.params.get(side) or ():
                table, row, _ = term.lstrip("-+").removeprefix("last:").split(".")
                out.setdefault(table, set()).add(row)
    return {table: frozenset(rows) for table, rows in out.items()}


def summary(report: Report, rules: tuple[Rule, ...]) -> Report | None:
    """What the reduce needs of a checked report to pair it with other years (the series rules), to place
    their findings (``sort``) and to show them (excerpts): its layout, metadata, sections, and the table
    rows the series rules read, whole (an excerpt shows a finding's rows in every column it names).
    None when no series rule is chosen. The rest of the report (most of its cells) stays in the worker."""
    rows = series_rows(rules)
    if rows is None:
        return None
    tables = {}
    for key, wanted in rows.items():
        table = report.tables.get(key)
        if table is not None:
            cells = table.cells
            tables[key] = Table(key=table.key, cells={rc: cells[rc] for rc in _kept(report.layout, key, wanted, cells)},
                                found=table.found, source=table.source)
    return Report(layout=report.layout, meta=report.meta, sections=report.sections, tables=tables, path=report.path)


# (layout, table, rows) -> (the table's cell keys in the order last seen, those in the rows)
_KEPT: dict[tuple[str, str, frozenset], tuple[tuple, list]] = {}


def _kept(layout: str, table: str, rows: frozenset[str], cells: dict) -> list:
    """The keys of ``cells`` (of table ``table`` of a report of ``layout``) in the rows ``rows``, in order:
    remembered for the last order of keys seen, as most reports of a layout have their cells in one order."""
    keys = tuple(cells)
    last = _KEPT.get((layout, table, rows))
    if last is None or last[0] != keys:
        if len(_KEPT) >= 64:
            _KEPT.clear()
        last = _KEPT[(layout, table, rows)] = keys, [rc for rc in keys if rc[0] in rows]
    return last[1]
