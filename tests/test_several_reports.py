"""A file holding two (or more) reports: read as its first report (``read_bytes``), with one note (R114) saying
where the second begins (each report checked on its own: tests/test_split_reports.py); a single report that
repeats its title, its table headers or its numbering is never cut."""

import io
import random
from dataclasses import replace

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gklint
from gklint.ingest import read_bytes
from gklint.testing import consistent_report

from render import render_text
from render_html import _article, render_portal_page
from strategies import reports


def _cells(report):
    return {(t, k): (c.kind, c.value) for t, table in report.tables.items() for k, c in table.cells.items()}


def _read(text: str, name: str = "r.txt"):
    return read_bytes(name, text.encode("utf-8"))


def _several(report):
    return [n for n in report.notes if n.kind == "several_reports"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), reports(), st.sampled_from([None, "\t"]), st.integers(1, 2))
def test_reports_one_after_another_read_as_the_first_with_one_note(first, other, sep, more):
    alone = _read(render_text(first, sep=sep))
    merged = _read(render_text(first, sep=sep) + render_text(other, sep=sep) * more)
    assert not _several(alone)
    [note] = _several(merged)
    assert note.found == str(1 + more) and note.message == (other.meta.title or "").strip()
    assert _cells(merged) == _cells(alone)
    assert [s.text for s in merged.sections] == [s.text for s in alone.sections]
    assert [n for n in merged.notes if n.kind != "several_reports"] == alone.notes


def test_two_reports_give_one_finding_and_no_cross_report_findings():
    first, second = consistent_report(random.Random(3)), consistent_report(random.Random(11))
    result = gklint.check(_read(render_text(first) + render_text(second)))
    [finding] = result.diagnostics
    assert (finding.rule, finding.severity, finding.found, finding.expected) == ("R114", "info", "2", "1")
    assert finding.location.source.line is not None  # the second report's title line, by its line number
    assert second.meta.title in finding.message


def test_a_change_in_the_first_report_is_still_found():
    first, second = consistent_report(random.Random(3)), consistent_report(random.Random(11))
    cell = first.cell("三", "new", "natural")
    first.tables["三"].cells[("new", "natural")] = replace(cell, value=cell.value + 1, raw=str(int(cell.value) + 1))
    rules = {d.rule for d in gklint.check(_read(render_text(first) + render_text(second))).diagnostics}
    assert "R114" in rules and any(r.startswith("T") for r in rules)


def test_a_portal_page_with_two_reports():
    first, second = consistent_report(random.Random(5)), consistent_report(random.Random(8))
    page = render_portal_page(first, encoding="utf-8").decode("utf-8")
    art = _article(first, {})
    two = page.replace(art, art + f"\n<p>{second.meta.title}</p>\n" + _article(second, {}))
    assert two != page
    report = read_bytes("page.html", two.encode("utf-8"))
    [note] = _several(report)
    assert note.message == second.meta.title
    assert _cells(report) == _cells(read_bytes("page.html", page.encode("utf-8")))


def docx_of(*reports) -> bytes:
    """A Word file holding ``reports`` one after the other, each from its title line."""
    document = docx.Document()
    for report in reports:
        document.add_paragraph(report.meta.title)
        for line in render_text(report, sep="\t").split("\n\n")[1:]:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_draft_with_the_report_pasted_twice():
    report = consistent_report(random.Random(4))
    once = read_bytes("d.docx", docx_of(report))
    twice = read_bytes("d.docx", docx_of(report, report))
    [note] = _several(twice)
    assert note.found == "2" and note.source.paragraph is not None
    assert not _several(once) and _cells(twice) == _cells(once)


# --------------------------------------------------------------------------- one report: never cut

def _one(report, change) -> str:
    return change(render_text(report))


@given(reports())
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_report_quoting_its_title_and_repeating_it_and_its_table_headers_is_not_cut(report):
    title = report.meta.title or ""
    header = "\n申请人情况\n自然人\n法人或其他组织\n"

    def change(text):
        text = text.replace("四、", f"{title}\n第2页\n{header}四、", 1)  # a running title and a repeated header
        return text + f"\n现将《{title}》予以公布。\n{title}\n"  # the title quoted, and once more at the end

    assert not _several(_read(_one(report, change)))


def test_a_table_of_contents_before_the_body_is_not_a_report():
    report = consistent_report(random.Random(6))
    toc = "目录\n" + "\n".join(s.heading + "……1" for s in report.sections) + "\n"
    text = render_text(report)
    title, rest = text.split("\n", 1)
    assert not _several(_read(f"{title}\n{toc}{rest}"))
    contents = "\n".join(s.heading for s in report.sections) + "\n"  # the headings without page numbers
    assert not _several(_read(f"{title}\n{contents}{rest}"))


def test_a_2019_report_numbering_its_items_in_both_styles_is_not_cut():
    report = consistent_report(random.Random(2), "2019")
    items = ("一、主动公开情况\n二、依申请公开情况\n三、政府信息管理\n四、平台建设\n五、监督保障\n六、其他工作\n"
             "（一）主动公开\n（二）依申请公开\n（三）政府信息管理\n（四）平台建设\n（五）监督保障\n（六）教育培训\n")
    text = render_text(report)
    overview = next(s.heading for s in report.sections if s.id == "overview")
    problems = next(s.heading for s in report.sections if s.id == "problems")
    text = text.replace(overview, overview + "\n" + items, 1).replace(problems, problems + "\n" + items, 1)
    back = _read(text)
    assert back.layout == "2019" and not _several(back)
    assert _cells(back) == _cells(_read(render_text(report)))
