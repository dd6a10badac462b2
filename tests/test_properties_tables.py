"""Properties: generated consistent reports rendered as real copies and PDF converters give their tables
(tests/render_tables.py) read back cell for cell with no error, and one changed cell is found at its place.

Renderings (issue 8, causes 2-4): text tables with bars and blank cells, Markdown tables with blank cells,
row labels wrapped over two lines above their numbers, page numbers inside tables, misprinted row labels,
and a page on one line with each row's digits run together.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gklint
from gklint import layouts
from gklint.recognise.recognise import recognise
from gklint.read.text import read_text
from gklint.testing import IDENTITY_TABLES, corrupt_cell
from render_tables import blank_cells, misprint, render_tables_text
from strategies import DrawChooser, reports, small_reports

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _cells(report):
    return {(t, k): (c.kind, c.value) for t, table in report.tables.items() for k, c in table.cells.items()}


def _read(report, style, **kw):
    return recognise(read_text("r.txt", render_tables_text(report, style, **kw)))


def _errors(report):
    return [d for d in gklint.check(report).diagnostics if d.severity == "error"]


@st.composite
def with_blanks(draw):
    """A consistent report with a few cells of each table left blank (a blank is not a 0)."""
    report = draw(reports())
    layout = layouts.get(report.layout)
    picks = []
    for key, spec in layout.tables.items():
        cells = [(key, r.id, c.id) for r, c in spec.cells()]
        picks += draw(st.lists(st.sampled_from(cells), max_size=3))
    return blank_cells(report, picks)


@SETTINGS
@given(with_blanks(), st.sampled_from(["pipe", "markdown"]))
def test_bar_and_markdown_tables_keep_blank_cells(report, style):
    back = _read(report, style)
    assert back.layout == report.layout
    assert _cells(back) == _cells(report)
    assert not [n.message for n in back.notes if n.kind in ("table_missing", "table_unreadable")]
    assert _errors(back) == []


@SETTINGS
@given(reports(), st.sampled_from(["wrapped", "page_numbers", "pipe", "markdown"]))
def test_converter_shapes_read_back(report, style):
    back = _read(report, style)
    assert back.layout == report.layout
    assert _cells(back) == _cells(report)
    assert not [n.message for n in back.notes if n.kind in ("table_missing", "table_unreadable")]
    assert _errors(back) == []


@SETTINGS
@given(small_reports())
def test_one_line_page_with_run_together_digits_reads_back(report):
    back = _read(report, "oneline")
    assert back.layout == report.layout
    assert _cells(back) == _cells(report)
    assert not [n.message for n in back.notes if n.kind in ("table_missing", "table_unreadable")]
    assert _errors(back) == []


@st.composite
def misprinted(draw, small: bool = False):
    """A consistent report and misprinted labels for some of its rows (one character changed or dropped),
    never two neighbouring rows (a misprint is placed by the row read before it)."""
    report = draw(small_reports() if small else reports())
    layout = layouts.get(report.layout)
    labels = {}
    for key in ("三",):
        rows = layout.table(key).rows
        chosen = draw(st.lists(st.integers(1, len(rows) - 1), max_size=3, unique=True))
        for k in sorted(chosen):
            if k - 1 in chosen:
                continue
            row = rows[k]
            text = misprint(row.label, draw(st.integers(0, 30)), draw(st.sampled_from(["replace", "drop"])))
            if text != row.label:
                labels[row.id] = text
    return report, labels


@SETTINGS
@given(misprinted(), st.sampled_from(["pipe", "markdown", "page_numbers"]))
def test_misprinted_labels_keep_their_values(case, style):
    report, labels = case
    back = _read(report, style, labels=labels)
    assert _cells(back) == _cells(report)
    assert not [n.message for n in back.notes if n.kind in ("table_missing", "table_unreadable")]
    approx = {n.found for n in back.notes if n.kind == "label_approx"}
    assert approx <= set(labels.values())  # said only of labels that were misprinted
    assert _errors(back) == []


@SETTINGS
@given(misprinted(small=True))
def test_misprinted_labels_in_a_one_line_page_keep_their_values(case):
    report, labels = case
    back = _read(report, "oneline", labels=labels)
    assert _cells(back) == _cells(report)
    assert not [n.message for n in back.notes if n.kind in ("table_missing", "table_unreadable")]
    assert {n.found for n in back.notes if n.kind == "label_approx"} <= set(labels.values())
    assert _errors(back) == []


def _located(corruption, found):
    return [d for d in found if d.location.table == corruption.table
            and (d.location.row == corruption.row.label or d.location.column == corruption.column.label)]


@SETTINGS
@given(st.data(), st.sampled_from(["pipe", "markdown", "wrapped", "page_numbers"]))
def test_one_changed_cell_is_an_error_at_its_place(data, style):
    corruption = corrupt_cell(data.draw(reports()), DrawChooser(data.draw), IDENTITY_TABLES)
    back = _read(corruption.report, style)
    assert _located(corruption, _errors(back)), corruption.describe()


@SETTINGS
@given(st.data())
def test_one_changed_digit_in_a_one_line_page_is_found_at_its_place(data):
    """On a one-line page a changed cell is an error, or, where the run-together digits could also be read
    with a blank cell, a warning that says the reading is uncertain; either way at its place."""
    corruption = corrupt_cell(data.draw(small_reports()), DrawChooser(data.draw), IDENTITY_TABLES, max_delta=3)
    if corruption.new > 9:  # a two-digit number would change the row's digit count: another shape
        return
    back = _read(corruption.report, "oneline")
    found = [d for d in gklint.check(back).diagnostics if d.rule.startswith("T")]
    located = _located(corruption, found)
    assert located, (corruption.describe(), [d.message for d in found])
    for d in located:
        assert d.severity == "error" or "读法不确定" in d.message
