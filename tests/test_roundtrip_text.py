"""Property: a generated report rendered as copied text is read back cell for cell, in either layout."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gklint.recognise.recognise import recognise
from gklint.read.text import read_text

from render import render_text
from strategies import reports


def _cells(report):
    return {(t, k): (c.kind, c.value) for t, table in report.tables.items() for k, c in table.cells.items()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.sampled_from([None, "\t", "  "]))
def test_rendered_text_reads_back(report, sep):
    text = render_text(report, sep=sep)
    back = recognise(read_text("r.txt", text))
    assert back.layout == report.layout
    assert _cells(back) == _cells(report)
    assert [s.id for s in back.sections] == [s.id for s in report.sections]
    assert not [n for n in back.notes if n.kind in ("table_missing", "table_unreadable")]


def test_old_tables_in_a_new_year_are_recognised_and_reported():
    """A 2022 report copied with the 2019 tables: recognition says 2019, and L101 calls it an error."""
    import random

    import gklint
    from gklint.testing import consistent_report

    report = consistent_report(random.Random(7), "2019")
    report.meta.year = 2022
    report.meta.title = f"{report.meta.agency}2022年政府信息公开工作年度报告"
    back = recognise(read_text("old.txt", render_text(report)))
    assert back.layout == "2019" and back.meta.year == 2022
    [d] = [d for d in gklint.check(back).diagnostics if d.rule == "L101"]
    assert d.severity == "error"
