"""The Word reader reads what Word shows: list labels computed from numbering.xml, no hidden text, no typed
footnote marks, deleted paragraph marks joined, soft line breaks inside a sentence joined, zero-width
characters deleted, alternate content read once, and a row of zeros merged into one cell read in each column.

Every draft is built here: the official template filled by tests/fixtures/make_docx.py (or a blank python-docx
document), then one Word feature put in with lxml, as Word or WPS writes it."""

from __future__ import annotations

import copy
import importlib.util
import io
import re
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from hypothesis import HealthCheck, given, settings, strategies as st

from gklint import api
from gklint.read.docx import read_docx
from gklint.read.open import read_document
from gklint.read.docx_numbering import number_text
from gklint.read.document import Paragraph
from gklint.layouts import get
from gklint.recognise.grid import match_grids

FIXTURES = Path(__file__).parent / "fixtures"
_spec = importlib.util.spec_from_file_location("make_docx", FIXTURES / "make_docx.py")
make_docx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_docx)

NS = nsdecls("w") + ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
# worded unlike the official headings: found only by their numbers
LOOSE = ["基本情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
         "存在的问题及下一步工作计划", "其他事项"]
REQUESTS = "全年共收到政府信息公开申请{}件，均已按时办结。"


def values(new: int = 13) -> dict:
    """A consistent 2021 report: table 三 with ``new`` requests from natural persons, all granted."""
    spec = get("2021")
    out = {(k, r.id, c.id): 0 for k in ("二", "三", "四") for r in spec.table(k).data_rows for c in r.columns}
    for row in ("new", "granted", "total"):
        out[("三", row, "natural")] = out[("三", row, "total")] = new
    return out


def draft(requests: int = 13, **changes) -> docx.Document:
    narrative = {"一": ["本机关认真贯彻落实《中华人民共和国政府信息公开条例》。", REQUESTS.format(requests)],
                 "五": ["政府信息公开工作仍存在不足。下一步将加强培训。"], "六": ["本年度未收取信息处理费。"]}
    data = make_docx.fill_template(values(), narrative, title="某某县人民政府办公室2021年政府信息公开工作年度报告",
                                   preamble=["2022年1月10日"], **changes)
    return docx.Document(io.BytesIO(data))


def saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def findings(document, tmp_path) -> list[tuple[str, str]]:
    path = tmp_path / "draft.docx"
    path.write_bytes(saved(document))
    return sorted((d.rule, d.severity) for d in api.check(str(path)).diagnostics)


def t3_row(document, label: str):
    """Table 三's row whose label (its eighth cell from the right) is ``label``."""
    return next(tr for tr in document.tables[1]._tbl.tr_lst
                if len(tr.tc_lst) >= 8 and make_docx._text(tr.tc_lst[-8]) == label)


def paragraph(document, starting: str):
    return next(p._p for p in document.paragraphs if p.text.startswith(starting))


def texts(data: bytes) -> list[str]:
    """The paragraphs as the rest of gklint gets them (``read_document``: the Word reader, then zero-width
    characters and look-alikes read as every reader's are)."""
    return [b.text for b in read_document("x.docx", data).blocks if isinstance(b, Paragraph)]


def runs(xml: str) -> list:
    return list(parse_xml(f"<w:p {NS}>{xml}</w:p>"))


def run(text: str, props: str = "") -> str:
    return f'<w:r>{f"<w:rPr>{props}</w:rPr>" if props else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def set_runs(p, xml: str) -> None:
    for child in [c for c in p if c.tag != qn("w:pPr")]:
        p.remove(child)
    p.extend(runs(xml))


def one_paragraph(xml: str, styles: str = "") -> list[str]:
    """The texts read from a blank document holding one paragraph of ``xml`` (runs), with extra styles."""
    document = docx.Document()
    document.add_paragraph()._p.extend(runs(xml))
    for style in runs(styles):
        document.styles.element.append(style)
    return texts(saved(document))


# --------------------------------------------------------------------------- numbering

