"""The Word reader: the official template's structure, the template filled in (tests/fixtures/make_docx.py),
nested tables, pasted tables and line breaks."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import docx
import pytest

from gklint.read.document import Grid, Paragraph
from gklint.read.docx import read_docx
from gklint.recognise.grid import match_grids
from gklint.recognise.recognise import recognise
from gklint.layouts import get

FIXTURES = Path(__file__).parent / "fixtures"
_spec = importlib.util.spec_from_file_location("make_docx", FIXTURES / "make_docx.py")
make_docx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_docx)

T3_ROWS = ["new", "carried_over", "granted", "partly_granted",
           "refused_state_secret", "refused_prohibited", "refused_security", "refused_third_party",
           "refused_internal", "refused_process", "refused_enforcement_file", "refused_query",
           "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
           "not_processed_petition", "not_processed_repeat", "not_processed_publication",
           "not_processed_abusive", "not_processed_confirmation",
           "other_no_correction", "other_no_fee", "other_other", "total", "carried_forward"]
T3_COLUMNS = ["natural", "business", "research", "public_interest", "legal_services", "other_orgs", "total"]
T4_ROWS = ["review", "litigation_direct", "litigation_after_review"]
T4_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]
T2_CELLS = [("regulations", "issued"), ("regulations", "repealed"), ("regulations", "in_force"),
            ("normative_documents", "issued"), ("normative_documents", "repealed"),
            ("normative_documents", "in_force"), ("licensing", "decisions"), ("penalties", "decisions"),
            ("enforcement", "decisions"), ("fees", "fees_amount")]

# tests/fixtures/huangyuan-2021.txt, read by hand: table 二 as below, tables 三 and 四 all zeros.
HUANGYUAN = {
    **{("二", "regulations", c): 0 for c in ("issued", "repealed", "in_force")},
    ("二", "normative_documents", "issued"): 3, ("二", "normative_documents", "repealed"): 0,
    ("二", "normative_documents", "in_force"): 8,
    ("二", "licensing", "decisions"): 0, ("二", "penalties", "decisions"): 0,
    ("二", "enforcement", "decisions"): 0, ("二", "fees", "fees_amount"): 0,
    **{("三", r, c): 0 for r in T3_ROWS for c in T3_COLUMNS},
    **{("四", r, c): 0 for r in T4_ROWS for c in T4_COLUMNS},
}


def read(data: bytes, name: str = "x.docx"):
    return read_docx(name, data)


def by_table(doc) -> dict:
    matches = match_grids(doc.grids, get("2021"))
    return {(key, row, col): (cell.value if cell.kind == "number" else cell.kind)
            for key, m in matches.items() for (row, col), cell in m.cells.items()}


def narrative_from_text(path: Path) -> dict[str, list[str]]:
    """Sections 一 and 五 of the huangyuan report, one paragraph per non-blank line."""
    lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    one = lines[lines.index("一、总体情况") + 1: lines.index("二、主动公开政府信息情况")]
    five = lines[lines.index("五、存在的主要问题及改进情况") + 1:]
    return {"一": one, "五": five}


def test_template_structure():
    doc = read((FIXTURES / "template-2021.docx").read_bytes(), "template-2021.docx")
    assert doc.format == "docx"
    seq = ["G" if isinstance(b, Grid) else b.text for b in doc.blocks]
    assert seq == ["政府信息公开工作年度报告格式模板", "一、总体情况", "（文字描述）", "二、主动公开政府信息情况", "G",
                   "三、收到和处理政府信息公开申请情况", "G", "四、政府信息公开行政复议、行政诉讼情况", "G",
                   "五、存在的主要问题及改进情况", "（文字描述）", "六、其他需要报告的事项",
                   "（文字描述，收取信息处理费情况在此处报告。）"]
    t2, t3, t4 = doc.grids
    assert [(len(g.rows), len(g.rows[0])) for g in doc.grids] == [(14, 4), (28, 10), (4, 15)]
    # gridSpan: 本年处理决定数量 and the value cell below it span three grid columns.
    assert (t2.rows[5][1].text, t2.rows[5][1].colspan) == ("本年处理决定数量", 3)
    assert (t2.rows[6][1].text, t2.rows[6][1].colspan, t2.rows[6][2]) == ("", 3, None)
    # vMerge restart/continue: the outer label over 22 rows, 不予公开 over 8, 自然人 down 2.
    assert (t3.rows[5][0].text, t3.rows[5][0].rowspan) == ("三、本年度办理结果", 22)
    assert all(t3.rows[r][0] is None for r in range(6, 27))
    assert (t3.rows[7][1].text, t3.rows[7][1].rowspan) == ("（三）不予公开", 8)
    assert (t3.rows[0][0].rowspan, t3.rows[0][0].colspan) == (3, 3)
    assert (t3.rows[1][3].text, t3.rows[1][3].rowspan) == ("自然人", 2)
    assert t3.rows[2][4].text == "商业企业"  # two paragraphs in the cell ("商业", "企业")
    assert (t4.rows[1][0].text, t4.rows[1][0].rowspan) == ("结果维持", 2)
    assert (t4.rows[1][5].text, t4.rows[1][5].colspan) == ("未经复议直接起诉", 5)
    cell = t3.rows[7][2]
    assert (cell.source.table, cell.source.row, cell.source.column) == (2, 8, 3)


def test_empty_template_reads_as_blank_cells():
    doc = read((FIXTURES / "template-2021.docx").read_bytes())
    assert recognise(doc).layout == "2021"
    matches = match_grids(doc.grids, get("2021"))
    assert {k: len(m.cells) for k, m in matches.items()} == {"二": 10, "三": 175, "四": 15}
    assert all(c.kind == "blank" for m in matches.values() for c in m.cells.values())
    assert all(m.notes == [] for m in matches.values()) and matches.notes == []


def test_filled_with_huangyuan():
    narrative = narrative_from_text(FIXTURES / "huangyuan-2021.txt")
    data = make_docx.fill_template(HUANGYUAN, narrative, title="县人民政府办公室2021年政府信息公开工作年度报告")
    doc = read(data, "huangyuan-2021.docx")
    assert by_table(doc) == {k: v for k, v in HUANGYUAN.items()}
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts[0] == "县人民政府办公室2021年政府信息公开工作年度报告"
    start = texts.index("一、总体情况")
    assert texts[start + 1: start + 1 + len(narrative["一"])] == narrative["一"]
    assert texts[texts.index("二、主动公开政府信息情况") - 1] == narrative["一"][-1]
    assert texts[-len(narrative["五"]) - 2: -2] == narrative["五"]
    assert "（文字描述）" not in texts


def every_cell_distinct() -> dict:
    """A value for every cell of the 2021 tables, none repeated, so a misplaced value shows."""
    values = {("二", r, c): 100 + i for i, (r, c) in enumerate(T2_CELLS)}
    values[("二", "fees", "fees_amount")] = 12.75
    values.update({("三", r, c): 1000 + 10 * i + j for i, r in enumerate(T3_ROWS) for j, c in enumerate(T3_COLUMNS)})
    values.update({("四", r, c): 5000 + 10 * i + j for i, r in enumerate(T4_ROWS) for j, c in enumerate(T4_COLUMNS)})
    return values


def test_filled_with_distinct_values_reads_back_exactly():
    values = every_cell_distinct()
    assert len(values) == 10 + 175 + 15
    doc = read(make_docx.fill_template(values))
    assert by_table(doc) == values


def test_partly_filled_keeps_blanks_and_marks():
    values = {("二", "licensing", "decisions"): "/", ("三", "new", "natural"): 5, ("四", "review", "total"): "１２"}
    got = by_table(read(make_docx.fill_template(values)))
    assert got[("二", "licensing", "decisions")] == "na"
    assert got[("三", "new", "natural")] == 5
    assert got[("四", "review", "total")] == 12
    assert got[("三", "new", "business")] == "blank"
    assert sum(1 for v in got.values() if v == "blank") == 200 - 3


def build(fill) -> bytes:
    document = docx.Document()
    fill(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_nested_table_in_layout_table():
    def fill(d):
        d.add_paragraph("一、总体情况")
        outer = d.add_table(rows=1, cols=1)
        cell = outer.cell(0, 0)
        cell.paragraphs[0].text = "二、主动公开政府信息情况"
        inner = cell.add_table(rows=2, cols=2)
        for (r, c), text in {(0, 0): "信息内容", (0, 1): "本年处理决定数量", (1, 0): "行政许可", (1, 1): "42"}.items():
            inner.cell(r, c).text = text
        cell.add_paragraph("说明文字")
        d.add_paragraph("三、收到和处理政府信息公开申请情况")

    doc = read(build(fill))
    seq = ["G" if isinstance(b, Grid) else b.text for b in doc.blocks]
    assert seq == ["一、总体情况", "二、主动公开政府信息情况", "G", "说明文字", "三、收到和处理政府信息公开申请情况"]
    assert doc.grids[0].texts() == [["信息内容", "本年处理决定数量"], ["行政许可", "42"]]
    assert by_table(doc)[("二", "licensing", "decisions")] == 42


def test_merged_cells_made_by_python_docx():
    def fill(d):
        t = d.add_table(rows=3, cols=3)
        t.cell(0, 0).merge(t.cell(1, 0)).text = "A"   # vertical
        t.cell(0, 1).merge(t.cell(0, 2)).text = "B"   # horizontal
        t.cell(2, 0).merge(t.cell(2, 2)).text = "C"
        t.cell(1, 1).text, t.cell(1, 2).text = "x", "y"

    grid = read(build(fill)).grids[0]
    assert grid.texts() == [["A", "B", "B"], ["A", "x", "y"], ["C", "C", "C"]]
    a, b, c = grid.rows[0][0], grid.rows[0][1], grid.rows[2][0]
    assert (a.rowspan, a.colspan, b.rowspan, b.colspan, c.colspan) == (2, 1, 1, 2, 3)
    assert grid.rows[1][0] is None and grid.rows[0][2] is None and grid.rows[2][1:] == [None, None]


def test_pasted_table_stays_text_and_line_breaks_split():
    def fill(d):
        d.add_paragraph("规章\t0\t0\t0")
        p = d.add_paragraph("第一行")
        p.add_run().add_break()
        p.add_run("第二行")

    doc = read(build(fill))
    assert doc.grids == []
    # a soft line break splits a paragraph into two blocks, both in Word's paragraph 2
    assert [(b.text, b.source.paragraph) for b in doc.blocks] == [("规章\t0\t0\t0", 1), ("第一行", 2), ("第二行", 2)]


def test_text_in_smart_tags_and_tracked_changes():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def fill(d):
        p = d.add_paragraph()
        p._p.append(parse_xml(
            f'<w:pPr {nsdecls("w")}><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'))
        p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>落款日期：</w:t></w:r>'))
        p._p.append(parse_xml(
            f'<w:smartTag {nsdecls("w")} w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">'
            '<w:r><w:t>2022年1月4日</w:t></w:r></w:smartTag>'))
        p._p.append(parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>（已修订）</w:t></w:r></w:ins>'))
        p._p.append(parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>删去</w:delText></w:r></w:del>'))

    doc = read(build(fill))
    assert [b.text for b in doc.blocks] == ["落款日期：2022年1月4日（已修订）"]


def test_not_a_docx():
    import zipfile

    with pytest.raises(zipfile.BadZipFile):  # the raw reader; through gklint.extract it is a ReadError
        read(b"PK\x03\x04 not really a zip")


# --------------------------------------------------------------------------- 第N段: Word's paragraph numbers


def _paragraph_numbers_agree_with_python_docx(data: bytes) -> int:
    """Every paragraph block's ``Source.paragraph`` N names python-docx's ``document.paragraphs[N - 1]``
    (the body's paragraphs in order, empty ones included), and that paragraph's text holds the block's."""
    doc = read(data)
    word = docx.Document(io.BytesIO(data)).paragraphs
    blocks = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert blocks
    for b in blocks:
        assert b.source.paragraph is not None and b.source.line is None
        assert b.text.replace(" ", "") in word[b.source.paragraph - 1].text.replace(" ", "").replace("\u3000", "")
    numbers = [b.source.paragraph for b in blocks]
    assert numbers == sorted(numbers)  # document order
    return len(word)


def test_paragraph_numbers_of_the_official_template_are_word_s():
    total = _paragraph_numbers_agree_with_python_docx((FIXTURES / "template-2021.docx").read_bytes())
    assert total > 10


def test_paragraph_numbers_of_a_filled_report_count_the_blank_paragraphs_too():
    narrative = narrative_from_text(FIXTURES / "huangyuan-2021.txt")
    data = make_docx.fill_template(HUANGYUAN, narrative, title="县人民政府办公室2021年政府信息公开工作年度报告")
    _paragraph_numbers_agree_with_python_docx(data)
    document = docx.Document(io.BytesIO(data))
    blank = [k for k, p in enumerate(document.paragraphs, 1) if not p.text.strip()]
    assert blank  # the template keeps empty paragraphs: they are counted, as Word counts them
    doc = read(data)
    first = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.text == narrative["一"][0])
    assert document.paragraphs[first.source.paragraph - 1].text.strip() == narrative["一"][0]


