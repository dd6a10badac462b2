"""Issue 10, point 6: locations an inspector can use.

- Word: a paragraph is placed by Word's paragraph number (第N段, python-docx's ``document.paragraphs``
  order) and its quote, never a line number;
- a web page: by its section and a quoted sentence, never a line of page source (that stays in JSON
  as ``source.markup_line``, data for tools);
- a sentence that disagrees with a table: both places, each with its own position: the sentence
  (``location``) and the cells (``related``), in the terminal, JSON, SARIF (relatedLocations), the
  review page and the annotated draft (one comment, on the sentence, naming the cell);
- with ``--lang en`` the positions are said in English.
"""

from __future__ import annotations

import io
import json
import re

import docx
import pytest
from typer.testing import CliRunner

from gklint.cli import app
from gklint.core.diagnostic import Diagnostic, Location
from gklint.core.source import Source
from gklint.read.docx import build_grid
from gklint.output import places

from conftest import FIXTURES
from test_annotate import SENTENCE, draft_bytes

runner = CliRunner()
NEW_REQUESTS = "一、本年新收政府信息公开申请数量"


def check(path, *args) -> str:
    result = runner.invoke(app, ["check", str(path), *args])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    path = tmp_path_factory.mktemp("locations") / "草稿.docx"
    path.write_bytes(draft_bytes())
    return path


@pytest.fixture(scope="module")
def n101(draft) -> dict:
    data = json.loads(check(draft, "--format", "json"))
    return next(d for d in data["files"][0]["diagnostics"] if d["rule"] == "N101")


def sentence_paragraph(path) -> int:
    """Word's number of the paragraph holding the sentence, from python-docx's own paragraph order."""
    document = docx.Document(str(path))
    numbers = [k for k, p in enumerate(document.paragraphs, 1) if p.text.strip() == SENTENCE]
    assert len(numbers) == 1
    return numbers[0]


# --------------------------------------------------------------------------- Word: 第N段 and both places


def test_json_places_the_sentence_by_word_paragraph_and_the_cell_by_its_labels_and_grid(draft, n101):
    loc = n101["location"]
    assert loc["section"] == "一、总体情况" and loc["quote"] == SENTENCE
    assert loc["source"] == {"paragraph": sentence_paragraph(draft)}  # no line number for a Word file
    [cell] = n101["related"]
    assert (cell["table"], cell["row"], cell["column"]) == ("三", NEW_REQUESTS, "总计")
    assert "quote" not in cell and "section" not in cell
    src = cell["source"]
    # the position is the Word table's own grid: the cell there holds the 5 the sentence was compared with
    table_3 = docx.Document(str(draft)).tables[1]._tbl
    grid = build_grid(table_3, src["table"])
    assert grid.rows[src["row"] - 1][src["column"] - 1].text == "5" == str(n101["expected"])
    assert NEW_REQUESTS.split("、")[1][:6] in grid.rows[src["row"] - 1][0].text


def test_every_finding_has_a_related_list_and_only_sentence_against_table_findings_fill_it(draft):
    data = json.loads(check(draft, "--format", "json"))
    related = {d["rule"]: d["related"] for d in data["files"][0]["diagnostics"]}
    assert set(related) == {"N101", "T401", "S103"}
    assert related["T401"] == [] and related["S103"] == [] and len(related["N101"]) == 1


def test_sarif_has_the_sentence_as_location_and_the_cell_as_related_location(draft, n101):
    jsonschema = pytest.importorskip("jsonschema")
    log = json.loads(check(draft, "--format", "sarif"))
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft4Validator(schema).iter_errors(log))
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "N101")
    [where] = result["locations"]
    assert where["logicalLocations"] == [{"name": "一、总体情况", "kind": "section"}]
    assert "region" not in where["physicalLocation"]  # a Word file has no lines
    assert where["properties"] == {"source": {"paragraph": sentence_paragraph(draft)}, "quote": SENTENCE}
    assert f"第{sentence_paragraph(draft)}段" in where["message"]["text"]
    [cell] = result["relatedLocations"]
    assert cell["id"] == 1
    assert cell["logicalLocations"] == [{"name": f"表三/{NEW_REQUESTS}/总计", "kind": "table cell"}]
    assert cell["properties"]["source"] == n101["related"][0]["source"]
    assert cell["physicalLocation"]["artifactLocation"] == where["physicalLocation"]["artifactLocation"]