def numbering(document, levels: list[tuple[str, str]], overrides: str = "") -> str:
    """Add a list (abstract list and w:num) to the document: ``levels`` as (numFmt, lvlText); return its numId."""
    try:
        element = document.part.numbering_part.element
    except NotImplementedError:  # the template has no numbering part: add one, as Word does
        from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.parts.numbering import NumberingPart

        xml = f'<w:numbering {NS}/>'.encode()
        part = NumberingPart.load(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, xml, document.part.package)
        document.part.relate_to(part, RT.NUMBERING)
        element = part.element
    abstract_id = str(100 + len(element.findall(qn("w:abstractNum"))))
    lvls = "".join(f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="nothing"/>'
                   f'<w:lvlText w:val="{text}"/></w:lvl>' for k, (fmt, text) in enumerate(levels))
    first_num = element.find(qn("w:num"))
    abstract = parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>')
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        element.append(abstract)
    num_id = str(100 + len(element.findall(qn("w:num"))))
    element.append(parse_xml(f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                             f'{overrides}</w:num>'))
    return num_id


def number(p, num_id: str, ilvl: int = 0) -> None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = parse_xml(f"<w:pPr {NS}/>")
        p.insert(0, ppr)
    ppr.insert(0, parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


CHINESE = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]


def numbered_headings(requests: int, wording: list[str], by_style: bool = False) -> docx.Document:
    """The draft with its six headings numbered by Word ("一、" not typed), worded as ``wording``."""
    document = draft(requests)
    num_id = numbering(document, CHINESE)
    if by_style:
        document.styles.element.append(parse_xml(
            f'<w:style {NS} w:type="paragraph" w:styleId="GkHeading"><w:name w:val="gk heading"/><w:pPr><w:numPr>'
            f'<w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:style>'))
    for heading, words in zip(HEADINGS, wording):
        p = paragraph(document, heading)
        set_runs(p, run(words))
        if by_style:
            p.insert(0, parse_xml(f'<w:pPr {NS}><w:pStyle w:val="GkHeading"/></w:pPr>'))
        else:
            number(p, num_id)
    return document


@pytest.mark.parametrize("by_style", [False, True])
def test_headings_numbered_by_word_are_read_with_their_numbers(by_style):
    document = numbered_headings(13, LOOSE, by_style)
    read = texts(saved(document))
    assert [t for t in read if t.endswith(tuple(LOOSE))] == [f"{n}、{w}" for n, w in zip("一二三四五六", LOOSE)]


@pytest.mark.parametrize("by_style", [False, True])
def test_numbered_headings_worded_loosely_find_the_sections_and_their_figures(tmp_path, by_style):
    """Before: no heading found (S101 error "缺少一、总体情况") and section 一's figures not checked."""
    typed = draft(13, headings={n: f"{n}、{w}" for n, w in zip("一二三四五六", LOOSE)})
    assert findings(numbered_headings(13, LOOSE, by_style), tmp_path) == findings(typed, tmp_path)
    assert ("S101", "error") not in findings(numbered_headings(13, LOOSE, by_style), tmp_path)
    assert ("N101", "warning") in findings(numbered_headings(15, LOOSE, by_style), tmp_path)


def test_table_three_row_labels_numbered_by_word_read_as_typed():
    document = draft()
    num_id = numbering(document, CHINESE)
    for tc in document.tables[1]._tbl.iter(qn("w:tc")):
        text = make_docx._text(tc)
        if label := re.match(r"[一二三四]、|（[一二三四五六七]）|\d\.", text):
            p = tc.find(qn("w:p"))
            for extra in tc.findall(qn("w:p"))[1:]:
                tc.remove(extra)
            set_runs(p, run(text[label.end():]))
            number(p, num_id, 0 if "、" in label.group() else 1 if "（" in label.group() else 2)
    typed = read_docx("x.docx", saved(draft()))
    numbered = read_docx("x.docx", saved(document))
    assert [g.texts() for g in numbered.grids] == [g.texts() for g in typed.grids]
    matches = match_grids(numbered.grids, get("2021"))
    assert matches["三"].aliases == [] and matches["三"].notes == []


