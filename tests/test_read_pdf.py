"""The PDF reader: a real report (huaian-2024.pdf) read exactly, and layout cases built in tests.

Expected values of huaian-2024.pdf were read by eye from the rendered pages 3-5 and
cross-checked with the words pdfplumber reports.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import gklint.layouts
import pdfmaker
from gklint.read.document import Grid, Paragraph
from gklint.read.pdf import read_pdf

HUAIAN = Path(__file__).parent / "fixtures" / "huaian-2024.pdf"

# ---------------------------------------------------------------- huaian-2024.pdf, expected by eye

T2_ROWS = [  # grid rows as text (a merged cell repeated over the columns it covers)
    ["第二十条第（一）项"] * 4,
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "1", "0", "11"],
    ["行政规范性文件", "8", "26", "66"],
    ["第二十条第（五）项"] * 4,
    ["信息内容"] + ["本年处理决定数量"] * 3,
    ["行政许可"] + ["447228"] * 3,
    ["第二十条第（六）项"] * 4,
    ["信息内容"] + ["本年处理决定数量"] * 3,  # page 4 from here: one grid over the page break
    ["行政处罚"] + ["3985758"] * 3,
    ["行政强制"] + ["88283"] * 3,
    ["第二十条第（八）项"] * 4,
    ["信息内容"] + ["本年收费金额（单位：万元）"] * 3,
    ["行政事业性收费"] + ["96171.6"] * 3,
]

T3_ROWS = [  # (row id, the row's own label, 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计)
    ("new", "一、本年新收政府信息公开申请数量", [3001, 53, 0, 0, 61, 4, 3119]),
    ("carried_over", "二、上年结转政府信息公开申请数量", [34, 0, 0, 0, 0, 0, 34]),
    ("granted", "（一）予以公开", [1288, 21, 0, 0, 50, 3, 1362]),
    ("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [447, 7, 0, 0, 0, 0, 454]),
    ("refused_state_secret", "1.属于国家秘密", [2, 0, 0, 0, 0, 0, 2]),
    ("refused_prohibited", "2.其他法律行政法规禁止公开", [30, 1, 0, 0, 0, 0, 31]),
    ("refused_security", "3.危及“三安全一稳定”", [5, 0, 0, 0, 0, 0, 5]),
    ("refused_third_party", "4.保护第三方合法权益", [6, 0, 0, 0, 0, 0, 6]),
    ("refused_internal", "5.属于三类内部事务信息", [7, 1, 0, 0, 0, 0, 8]),
    ("refused_process", "6.属于四类过程性信息", [12, 0, 0, 0, 0, 0, 12]),
    ("refused_enforcement_file", "7.属于行政执法案卷", [9, 0, 0, 0, 0, 0, 9]),
    ("refused_query", "8.属于行政查询事项", [105, 0, 0, 0, 0, 0, 105]),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息", [746, 12, 0, 0, 10, 1, 769]),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作", [11, 0, 0, 0, 0, 0, 11]),
    ("unavailable_unclear", "3.补正后申请内容仍不明确", [1, 0, 0, 0, 0, 0, 1]),
    ("not_processed_petition", "1.信访举报投诉类申请", [56, 6, 0, 0, 0, 0, 62]),
    ("not_processed_repeat", "2.重复申请", [25, 0, 0, 0, 0, 0, 25]),
    ("not_processed_publication", "3.要求提供公开出版物", [0, 0, 0, 0, 0, 0, 0]),
    ("not_processed_abusive", "4.无正当理由大量反复申请", [0, 0, 0, 0, 0, 0, 0]),
    ("not_processed_confirmation", "5.要求行政机关确认或重新出具已获取信息", [1, 0, 0, 0, 0, 0, 1]),
    ("other_no_correction", "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [67, 3, 0, 0, 1, 0, 71]),
    ("other_no_fee", "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [6, 0, 0, 0, 0, 0, 6]),
    ("other_other", "3、其他", [108, 2, 0, 0, 0, 0, 110]),
    ("total", "（七）总计", [2932, 53, 0, 0, 61, 4, 3050]),
    ("carried_forward", "四、结转下年度继续办理", [103, 0, 0, 0, 0, 0, 103]),
]
T3_COLUMNS = ["natural", "business", "research", "public_interest", "legal_services", "other_orgs", "total"]

T4_ROWS = [
    ["行政复议"] * 5 + ["行政诉讼"] * 10,
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5,
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3,
    ["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"],
]

T2_VALUES = {
    ("regulations", "issued"): 1, ("regulations", "repealed"): 0, ("regulations", "in_force"): 11,
    ("normative_documents", "issued"): 8, ("normative_documents", "repealed"): 26,
    ("normative_documents", "in_force"): 66,
    ("licensing", "decisions"): 447228, ("penalties", "decisions"): 3985758,
    ("enforcement", "decisions"): 88283, ("fees", "fees_amount"): 96171.6,
}
T4_VALUES = {
    "review": [72, 64, 178, 37, 351],
    "litigation_direct": [13, 4, 8, 1, 26],
    "litigation_after_review": [12, 1, 1, 6, 20],
}
T4_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]


@pytest.fixture(scope="module")
def huaian():
    return read_pdf(str(HUAIAN), HUAIAN.read_bytes())


def test_huaian_three_grids_in_place(huaian):
    kinds = [("grid" if isinstance(b, Grid) else b.text) for b in huaian.blocks]
    g = [i for i, k in enumerate(kinds) if k == "grid"]
    assert len(g) == 3
    assert kinds[g[0] - 1] == "二、主动公开政府信息情况"
    assert kinds[g[1] - 1] == "三、收到和处理政府信息公开申请情况"
    assert kinds[g[2] - 1] == "四、政府信息公开行政复议、行政诉讼情况"
    assert kinds[g[2] + 1] == "五、存在的主要问题及改进情况"
    assert [grid.source.table for grid in huaian.grids] == [1, 2, 3]
    assert [grid.source.page for grid in huaian.grids] == [3, 4, 5]
    assert huaian.format == "pdf"


def test_huaian_table2_one_grid_over_the_page_break(huaian):
    grid = huaian.grids[0]
    assert grid.texts() == T2_ROWS
    # the block heading is one merged cell over the four columns
    heading = grid.rows[0][0]
    assert (heading.colspan, heading.rowspan) == (4, 1) and grid.rows[0][1:] == [None, None, None]
    fee = grid.rows[13][1]
    assert fee.text == "96171.6" and fee.colspan == 3
    assert (fee.source.page, fee.source.table, fee.source.row, fee.source.column) == (4, 1, 14, 2)


def test_huaian_table3_cells(huaian):
    grid = huaian.grids[1]
    texts = grid.texts()
    assert len(texts) == 3 + len(T3_ROWS)
    assert texts[1][3:] == ["自然人", "法人或其他组织", "法人或其他组织", "法人或其他组织", "法人或其他组织",
                            "法人或其他组织", "总计"]
    assert texts[2][4:9] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    for row, (_, label, values) in zip(texts[3:], T3_ROWS):
        assert row[2:] == [label] + [str(v) for v in values]
    # group labels, merged over several rows; （四）无法提供 is cut by the page break and rejoined
    assert [texts[r][1] for r in (7, 15, 18, 23)] == ["（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"]
    results = grid.rows[5][0]
    assert results.text == "三、本年度办理结果" and results.rowspan == 22
    unavailable = grid.rows[15][1]
    assert (unavailable.text, unavailable.rowspan, unavailable.source.page) == ("（四）无法提供", 3, 4)
    total = grid.rows[26][9]
    assert (total.text, total.source.page, total.source.row, total.source.column) == ("3050", 5, 27, 10)


def test_huaian_table4_cells(huaian):
    grid = huaian.grids[2]
    assert grid.texts() == T4_ROWS
    assert grid.rows[0][5].colspan == 10 and grid.rows[1][0].rowspan == 2


def _matched(doc):
    from gklint.recognise.grid import match_grids

    return match_grids(doc.grids, gklint.layouts.get("2021"))


def test_huaian_through_match_grids(huaian):
    matches = _matched(huaian)
    assert set(matches) == {"二", "三", "四"}
    assert {k: c.value for k, c in matches["二"].cells.items()} == T2_VALUES
    expected3 = {(row, col): v for row, _, values in T3_ROWS for col, v in zip(T3_COLUMNS, values)}
    assert {k: c.value for k, c in matches["三"].cells.items()} == expected3
    expected4 = {(row, col): v for row, values in T4_VALUES.items() for col, v in zip(T4_COLUMNS, values)}
    assert {k: c.value for k, c in matches["四"].cells.items()} == expected4
    assert all(not m.notes for m in matches.values()) and not matches.notes


def test_huaian_identities_hold(huaian):
    """Every identity of FORMAT.md, on the values read from the PDF."""
    layout = gklint.layouts.get("2021")
    matches = _matched(huaian)
    t3 = {k: c.value for k, c in matches["三"].cells.items()}
    results = [r.id for r in layout.table("三").data_rows if r.role == "result"]
    assert len(results) == 21
    for col in T3_COLUMNS:
        assert t3["new", col] + t3["carried_over", col] == t3["total", col] + t3["carried_forward", col]
        assert t3["total", col] == sum(t3[row, col] for row in results)
    for row in layout.table("三").data_rows:
        assert t3[row.id, "total"] == sum(t3[row.id, col] for col in T3_COLUMNS[:-1])
    t4 = {k: c.value for k, c in matches["四"].cells.items()}
    for row in T4_VALUES:
        assert t4[row, "total"] == t4[row, "upheld"] + t4[row, "corrected"] + t4[row, "other"] + t4[row, "pending"]


def test_huaian_paragraphs(huaian):
    paragraphs = huaian.paragraphs
    texts = [p.text for p in paragraphs]
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert heading in texts
    assert texts[:2] == ["淮安市人民政府", "2024年政府信息公开工作年度报告"]
    # a paragraph wrapped over lines and over the page break 1 -> 2, Chinese lines joined without spaces
    opening = next(p for p in paragraphs if p.text.startswith("（一）主动公开情况。"))
    assert opening.source.page == 1
    assert "“建设‘四最’一流营商环境高质量推进产业发展”" in opening.text
    assert opening.text.endswith("回应舆论关切。")
    assert "全市共受理政府信息公开申请3119件，答复3050件" in texts[texts.index("一、总体情况") + 3]
    assert texts[-1] == "2024年，市政府严格落实《政府信息公开信息处理费管理办法》，全年收取政府信息公开信息处理费3940元。"
    # the problems paragraph runs from page 5 to page 6 and ends where the next one (indented) starts
    problems = next(p for p in paragraphs if p.text.startswith("对照上级新要求"))
    assert problems.source.page == 5 and problems.text.endswith("流动性过快的问题。")


def test_huaian_no_page_numbers_no_table_text_in_paragraphs(huaian):
    texts = [p.text for p in huaian.paragraphs]
    assert not [t for t in texts if re.fullmatch(r"[-—\s\d]+", t)]
    for table_only in ("本年废止件数", "属于三类内部事务信息", "未经复议直接起诉", "申请人情况", "96171.6", "3985758"):
        assert not [t for t in texts if table_only in t]


# ---------------------------------------------------------------- layout cases, built in the test

LINE = "政府信息公开工作按照条例要求认真组织实施并接受社会监督情况良好"  # 32 characters


def _body(page: pdfmaker.Page, top: float, *paragraphs: list[str]) -> float:
    """Paragraphs of 12 pt text between x=72 and x=72+32*12=456: first lines indented by two characters."""
    for lines in paragraphs:
        for i, text in enumerate(lines):
            page.text(72 + (24 if i == 0 else 0), top, text, 12)
            top += 21
    return top


def _doc(pages, **kw):
    data = pdfmaker.build(pages, **kw)
    return read_pdf("case.pdf", data)


def test_paragraphs_indent_heading_and_page_break():
    p1, p2 = pdfmaker.Page(), pdfmaker.Page()
    for number, page in enumerate((p1, p2), 1):
        page.text(240, 30, "某某县人民政府办公室", 9)  # running header
        page.text(285, 800, f"- {number} -", 9)  # page number
    p1.text(72, 100, "一、总体情况", 12)
    top = _body(p1, 130, [LINE[2:], LINE, "结束。"], [LINE[2:], LINE])
    p1.text(72, top, LINE, 12)  # the last line of page 1 reaches the right margin...
    p2.text(72, 100, "继续写完。", 12)  # ...and page 2 goes on with a line that is not indented
    p2.text(96, 121, LINE[:10] + "。", 12)
    texts = [(p.source.page, p.text) for p in _doc([p1, p2]).paragraphs]
    assert texts == [
        (1, "一、总体情况"),
        (1, LINE[2:] + LINE + "结束。"),
        (1, LINE[2:] + LINE + LINE + "继续写完。"),
        (2, LINE[:10] + "。"),
    ]


def test_heading_without_indent_after_a_full_line_starts_a_paragraph():
    page = pdfmaker.Page()
    page.text(72, 100, LINE[:31] + "。", 12)
    page.text(72, 121, "（二）依申请公开情况。" + LINE[:21], 12)
    page.text(72, 142, LINE[:5] + "。", 12)
    texts = [p.text for p in _doc([page]).paragraphs]
    assert texts == [LINE[:31] + "。", "（二）依申请公开情况。" + LINE[:21] + LINE[:5] + "。"]


def test_page_number_styles_are_dropped():
    pages = []
    for number, style in enumerate(("第 {n} 页", "{n}/3", "—{n}—"), 1):
        page = pdfmaker.Page()
        _body(page, 100, [LINE[2:], LINE, f"第{number}段。"])
        page.text(280, 805, style.format(n=number), 9)
        pages.append(page)
    assert [p.text for p in _doc(pages).paragraphs] == [LINE[2:] + LINE + f"第{n}段。" for n in (1, 2, 3)]


def _ruled(page, top, rows, xs, height=24):
    ys = [top + i * height for i in range(len(rows) + 1)]
    page.grid(xs, ys)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                page.text(xs[c] + 4, ys[r] + 7, text, 10)
    return ys[-1]


def test_ruled_table_over_a_page_break_repeated_header_and_merged_label():
    xs = [72, 200, 300, 400, 500]
    header = ["信息内容", "自然人", "法人", "总计"]
    p1, p2 = pdfmaker.Page(), pdfmaker.Page()
    _body(p1, 100, [LINE[:12] + "。"])
    top = 700
    ys = [top + i * 24 for i in range(4)]
    # rows: header, 一、新收, then a label cell "（四）无" of one row on page 1 that goes on on page 2
    for y in ys:
        p1.line(xs[0], y, xs[-1], y)
    for x in xs:
        p1.line(x, ys[0], x, ys[-1])
    for c, text in enumerate(header):
        p1.text(xs[c] + 4, ys[0] + 7, text, 10)
    for c, text in enumerate(["一、新收", "3", "1", "4"]):
        p1.text(xs[c] + 4, ys[1] + 7, text, 10)
    for c, text in enumerate(["（四）无", "2", "0", "2"]):
        p1.text(xs[c] + 4, ys[2] + 7, text, 10)
    # page 2: header repeated, then the label cell continues over two rows (no line under its first row)
    ys2 = [72 + i * 24 for i in range(4)]
    for y in (ys2[0], ys2[1], ys2[3]):
        p2.line(xs[0], y, xs[-1], y)
    p2.line(xs[1], ys2[2], xs[-1], ys2[2])
    for x in xs:
        p2.line(x, ys2[0], x, ys2[3])
    for c, text in enumerate(header):
        p2.text(xs[c] + 4, ys2[0] + 7, text, 10)
    p2.text(xs[0] + 4, ys2[1] + 7, "法提供", 10)
    for r, values in ((1, ["5", "0", "5"]), (2, ["6", "1", "7"])):
        for c, text in enumerate(values, 1):
            p2.text(xs[c] + 4, ys2[r] + 7, text, 10)
    _body(p2, 200, [LINE[:6] + "。"])
    doc = _doc([p1, p2])
    assert len(doc.grids) == 1
    grid = doc.grids[0]
    assert grid.texts() == [header, ["一、新收", "3", "1", "4"], ["（四）无法提供", "2", "0", "2"],
                            ["（四）无法提供", "5", "0", "5"], ["（四）无法提供", "6", "1", "7"]]
    label = grid.rows[2][0]
    assert (label.rowspan, label.source.page) == (3, 1)
    assert [grid.rows[r][3].source.page for r in (1, 3, 4)] == [1, 2, 2]
    assert [b.text if isinstance(b, Paragraph) else "grid" for b in doc.blocks] == \
        [LINE[:12] + "。", "grid", LINE[:6] + "。"]


def test_tables_separated_by_text_or_of_other_columns_stay_apart():
    rows = [["信息内容", "本年", "上年"], ["规章", "1", "2"]]
    p1, p2, p3 = pdfmaker.Page(), pdfmaker.Page(), pdfmaker.Page()
    _ruled(p1, 700, rows, [72, 200, 300, 400])
    _ruled(p2, 72, rows, [72, 150, 330, 400])  # other inner columns: a new table
    _ruled(p2, 700, rows, [72, 200, 300, 400])
    _body(p3, 72, ["说明" + LINE[:10] + "。"])  # text first on the next page: no continuation
    _ruled(p3, 200, rows, [72, 200, 300, 400])
    doc = _doc([p1, p2, p3])
    assert [g.source.page for g in doc.grids] == [1, 2, 2, 3]
    assert all(g.texts() == rows for g in doc.grids)


def test_table_without_ruling_lines():
    page = pdfmaker.Page()
    _body(page, 80, [LINE[:14] + "。"])
    rows = [("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
            ("规章", "1", "0", "11"),
            ("行政规范性文件", "8", "26", "66")]
    for r, row in enumerate(rows):
        for x, text in zip((72, 200, 300, 400), row):
            page.text(x, 140 + r * 20, text, 10)
    _body(page, 220, [LINE[:9] + "。"])
    doc = _doc([page])
    assert len(doc.grids) == 1
    assert doc.grids[0].texts() == [list(r) for r in rows]
    assert [p.text for p in doc.paragraphs] == [LINE[:14] + "。", LINE[:9] + "。"]
    assert doc.grids[0].rows[2][3].source.column == 4


def test_frame_around_text_is_not_a_table_and_white_boxes_are_ignored():
    page = pdfmaker.Page()
    page.grid([60, 470], [90, 140])  # one framed box around a paragraph
    _body(page, 100, [LINE[:10] + "。"])
    for top in range(200, 300, 20):  # white boxes behind the text, in two columns, as some converters draw
        page.fill(60, top, 260, top + 20).fill(260, top, 470, top + 20)
    _body(page, 205, [LINE[2:], LINE, LINE[:10] + "。"])
    doc = _doc([page])
    assert doc.grids == []
    assert [p.text for p in doc.paragraphs] == [LINE[:10] + "。", LINE[2:] + LINE + LINE[:10] + "。"]


def test_owner_password_only_pdf_is_read():
    page = pdfmaker.Page()
    _body(page, 100, [LINE[:10] + "。"])
    assert [p.text for p in _doc([page], user_password="").paragraphs] == [LINE[:10] + "。"]


def _open_table(page, rows, xs, ys, *, closed, spans=None):
    """Text in cells; horizontal lines only where ``closed`` says (y -> (x0, x1)); verticals
    from ``spans`` (x -> (top, bottom)) or over the whole height."""
    for y, (x0, x1) in closed.items():
        page.line(x0, y, x1, y)
    for x in xs:
        top, bottom = (spans or {}).get(x, (ys[0], ys[-1]))
        page.line(x, top, x, bottom)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                page.text(xs[c] + 4, ys[r] + 6, text, 10)


XS = [72, 150, 300, 400, 500]


def test_row_cut_by_the_page_break_without_lines_is_one_row():
    """As browsers print web pages: no line where the break cuts a row (nor a merged cell)."""
    p1, p2 = pdfmaker.Page(), pdfmaker.Page()
    _body(p1, 100, [LINE[:12] + "。"])
    _open_table(p1, [["组", "项目", "本年", "上年"], ["（三）不予", "1.属于国家秘密", "2", "3"],
                     ["", "8.属于行政", "5", "6"]], XS, [600, 624, 648, 700],
                closed={600: (72, 500), 624: (72, 500), 648: (150, 500)})
    _open_table(p2, [["公开", "查询事项", "", ""], ["", "9.其他", "7", "8"]], XS, [72, 100, 140],
                closed={100: (150, 500), 140: (72, 500)})
    grid = _doc([p1, p2]).grids
    assert len(grid) == 1
    assert grid[0].texts() == [["组", "项目", "本年", "上年"], ["（三）不予公开", "1.属于国家秘密", "2", "3"],
                               ["（三）不予公开", "8.属于行政查询事项", "5", "6"], ["（三）不予公开", "9.其他", "7", "8"]]
    assert grid[0].rows[1][0].rowspan == 3


def test_merged_cell_open_at_the_break_but_rows_complete():
    p1, p2 = pdfmaker.Page(), pdfmaker.Page()
    _body(p1, 100, [LINE[:12] + "。"])
    _open_table(p1, [["组", "项目", "本年", "上年"], ["（三）不予", "1.属于国家秘密", "2", "3"],
                     ["", "8.属于行政查询事项", "5", "6"]], XS, [600, 624, 648, 672],
                closed={600: (72, 500), 624: (72, 500), 648: (150, 500), 672: (150, 500)},
                spans={72: (600, 700), 150: (600, 700)})
    _open_table(p2, [["公开", "9.其他", "7", "8"]], XS, [72, 100], closed={100: (72, 500)})
    grid = _doc([p1, p2]).grids
    assert len(grid) == 1
    assert grid[0].texts() == [["组", "项目", "本年", "上年"], ["（三）不予公开", "1.属于国家秘密", "2", "3"],
                               ["（三）不予公开", "8.属于行政查询事项", "5", "6"], ["（三）不予公开", "9.其他", "7", "8"]]


def test_text_running_out_of_a_cut_row_goes_back_into_its_cells():
    """Browsers let a cut row's text run on below the last ruling of the page."""
    xs = [72, 200, 300, 400]
    p1, p2 = pdfmaker.Page(), pdfmaker.Page()
    _body(p1, 100, [LINE[:12] + "。"])
    _open_table(p1, [["甲", "乙", "丙"], ["结果", "结果", "总计"]], xs, [600, 624, 690],
                closed={600: (72, 400), 624: (72, 400)})
    p1.text(76, 692, "维持", 10).text(204, 692, "纠正", 10)
    _open_table(p2, [["", "", ""], ["1", "2", "3"]], xs, [72, 90, 114], closed={90: (72, 400), 114: (72, 400)})
    _body(p2, 200, [LINE[:6] + "。"])
    doc = _doc([p1, p2])
    assert [g.texts() for g in doc.grids] == [[["甲", "乙", "丙"], ["结果维持", "结果纠正", "总计"], ["1", "2", "3"]]]
    assert [p.text for p in doc.paragraphs] == [LINE[:12] + "。", LINE[:6] + "。"]


