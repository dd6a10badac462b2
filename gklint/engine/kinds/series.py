"""Kind ``series``: identities across one agency's reports of consecutive years, when a batch holds both.

A rule says ``left = right`` over cells written ``table.row.column``; ``last:`` marks a cell of the
previous year's report, ``-`` a weight of −1, and ``*`` as the column means "in every column". Reports
are paired by agency (or, without one, by title with the year taken out) and year. A term that is not
a number in either report leaves that instance unchecked.
"""

from __future__ import annotations

from collections.abc import Iterator

from gklint import layouts as L
from gklint.core import lazyre
from gklint.core.diagnostic import Diagnostic, Location, Part
from gklint.engine.rules import Rule
from gklint.core.model import Report
from gklint.core.numbers import show_number
from gklint.core.template import LANGS

_YEAR = lazyre.compile(r"\d{4}|[〇零一二三四五六七八九]{4}")


def agency_key(report: Report) -> str | None:
    m = report.meta
    if m.agency:
        return L.normalise(m.agency)
    if m.title:
        return L.normalise(_YEAR.sub("", m.title)) or None
    return None


def pairs(reports: list[Report], previous: Report | None = None) -> Iterator[tuple[int, Report, Report]]:
    """(index of this year's report, it, last year's report of the same agency). ``previous``: last year's
    report named by the user (``--previous``): every report is paired with it, and with nothing else."""
    if previous is not None:  # not a report of the same year or later, when both years are known
        last = previous.meta.year
        for i, report in enumerate(reports):
            if report is not previous and not (last and report.meta.year and report.meta.year <= last):
                yield i, report, previous
        return
    by_key: dict[tuple[str, int], Report] = {}
    for report in reports:
        key = agency_key(report)
        if key and report.meta.year:
            by_key.setdefault((key, report.meta.year), report)
    for i, report in enumerate(reports):
        key = agency_key(report)
        if key and report.meta.year and (last := by_key.get((key, report.meta.year - 1))) is not None:
            if last is not report:
                yield i, report, last


def _terms(spec: list[str], column: str | None) -> list[tuple[bool, str, str, str, int]]:
    out = []
    for term in spec:
        weight = -1 if term.startswith("-") else 1
        term = term.lstrip("-+")
        last = term.startswith("last:")
        table, row, col = term.removeprefix("last:").split(".")
        out.append((last, table, row, column if col == "*" else col, weight))
    return out


def check_refs(rule: Rule, layouts: list[L.Layout]):
    """(field, problem) for each term whose cell, or section, no layout the rule applies to has."""
    known = {spec.id for layout in layouts for spec in layout.sections}
    for sid in rule.params.get("sections") or ():
        if sid not in known:
            yield "sections", f"格式中没有部分 {sid!r}（可选：{', '.join(sorted(known))}）"
    for side in ("left", "right"):
        for term in rule.params.get(side) or ():
            _, table, row, col, _ = _terms([term], None)[0]
            ok = False
            for layout in layouts:
                spec = layout.tables.get(table)
                r = spec.row(row) if spec else None
                if r is not None and (col is None or r.column(col) is not None):
                    ok = True
            if not ok:
                yield side, f"格式 {', '.join(x.version for x in layouts)} 中没有单元格 {term!r}"


def _columns(rule: Rule, layout: L.Layout) -> list[str | None]:
    terms = rule.params["left"] + rule.params["right"]
    if not any(t.endswith(".*") for t in terms):
        return [None]
    table = terms[0].lstrip("-+").removeprefix("last:").split(".")[0]
    return [c.id for c in layout.table(table).columns]


# A rule's terms resolved against a pair of layouts, once per run (``_plan``): per column it is checked in, its
# terms, left then right, each as (last, table, row, column, weight, row label, column label), how many are on
# the left, and where each term's cell is: (last, table, (row, column)). A column where a term names a cell the
# layouts lack is left out (never checked).
_Plan = list[tuple[str | None, tuple[tuple, ...], int, tuple[tuple[bool, str, tuple[str, str]], ...]]]
_PLANS: dict[tuple[Rule, str, str], tuple[L.Layout, L.Layout, _Plan]] = {}


def _plan(rule: Rule, this: L.Layout, last: L.Layout) -> _Plan:
    key = (rule, this.version, last.version)
    known = _PLANS.get(key)
    if known is not None and known[0] is this and known[1] is last:
        return known[2]
    plan: _Plan = []
    for column in _columns(rule, this):
        sides = _resolve(rule, column, {False: this, True: last})
        if sides is not None:
            terms = (*sides[0], *sides[1])
            plan.append((column, terms, len(sides[0]), tuple((t[0], t[1], (t[2], t[3])) for t in terms)))
    if len(_PLANS) >= 256:
        _PLANS.clear()
    _PLANS[key] = (this, last, plan)
    return plan