def counted(levels, paragraphs: list[tuple[int, str]], overrides: str = "", second: list | None = None) -> list[str]:
    """Texts of a blank document whose paragraphs (ilvl, text) are numbered in one list (``second``: more
    paragraphs in a second w:num of the same abstract list, with ``overrides``)."""
    document = docx.Document()
    document.add_paragraph("x")  # python-docx's default template: a numbering part to add lists to
    num_id = numbering(document, levels)
    for ilvl, text in paragraphs:
        number(document.add_paragraph(text)._p, num_id, ilvl)
    if second is not None:
        element = document.part.numbering_part.element
        abstract = next(n for n in element.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)[0].get(qn("w:val"))
        other = str(int(num_id) + 50)
        element.append(parse_xml(f'<w:num {NS} w:numId="{other}"><w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'))
        for ilvl, text in second:
            number(document.add_paragraph(text)._p, other, ilvl)
    return texts(saved(document))[1:]


def test_counters_restart_under_a_higher_level_and_show_every_level():
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%1.%3")]
    got = counted(levels, [(0, "甲"), (1, "乙"), (1, "丙"), (2, "丁"), (0, "戊"), (1, "己"), (0, "庚")])
    assert got == ["一、甲", "（一）乙", "（二）丙", "一.1丁", "二、戊", "（一）己", "三、庚"]


def test_a_second_list_of_the_same_abstract_list_continues_unless_it_restarts():
    levels = [("decimal", "%1.")]
    assert counted(levels, [(0, "a"), (0, "b")], second=[(0, "c")]) == ["1.a", "2.b", "3.c"]
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    assert counted(levels, [(0, "a"), (0, "b")], restart, second=[(0, "c"), (0, "d")]) == ["1.a", "2.b", "1.c", "2.d"]


def test_labels_not_computed_are_left_out_and_blank_numbered_lines_are_counted():
    assert counted([("bullet", "•")], [(0, "要点")]) == ["要点"]
    assert counted([("ordinalText", "%1")], [(0, "第一")]) == ["第一"]
    # a blank numbered paragraph shows no text here, but Word counts it: the next is 二、
    assert counted([("chineseCounting", "%1、")], [(0, ""), (0, "总体情况")]) == ["二、总体情况"]


def test_numbering_taken_off_a_paragraph_of_a_numbered_style():
    document = numbered_headings(13, LOOSE, by_style=True)
    p = paragraph(document, LOOSE[0])
    p.find(qn("w:pPr")).append(parse_xml(f'<w:numPr {NS}><w:numId w:val="0"/></w:numPr>'))
    read = texts(saved(document))
    assert LOOSE[0] in read and "一、" + LOOSE[1] in read  # Word counts the numbered paragraphs only


def test_a_style_based_on_none_ends_its_chain():
    """A style without w:basedOn gives no more than its own properties: a malformed style without a w:styleId
    (numbered) is no style it is based on. Before: the numbering's walk went on to it and numbered the line."""
    document = docx.Document()
    document.add_paragraph("x")
    num_id = numbering(document, CHINESE)
    document.styles.element.append(parse_xml(
        f'<w:style {NS} w:type="paragraph"><w:pPr><w:numPr><w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:style>'))
    document.styles.element.append(parse_xml(f'<w:style {NS} w:type="paragraph" w:styleId="GkPlain"/>'))
    p = document.add_paragraph("总体情况")._p
    p.insert(0, parse_xml(f'<w:pPr {NS}><w:pStyle w:val="GkPlain"/></w:pPr>'))
    assert texts(saved(document))[1:] == ["总体情况"]


@pytest.mark.parametrize(("n", "fmt", "shown"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (20, "chineseCounting", "二十"), (35, "chineseCountingThousand", "三十五"), (3, "ideographTraditional", "丙"),
    (12, "chineseLegalSimplified", "拾贰"), (10, "ideographDigital", "一〇"), (4, "decimalEnclosedCircle", "④"),
    (7, "decimalZero", "07"), (14, "upperRoman", "XIV"), (28, "lowerLetter", "bb"), (3, "decimalFullWidth", "３"),
    (11, "ideographTraditional", None), (1, "bullet", None), (1, "none", "")])
