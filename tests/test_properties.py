"""Properties of the checker on generated reports (gklint.testing, tests/strategies.py).

(a) a report consistent by construction, in either layout, gets no error;
(b) the same report with one table 三 or 四 cell changed gets an error located at that cell's
    row or column (official labels);
(c) checking a batch gives each report the diagnostics it gets when checked alone;
(d) a report's JSON form (gklint.to_json) gets the same diagnostics as the model.
The first tests check the generator itself, independently of gklint's engine, so that (a)-(c)
rest on reports that really are consistent.
"""

from __future__ import annotations

import json
import random

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gklint
from gklint import layouts
from gklint.testing import (APPEAL_PARTS, APPLICANT_COLUMNS, NUMERAL_CHARS, TOTAL, consistent_report,
                            consistent_reports, corrupt_cell)
from strategies import VERSIONS, corrupted_reports, reports

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BATCH_SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def values(report, table: str) -> dict[tuple[str, str], int | float]:
    return {key: cell.value for key, cell in report.tables[table].cells.items()}


# --------------------------------------------------------------------------- the generator

@SETTINGS
@given(reports())
def test_generated_tables_satisfy_every_identity(report):
    layout = layouts.get(report.layout)
    three, four = values(report, "三"), values(report, "四")
    spec = layout.table("三")
    results = [r.id for r in spec.data_rows if r.role == "result"]
    assert results, "the layout declares result rows"
    # every data cell of every table is present, a number, non-negative unless signed
    for key, tspec in layout.tables.items():
        cells = report.tables[key].cells
        assert set(cells) == {(r.id, c.id) for r, c in tspec.cells()}
        for (row, col), cell in cells.items():
            assert cell.is_number
            assert cell.value >= 0 or tspec.row(row).column(col).signed
            if key != "二" or not tspec.row(row).column(col).amount:
                assert isinstance(cell.value, int)
    for col in (*APPLICANT_COLUMNS, TOTAL):
        assert three["new", col] + three["carried_over", col] == three["total", col] + three["carried_forward", col]
        assert three["total", col] == sum(three[r, col] for r in results)
    for row in spec.data_rows:
        assert three[row.id, TOTAL] == sum(three[row.id, c] for c in APPLICANT_COLUMNS)
    for row in layout.table("四").data_rows:
        assert four[row.id, TOTAL] == sum(four[row.id, c] for c in APPEAL_PARTS)


@SETTINGS
@given(reports())
def test_generated_metadata_and_text_state_no_figures(report):
    layout = layouts.get(report.layout)
    meta = report.meta
    assert layout.first_year <= meta.year <= (layout.last_year or meta.year)
    assert layouts.for_year(meta.year).version == report.layout
    assert meta.period_start.year == meta.period_end.year == meta.year
    assert meta.signed <= meta.published and meta.published.year == meta.year + 1 and meta.published.month == 1
    assert [s.heading for s in report.sections] == [s.heading for s in layout.sections]
    converter = opencc.OpenCC("t2s")
    for section in report.sections:
        assert section.text
        assert not NUMERAL_CHARS & set(section.text), section.text
        assert converter.convert(section.text) == section.text  # simplified characters only


@SETTINGS
@given(corrupted_reports())
def test_corruption_changes_exactly_one_cell(corruption):
    before = {k: values(corruption.original, k) for k in corruption.original.tables}
    after = {k: values(corruption.report, k) for k in corruption.report.tables}
    diff = [(k, c) for k in before for c in before[k] if before[k][c] != after[k][c]]
    assert diff == [(corruption.table, (corruption.row.id, corruption.column.id))]
    assert corruption.delta != 0 and corruption.new >= 0
    assert before[corruption.table][corruption.row.id, corruption.column.id] == corruption.old


def test_corruption_leaves_the_original_untouched():
    report = consistent_report(random.Random(7), "2021")
    before = {k: values(report, k) for k in report.tables}
    corruption = corrupt_cell(report, random.Random(8))
    assert corruption.original is report
    assert {k: values(report, k) for k in report.tables} == before
    assert values(corruption.report, corruption.table) != before[corruption.table]


# --------------------------------------------------------------------------- the checker

def errors(file_result):
    return [d for d in file_result.diagnostics if d.severity == "error"]


@SETTINGS
@given(reports())
def test_consistent_report_gets_no_error(report):
    result = gklint.check(report)
    assert result.error is None
    assert result.layout == report.layout
    assert errors(result) == [], [d.to_dict() for d in errors(result)]


@SETTINGS
@given(corrupted_reports())
def test_changed_cell_gets_an_error_at_its_row_or_column(corruption):
    result = gklint.check(corruption.report)
    found = errors(result)
    assert found, f"no error for {corruption.describe()}"
    located = [d for d in found
               if d.location.table == corruption.table
               and (d.location.row == corruption.row.label or d.location.column == corruption.column.label)]
    assert located, (corruption.describe(), [d.to_dict() for d in found])


# Series rules (Y…) compare one agency's reports of consecutive years *within* a batch: by design they
# have nothing to say about a report checked alone, so they are left out of the batch == alone property.
BATCH_ONLY = ["Y"]


def _same_diagnostics(batch, reports_) -> None:
    assert len(batch.files) == len(reports_)
    for report, in_batch in zip(reports_, batch.files):
        alone = gklint.check(report, ignore=BATCH_ONLY)
        assert in_batch.layout == alone.layout
        assert [d.to_dict() for d in in_batch.diagnostics] == [d.to_dict() for d in alone.diagnostics]


@BATCH_SETTINGS
@given(st.lists(st.one_of(reports(), corrupted_reports().map(lambda c: c.report)), min_size=2, max_size=6))
def test_batch_gives_each_report_its_own_diagnostics(reports_):
    _same_diagnostics(gklint.check_many(reports_, ignore=BATCH_ONLY), reports_)


@pytest.mark.parametrize("seed", [1, 2])
def test_mixed_batch_matches_single_checks(seed):
    """A larger batch, both layouts, every other report corrupted: errors exist and stay with their report."""
    rng = random.Random(seed)
    batch = consistent_reports(24, seed=seed, versions=VERSIONS)
    corrupted = {i for i in range(len(batch)) if i % 2}
    batch = [corrupt_cell(r, rng).report if i in corrupted else r for i, r in enumerate(batch)]
    result = gklint.check_many(batch, ignore=BATCH_ONLY)
    _same_diagnostics(result, batch)
    with_errors = {i for i, f in enumerate(result.files) if errors(f)}
    assert with_errors == corrupted, json.dumps(sorted(with_errors ^ corrupted))


@BATCH_SETTINGS
@given(st.one_of(reports(), corrupted_reports().map(lambda c: c.report)))
def test_json_round_trip_keeps_the_diagnostics(report):
    """gklint's JSON form of a report (as written by `gklint extract`) checks the same as the model."""
    data = json.loads(json.dumps(gklint.to_json(report), ensure_ascii=False))
    assert [d.to_dict() for d in gklint.check(data).diagnostics] == \
        [d.to_dict() for d in gklint.check(report).diagnostics]