def test_a_paragraph_in_a_layout_table_has_no_paragraph_number_and_cells_keep_their_grid_place():
    def fill(d):
        d.add_paragraph("一、总体情况")
        outer = d.add_table(rows=1, cols=1)
        outer.cell(0, 0).paragraphs[0].text = "表格里的说明文字"
        d.add_paragraph("")
        d.add_paragraph("二、主动公开政府信息情况")
        inner = d.add_table(rows=2, cols=2)
        for (r, c), text in {(0, 0): "信息内容", (0, 1): "本年处理决定数量", (1, 0): "行政许可", (1, 1): "42"}.items():
            inner.cell(r, c).text = text

    doc = read(build(fill))
    where = {b.text: b.source.paragraph for b in doc.blocks if isinstance(b, Paragraph)}
    assert where == {"一、总体情况": 1, "表格里的说明文字": None, "二、主动公开政府信息情况": 3}
    cell = doc.grids[0].rows[1][1]
    assert (cell.text, cell.source.table, cell.source.row, cell.source.column) == ("42", 1, 2, 2)


def test_a_paragraph_in_a_content_control_is_numbered_as_word_shows_it_and_the_annotator_agrees():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from gklint.output.annotate_docx import _Places

    def fill(d):
        d.add_paragraph("一、总体情况")
        sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>控件里的段落</w:t></w:r></w:p>'
                        "</w:sdtContent></w:sdt>")
        d.element.body.insert(1, sdt)
        d.add_paragraph("控件之后的段落")

    data = build(fill)
    doc = read(data)
    where = {b.text: b.source.paragraph for b in doc.blocks if isinstance(b, Paragraph)}
    assert where == {"一、总体情况": 1, "控件里的段落": 2, "控件之后的段落": 3}
    # python-docx's list skips the content control; Word (and gklint) count the paragraph inside it
    assert [p.text for p in docx.Document(io.BytesIO(data)).paragraphs] == ["一、总体情况", "控件之后的段落"]
    found = _Places(docx.Document(io.BytesIO(data)).element.body).paragraphs
    assert {n: "".join(t.text for t in p.iter() if t.tag.endswith("}t")) for n, p in found.items()} == \
        {v: k for k, v in where.items()}