def test_number_formats(n, fmt, shown):
    assert number_text(n, fmt) == shown


# --------------------------------------------------------------------------- what is shown

def test_hidden_text_is_not_read(tmp_path):
    """申请<hidden>12</hidden>13件 is published as 申请13件 (before: 1213, a false N101)."""
    document = draft()
    p = paragraph(document, "全年共收到")
    set_runs(p, run("全年共收到政府信息公开申请") + run("12", "<w:vanish/>") + run("13件，均已按时办结。"))
    assert REQUESTS.format(13) in texts(saved(document))
    assert findings(document, tmp_path) == []


def test_hidden_text_in_a_cell_is_not_read(tmp_path):
    document = draft()
    tc = t3_row(document, "（一）予以公开").tc_lst[-1]  # 总计
    assert make_docx._text(tc) == "13"
    set_runs(tc.find(qn("w:p")), run("4", "<w:vanish/>") + run("13"))
    assert findings(document, tmp_path) == []


@pytest.mark.parametrize(("props", "styles", "read"), [
    ("<w:vanish/>", "", "申请13件"),
    ('<w:vanish w:val="0"/>', "", "申请1213件"),
    ("<w:specVanish/>", "", "申请13件"),
    ('<w:rStyle w:val="Gone"/>', '<w:style w:type="character" w:styleId="Gone"><w:rPr><w:vanish/></w:rPr></w:style>',
     "申请13件"),
    ('<w:rStyle w:val="Child"/>', '<w:style w:type="character" w:styleId="Gone"><w:rPr><w:vanish/></w:rPr></w:style>'
                                  '<w:style w:type="character" w:styleId="Child"><w:basedOn w:val="Gone"/></w:style>',
     "申请13件"),
    ('<w:rStyle w:val="Gone"/><w:vanish w:val="false"/>',
     '<w:style w:type="character" w:styleId="Gone"><w:rPr><w:vanish/></w:rPr></w:style>', "申请1213件"),
])
def test_hidden_directly_or_through_a_character_style(props, styles, read):
    assert one_paragraph(run("申请") + run("12", props) + run("13件"), styles) == [read]


def test_a_hidden_paragraph_style_hides_its_runs():
    document = docx.Document()
    document.styles.element.append(runs(
        '<w:style w:type="paragraph" w:styleId="Hidden"><w:rPr><w:vanish/></w:rPr></w:style>')[0])
    document.add_paragraph("（文字描述）")._p.insert(0, parse_xml(f'<w:pPr {NS}><w:pStyle w:val="Hidden"/></w:pPr>'))
    document.add_paragraph("正文")
    assert texts(saved(document)) == ["正文"]


def test_a_typed_footnote_mark_in_a_cell_is_not_read(tmp_path):
    """A cell "10" with a footnote whose mark is typed ("*"): before, "10*" was not a count (C203)."""
    document = draft()
    tc = t3_row(document, "（一）予以公开").tc_lst[-1]
    mark = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:customMarkFollows="1" ' \
           'w:id="1"/><w:t>*</w:t></w:r>'
    set_runs(tc.find(qn("w:p")), run("13") + mark)
    assert findings(document, tmp_path) == []


def split_with_deleted_mark(p, first: str, second: str) -> None:
    """Paragraph ``p`` as two, ``first`` and ``second``, the first's mark deleted by a reviewer (tracked)."""
    following = copy.deepcopy(p)
    set_runs(p, run(first))
    p.insert(0, parse_xml(f'<w:pPr {NS}><w:rPr><w:del w:id="9" w:author="审核人"/></w:rPr></w:pPr>'))
    set_runs(following, run(second))
    p.addnext(following)


