"""Issue 4's acceptance: one report read from different formats gives the same findings, and the real
pages and PDF give no false table error.

- The official Word template (tests/fixtures/template-2021.docx) filled with the huangyuan report
  (tests/fixtures/huangyuan-2021.txt): its title, date line, sections, every table value, the header
  wording it used; section 六, which the report lacks, deleted from the template.
- The huangyuan report rendered as a portal page (tests/render_html.py), GBK-encoded and UTF-8.
- The two 平潭 pages: no table error; what is reported is shown, and each finding quotes the page.
- huaian-2024.pdf: no error at all.

Findings are compared as (rule, severity, message, location without its source, expected, found):
the source (line, page, table cell) differs by format by design.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

import gklint
from gklint.read.document import Grid, Paragraph
from gklint.read.docx import read_docx
from gklint.read.html import read_html
from gklint.read.sniff import decode_text as decode

FIXTURES = Path(__file__).parent / "fixtures"
HUANGYUAN = FIXTURES / "huangyuan-2021.txt"

_spec = importlib.util.spec_from_file_location("make_docx", FIXTURES / "make_docx.py")
make_docx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_docx)
sys.path.insert(0, str(Path(__file__).parent))
from render_html import render_portal_page  # noqa: E402


def findings(result) -> Counter:
    out = Counter()
    for d in result.diagnostics:
        loc = d.location
        out[(d.rule, d.severity, d.message, loc.table, loc.row, loc.column, loc.section, loc.quote,
             repr(d.expected), repr(d.found))] += 1
    return out


def assert_same_findings(reference, other) -> None:
    want, got = findings(reference), findings(other)
    missing = sorted(want - got)
    extra = sorted(got - want)
    assert not missing and not extra, (
        "findings differ\n  only in the text:\n    " + "\n    ".join(map(str, missing))
        + "\n  only in the other format:\n    " + "\n    ".join(map(str, extra)))


def table_values(report) -> dict:
    return {(key, row, col): (cell.kind, cell.value, cell.raw.strip())
            for key, table in report.tables.items() for (row, col), cell in table.cells.items()}


def meta_of(report) -> tuple:
    m = report.meta
    return (m.title, m.agency, m.year, m.published, m.signed, m.period_start, m.period_end)


@pytest.fixture(scope="module")
def text_report():
    return gklint.extract(HUANGYUAN)


@pytest.fixture(scope="module")
def text_result():
    return gklint.check(HUANGYUAN)


# --------------------------------------------------------------------------- Word

def docx_from_report(report) -> bytes:
    """The official template filled as a person would fill it from the report."""
    values = {(key, row, col): cell.raw for key, table in report.tables.items()
              for (row, col), cell in table.cells.items()}
    narrative = {s.number: s.text.split("\n") for s in report.sections if s.text}
    present = {s.number for s in report.sections}
    preamble = [line for line in report.preamble.split("\n") if line.strip() and line.strip() != report.meta.title]
    wording = {n.official: n.found for n in report.notes if n.kind == "header_alias" and n.official and n.found}
    return make_docx.fill_template(values, narrative, title=report.meta.title, preamble=preamble,
                                   omit=[n for n in "一二三四五六" if n not in present],
                                   headings={s.number: s.heading for s in report.sections}, wording=wording)


@pytest.fixture(scope="module")
def huangyuan_docx(tmp_path_factory, text_report) -> Path:
    path = tmp_path_factory.mktemp("docx") / "huangyuan-2021.docx"
    path.write_bytes(docx_from_report(text_report))
    return path


def test_filled_template_is_the_huangyuan_draft(huangyuan_docx, text_report):
    """The document built is what the test claims: the date line before 一, no 六, the signature last,
    the report's header wording in table 二."""
    doc = read_docx(str(huangyuan_docx), huangyuan_docx.read_bytes())
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts[0] == text_report.meta.title
    first = texts.index("一、总体情况")
    assert any("发布日期:2022-01-14" in t for t in texts[1:first])
    assert not any(t.startswith("六、") or t.startswith("（文字描述") for t in texts)
    assert texts[-2:] == ["湟源县人民政府办公室", "2022年1月4日"]
    assert [b.text[:2] if isinstance(b, Paragraph) and b.text[:2] in ("二、", "三、", "四、") else "G"
            for b in doc.blocks if isinstance(b, Grid) or b.text[:2] in ("二、", "三、", "四、")] == \
        ["二、", "G", "三、", "G", "四、", "G"]
    assert "本年发件数" in [c.text for row in doc.grids[0].rows for c in row if c is not None]


