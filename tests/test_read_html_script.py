"""Pages whose body (or date) a script writes: ``document.write("…")`` of string literals is read as the text it
writes, without running any JavaScript; any other script stays unread."""

from __future__ import annotations

import copy
import dataclasses
import re

import gklint
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gklint.read.document import Grid
from gklint.read.html import read_html
from gklint.read.html_script import written
from gklint.testing import consistent_report

from render_html import render_portal_page
from strategies import reports

_BODY = re.compile(r'(<div class="WordSection1" style="layout-grid:15.6pt">\n)(.*?)(\n</div>\n\s*</div>)', re.S)


def _literal(text: str, quote: str, escape: bool) -> str:
    """``text`` as a JavaScript string literal; ``escape``: every non-ASCII character as \\uXXXX."""
    out = []
    for ch in text:
        if ch in ("\\", quote):
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "/":
            out.append("\\/")  # as "<\/script>" is written
        elif escape and ord(ch) > 0xFFFF:
            pair = ch.encode("utf-16-be")
            out.append(f"\\u{pair[:2].hex()}\\u{pair[2:].hex()}")
        elif escape and ord(ch) > 127:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return quote + "".join(out) + quote


def _script(html: str, quote: str = '"', chunk: int = 0, escape: bool = False, calls: bool = False) -> str:
    """A script writing ``html``: one literal, or pieces of ``chunk`` characters joined by "+" (or written by
    one call each when ``calls``)."""
    pieces = [html[i:i + chunk] for i in range(0, len(html), chunk)] if chunk else [html]
    literals = [_literal(p, quote, escape) for p in pieces]
    if calls:
        code = "\n".join(f"document.write({lit});" for lit in literals)
    else:
        code = "document.write(" + " +\n  ".join(literals) + ");"
    return f'<script type="text/javascript">\n<!--\n{code}\n//-->\n</script>'


def _page(report) -> str:
    return render_portal_page(report, encoding="utf-8").decode("utf-8")


def _scripted(page: str, **how) -> str:
    return _BODY.sub(lambda m: m[1] + _script(m[2], **how) + m[3], page, count=1)


def _read(page: str):
    doc = read_html("page.html", page.encode("utf-8"))
    return [(type(b).__name__, b.texts() if isinstance(b, Grid) else b.text) for b in doc.blocks]


@pytest.fixture(scope="module")
def report():
    return consistent_report(3, "2021", year=2023)


# --------------------------------------------------------------------------- what a script writes

@pytest.mark.parametrize("script, text", [
    ('document.write("<p>一、总体情况</p>");', "<p>一、总体情况</p>"),
    ("document.write('<p class=\\'a\\'>' + \"x\" + `y`)", "<p class='a'>xy"),
    ('document.writeln("a");document.writeln("b")', "a\nb\n"),
    (r'document.write("\u4e00\x41\u{4E8C}\ud83d\ude00 \"q\" <\/p>\t")', '一A二😀 "q" </p>\t'),
    ('document.write("line one \\\ncontinued")', "line one continued\n"),  # the script's own line break kept
    ('/* the body */ window.document . write ( "a" ) ; // done', "a"),
])
def test_the_literals_a_script_writes_are_decoded(script, text):
    assert written(f"<p>before</p><script>{script}</script><p>after</p>") == f"<p>before</p>{text}<p>after</p>"


@pytest.mark.parametrize("script", [
    "document.write(new Date().toLocaleDateString());",
    "document.write(unescape('%3Cspan%3E'));",
    "var s = '<p>x</p>'; document.write(s);",
    "if (wide) document.write('<p>a</p>'); else document.write('<p>b</p>');",
    "document.write('a' + n);",
    "document.write();",
    "document.write('a'",
    "$(function () { $('#zoom').show(); });",
])
def test_a_script_doing_anything_else_is_left_alone(script):
    page = f"<p>before</p><script>{script}</script><p>after</p>"
    assert written(page) == page


@pytest.mark.parametrize("page", [
    "<script src='/count.js'>document.write('x')</script>",
    "<script type='text/template'>document.write('x')</script>",
    "<!-- <script>document.write('x')</script> -->",
    "<script>document.write('x')",
])
def test_scripts_a_browser_does_not_run_are_left_alone(page):
    assert written(page) == page


def test_later_elements_keep_their_source_line():
    page = '<body><script>\ndocument.write("<p>一</p>\\n<p>二</p>");\n\n</script>\n<p id="x">三</p></body>'
    assert written(page).count("\n") == page.count("\n")
    doc = read_html("p.html", written(page).encode("utf-8"))
    assert [b.text for b in doc.blocks] == ["一", "二", "三"]
    assert doc.blocks[-1].source.markup_line == 5


# --------------------------------------------------------------------------- whole pages

@pytest.mark.parametrize("how", [dict(), dict(quote="'", chunk=97, escape=True), dict(chunk=300, calls=True)])
def test_a_body_written_by_a_script_reads_as_the_page(report, how):
    page = _page(report)
    scripted = _scripted(page, **how)
    assert scripted != page and "document.write(" in scripted
    assert _read(scripted) == _read(page)  # was: the body dropped with the script (R103, R101 ×3)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.sampled_from(['"', "'", "`"]), st.sampled_from([0, 5, 64, 1000]), st.booleans(), st.booleans())
def test_any_report_written_by_a_script_reads_back(generated, quote, chunk, escape, calls):
    page = _page(generated)
    assert _read(_scripted(page, quote=quote, chunk=chunk, escape=escape, calls=calls)) == _read(page)


def test_a_broken_figure_in_a_written_body_is_found(tmp_path, report):
    broken = copy.deepcopy(report)
    cell = broken.tables["四"].cells[("review", "upheld")]
    broken.tables["四"].cells[("review", "upheld")] = dataclasses.replace(cell, value=cell.value + 1,
                                                                         raw=f"{cell.value + 1:g}")
    rules = []
    for name, each in (("consistent", report), ("broken", broken)):
        path = tmp_path / f"{name}.html"
        path.write_text(_scripted(_page(each), chunk=50), "utf-8")
        rules.append({d.rule for d in gklint.check(path).diagnostics})
    assert "T401" in rules[1] - rules[0]  # was: nothing read, nothing found


def test_a_date_written_by_a_script_is_read(tmp_path, report):
    page = re.sub(r"发布时间：\d{4}-\d\d-\d\d", '发布时间：<script>document.write("2024-03-20")</script>', _page(report))
    path = tmp_path / "page.html"
    path.write_text(page, "utf-8")
    result = gklint.check(path)
    assert str(result.report.meta.published) == "2024-03-20"
    assert "D101" in {d.rule for d in result.diagnostics}
