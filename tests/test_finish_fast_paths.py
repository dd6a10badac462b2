"""The map's finish step made cheaper (issue 12): each shortcut gives what the plain way gives.

The table arrays (codes as bytes, numbers through a C array), the integer check (by ``floor``), the
placing of findings (per-layout maps), the summary's cells (kept keys per order), message filling (one
copy of the values), and pickling by ``core.diagnostic.by_state`` (the default reduction's very bytes)
are each compared with the plain way they replaced, on spoiled reports and random values.
"""

from __future__ import annotations

import pickle
import random
import string

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gklint import batch, layouts
from gklint.core import diagnostic as D
from gklint.core.model import Section
from gklint.core.template import _Keep, _is_mapping, choose, fill
from gklint.engine import run as run_mod
from gklint.engine import tables
from gklint.engine.rules import load_rules
from gklint.engine.views import describe
from test_tables_stacked import spoiled

RULES = load_rules()


def plain_arrays(reports, layout):
    """``tables.to_arrays`` cell by cell, from the layout's cells."""
    values = np.full((len(reports), len(layout.cell_keys())), np.nan)
    kinds = np.full(values.shape, tables.MISSING, dtype=np.int8)
    for i, report in enumerate(reports):
        unread = {(n.table, n.row) for n in report.notes if n.kind in tables.UNREAD_NOTES and n.row}
        j = 0
        for t, spec in layout.tables.items():
            table = report.tables.get(t)
            for row, col in spec.cells():
                cell = table.cells.get((row.id, col.id)) if table is not None and table.found else None
                if cell is not None:
                    kinds[i, j] = tables.KIND_CODES.get(cell.kind, tables.OTHER)
                    if cell.kind == "blank" and (t, row.label) in unread:
                        kinds[i, j] = tables.UNREAD
                    if cell.kind == "number":
                        values[i, j] = cell.value
                j += 1
    return values, kinds


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000))
def test_the_table_arrays_are_those_read_cell_by_cell(seed):
    reports = spoiled(24, seed)
    for version in ("2021", "2019"):
        mine = [r for r in reports if r.layout == version]
        for found, wanted in zip(tables.to_arrays(mine, layouts.get(version)),
                                 plain_arrays(mine, layouts.get(version))):
            assert np.array_equal(found, wanted, equal_nan=True)


def test_the_integer_check_is_value_mod_1():
    rng = random.Random(7)
    special = [0.0, -0.0, np.inf, -np.inf, np.nan, 1e300, -1e300, 2.0 ** 53, 2.0 ** 53 + 2, 0.5, -3.5, 5e-324,
               4503599627370495.5, 1.7976931348623157e308]
    value = np.array([rng.choice(special) if rng.random() < 0.3 else
                      rng.choice([rng.uniform(-1e6, 1e6), float(rng.randint(-10 ** 9, 10 ** 9)),
                                  rng.randint(-99, 99) / 4])
                      for _ in range(20_000)])
    with np.errstate(invalid="ignore"):
        assert np.array_equal(tables._integer(value, None), np.isnan(value) | (value % 1 == 0))


def plain_order(report, layout):
    """``engine.run._order`` as it was: sections and tables looked up one finding at a time."""
    section_ids, row_order = layout.section_ids, layout.row_places

    def key(d):
        loc = d.location
        if loc.section:
            found = next((s.id for s in report.sections if s.heading == loc.section and s.id), None)
            sec = section_ids.index(found) if found in section_ids else -1
        elif loc.table:
            sid = layouts.SECTION_OF_TABLE.get(loc.table)
            sec = section_ids.index(sid) if sid in section_ids else len(section_ids)
        else:
            sec = -1
        return (sec, run_mod.SEVERITY_RANK[d.severity], row_order.get((loc.table, loc.row), 0), d.rule)

    return key


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000))
def test_findings_are_placed_as_before(seed):
    rng = random.Random(seed)
    report = spoiled(1, seed)[0]
    layout = layouts.get(report.layout)
    headings = [s.heading for s in report.sections] + ["不是标题", ""]
    tables_ = list(layout.tables) + ["九", None]
    rows = [r.label for spec in layout.tables.values() for r in spec.rows] + ["无此行", None]
    if rng.random() < 0.5 and report.sections:  # a heading twice, the first without an id
        report.sections.insert(0, Section(report.sections[-1].heading, "x"))
    diags = [D.Diagnostic(rule=rng.choice(["A1", "B2", "C3"]), severity=rng.choice(D.SEVERITIES), message="",
                          location=D.Location(table=rng.choice(tables_), row=rng.choice(rows),
                                              section=rng.choice(headings) if rng.random() < 0.5 else None))
             for _ in range(rng.randint(0, 30))]
    assert [plain_order(report, layout)(d) for d in diags] == [run_mod._order(report, layout)(d) for d in diags]
    run_mod.sort(report, diags)
    assert diags == sorted(diags, key=plain_order(report, layout))