def test_terminal_shows_both_places_each_with_its_position(draft, n101):
    out = check(draft)
    n = sentence_paragraph(draft)
    src = n101["related"][0]["source"]
    lines = [line.strip() for line in out.splitlines()]
    assert f"位置：一、总体情况（第{n}段）" in lines
    assert f"原文：“{SENTENCE}”" in lines
    assert f"对照：表三 · {NEW_REQUESTS} · 总计（表格{src['table']} 第{src['row']}行第{src['column']}列）" in lines
    assert not re.search(rf"一、总体情况（第{n}行）", out)


def test_english_places(draft, n101):
    n = sentence_paragraph(draft)
    src = n101["related"][0]["source"]
    out = check(draft, "--lang", "en", "--format", "concise")
    line = next(x for x in out.splitlines() if " N101 " in x)
    assert f"一、总体情况 (paragraph {n})" in line
    assert (f"compared with: table 3 · {NEW_REQUESTS} · 总计 "
            f"(table {src['table']} of the file, row {src['row']}, column {src['column']})") in line
    assert "第" not in line.split(" (一、总体情况")[1].replace(SENTENCE[:20], "").split("“")[0]


def test_concise_has_no_line_number_for_a_word_file_and_names_the_paragraph_and_quote(draft):
    lines = check(draft, "--format", "concise").splitlines()
    n101 = next(x for x in lines if " N101 " in x)
    assert n101.startswith(f"{draft}: N101 ")
    assert f"（一、总体情况（第{sentence_paragraph(draft)}段） “{SENTENCE}”；对照：表三 · " in n101


def test_the_annotated_draft_has_one_comment_per_finding_and_the_sentence_s_names_the_cell(draft, n101, tmp_path):
    out = tmp_path / "批注.docx"
    runner.invoke(app, ["check", str(draft), "--annotate", "-o", str(out), "--format", "concise"])
    comments = list(docx.Document(str(out)).comments)
    assert len(comments) == 3
    text = next(c.text for c in comments if "N101" in c.text)
    src = n101["related"][0]["source"]
    assert f"对照：表三 · {NEW_REQUESTS} · 总计（表格{src['table']} 第{src['row']}行第{src['column']}列）" in text


# --------------------------------------------------------------------------- a web page: section and quote


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """pingtan-2021.html with its overview saying 71 requests where table 3 says 70."""
    text = (FIXTURES / "pingtan-2021.html").read_text(encoding="utf-8")
    assert text.count("共收到70件申请") == 1
    path = tmp_path_factory.mktemp("page") / "pingtan-2021.html"
    path.write_text(text.replace("共收到70件申请", "共收到71件申请"), encoding="utf-8")
    return path


def test_a_page_s_findings_are_placed_by_section_and_quote_not_by_a_line_of_page_source(page):
    data = json.loads(check(page, "--format", "json"))
    findings = data["files"][0]["diagnostics"]
    source_lines = page.read_text(encoding="utf-8").split("\n")
    n101 = next(d for d in findings if d["rule"] == "N101")
    loc = n101["location"]
    assert loc["section"] == "一、总体情况" and "共收到71件申请" in loc["quote"]
    # the page-source line is kept for tools, as data: the sentence's paragraph starts there
    assert "line" not in loc["source"] and loc["source"]["markup_line"] >= 1
    assert "依申请公开方面" in source_lines[loc["source"]["markup_line"] - 1]
    [cell] = n101["related"]
    assert (cell["table"], cell["row"], cell["column"]) == ("三", NEW_REQUESTS, "总计")
    assert {"table", "row", "column"} <= set(cell["source"])
    text_findings = [d for d in findings if not d["location"].get("table")]
    assert text_findings and all("line" not in d["location"].get("source", {}) for d in text_findings)

    terminal = check(page)
    concise = check(page, "--format", "concise")
    for out in (terminal, concise):
        assert not re.search(r"（第\d+行）", out)  # no line of page source is shown to people
    assert "位置：一、总体情况\n" in terminal and "共收到71件申请" in terminal
    n101_line = next(x for x in concise.splitlines() if " N101 " in x)
    assert n101_line.startswith(f"{page}: N101 ")  # no path:line: for a page
    assert "（一、总体情况 “" in n101_line and "对照：表三 · " in n101_line


