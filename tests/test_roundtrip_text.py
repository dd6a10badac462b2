"""Property: a generated report rendered as copied text is read back cell for cell, in either layout."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gklint.ingest.recognise import recognise
from gklint.ingest.text import read_text

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