def test_a_line_too_short_only_for_a_long_word_does_not_end_the_paragraph():
    page = pdfmaker.Page()
    page.text(96, 100, LINE[2:], 12)
    page.text(72, 121, LINE[:26], 12)  # stops 6 characters short: "(www.example.gov.cn)" would not fit
    page.text(72, 142, "（www.example.gov.cn）下载。", 12)
    page.text(96, 163, LINE[:8] + "。", 12)
    assert [p.text for p in _doc([page]).paragraphs] == [
        LINE[2:] + LINE[:26] + "（www.example.gov.cn）下载。", LINE[:8] + "。"]


def test_ruleless_table_with_wrapped_labels_stays_text_with_tabs():
    """Not guessed into a grid: each line of it a paragraph of its own, cells separated by tabs."""
    page = pdfmaker.Page()
    _body(page, 80, [LINE[:14] + "。"])
    lines = [(140, [(72, "信息内容"), (200, "本年"), (300, "上年")]),
             (158, [(72, "（二）部分公开（区分")]),
             (170, [(200, "447"), (300, "7")]),
             (182, [(72, "处理的）")]),
             (204, [(72, "规章"), (200, "1"), (300, "2")])]
    for top, pieces in lines:
        for x, text in pieces:
            page.text(x, top, text, 10)
    _body(page, 250, [LINE[:9] + "。"])
    doc = _doc([page])
    assert doc.grids == []
    assert [p.text for p in doc.paragraphs] == [
        LINE[:14] + "。", "信息内容\t本年\t上年", "（二）部分公开（区分", "447\t7", "处理的）", "规章\t1\t2", LINE[:9] + "。"]