def test_a_summary_keeps_the_series_rows_in_the_reports_order():
    reports = spoiled(30, 11)
    rows = run_mod.series_rows(RULES)
    for report in reports * 2:  # both layouts in turn, each order of cells seen again
        brief = run_mod.summary(report, RULES)
        for key, table in brief.tables.items():
            whole = report.tables[key].cells
            assert list(table.cells.items()) == [(rc, c) for rc, c in whole.items() if rc[0] in rows[key]]


def plain_fill(template, values, lang="zh"):
    """``template.fill`` as it was: the values copied twice."""
    shown = {k: choose(v, lang) if _is_mapping(v) else v for k, v in values.items()}
    if lang == "en" and isinstance(shown.get("table"), str):
        from gklint.core.numerals import chinese_to_int

        shown["table"] = str(chinese_to_int(shown["table"]) or shown["table"])
    try:
        return template.format_map(_Keep(shown))
    except (ValueError, LookupError, AttributeError, TypeError):
        return string.Formatter().vformat(template, (), _Keep(shown))


_NAMES = ["table", "row", "found", "expected", "x"]
_VALUES = st.one_of(st.text(max_size=4), st.integers(), st.none(), st.sampled_from(["三", "十二", "二"]),
                    st.fixed_dictionaries({"zh": st.text(max_size=3), "en": st.text(max_size=3)}),
                    st.dictionaries(st.sampled_from(["zh", "en", "fr"]), st.text(max_size=3), max_size=2))


_PIECES = [f"{{{n}}}" for n in _NAMES] + ["{", "}", "{0}", "{x!r}", "{x:>3}", "{x.y}", "{x[0]}"]


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.one_of(st.text(max_size=3), st.sampled_from(_PIECES)), max_size=8),
       values=st.dictionaries(st.sampled_from(_NAMES), _VALUES, max_size=5), lang=st.sampled_from(["zh", "en"]))
def test_a_message_is_filled_as_before(parts, values, lang):
    template = "".join(parts)
    try:
        expected = plain_fill(template, values, lang)
    except Exception as exc:  # noqa: BLE001  (the same failure, then)
        try:
            fill(template, values, lang)
        except Exception as again:  # noqa: BLE001
            assert type(again) is type(exc)
            return
        raise AssertionError(f"fill did not fail as before ({exc!r})") from None
    assert fill(template, values, lang) == expected


def _findings(n: int):
    reports = spoiled(n, 5)
    found = run_mod.check_reports(reports, RULES)
    results = [D.FileResult(path=f"r{i}.json", layout=r.layout, meta=batch.meta(r), diagnostics=d)
               for i, (r, d) in enumerate(zip(reports, found))]
    for result, report in zip(results, reports):
        describe(result, report, RULES)
    assert any(d.parts for r in results for d in r.diagnostics)
    assert any(d.excerpt for r in results for d in r.diagnostics)
    return reports, results


def test_findings_pickle_to_the_default_reductions_bytes():
    reports, results = _findings(20)
    objects = [o for r in results for d in r.diagnostics
               for o in (d, d.location, *d.parts, *(p.location for p in d.parts if p.location), *d.related,
                         *([d.excerpt] if d.excerpt else []))] + results + [D.TableView("三", "x")]
    for obj in objects:
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            reduced = object.__reduce_ex__(obj, protocol)
            if protocol >= 2:
                assert D.by_state(obj, protocol) == reduced[:3] and reduced[3:] == (None, None)
            assert pickle.loads(pickle.dumps(obj, protocol)) == obj
    for report in reports:
        brief = run_mod.summary(report, RULES)
        assert batch.Packed(brief).data == pickle.dumps(brief, pickle.HIGHEST_PROTOCOL)
