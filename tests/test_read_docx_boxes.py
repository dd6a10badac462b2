"""Text boxes and imported parts (``w:altChunk``) are read where Word shows them.

A text box's paragraphs and tables are read once (Word writes the box twice: DrawingML in mc:Choice, VML in
mc:Fallback), after the paragraph it is anchored in, without a paragraph number; a diagram's boxes are not read.
An imported part is read in its place by the reader of its kind; one gklint cannot read is noted (R106).
Every draft is built here: the official template filled by tests/fixtures/make_docx.py, then the feature put in."""

from __future__ import annotations

import io

import docx
import pytest
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings, strategies as st

from gklint.output.annotate_docx import _Places
from gklint.read import docx_chunks
from gklint.read.docx import read_docx
from gklint.read.document import Grid, Paragraph
from test_read_docx_word import NS, REQUESTS, draft, findings, paragraph, run, saved, set_runs

DRAWING_NS = (' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
              ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
              ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
              ' xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"'
              ' xmlns:v="urn:schemas-microsoft-com:vml"')
CHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"


def shape(content: str) -> str:
    """A DrawingML text box holding ``content`` (paragraphs or tables), as Word 2010+ writes it."""
    return ('<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/>'
            f'<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>')


def drawing(content: str, group: bool = False) -> str:
    inner = f'<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr/>{shape(content)}</wpg:wgp>' if group else shape(content)
    uri = "wordprocessingGroup" if group else "wordprocessingShape"
    return ('<w:drawing><wp:anchor><wp:extent cx="2000000" cy="600000"/><wp:docPr id="50" name="文本框 50"/>'
            f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/{uri}">{inner}'
            '</a:graphicData></a:graphic></wp:anchor></w:drawing>')


def vml(content: str) -> str:
    return f'<w:pict><v:shape type="#_x0000_t202"><v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict>'


def box(content: str, group: bool = False) -> str:
    """A run holding a text box as Word saves it: DrawingML as the choice, the same box in VML as the fallback."""
    return (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing(content, group)}</mc:Choice>'
            f'<mc:Fallback>{vml(content)}</mc:Fallback></mc:AlternateContent></w:r>')


def paragraphs(*lines: str) -> str:
    return "".join(f"<w:p>{run(line)}</w:p>" for line in lines)


def put(p, xml: str) -> None:
    """Replace paragraph ``p``'s runs with ``xml`` (runs, text boxes), in the namespaces they need."""
    set_runs(p, "")
    p.extend(parse_xml(f"<w:p {NS}{DRAWING_NS}>{xml}</w:p>"))


def read(document) -> list:
    return read_docx("x.docx", saved(document)).blocks


def lines(blocks) -> list[tuple[str, int | None]]:
    return [(b.text, b.source.paragraph) for b in blocks if isinstance(b, Paragraph)]


# --------------------------------------------------------------------------- text boxes

def test_a_figure_in_a_text_box_is_read_once_after_its_anchor_and_checked(tmp_path):
    """Before: the box was not read: no N101 for 15 requests against table 三's 13."""
    document = draft()
    put(paragraph(document, "全年共收到"), run("依申请公开情况如下。") + box(paragraphs(REQUESTS.format(15))))
    blocks = read(document)
    assert lines(blocks).count((REQUESTS.format(15), None)) == 1
    anchor = next(k for k, (text, _) in enumerate(lines(blocks)) if text == "依申请公开情况如下。")
    assert lines(blocks)[anchor + 1] == (REQUESTS.format(15), None)
    assert ("N101", "warning") in findings(document, tmp_path)


def test_a_box_over_a_sentence_does_not_cut_it():
    document = draft()
    put(paragraph(document, "全年共收到"),
        run("全年共收到政府信息公开申请") + box(paragraphs("（印章）")) + run("13件，均已按时办结。"))
    texts = [text for text, _ in lines(read(document))]
    assert texts[texts.index(REQUESTS.format(13)) + 1] == "（印章）"