_UNCLEAN = [(140, [(72, "信息内容"), (250, "本年"), (350, "上年")]),  # a label wrapped around its numbers
            (158, [(72, "（二）部分公开（区分")]),
            (170, [(250, "447"), (350, "7")]),
            (182, [(72, "处理的）")]),
            (204, [(72, "4.保护第三方合法权益"), (250, "1"), (350, "2")])]
_TIDY = [(72, "5.属于三类内部事务信息", "218", "25"), (72, "6.属于四类过程性信息", "295", "0")]


def _rows(page: pdfmaker.Page, top: float, rows, gap: float = 30) -> float:
    for row in rows:
        for x, text in zip((row[0], 250, 350), row[1:]):
            page.text(x, top, text, 10)
        top += gap
    return top


@pytest.mark.parametrize("where", ["same page", "next page"])
def test_tidy_rows_going_on_from_a_table_read_as_text_stay_text(where):
    """Two rows far below a table read as text lines (here the top of the next page) are its rows,
    not a table without a header: they stay text lines, with tabs, like the rest of it."""
    p1, p2 = pdfmaker.Page(), pdfmaker.Page()
    p1.text(72, 60, "三、收到和处理政府信息公开申请情况", 12)
    for top, pieces in _UNCLEAN:
        for x, text in pieces:
            p1.text(x, top, text, 10)
    top = _rows(p1 if where == "same page" else p2, 260 if where == "same page" else 72, _TIDY)
    (p1 if where == "same page" else p2).text(72, top + 20, "四、政府信息公开行政复议、行政诉讼情况", 12)
    doc = _doc([p1, p2] if where == "next page" else [p1])
    assert doc.grids == []
    texts = [p.text for p in doc.paragraphs]
    assert "5.属于三类内部事务信息\t218\t25" in texts and "6.属于四类过程性信息\t295\t0" in texts


