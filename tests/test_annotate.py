"""Issue 10's annotated Word draft: ``gklint check draft.docx --annotate`` gives the draft back with one
Word comment (author gklint) per finding, on the cell, sentence or heading the finding names, and
nothing else in the package changed.

The draft is the official template (tests/fixtures/template-2021.docx) filled with a consistent report
(every table cell 0, five requests granted to natural persons) and three known defects:
1. table 四: 行政复议 结果维持 1, its 总计 left 0 (T401, on the 总计 cell);
2. the overview says 收到政府信息公开申请6件 while table 三 says 5 (N101, on that sentence);
3. the heading of 四 numbered 五 (S103, on the heading).
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree
from typer.testing import CliRunner

from gklint.cli import app
from gklint.layouts import get

from conftest import FIXTURES

_spec = importlib.util.spec_from_file_location("make_docx", FIXTURES / "make_docx.py")
make_docx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_docx)
runner = CliRunner()

SENTENCE = "全年共收到政府信息公开申请6件，均已按时办结。"
HEADING = "五、政府信息公开行政复议、行政诉讼情况"
ANCHORS = ("w:commentRangeStart", "w:commentRangeEnd")


def draft_bytes(defects: bool = True) -> bytes:
    spec = get("2021")
    values = {(k, r.id, c.id): 0 for k in ("二", "三", "四") for r in spec.table(k).data_rows for c in r.columns}
    for row in ("new", "granted", "total"):
        values[("三", row, "natural")] = 5
        values[("三", row, "total")] = 5
    narrative = {"一": ["本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。",
                       SENTENCE if defects else SENTENCE.replace("6件", "5件")],
                 "五": ["政府信息公开工作仍存在不足。下一步将加强培训。"], "六": ["本年度未收取信息处理费。"]}
    if defects:
        values[("四", "review", "upheld")] = 1
    return make_docx.fill_template(values, narrative, title="某某县人民政府办公室2021年政府信息公开工作年度报告",
                                   preamble=["2022年1月10日"], headings={"四": HEADING} if defects else None)


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("annotate") / "草稿.docx"
    path.write_bytes(draft_bytes())
    return path


@pytest.fixture(scope="module")
def annotated(draft) -> Path:
    result = runner.invoke(app, ["check", str(draft), "--annotate", "--format", "concise"])
    assert result.exit_code == 1, result.output
    assert sorted(line.split(" ")[1] for line in result.stdout.splitlines()) == ["N101", "S103", "T401"]
    out = draft.with_name("草稿.gklint.docx")
    assert out.exists()
    return out


def anchored_text(document, comment_id: int) -> tuple[str, object]:
    """The text between a comment's range markers, and the element the range starts in."""
    body = document.element.body
    start = next(el for el in body.iter(qn("w:commentRangeStart")) if el.get(qn("w:id")) == str(comment_id))
    texts, on = [], False
    for el in body.iter():
        if el is start:
            on = True
        elif el.tag == qn("w:commentRangeEnd") and el.get(qn("w:id")) == str(comment_id):
            break
        elif on and el.tag == qn("w:t"):
            texts.append(el.text or "")
    return "".join(texts), start


def test_a_clean_draft_has_no_findings_and_no_comments(tmp_path):
    path = tmp_path / "clean.docx"
    path.write_bytes(draft_bytes(defects=False))
    result = runner.invoke(app, ["check", str(path), "--annotate", "--format", "concise"])
    assert result.exit_code == 0 and result.stdout == ""
    assert len(list(docx.Document(str(tmp_path / "clean.gklint.docx")).comments)) == 0


def test_three_defects_give_three_comments_in_place(annotated):
    document = docx.Document(str(annotated))
    comments = {c.text.split("】")[0].split(" ")[-1]: c for c in document.comments}
    assert sorted(comments) == ["N101", "S103", "T401"]
    assert all(c.author == "gklint" for c in comments.values())
    # T401: the 总计 cell of 行政复议 in table 四 (the template's last row, fifth cell)
    text, start = anchored_text(document, comments["T401"].comment_id)
    cell = next(a for a in start.iterancestors() if a.tag == qn("w:tc"))
    table_4 = document.tables[2]._tbl
    assert cell is table_4.tr_lst[-1].tc_lst[4] and text == "0"
    assert "实为：0" in comments["T401"].text and "应为：1" in comments["T401"].text
    # N101: the sentence that disagrees with table 三
    text, _ = anchored_text(document, comments["N101"].comment_id)
    assert text == SENTENCE
    # S103: the misnumbered heading
    text, _ = anchored_text(document, comments["S103"].comment_id)
    assert text == HEADING