def test_a_box_written_in_vml_only_is_read():
    document = draft()
    put(paragraph(document, "全年共收到"), run("依申请公开情况如下。") + f"<w:r>{vml(paragraphs(REQUESTS.format(13)))}</w:r>")
    assert (REQUESTS.format(13), None) in lines(read(document))


def test_a_diagrams_boxes_are_not_read():
    document = draft()
    put(paragraph(document, "全年共收到"), run(REQUESTS.format(13)) + box(paragraphs("1.提出申请", "2.受理"), group=True))
    assert not any(text in ("1.提出申请", "2.受理") for text, _ in lines(read(document)))


def test_a_table_in_a_text_box_is_a_table_numbered_in_order():
    document = draft()
    table = ('<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>'
             + "".join(f'<w:tr><w:tc>{paragraphs(a)}</w:tc><w:tc>{paragraphs(b)}</w:tc></w:tr>' for a, b in
                       [("项目", "数量"), ("收到申请", "13")]) + '</w:tbl>')
    put(paragraph(document, "全年共收到"), run(REQUESTS.format(13)) + box(table + "<w:p/>"))
    grids = [b for b in read(document) if isinstance(b, Grid)]
    assert len(grids) == 4  # the box's table, then the template's tables 二, 三 and 四
    assert [g.source.table for g in grids] == [1, 2, 3, 4]
    assert grids[1].texts()[0][0] != "项目" and grids[0].texts() == [["项目", "数量"], ["收到申请", "13"]]
    # the annotator counts the tables as the reader does: table 三 (the third read) is the template's second
    again = docx.Document(io.BytesIO(saved(document)))
    assert _Places(again.element.body).cells[(3, 1, 1)] is again.tables[1]._tbl.tr_lst[0].tc_lst[0]


def test_a_closing_in_a_text_box_over_the_seal_adds_no_finding(tmp_path):
    document = draft()
    put(document.add_paragraph()._p, box(paragraphs("某某县人民政府办公室", "2022年1月10日")))
    assert lines(read(document))[-2:] == [("某某县人民政府办公室", None), ("2022年1月10日", None)]
    assert findings(document, tmp_path) == []


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_moving_a_narrative_paragraph_into_a_text_box_changes_no_finding(tmp_path_factory, data):
    """Any narrative paragraph of a consistent or a broken draft, moved into a text box anchored where it stood,
    gives the findings it gave in the body (rule and severity)."""
    requests = data.draw(st.sampled_from([13, 15]))
    document = draft(requests)
    body = [p for p in document.paragraphs if p.text and not p.text.startswith(("一、", "二、", "三、", "四、", "五、", "六、"))]
    p = data.draw(st.sampled_from(body[1:]))._p  # the title aside: it names the report
    tmp = tmp_path_factory.mktemp("box")
    before = findings(document, tmp)
    text = "".join(t.text or "" for t in p.iter(qn("w:t")))
    put(p, box(paragraphs(text)))
    assert findings(document, tmp) == before


# --------------------------------------------------------------------------- imported parts

def imported(document, p, name: str, content_type: str, blob: bytes) -> None:
    """Replace paragraph ``p`` by an altChunk importing ``blob`` as part ``name``."""
    part = Part(PackURI(name), content_type, blob, document.part.package)
    rid = document.part.relate_to(part, CHUNK)
    p.addprevious(parse_xml(f'<w:altChunk {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{rid}"/>'))
    p.getparent().remove(p)


def html(requests: int, table: str = "") -> bytes:
    return (f'<html><head><title>某某县年度报告</title></head><body><p>{REQUESTS.format(requests)}</p>{table}'
            '</body></html>').encode()


@pytest.mark.parametrize("requests, found", [(13, []), (15, [("N101", "warning")])])
def test_an_imported_html_part_is_read_in_place(tmp_path, requests, found):
    """Before: the part was dropped: S106 ((一) then (三)) on the consistent draft, no N101 on the broken one."""
    document = draft()
    imported(document, paragraph(document, "全年共收到"), "/word/afchunk1.htm", "text/html", html(requests))
    texts = [text for text, _ in lines(read(document))]
    assert texts[texts.index(REQUESTS.format(requests)) - 1] == "本机关认真贯彻落实《中华人民共和国政府信息公开条例》。"
    assert "某某县年度报告" not in texts  # the page's title is not shown
    assert findings(document, tmp_path) == found