def test_tidy_rows_in_a_table_begun_as_a_grid_or_after_a_section_heading_stay_a_grid():
    """The rule above holds only in a table that began as text: rows going on from a table that began
    as a grid (then rows wrapped around their numbers, read as text), or a table of their own after a
    section heading, are read as grids as before."""
    p1, p2, p3 = pdfmaker.Page(), pdfmaker.Page(), pdfmaker.Page()
    _rows(p1, 60, [(72, "信息内容", "本年", "上年"), (72, "3.危及“三安全一稳定”", "1", "2")], 20)
    for top, pieces in _UNCLEAN[1:]:
        for x, text in pieces:
            p1.text(x, top + 100, text, 10)
    _rows(p2, 72, _TIDY)  # goes on from the table begun as a grid on page 1
    for top, pieces in _UNCLEAN:
        for x, text in pieces:
            p3.text(x, top, text, 10)
    p3.text(72, 260, "四、政府信息公开行政复议、行政诉讼情况", 12)
    _rows(p3, 300, _TIDY)
    doc = _doc([p1, p2, p3])
    assert [row[0] for grid in doc.grids for row in grid.texts()].count("5.属于三类内部事务信息") == 2
    assert "447\t7" in [p.text for p in doc.paragraphs]  # the wrapped rows of page 1: text


