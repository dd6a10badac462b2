"""A portal page printed to PDF by a browser (A5, tables cut by page breaks) reads like the page itself."""

import gklint

from conftest import FIXTURES


def _cells(report):
    return {(k, key): (c.kind, c.value) for k, t in report.tables.items() for key, c in t.cells.items()}


def test_printed_page_gives_the_same_report_as_the_html():
    page = gklint.extract(FIXTURES / "pingtan-2024.html")
    printed = gklint.extract(FIXTURES / "pingtan-2024-printed-a5.pdf")
    assert len(_cells(printed)) == 200
    assert _cells(printed) == _cells(page)
    assert [s.id for s in printed.sections] == [s.id for s in page.sections]
    assert printed.meta.year == 2024 and printed.meta.published == page.meta.published
    pdf_cell = printed.tables["三"].cells[("new", "total")]
    assert pdf_cell.source.page is not None  # a PDF value points to its page


def test_printed_page_gets_the_same_findings():
    def key(result):
        return sorted((d.rule, d.message) for d in result.diagnostics)

    assert key(gklint.check(FIXTURES / "pingtan-2024-printed-a5.pdf")) == \
        key(gklint.check(FIXTURES / "pingtan-2024.html"))