def test_comments_say_what_to_change_in_plain_words_not_a_command(annotated):
    """A drafting office has no gklint: the comment says how to fix (the rule's fix, its first sentence)
    and names the rule in the head; it does not send the reader to ``gklint explain``."""
    from gklint.engine.rules import load_rules

    fixes = {r.id: r.doc("fix", "zh").split("。")[0] for r in load_rules()}
    for comment in docx.Document(str(annotated)).comments:
        rule = comment.text.split("】")[0].split(" ")[-1]
        assert f"如何改正：{fixes[rule]}。" in comment.text
        assert "gklint explain" not in comment.text


def test_a_finding_with_no_expected_value_prints_only_what_was_found():
    from gklint.core.diagnostic import Diagnostic
    from gklint.output.annotate_docx import comment_text

    d = Diagnostic(rule="P102", severity="info", title="t", message="m", expected=None, found=3)
    assert comment_text(d).splitlines()[2] == "实为：3"
    assert comment_text(d, "en").splitlines()[2] == "found: 3"
    both = Diagnostic(rule="T302", severity="error", title="t", message="m", expected=28, found=27)
    assert comment_text(both).splitlines()[2] == "应为：28；实为：27"


def _without_anchors(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for tag in ANCHORS:
        for el in list(root.iter(qn(tag))):
            el.getparent().remove(el)
    for ref in list(root.iter(qn("w:commentReference"))):
        run = ref.getparent()
        run.getparent().remove(run)
    return etree.tostring(root)


def test_nothing_else_in_the_package_changes(draft, annotated):
    before, after = zipfile.ZipFile(draft), zipfile.ZipFile(annotated)
    assert set(after.namelist()) - set(before.namelist()) == {"word/comments.xml"}
    changed = {"word/comments.xml", "word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"}
    for name in before.namelist():
        if name not in changed:
            assert after.read(name) == before.read(name), name
    assert _without_anchors(after.read("word/document.xml")) == _without_anchors(before.read("word/document.xml"))
    assert after.read("word/document.xml") != before.read("word/document.xml")


COMMENT_MARKS = re.compile(rb'<w:commentRange(?:Start|End) w:id="\d+"/>'
                           rb'|<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="\d+"/></w:r>')


def test_the_document_xml_is_byte_identical_outside_the_comment_marks(draft, annotated):
    """Not only the same XML: the same bytes, declaration included, once the comment marks are taken out."""
    before = zipfile.ZipFile(draft).read("word/document.xml")
    after = zipfile.ZipFile(annotated).read("word/document.xml")
    assert len(COMMENT_MARKS.findall(after)) == 3 * 3  # start, end, reference for each of the three comments
    assert COMMENT_MARKS.sub(b"", after) == before


def test_the_official_templates_bytes_are_kept_too():
    """The template as Word saved it (CRLF after its declaration, double quotes) keeps its bytes as well."""
    from gklint.core.diagnostic import Diagnostic, Location
    from gklint.core.source import Source
    from gklint.output.annotate_docx import annotated as annotate_bytes

    data = (FIXTURES / "template-2021.docx").read_bytes()
    cell = Location(table="四", row="行政复议", column="总计", source=Source(table=3, row=4, column=5))
    out = annotate_bytes(data, [Diagnostic("T401", "error", "总计不符", location=cell)])
    before, after = (zipfile.ZipFile(io.BytesIO(x)) for x in (data, out))
    assert before.read("word/document.xml").startswith(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n')
    for name in before.namelist():
        if name == "word/document.xml":
            assert COMMENT_MARKS.sub(b"", after.read(name)) == before.read(name)
        elif name not in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
            assert after.read(name) == before.read(name), name
        else:
            assert after.read(name)[:40] == before.read(name)[:40], name  # the declaration kept


def test_output_file_and_the_annotated_draft_reads_as_the_draft(draft, tmp_path):
    out = tmp_path / "批注版.docx"
    result = runner.invoke(app, ["check", str(draft), "--annotate", "-o", str(out), "--format", "json"])
    assert result.exit_code == 1 and '"T401"' in result.stdout  # the format still goes to stdout
    again = runner.invoke(app, ["check", str(out), "--format", "concise"])
    assert sorted(line.split(" ")[1] for line in again.stdout.splitlines()) == ["N101", "S103", "T401"]


def test_a_finding_without_a_place_goes_on_the_first_paragraph_and_a_blank_cell_is_marked():
    from gklint.core.diagnostic import Diagnostic, Location
    from gklint.core.source import Source
    from gklint.output.annotate_docx import annotated as annotate_bytes

    data = (FIXTURES / "template-2021.docx").read_bytes()
    blank = Location(table="四", row="行政复议", column="总计", source=Source(table=3, row=4, column=5))
    diags = [Diagnostic("D101", "warning", "没有发布日期"), Diagnostic("T401", "error", "总计为空白", location=blank)]
    document = docx.Document(io.BytesIO(annotate_bytes(data, diags)))
    first = next(p for p in document.paragraphs if p.text.strip())
    ids = [c.comment_id for c in document.comments]
    assert len(ids) == 2
    text, start = anchored_text(document, ids[0])
    assert text == first.text and start.getparent() is first._p
    _, start = anchored_text(document, ids[1])
    cell = next(a for a in start.iterancestors() if a.tag == qn("w:tc"))
    assert cell is document.tables[2]._tbl.tr_lst[-1].tc_lst[4]


@pytest.mark.parametrize("name", ["pingtan-2021.html", "huaian-2024.pdf"])
def test_annotate_on_a_page_or_pdf_writes_its_review_page(name, tmp_path):
    source = tmp_path / name
    source.write_bytes((FIXTURES / name).read_bytes())
    result = runner.invoke(app, ["check", str(source), "--annotate", "--format", "json"])
    page = tmp_path / (source.stem + ".gklint.html")
    assert result.exit_code in (0, 1) and "审阅网页" in result.stderr and str(page) in result.stderr
    text = page.read_text(encoding="utf-8")
    findings = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert text.startswith("<!DOCTYPE html>") and all(d["rule"] in text for d in findings)
    assert not (tmp_path / (source.stem + ".gklint.docx")).exists()


def test_annotate_many_files_with_one_output_is_a_usage_error(draft, tmp_path):
    result = runner.invoke(app, ["check", str(draft), str(draft), "--annotate", "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "X.gklint.docx" in result.output and "-o" in result.output


def _reviewed(data: bytes, part_name: str) -> bytes:
    """The draft as a reviewer sent it back: one comment of theirs, in a comments part named ``part_name``."""
    from docx.opc.packuri import PackURI

    document = docx.Document(io.BytesIO(data))
    title = next(p for p in document.paragraphs if p.text.strip())
    document.add_comment(title.runs, text="请核对标题", author="审核人", initials="SH")
    document.part._comments_part.partname = PackURI("/" + part_name)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("part_name", ["word/comments.xml", "word/reviewer-notes.xml"])
def test_a_draft_with_comments_keeps_them_and_gains_gklint_s(tmp_path, part_name):
    """The comments part is found through the document's relationship, whatever its name: every comment mark in
    the body names a comment that exists, the reviewer's comment is kept and gklint's three are added."""
    path = tmp_path / "审核稿.docx"
    path.write_bytes(_reviewed(draft_bytes(), part_name))
    result = runner.invoke(app, ["check", str(path), "--annotate", "--format", "concise"])
    assert result.exit_code == 1, result.output
    out = tmp_path / "审核稿.gklint.docx"
    document = docx.Document(str(out))
    comments = {c.comment_id: (c.author, c.text) for c in document.comments}
    assert sorted(author for author, _ in comments.values()) == ["gklint"] * 3 + ["审核人"]
    assert ("审核人", "请核对标题") in comments.values()
    package = zipfile.ZipFile(out)
    assert part_name in package.namelist() and ("word/comments.xml" in package.namelist()) == (part_name == "word/comments.xml")
    body = package.read("word/document.xml").decode()
    marked = {int(i) for i in re.findall(r'<w:comment(?:Reference|RangeStart|RangeEnd) w:id="(\d+)"', body)}
    assert len(marked) == 4 and marked == set(comments)