def test_a_right_aligned_value_under_a_header_spanning_columns_is_that_headers():
    """Table 二 without ruling lines, its numbers right-aligned: "本年处理决定数量" is printed over
    columns 2-4, its text in column 3, its value at the span's right edge (column 4, under
    "现行有效件数"): the header spans to the last column, so the value is read under it."""
    page = pdfmaker.Page()
    rows = [[(72, "信息内容"), (200, "本年制发件数"), (300, "本年废止件数"), (420, "现行有效件数")],
            [(72, "规章"), (250, "1"), (350, "0"), (470, "11")],
            [(72, "信息内容"), (300, "本年处理决定数量")],
            [(72, "行政许可"), (460, "4,431")]]
    for r, row in enumerate(rows):
        for x, text in row:
            page.text(x, 140 + r * 20, text, 10)
    grid, = _doc([page]).grids
    assert grid.texts()[2:] == [["信息内容", "", "本年处理决定数量", "本年处理决定数量"], ["行政许可", "", "", "4,431"]]


def test_a_running_footer_above_a_cut_label_is_dropped():
    """A spreadsheet's print: "Sheet1" atop each page and "Page N" in the footer, with the cut label of a merged
    cell drawn below the footer (in the page's margin, or past its edge where no one sees it). The running lines
    are dropped wherever they sit in the margin zone; the labels stay."""
    pages = []
    for number in (1, 2, 3):
        page = pdfmaker.Page()
        page.text(72, 60, "Sheet1", 10)
        _body(page, 100, [LINE[2:], LINE, f"第{number}段。"])
        page.text(280, 775, f"Page {number}", 10)
        if number == 1:
            page.text(72, 915, "（三）不", 10).text(72, 930, "予公开", 10)
        if number == 2:
            page.text(72, 790, "三、本年", 10).text(72, 805, "度办理结", 10)
        pages.append(page)
    text = "\n".join(p.text for p in _doc(pages).paragraphs)
    assert "Page" not in text and "Sheet" not in text
    assert "度办理结" in text and all(f"第{n}段。" in text for n in (1, 2, 3))