def test_a_page_s_sarif_and_github_keep_the_page_source_line_for_tools(page):
    data = json.loads(check(page, "--format", "json"))
    n101 = next(d for d in data["files"][0]["diagnostics"] if d["rule"] == "N101")
    line = n101["location"]["source"]["markup_line"]
    log = json.loads(check(page, "--format", "sarif"))
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "N101")
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == line
    assert len(result["relatedLocations"]) == 1
    github = next(x for x in check(page, "--format", "github").splitlines() if "N101" in x)
    assert f",line={line}," in github and "对照：表三" in github


def test_the_review_page_names_both_places_of_a_page_s_finding(page, tmp_path):
    out = tmp_path / "review.html"
    runner.invoke(app, ["check", str(page), "--format", "html", "-o", str(out)])
    html = out.read_text(encoding="utf-8")
    item = re.search(r'<li id="r1-f\d+">(?:(?!</li>).)*N101(?:(?!</li>).)*</li>', html, re.S).group()
    assert "位置：一、总体情况" in item and "对照：" in item and "表三 · " in item
    assert not re.search(r"第\d+行）", item.split("对照：")[0])


# --------------------------------------------------------------------------- the words


@pytest.mark.parametrize(("source", "zh", "en"), [
    (Source(paragraph=12), "第12段", "paragraph 12"),
    (Source(line=57), "第57行", "line 57"),
    (Source(page=3), "第3页", "page 3"),
    (Source(markup_line=140), "", ""),
    (Source(table=2, row=4, column=10), "表格2 第4行第10列", "table 2 of the file, row 4, column 10"),
    (Source(page=5, table=1, row=3, column=2), "第5页 表格1 第3行第2列", "page 5, table 1 of the file, row 3, column 2"),
    (None, "", ""),
])
def test_positions_in_both_languages(source, zh, en):
    assert places.source_text(source, "zh") == zh
    assert places.source_text(source, "en") == en
    if source is not None:  # one implementation: the core's, which the outputs call
        assert (source.describe("zh"), source.describe("en")) == (zh, en)


@pytest.mark.parametrize("location", [
    Location(table="二", row="行政规范性文件", column="本年制发件数", source=Source(line=9)),
    Location(table="三", row="（七）总计", column="自然人", source=Source(table=2, row=4, column=10)),
    Location(section="一、总体情况", quote="收到申请75件。", source=Source(paragraph=7)),
    Location(section="二、主动公开政府信息情况", quote="……", source=Source(markup_line=349)),
    Location(table="四"),
    Location(),
])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_core_and_the_outputs_say_a_place_the_same_way(location, lang):
    """``Location.describe`` (core) and ``places`` (outputs) are one renderer: same words, same language."""
    place = places.primary(Diagnostic("X100", "info", "…", location=location))
    assert place.describe(lang) == location.describe(lang)
    assert location.labels(lang) == places.cell_labels(location, lang)
    text = location.describe(lang)
    assert ("第349行" not in text and "line 349" not in text)  # a page-source line is never said
    if lang == "en":
        assert not re.search(r"[第表段页行列格]", text.replace(location.row or "", "").replace(
            location.column or "", "").replace(location.section or "", ""))


def test_a_sentence_against_cells_is_described_as_the_sentence_then_each_cell():
    sentence = Location(table="三", row="A + B", column="总计", section="一、总体情况", quote="收到申请75件。",
                        source=Source(paragraph=9))
    cells = [Location(table="三", row=r, column="总计", source=Source(table=2, row=k, column=10))
             for k, r in ((4, "A"), (5, "B"))]
    d = Diagnostic("N101", "warning", "…", location=sentence, related=cells)
    assert [p.kind for p in places.places(d)] == ["text", "cell", "cell"]
    assert places.describe(d) == ("一、总体情况（第9段）；对照：表三 · A · 总计（表格2 第4行第10列）；"
                                  "表三 · B · 总计（表格2 第5行第10列）")
    assert places.describe(d, "en") == ("一、总体情况 (paragraph 9); compared with: table 3 · A · 总计 "
                                        "(table 2 of the file, row 4, column 10); table 3 · B · 总计 "
                                        "(table 2 of the file, row 5, column 10)")
    # without related places, a location with table labels is its cell, as before
    alone = Diagnostic("T401", "error", "…", location=Location(table="四", row="行政复议", column="总计"))
    assert places.describe(alone) == "表四 · 行政复议 · 总计"