def test_an_imported_table_is_a_table_numbered_in_order():
    document = draft()
    table = "<table><tr><td>项目</td><td>数量</td></tr><tr><td>收到申请</td><td>13</td></tr></table>"
    imported(document, paragraph(document, "全年共收到"), "/word/afchunk1.htm", "text/html", html(13, table))
    grids = [b for b in read(document) if isinstance(b, Grid)]
    assert [g.source.table for g in grids] == [1, 2, 3, 4] and grids[0].texts() == [["项目", "数量"], ["收到申请", "13"]]
    assert {c.source.table for c in grids[0].rows[1] if c is not None} == {1}
    # the annotator counts the tables as the reader does: table 二 (the second read) is the template's first
    again = docx.Document(io.BytesIO(saved(document)))
    assert _Places(again.element.body, again.part).cells[(2, 1, 1)] is again.tables[0]._tbl.tr_lst[0].tc_lst[0]


def test_an_imported_web_archive_and_plain_text_are_read():
    mht = ("MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"b\"\n\n--b\n"
           "Content-Type: text/html; charset=\"gb2312\"\nContent-Transfer-Encoding: base64\n\n"
           + __import__("base64").b64encode(f"<html><body><p>{REQUESTS.format(13)}</p></body></html>".encode("gb2312")).decode()
           + "\n--b--\n").encode()
    for name, content_type, blob in [("/word/a.mht", "message/rfc822", mht),
                                     ("/word/a.txt", "text/plain", REQUESTS.format(13).encode("gb18030"))]:
        document = draft()
        imported(document, paragraph(document, "全年共收到"), name, content_type, blob)
        assert (REQUESTS.format(13), None) in lines(read(document)), name


def nested(levels: int) -> bytes:
    """A Word document importing a Word document … ``levels`` deep, the innermost holding the request sentence."""
    inner = docx.Document()
    inner.add_paragraph(REQUESTS.format(13))
    data = saved(inner)
    for _ in range(levels - 1):
        outer = docx.Document()
        outer.add_paragraph("x")
        imported(outer, outer.paragraphs[0]._p, "/word/inner.docx",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document", data)
        data = saved(outer)
    return data


def test_an_imported_word_document_is_read_down_to_a_bounded_depth():
    for levels, read_it in [(1, True), (docx_chunks.MAX_DEPTH, True), (docx_chunks.MAX_DEPTH + 1, False)]:
        document = draft()
        imported(document, paragraph(document, "全年共收到"), "/word/sub.docx",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document", nested(levels))
        doc = read_docx("x.docx", saved(document))
        assert ((REQUESTS.format(13), None) in lines(doc.blocks)) is read_it, levels
        assert bool(doc.notes) is not read_it and all("层" in n for n in doc.notes)


@pytest.mark.parametrize("name, content_type, blob, said", [
    ("/word/a.rtf", "application/rtf", rb"{\rtf1 x}", "RTF"),
    ("/word/a.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK not a zip", "损坏"),
])
def test_an_imported_part_not_read_is_noted(tmp_path, name, content_type, blob, said):
    document = draft()
    imported(document, paragraph(document, "全年共收到"), name, content_type, blob)
    doc = read_docx("x.docx", saved(document))
    assert len(doc.notes) == 1 and said in doc.notes[0] and name in doc.notes[0]
    assert ("R106", "warning") in findings(document, tmp_path)


def test_an_import_whose_part_is_missing_is_noted():
    document = draft()
    p = paragraph(document, "全年共收到")
    p.addprevious(parse_xml(f'<w:altChunk {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId999"/>'))
    doc = read_docx("x.docx", saved(document))
    assert doc.notes == [docx_chunks.missing_note("rId999")]
