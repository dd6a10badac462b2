"""Zeros written as dashes ("-", "—", "－", "–": a table pasted from Excel or Word shows 0 so).

The identities read a dash as they read a blank cell (0, judged by ``_blank_severity``), never "/"; the cell
rules note the dash (C202, info; once per table where dashes are the table's way of writing 0). A narrative figure whose cell is a dash or blank cannot be told, and is
not compared with another reading instead (the 现行有效 column beside a 本年制发 "-").
"""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import gklint
from gklint import layouts
from gklint.core.model import Cell
from gklint.engine import tables
from gklint.engine.rules import load_rules
from gklint.testing import IDENTITY_TABLES, build_case_report, data_cells
from strategies import corrupted_reports, reports

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
IDENTITIES = tuple(r for r in load_rules() if r.kind == "identity")
DASHES = st.sampled_from(["-", "—", "－", "–", "--", " - ", "无"])


def zeros(report, tables=IDENTITY_TABLES):
    layout = layouts.get(report.layout)
    return [(t, row.id, col.id) for t, row, col in data_cells(layout, tables)
            if report.value(t, row.id, col.id) == 0]


def dashed(report, cells, dash):
    out = copy.deepcopy(report)
    for t, row, col in cells:
        out.tables[t].cells[(row, col)] = Cell("na", None, dash)
    return out


def findings(report):
    return [(d.rule, d.severity, d.location.table, d.location.row, d.location.column)
            for d in gklint.check(report).diagnostics]


@SETTINGS
@given(st.data())
def test_zeros_written_as_dashes_in_a_consistent_report_add_only_the_c202_notes(data):
    report = data.draw(reports())
    cells = zeros(report, tuple(report.tables))
    assume(cells)
    dash = data.draw(DASHES)
    before = findings(report)
    after = findings(dashed(report, cells, dash))
    added = [f for f in after if f not in before]
    assert [f for f in after if f[0] != "C202"] == before
    assert all(f[:2] == ("C202", "info") for f in added)
    for table in report.tables:  # more than 3 dashes in a table and no 0 left: the table's habit, one finding
        dashes = sum(1 for t, *_ in cells if t == table)
        assert sum(1 for f in added if f[2] == table) == (1 if dashes > 3 else dashes)


@SETTINGS
@given(corrupted_reports(), DASHES)
def test_one_changed_cell_among_zeros_written_as_dashes_is_still_caught(corruption, dash):
    changed = (corruption.table, corruption.row.id, corruption.column.id)
    report = dashed(corruption.report, [c for c in zeros(corruption.report) if c != changed], dash)
    through = tables.witnesses(IDENTITIES, report.layout)
    anchored = {(i.rule.id, i.row, i.column) for i in through[changed]
                if report.cell(i.table, *i.anchor.split(".")[1:]).is_number}
    assume(anchored)  # an identity reported at a number (one at a dash is not evaluated, as at a blank)
    found = [f for f in findings(report) if f[0] in {r.id for r in IDENTITIES}]
    assert found, corruption.describe()
    assert {(rule, row, column) for rule, _, _, row, column in found} <= anchored
    assert all(severity in ("error", "warning") for _, severity, *_ in found)


def review(**cells):
    """A report of zeros with the 行政复议 row of table 四 as given."""
    return build_case_report({"cells": {f"四.review.{k}": v for k, v in cells.items()}})


def test_a_dash_term_shows_as_written_in_the_sum_and_the_note():
    [d] = [d for d in gklint.check(review(upheld=2, corrected="—", pending=1, total=2)).diagnostics
           if d.rule == "T401"]
    assert (d.severity, d.expected, d.found) == ("error", 3, 2)
    assert d.values["left"] == "结果维持(2)+结果纠正(—)+其他结果(0)+尚未审结(1)"
    assert d.message.endswith("（其中“结果纠正”为“—”，已按0计）")


def test_a_slash_beside_a_dash_is_still_not_read_as_zero():
    report = review(upheld=2, corrected="-", other="/", pending=1, total=2)
    assert [d.rule for d in gklint.check(report).diagnostics] == ["C202", "C202"]


def test_a_figure_whose_cell_is_a_dash_is_not_compared_with_another_reading():
    text = "本年度新制发行政规范性文件0件。"
    for issued in ("-", "", "/"):
        report = build_case_report({"cells": {"二.normative_documents.issued": issued,
                                              "二.normative_documents.in_force": 1},
                                    "sections": {"proactive": text}})
        assert not [d for d in gklint.check(report).diagnostics if d.rule == "N104"], issued
    report = build_case_report({"cells": {"二.normative_documents.issued": 2, "二.normative_documents.in_force": 1},
                                "sections": {"proactive": text}})
    assert [d.rule for d in gklint.check(report).diagnostics if d.rule == "N104"] == ["N104"]
