"""A file holding several reports (two years in one file, a 汇编 of departments' reports, a draft pasted twice)
is checked report by report: each gets its own result, named after the file and its own title, with its own
findings (R114 on the first says how many the file holds); the same report pasted twice is checked once."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import docx
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import gklint
from gklint.cli import app
from gklint.core.diagnostic import FileResult
from gklint.recognise import parts
from gklint.testing import consistent_report

from render import render_text
from render_html import _article, render_portal_page
from test_several_reports import docx_of

runner = CliRunner()


def _pair():
    """Two reports of one agency, 2022 and 2023, each with its own defect in table 三 (another cell each)."""
    first, second = consistent_report(random.Random(3)), consistent_report(random.Random(11))
    first.meta.title, second.meta.title = "某某县民政局2022年政府信息公开工作年度报告", "某某县民政局2023年政府信息公开工作年度报告"
    for report, row in ((first, "new"), (second, "granted")):
        cell = report.cell("三", row, "natural")
        report.tables["三"].cells[(row, "natural")] = replace(cell, value=cell.value + 1, raw=str(int(cell.value) + 1))
    return first, second


def _t3(result: FileResult) -> set[tuple[str, str]]:
    return {(d.rule, d.location.row) for d in result.diagnostics if d.rule.startswith("T3")}


def _html(first, second) -> bytes:
    page = render_portal_page(first, encoding="utf-8").decode("utf-8")
    art = _article(first, {})
    return page.replace(art, art + f"\n<p>{second.meta.title}</p>\n" + _article(second, {})).encode("utf-8")


def _files(tmp_path, name: str, data: bytes, lang: str = "zh") -> list[FileResult]:
    path = tmp_path / name
    path.write_bytes(data)
    return gklint.check_many([str(path)], lang=lang, isolate=False).files


def _check_pair(files: list[FileResult]) -> None:
    one, two = files
    assert (one.part, two.part) == (1, 2) and one.path == two.path
    assert (one.meta["year"], two.meta["year"]) == (2022, 2023)
    assert two.part_title == "某某县民政局2023年政府信息公开工作年度报告"
    assert two.name() == f"{two.path}（第2份：某某县民政局2023年政府信息公开工作年度报告）"
    assert [(d.rule, d.severity, d.found) for d in one.diagnostics if d.rule == "R114"] == [("R114", "info", "2")]
    assert not any(d.rule == "R114" for d in two.diagnostics)
    rows_one, rows_two = {row for _, row in _t3(one)}, {row for _, row in _t3(two)}
    assert "一、本年新收政府信息公开申请数量" in rows_one and "一、本年新收政府信息公开申请数量" not in rows_two
    assert "（一）予以公开" in rows_two and "（一）予以公开" not in rows_one


def test_two_years_in_one_text_file_each_checked_with_its_own_defect(tmp_path):
    first, second = _pair()
    _check_pair(_files(tmp_path, "two.txt", (render_text(first) + render_text(second)).encode("utf-8")))


def test_two_years_in_one_word_file(tmp_path):
    _check_pair(_files(tmp_path, "two.docx", docx_of(*_pair())))


def test_two_years_on_one_portal_page(tmp_path):
    _check_pair(_files(tmp_path, "two.html", _html(*_pair())))


def test_check_gives_the_first_report_and_the_others_in_later(tmp_path):
    first, second = _pair()
    path = tmp_path / "two.txt"
    path.write_text(render_text(first) + render_text(second), encoding="utf-8")
    result = gklint.check(str(path), lang="en")
    assert result.part == 1 and [f.part for f in result.later] == [2]
    assert result.later[0].name("en") == f"{path} (report 2: 某某县民政局2023年政府信息公开工作年度报告)"
    assert "each checked on its own" in next(d.message for d in result.diagnostics if d.rule == "R114")


def test_a_file_holding_one_report_is_no_part():
    result = gklint.check("samples/huangyuan-2021.txt")
    assert (result.part, result.later, result.name()) == (0, [], result.path)
    assert "part" not in result.to_dict()


def test_the_same_report_pasted_twice_is_checked_once(tmp_path):
    report = consistent_report(random.Random(4))
    cell = report.cell("三", "new", "natural")
    report.tables["三"].cells[("new", "natural")] = replace(cell, value=cell.value + 1, raw=str(int(cell.value) + 1))
    once = _files(tmp_path, "once.docx", docx_of(report))
    [twice] = _files(tmp_path, "twice.docx", docx_of(report, report))
    [note] = [d for d in twice.diagnostics if d.rule == "R114"]
    assert "完全相同" in note.message and note.found == "2"
    assert [d.rule for d in twice.diagnostics if d.rule != "R114"] == [d.rule for d in once[0].diagnostics]


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(0, 10_000), min_size=5, max_size=5, unique=True))
def test_a_clean_compilation_of_five_consistent_reports_gives_no_error(tmp_path, seeds):
    reports = [consistent_report(random.Random(seed)) for seed in seeds]
    for k, report in enumerate(reports):  # five departments: five titles
        report.meta.title = f"某某市第{k + 1}局2023年政府信息公开工作年度报告"
    files = _files(tmp_path, "汇编.txt", "".join(render_text(r) for r in reports).encode("utf-8"))
    assert [f.part for f in files] == [1, 2, 3, 4, 5]
    assert [f.part_title for f in files] == [r.meta.title for r in reports]
    assert not [(f.part, d.rule, d.message) for f in files for d in f.diagnostics if d.severity == "error"]


def test_a_file_of_more_reports_than_the_cap_checks_the_first_ones(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "MAX_PARTS", 2)
    reports = [consistent_report(random.Random(seed)) for seed in (1, 2, 3)]
    files = _files(tmp_path, "many.txt", "".join(render_text(r) for r in reports).encode("utf-8"))
    assert [f.part for f in files] == [1, 2]
    [note] = [d for d in files[0].diagnostics if d.rule == "R114"]
    assert note.found == "3" and "逐份检查了前2份" in note.message


def test_annotate_puts_each_reports_comments_in_that_report(tmp_path):
    first, second = _pair()
    path = tmp_path / "two.docx"
    path.write_bytes(docx_of(first, second))
    result = runner.invoke(app, ["check", str(path), "--annotate", "--format", "concise", "--select", "T303,R114"])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert any("（第2份：某某县民政局2023年政府信息公开工作年度报告） T303" in line for line in lines)
    document = docx.Document(str(tmp_path / "two.gklint.docx"))
    paragraphs = list(document.element.body.iter(qn("w:p")))
    [second_starts] = [k for k, p in enumerate(paragraphs)
                       if "".join(t.text or "" for t in p.iter(qn("w:t"))) == second.meta.title]
    rules = {str(c.comment_id): re.search(r"[A-Z]\d{3}", c.text).group() for c in document.comments}
    placed = sorted((k, rules[start.get(qn("w:id"))]) for k, p in enumerate(paragraphs)
                    for start in p.iter(qn("w:commentRangeStart")))
    # the first report's T303 in it, R114 on the second's title, the second's T303 in the second
    assert [(rule, (k > second_starts) - (k < second_starts)) for k, rule in placed] == [
        ("T303", -1), ("R114", 0), ("T303", 1)]
