"""Property: generated reports of either layout, published as portal pages (GBK and UTF-8, the official
template's merged cells), are read back cell for cell by the HTML reader and the grid matcher."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gklint

from render_html import render_portal_page
from strategies import reports


def _cells(report):
    return {(t, k): (c.kind, c.value) for t, table in report.tables.items() for k, c in table.cells.items()}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(reports(), st.sampled_from(["gbk", "utf-8"]))
def test_portal_page_reads_back(tmp_path, report, encoding):
    path = tmp_path / f"page-{encoding}.html"
    path.write_bytes(render_portal_page(report, encoding=encoding))
    back = gklint.extract(path)
    assert back.layout == report.layout
    assert _cells(back) == _cells(report)
    assert [s.id for s in back.sections] == [s.id for s in report.sections]