def test_a_deleted_paragraph_mark_joins_the_paragraph_with_the_next(tmp_path):
    """…申请¶(deleted)15件… is one published sentence: its figure is checked (before: a miss)."""
    document = draft()
    p = paragraph(document, "全年共收到")
    split_with_deleted_mark(p, "全年共收到政府信息公开申请", "15件，均已按时办结。")
    doc = read_docx("x.docx", saved(document))
    joined = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.text.startswith("全年"))
    assert joined.text == REQUESTS.format(15)
    numbers = [p._p for p in document.paragraphs]
    assert numbers[joined.source.paragraph - 1] is p  # the first paragraph's number, as the annotator counts
    assert ("N101", "warning") in findings(document, tmp_path)


def test_a_deleted_mark_of_a_heading_joins_it_with_its_second_line(tmp_path):
    document = draft()
    split_with_deleted_mark(paragraph(document, "三、收到和处理"), "三、收到和处理", "政府信息公开申请情况")
    assert HEADINGS[2] in texts(saved(document))
    assert findings(document, tmp_path) == []


def test_zero_width_characters_inside_a_number_are_deleted(tmp_path):
    document = draft(15)
    set_runs(paragraph(document, "全年共收到"), run(REQUESTS.format("1\u200b5")))
    assert REQUESTS.format(15) in texts(saved(document))
    assert ("N101", "warning") in findings(document, tmp_path)
    assert one_paragraph(run("\ufeff申请1\u200c3\u200d件\u2060")) == ["申请13件"]


# --------------------------------------------------------------------------- soft line breaks

BR = "<w:r><w:br/></w:r>"


@pytest.mark.parametrize(("xml", "read"), [
    # a sentence pasted from a PDF, broken at the page's width: one line
    (run("（二）依申请公开。全年共收到政府信息公开申请") + BR + run("13件，均已按时办结。"),
     ["（二）依申请公开。全年共收到政府信息公开申请13件，均已按时办结。"]),
    # a line that ends a sentence or a clause stays a line
    (run("本年度未收取信息处理费，特此说明。") + BR + run("全年共收到政府信息公开申请13件。"),
     ["本年度未收取信息处理费，特此说明。", "全年共收到政府信息公开申请13件。"]),
    # a title and its agency, a 落款 and its date: not prose, kept apart
    (run("某某县人民政府办公室2021年政府信息公开工作年度报告") + BR + run("（2022年1月）"),
     ["某某县人民政府办公室2021年政府信息公开工作年度报告", "（2022年1月）"]),
    (run("某某县人民政府办公室") + BR + run("2022年1月10日"), ["某某县人民政府办公室", "2022年1月10日"]),
    # a heading (numbered, no comma) before its first sentence stays a heading
    (run("三、行政机关收到和处理政府信息公开申请情况") + BR + run("全年共收到申请13件。"),
     ["三、行政机关收到和处理政府信息公开申请情况", "全年共收到申请13件。"]),
    # a numbered item after a break starts its own line
    (run("本年度重点做好以下几个方面的工作") + BR + run("（一）加强组织领导。"),
     ["本年度重点做好以下几个方面的工作", "（一）加强组织领导。"]),
    # a short line (a name, a label) stays a line
    (run("联系人张三") + BR + run("电话12345678。"), ["联系人张三", "电话12345678。"]),
    # a table pasted as text keeps its lines
    (run("规章") + "<w:r><w:tab/></w:r>" + run("0") + BR + run("规范性文件") + "<w:r><w:tab/></w:r>" + run("3。"),
     ["规章\t0", "规范性文件\t3。"]),
])
def test_soft_line_breaks_inside_a_sentence_are_joined(xml, read):
    assert one_paragraph(xml) == read


def test_a_break_before_the_figure_no_longer_hides_it(tmp_path):
    document = draft()
    set_runs(paragraph(document, "全年共收到"), run("（二）依申请公开。全年共收到政府信息公开申请") + BR + run("15件，均已按时办结。"))
    assert ("N101", "warning") in findings(document, tmp_path)


# --------------------------------------------------------------------------- alternate content, merged zeros