def _resolve(rule: Rule, column: str | None, layouts: dict[bool, L.Layout]) -> tuple[list[tuple], list[tuple]] | None:
    sides = []
    for side in ("left", "right"):
        resolved = []
        for t in _terms(rule.params[side], column):
            spec = layouts[t[0]].tables.get(t[1])
            r = spec.row(t[2]) if spec else None
            c = r.column(t[3]) if r else None
            if c is None:
                return None
            resolved.append((*t, r.label, c.label))
        sides.append(resolved)
    return sides[0], sides[1]


def _labels(terms: tuple[tuple, ...], last: Report, lang: str) -> list[str]:
    """The terms' labels in ``lang``: last year's cells named with its year (``2021年报告…`` / ``2021 report …``)."""
    year = last.meta.year
    prefix = f"{year}年报告" if lang == "zh" else f"{year} report "
    return [f"{prefix if is_last else ''}{row_label}·{col_label}"
            for is_last, _, _, _, _, row_label, col_label in terms]


def _wording(terms: tuple[tuple, ...], n: int, last: Report, lang: str
             ) -> tuple[list[str], dict[str, tuple[list[str], list[str]]]]:
    """The terms' labels in ``lang`` (the parts'), and in each language what the message's sums write before
    each term's value: ``label(`` on the left, ``+ label(`` or ``− label(`` on the right."""
    before = {}
    for lg in LANGS:
        names = _labels(terms, last, lg)
        before[lg] = ([f"{name}(" for name in names[:n]],
                      [f"{'−' if t[4] < 0 else '+'} {name}(" for t, name in zip(terms[n:], names[n:])])
    return _labels(terms, last, lang), before


def evaluate_series(rule: Rule, reports: list[Report], lang: str,
                    settings: dict | None = None, previous: Report | None = None) -> Iterator[tuple[int, Diagnostic]]:
    if "repeated" in rule.params:  # the prose, year against year (年年雷同): gklint/engine/kinds/repeated.py
        from gklint.engine.kinds.repeated import evaluate_repeated

        yield from evaluate_repeated(rule, pairs(reports, previous), lang, settings)
        return
    params = rule.params
    tolerance = float(params.get("tolerance", 0)) + 1e-9
    uncertain = "uncertain_severity" in params
    worded: dict[tuple, tuple] = {}  # ``_wording`` by layouts, column and last year
    for i, this, last in pairs(reports, previous):
        if not (rule.applies_to(this.layout) and rule.applies_to(last.layout)):
            continue
        tables = {False: this.tables, True: last.tables}
        for column, terms, n, places in _plan(rule, L.get(this.layout), L.get(last.layout)):
            cells = []  # each term's cell, left then right; the column is left unchecked at the first not a number
            for is_last, table, place in places:
                found = tables[is_last].get(table)
                cell = found.cells.get(place) if found is not None else None
                if cell is None or not cell.is_number or cell.value is None:
                    break
                cells.append(cell)
            else:
                weighted = [c.value * t[4] for t, c in zip(terms, cells)]
                left, right = sum(weighted[:n]), sum(weighted[n:])
                if abs(left - right) <= tolerance:
                    continue
                wording = worded.get(known := (this.layout, last.layout, column, last.meta.year))
                if wording is None:
                    wording = worded[known] = _wording(terms, n, last, lang)
                yield i, _finding(rule, lang, this, last, terms, n, cells, left, right, wording,
                                  uncertain and any(c.doubt for c in cells))


def _finding(rule: Rule, lang: str, this: Report, last: Report, terms: tuple[tuple, ...], n: int, cells: list,
             left, right, wording: tuple[list[str], dict[str, tuple[list[str], list[str]]]], doubt: bool) -> Diagnostic:
    """The finding of a column where ``left`` (its first ``n`` terms) differs from ``right`` (the others)."""
    names, before = wording
    flat = [Part(name, c.value, t[4], Location(t[1], t[5], t[6], source=c.source))
            for name, t, c in zip(names, terms, cells)]
    shown = [show_number(c.value) for c in cells]
    others = shown[n:]
    anchor = flat[0].location
    values = {"table": anchor.table, "row": anchor.row, "column": anchor.column, "year": this.meta.year,
              "last_year": last.meta.year, "difference": show_number(abs(left - right)),
              "left": {lg: " + ".join([p + v + ")" for p, v in zip(sides[0], shown)]) for lg, sides in before.items()},
              "right": {lg: " ".join([p + v + ")" for p, v in zip(sides[1], others)]).lstrip("+ ")
                        for lg, sides in before.items()}}
    severity = rule.params["uncertain_severity"] if doubt else None
    return rule.diagnostic(lang, anchor, expected=right, found=left, parts=flat, values=values,
                           severity=severity, template="message_uncertain" if severity else "message")