def test_docx_reads_as_the_text(huangyuan_docx, text_report):
    report = gklint.extract(huangyuan_docx)
    assert report.layout == text_report.layout
    assert meta_of(report) == meta_of(text_report)
    assert [(s.heading, s.text) for s in report.sections] == [(s.heading, s.text) for s in text_report.sections]
    assert {k: v[:2] for k, v in table_values(report).items()} == {k: v[:2] for k, v in table_values(text_report).items()}


def test_docx_gives_the_same_findings_as_the_text(huangyuan_docx, text_result):
    assert_same_findings(text_result, gklint.check(huangyuan_docx))


# --------------------------------------------------------------------------- portal page

@pytest.fixture(scope="module", params=["gbk", "utf-8"])
def huangyuan_page(request, tmp_path_factory, text_report) -> tuple[str, Path]:
    path = tmp_path_factory.mktemp("html") / f"huangyuan-2021-{request.param}.html"
    path.write_bytes(render_portal_page(text_report, encoding=request.param))
    return request.param, path


def test_rendered_page_is_a_portal_page(huangyuan_page, text_report):
    encoding, path = huangyuan_page
    data = path.read_bytes()
    if encoding == "gbk":
        assert b'content="text/html; charset=gb2312"' in data
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")
    page = data.decode(encoding)
    assert decode(data) == page
    # Chrome around the report, and the template's merged cells.
    for chrome in ("<script", "当前位置：", "发布时间：2022-01-14", "来源：", "网站标识码", 'class="MsoNormal"'):
        assert chrome in page
    assert re.search(r'rowspan="3" colspan="3"[^>]*>.*?勾稽关系', page)
    assert re.search(r'rowspan="22"[^>]*>.*?三、本年度办理结果', page)
    assert re.search(r'rowspan="8"[^>]*>.*?（三）不予公开', page)
    assert re.search(r'colspan="5"[^>]*>.*?行政复议', page)
    grids = read_html(str(path), data).grids
    # The outer layout table is walked, not read as data: the three tables, with the template's shape.
    assert [(len(g.rows), max(len(r) for r in g.rows)) for g in grids] == [(14, 4), (28, 10), (4, 15)]


def test_page_reads_as_the_text(huangyuan_page, text_report):
    _, path = huangyuan_page
    report = gklint.extract(path)
    assert meta_of(report) == meta_of(text_report)
    assert [(s.heading, s.text) for s in report.sections] == [(s.heading, s.text) for s in text_report.sections]
    assert {k: v[:2] for k, v in table_values(report).items()} == {k: v[:2] for k, v in table_values(text_report).items()}


def test_page_gives_the_same_findings_as_the_text(huangyuan_page, text_result):
    _, path = huangyuan_page
    assert_same_findings(text_result, gklint.check(path))


# --------------------------------------------------------------------------- real pages and PDF

def visible_text(path: Path) -> str:
    doc = read_html(str(path), path.read_bytes())
    return "\n".join(b.text for b in doc.blocks if isinstance(b, Paragraph))


@pytest.mark.parametrize("name", ["pingtan-2021.html", "pingtan-2024.html"])
def test_pingtan_pages_no_table_error(name):
    path = FIXTURES / name
    result = gklint.check(path)
    report = result.report
    assert all(report.tables[k].found for k in ("二", "三", "四"))
    assert not [n for n in report.notes if n.kind in ("table_missing", "table_unreadable", "layout_unknown")]
    for d in result.diagnostics:  # shown with -s, or when the test fails
        print(f"{name}: {d.rule} {d.severity} {d.message} | {d.location.quote}")
    table_findings = [d for d in result.diagnostics if d.rule.startswith(("T", "C1", "R1"))]
    assert table_findings == []
    assert not [d for d in result.diagnostics if d.severity == "error"]
    # Each finding is about the page's own words: its quote is in the page as read.
    text = visible_text(path)
    for d in result.diagnostics:
        if d.location.quote:
            for piece in d.location.quote.split("…"):
                assert piece in text, (d.rule, piece)
        if d.rule == "P101":  # the repeated word is in the page
            assert d.found in text


def test_pingtan_2021_real_slip_is_reported():
    """A true finding on a real page: "二是规范审核审核发布机制" repeats 审核."""
    result = gklint.check(FIXTURES / "pingtan-2021.html")
    assert any(d.rule == "P101" and d.found == "审核审核" and "审核审核" in (d.location.quote or "")
               for d in result.diagnostics)


def test_huaian_pdf_no_error():
    result = gklint.check(FIXTURES / "huaian-2024.pdf")
    report = result.report
    assert all(report.tables[k].found for k in ("二", "三", "四"))
    errors = [(d.rule, d.message) for d in result.diagnostics if d.severity == "error"]
    assert errors == []