def test_alternate_content_around_a_paragraph_is_read_once():
    document = docx.Document()
    document.add_paragraph("前")
    choice = f'<w:p {NS}>{run("全年共收到政府信息公开申请13件。")}</w:p>'
    document.element.body.insert(1, parse_xml(
        f'<mc:AlternateContent {NS}><mc:Choice Requires="w14">{choice}</mc:Choice>'
        f'<mc:Fallback>{choice}</mc:Fallback></mc:AlternateContent>'))
    document.add_paragraph("后")
    doc = read_docx("x.docx", saved(document))
    assert [(b.text, b.source.paragraph) for b in doc.blocks] == [
        ("前", 1), ("全年共收到政府信息公开申请13件。", 2), ("后", 3)]


def merge_row(tr, cells: int, text: str) -> None:
    """Merge the row's last ``cells`` cells into one holding ``text`` (gridSpan), as a drafter does."""
    tcs = tr.tc_lst[-cells:]
    tcs[0].find(qn("w:tcPr")).append(parse_xml(f'<w:gridSpan {NS} w:val="{cells}"/>'))
    for tc in tcs[1:]:
        tr.remove(tc)
    set_runs(tcs[0].find(qn("w:p")), run(text) if text else "")


def test_a_row_of_zeros_merged_into_one_cell_reads_zero_in_each_column(tmp_path):
    """Before: R102 (the row lacks six columns) for each merged row of table 三 and table 四's last row."""
    document = draft()
    secret = t3_row(document, "1.属于国家秘密")
    merge_row(secret, 7, "0")
    merge_row(document.tables[2]._tbl.tr_lst[-1], 5, "0")  # 复议后起诉: five zeros
    matches = match_grids(read_docx("x.docx", saved(document)).grids, get("2021"))
    three = {c: matches["三"].cells[("refused_state_secret", c)].value for c in make_docx.T3_COLUMNS}
    assert three == dict.fromkeys(make_docx.T3_COLUMNS, 0)
    assert [matches["四"].cells[("litigation_after_review", c)].value for c in make_docx.T4_COLUMNS] == [0] * 5
    assert matches["三"].notes == matches["四"].notes == []
    assert findings(document, tmp_path) == []


def test_a_merged_blank_row_reads_blank_and_a_merged_figure_is_not_copied(tmp_path):
    document = draft()
    secret = t3_row(document, "1.属于国家秘密")
    merge_row(secret, 7, "")
    assert findings(document, tmp_path) == [("C201", "warning")]  # as seven blank cells: 应填0
    merge_row(t3_row(document, "2.其他法律行政法规禁止公开"), 7, "3")
    matches = match_grids(read_docx("x.docx", saved(document)).grids, get("2021"))
    assert ("refused_prohibited", "business") not in matches["三"].cells  # a figure belongs to one column


# --------------------------------------------------------------------------- property

@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_hidden_digits_and_typed_marks_in_cells_change_no_value(data):
    """Any data cell of table 三 given a hidden digit before its value and a typed footnote mark after it
    reads the value it shows."""
    document = draft()
    rows = [tr for tr in document.tables[1]._tbl.tr_lst if len(tr.tc_lst) >= 8 and make_docx._text(tr.tc_lst[-1])]
    tr = data.draw(st.sampled_from(rows))
    tc = tr.tc_lst[-data.draw(st.integers(1, 7))]
    shown = make_docx._text(tc)
    hidden = str(data.draw(st.integers(0, 9)))
    mark = '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t></w:r>'
    set_runs(tc.find(qn("w:p")), run(hidden, "<w:vanish/>") + run(shown) + mark)
    before = match_grids(read_docx("x.docx", saved(draft())).grids, get("2021"))
    after = match_grids(read_docx("x.docx", saved(document)).grids, get("2021"))
    assert {k: c.value for k, c in after["三"].cells.items()} == {k: c.value for k, c in before["三"].cells.items()}


def test_letter_labels_stop_where_word_stops():
    """A hostile w:start must not make a label of millions of letters: past 780 (zz… of 30) no label is computed
    and the paragraph keeps its text as typed."""
    assert number_text(780, "lowerLetter") == "z" * 30
    assert number_text(781, "lowerLetter") is None
    assert number_text(10**8, "upperLetter") is None
