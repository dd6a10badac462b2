"""Grids mapped to the official tables by their labels: real pages (every value checked against the
page, read by hand) and synthetic tables for the harder shapes (2019 layout, split tables, all
tables in one grid, a transposed table 四, merged value cells)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gklint.read.document import Document
from gklint.recognise.grid import match_grids
from gklint.recognise.recognise import recognise
from gklint.read.html import read_html
from gklint.layouts import get

FIXTURES = Path(__file__).parent / "fixtures"
T3_COLUMNS = ("natural", "business", "research", "public_interest", "legal_services", "other_orgs", "total")
T4_ROWS = ("review", "litigation_direct", "litigation_after_review")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


def detect_layout(grids) -> str:
    """The layout recognition chooses for a document of these grids alone (``gklint.layouts.detect``)."""
    return recognise(Document(blocks=list(grids))).layout


def grids_of(name: str):
    path = FIXTURES / name
    return read_html(str(path), path.read_bytes()).grids


def values(match) -> dict:
    """{(row, column): value} for numbers, the kind otherwise."""
    return {k: (c.value if c.kind == "number" else c.kind) for k, c in match.cells.items()}


def expected_tables(t2: dict, t3: dict, t4: list[list]) -> dict:
    out = {"二": dict(t2), "三": {}, "四": {}}
    for row, nums in t3.items():
        out["三"].update({(row, col): v for col, v in zip(T3_COLUMNS, nums, strict=True)})
    for row, nums in zip(T4_ROWS, t4, strict=True):
        out["四"].update({(row, col): v for col, v in zip(T4_COLUMNS, nums, strict=True)})
    return out


Z = [0] * 7

# Read by hand from tests/fixtures/pingtan-2021.html (the three <table>s, row by row).
# In table 三 each row's second value is one <td colspan=2> under 商业企业 (see gklint/recognise/grid.py).
PINGTAN_2021 = expected_tables(
    t2={("regulations", "issued"): 0, ("regulations", "repealed"): 0, ("regulations", "in_force"): 0,
        ("normative_documents", "issued"): 69, ("normative_documents", "repealed"): 3,
        ("normative_documents", "in_force"): 665, ("licensing", "decisions"): 2293,
        ("penalties", "decisions"): 1282, ("enforcement", "decisions"): 42,
        ("fees", "fees_amount"): 24252.311082},
    t3={"new": [64, 0, 0, 2, 0, 4, 70], "carried_over": Z,
        "granted": [27, 0, 0, 2, 0, 1, 30], "partly_granted": [5, 0, 0, 0, 0, 0, 5],
        "refused_state_secret": Z, "refused_prohibited": Z, "refused_security": Z, "refused_third_party": Z,
        "refused_internal": [1, 0, 0, 0, 0, 0, 1], "refused_process": Z,
        "refused_enforcement_file": [6, 0, 0, 0, 0, 0, 6], "refused_query": [1, 0, 0, 0, 0, 0, 1],
        "unavailable_not_held": [22, 0, 0, 0, 0, 3, 25], "unavailable_needs_creation": Z,
        "unavailable_unclear": Z,
        "not_processed_petition": Z, "not_processed_repeat": Z, "not_processed_publication": Z,
        "not_processed_abusive": Z, "not_processed_confirmation": Z,
        "other_no_correction": Z, "other_no_fee": Z, "other_other": [1, 0, 0, 0, 0, 0, 1],
        "total": [63, 0, 0, 2, 0, 4, 69], "carried_forward": [1, 0, 0, 0, 0, 0, 1]},
    t4=[[1, 0, 2, 0, 3], [12, 0, 0, 0, 12], [0, 0, 0, 0, 0]],
)

# Read by hand from tests/fixtures/pingtan-2024.html.
PINGTAN_2024 = expected_tables(
    t2={("regulations", "issued"): 0, ("regulations", "repealed"): 0, ("regulations", "in_force"): 0,
        ("normative_documents", "issued"): 62, ("normative_documents", "repealed"): 33,
        ("normative_documents", "in_force"): 440, ("licensing", "decisions"): 4529,
        ("penalties", "decisions"): 1100, ("enforcement", "decisions"): 65,
        ("fees", "fees_amount"): 18651.06},
    t3={"new": [217, 1, 0, 0, 0, 0, 218], "carried_over": Z,
        "granted": [71, 0, 0, 0, 0, 0, 71], "partly_granted": [29, 0, 0, 0, 0, 0, 29],
        "refused_state_secret": [4, 0, 0, 0, 0, 0, 4], "refused_prohibited": Z, "refused_security": Z,
        "refused_third_party": [3, 0, 0, 0, 0, 0, 3], "refused_internal": [32, 0, 0, 0, 0, 0, 32],
        "refused_process": Z, "refused_enforcement_file": Z, "refused_query": Z,
        "unavailable_not_held": [75, 0, 0, 0, 0, 0, 75], "unavailable_needs_creation": Z,
        "unavailable_unclear": Z,
        "not_processed_petition": Z, "not_processed_repeat": [1, 0, 0, 0, 0, 0, 1],
        "not_processed_publication": Z, "not_processed_abusive": Z, "not_processed_confirmation": Z,
        "other_no_correction": [1, 0, 0, 0, 0, 0, 1], "other_no_fee": Z, "other_other": [1, 1, 0, 0, 0, 0, 2],
        "total": [217, 1, 0, 0, 0, 0, 218], "carried_forward": Z},
    t4=[[2, 1, 3, 1, 7], [0, 0, 0, 0, 0], [13, 2, 4, 0, 19]],
)


@pytest.mark.parametrize("name,expected", [("pingtan-2021.html", PINGTAN_2021), ("pingtan-2024.html", PINGTAN_2024)])
def test_pingtan_every_value(name, expected):
    grids = grids_of(name)
    assert detect_layout(grids) == "2021"
    matches = match_grids(grids, get("2021"))
    assert sorted(matches) == ["三", "二", "四"]
    assert matches.notes == []
    for key in ("二", "三", "四"):
        assert values(matches[key]) == expected[key], key
        assert matches[key].notes == []
        assert matches[key].aliases == []
    assert len(matches["三"].cells) == 175
    assert all(c.kind == "number" for m in matches.values() for c in m.cells.values())


def test_pingtan_sources_point_at_the_page_cells():
    matches = match_grids(grids_of("pingtan-2021.html"), get("2021"))
    business = matches["三"].cells[("new", "business")]
    # The value spanning grid columns 5-6 of the third table, row 4.
    assert (business.source.table, business.source.row, business.source.column) == (2, 4, 5)
    assert business.raw == "0"
    assert matches["三"].source.table == 2
    fee = matches["二"].cells[("fees", "fees_amount")]
    assert (fee.source.table, fee.source.row, fee.source.column) == (1, 14, 2)
    assert matches["四"].cells[("litigation_direct", "upheld")].source.column == 6


def test_pingtan_read_with_the_2019_layout_says_why():
    matches = match_grids(grids_of("pingtan-2021.html"), get("2019"))
    assert matches["二"].cells == {}
    assert any("表头" in n.message and not n.numbers_unread for n in matches["二"].notes)
    [other] = [n for n in matches["三"].notes if "“（六）其他处理”下的“3.其他”不是本格式的行" in n.message]
    assert (other.kind, other.table, other.numbers_unread) == ("table_unreadable", "三", True)  # its numbers unread
    assert ("other_handling", "natural") not in matches["三"].cells


# --------------------------------------------------------------------------- synthetic tables

def td(cell) -> str:
    if isinstance(cell, tuple):
        text, spans = cell
        attrs = "".join(f' {"rowspan" if k == "r" else "colspan"}="{v}"' for k, v in spans.items())
        return f"<td{attrs}>{text}</td>"
    return f"<td>{cell}</td>"


def table(rows) -> str:
    return "<table border=1>" + "".join("<tr>" + "".join(td(c) for c in row) + "</tr>" for row in rows) + "</table>"


def page(*tables) -> list:
    html = "<html><body><p>一、总体情况</p><p>二、主动公开政府信息情况</p>" + "".join(tables) + "</body></html>"
    return read_html("synthetic.html", html.encode("utf-8")).grids


T3_HEADER = [
    [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", {"r": 3, "c": 3}), ("申请人情况", {"c": 7})],
    [("自然人", {"r": 2}), ("法人或其他组织", {"c": 5}), ("总计", {"r": 2})],
    ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
]
REFUSED = ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
           "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"]
UNAVAILABLE = ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"]
NOT_PROCESSED = ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                 "5.要求行政机关确认或重新出具已获取信息"]
OTHER_2021 = ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
              "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]
T3_IDS_2021 = ["new", "carried_over", "granted", "partly_granted",
               "refused_state_secret", "refused_prohibited", "refused_security", "refused_third_party",
               "refused_internal", "refused_process", "refused_enforcement_file", "refused_query",
               "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
               "not_processed_petition", "not_processed_repeat", "not_processed_publication",
               "not_processed_abusive", "not_processed_confirmation",
               "other_no_correction", "other_no_fee", "other_other", "total", "carried_forward"]
T3_IDS_2019 = T3_IDS_2021[:20] + ["other_handling", "total", "carried_forward"]


def t3_body(version: str, number) -> list:
    """Table 三's data rows as in the official template; ``number(i, j)`` is the value of the
    i-th data row, j-th column."""
    vals = iter(range(100))

    def row(*labels):
        i = next(vals)
        return [*labels, *(number(i, j) for j in range(7))]

    results = 22 if version == "2021" else 20
    rows = [row(("一、本年新收政府信息公开申请数量", {"c": 3})), row(("二、上年结转政府信息公开申请数量", {"c": 3})),
            row(("三、本年度办理结果", {"r": results}), ("（一）予以公开", {"c": 2})),
            row(("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", {"c": 2}))]
    for heading, items in (("（三）不予公开", REFUSED), ("（四）无法提供", UNAVAILABLE), ("（五）不予处理", NOT_PROCESSED)):
        rows.append(row((heading, {"r": len(items)}), items[0]))
        rows += [row(item) for item in items[1:]]
    if version == "2021":
        rows.append(row(("（六）其他处理", {"r": 3}), OTHER_2021[0]))
        rows += [row(item) for item in OTHER_2021[1:]]
    else:
        rows.append(row(("（六）其他处理", {"c": 2})))
    rows.append(row(("（七）总计", {"c": 2})))
    rows.append(row(("四、结转下年度继续办理", {"c": 3})))
    return rows


def t3_expected(version: str, number) -> dict:
    ids = T3_IDS_2021 if version == "2021" else T3_IDS_2019
    return {(rid, col): number(i, j) for i, rid in enumerate(ids) for j, col in enumerate(T3_COLUMNS)}


def distinct(i, j):
    return 10 * i + j + 1


T2_2019 = [
    [("第二十条第（一）项", {"c": 4})],
    ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
    ["规章", "1", "2", "3"],
    ["规范性文件", "4", "5", "6"],
    [("第二十条第（五）项", {"c": 4})],
    ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    ["行政许可", "7", "减4", "9"],
    ["其他对外管理服务事项", "10", "-2", "12"],
    [("第二十条第（六）项", {"c": 4})],
    ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
    ["行政处罚", "13", "/", "15"],
    ["行政强制", "16", "17", ""],
    [("第二十条第（八）项", {"c": 4})],
    ["信息内容", "上一年项目数量", ("本年增/减", {"c": 2})],
    ["行政事业性收费", "19", ("+3", {"c": 2})],
    [("第二十条第（九）项", {"c": 4})],
    ["信息内容", "采购项目数量", ("采购总金额", {"c": 2})],
    ["政府集中采购", "21", ("123.45", {"c": 2})],
]
T2_2019_EXPECTED = {
    ("regulations", "made"): 1, ("regulations", "published"): 2, ("regulations", "total_published"): 3,
    ("normative_documents", "made"): 4, ("normative_documents", "published"): 5,
    ("normative_documents", "total_published"): 6,
    ("licensing", "last_year_items"): 7, ("licensing", "change"): -4, ("licensing", "decisions"): 9,
    ("other_services", "last_year_items"): 10, ("other_services", "change"): -2, ("other_services", "decisions"): 12,
    ("penalties", "last_year_items"): 13, ("penalties", "change"): "na", ("penalties", "decisions"): 15,
    ("enforcement", "last_year_items"): 16, ("enforcement", "change"): 17, ("enforcement", "decisions"): "blank",
    ("fees", "last_year_items"): 19, ("fees", "change"): 3,
    ("procurement", "procurement_items"): 21, ("procurement", "procurement_amount"): 123.45,
}
T4_OFFICIAL = [
    [("行政复议", {"c": 5}), ("行政诉讼", {"c": 10})],
    [*((label, {"r": 2}) for label in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")),
     ("未经复议直接起诉", {"c": 5}), ("复议后起诉", {"c": 5})],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
    [str(n) for n in range(1, 16)],
]
T4_EXPECTED = {(row, col): 5 * i + j + 1 for i, row in enumerate(T4_ROWS) for j, col in enumerate(T4_COLUMNS)}


def test_2019_layout_all_tables():
    grids = page(table(T2_2019), table(T3_HEADER + t3_body("2019", distinct)), table(T4_OFFICIAL))
    assert detect_layout(grids) == "2019"
    matches = match_grids(grids, get("2019"))
    assert values(matches["二"]) == T2_2019_EXPECTED
    assert values(matches["三"]) == t3_expected("2019", distinct)
    assert values(matches["四"]) == T4_EXPECTED
    assert all(m.notes == [] for m in matches.values())
    # The 2019 table read with the 2021 layout: （六）其他处理 holds numbers where 2021 has sub-rows.
    wrong = match_grids(grids, get("2021"))
    assert any("（六）其他处理" in n.message and "分组标题" in n.message for n in wrong["三"].notes)
    assert any("未找到“1.申请人无正当理由" in n.message for n in wrong["三"].notes)


def test_detect_layout_from_table_three_alone():
    only_2019 = page(table(T3_HEADER + t3_body("2019", distinct)))
    only_2021 = page(table(T3_HEADER + t3_body("2021", distinct)))
    assert detect_layout(only_2019) == "2019"
    assert detect_layout(only_2021) == "2021"


def test_all_three_tables_in_one_grid():
    # One grid (rows of different lengths, as HTML allows), title rows between the tables.
    t2 = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "1", "2", "3"],
          ["行政规范性文件", "4", "5", "6"],
          ["信息内容", ("本年处理决定数量", {"c": 3})], ["行政许可", ("7", {"c": 3})],
          ["信息内容", ("本年处理决定数量", {"c": 3})], ["行政处罚", ("8", {"c": 3})], ["行政强制", ("9", {"c": 3})],
          ["信息内容", ("本年收费金额（单位：万元）", {"c": 3})], ["行政事业性收费", ("0.5", {"c": 3})]]
    rows = t2 + [[("收到和处理政府信息公开申请情况", {"c": 15})]] + T3_HEADER + t3_body("2021", distinct)
    rows += [[("政府信息公开行政复议、行政诉讼情况", {"c": 15})]] + T4_OFFICIAL
    grids = page(table(rows))
    assert len(grids) == 1
    matches = match_grids(grids, get("2021"))
    assert values(matches["二"]) == {
        ("regulations", "issued"): 1, ("regulations", "repealed"): 2, ("regulations", "in_force"): 3,
        ("normative_documents", "issued"): 4, ("normative_documents", "repealed"): 5,
        ("normative_documents", "in_force"): 6, ("licensing", "decisions"): 7, ("penalties", "decisions"): 8,
        ("enforcement", "decisions"): 9, ("fees", "fees_amount"): 0.5}
    assert values(matches["三"]) == t3_expected("2021", distinct)
    assert values(matches["四"]) == T4_EXPECTED
    assert all(m.notes == [] for m in matches.values()), [m.notes for m in matches.values()]


def test_table_split_over_two_grids():
    body = t3_body("2021", distinct)
    # A page break after 4.保护第三方合法权益: the second part has no header, and the merged
    # label cells restart on it; as PDF extraction gives it, without the outer label column.
    first = T3_HEADER + body[:8]
    first[3 + 2][0] = ("三、本年度办理结果", {"r": 6})  # what is left of the merged label on the page
    first[3 + 4][0] = ("（三）不予公开", {"r": 4})
    second = [[("（三）不予公开", {"r": 4}), *body[8]], *body[9:24],
              [("四、结转下年度继续办理", {"c": 2}), *body[24][1:]]]
    grids = page(table(first), table(second))
    assert [len(g.rows[0]) for g in grids] == [10, 9]
    matches = match_grids(grids, get("2021"))
    assert values(matches["三"]) == t3_expected("2021", distinct)
    assert matches["三"].notes == []
    assert matches["三"].cells[("refused_internal", "natural")].source.table == 2


def test_transposed_table_four_and_split_label_cells():
    t4 = [["", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
          [("行政复议", {"c": 2}), "1", "2", "3", "4", "10"],
          [("行政诉讼", {"r": 2}), "未经复议直接起诉", "5", "6", "7", "8", "26"],
          ["复议后起诉", "9", "10", "11", "12", "42"]]
    t4[0][0] = ("", {"c": 2})
    matches = match_grids(page(table(t4)), get("2021"))
    assert values(matches["四"]) == {
        ("review", "upheld"): 1, ("review", "corrected"): 2, ("review", "other"): 3, ("review", "pending"): 4,
        ("review", "total"): 10, ("litigation_direct", "upheld"): 5, ("litigation_direct", "corrected"): 6,
        ("litigation_direct", "other"): 7, ("litigation_direct", "pending"): 8, ("litigation_direct", "total"): 26,
        ("litigation_after_review", "upheld"): 9, ("litigation_after_review", "corrected"): 10,
        ("litigation_after_review", "other"): 11, ("litigation_after_review", "pending"): 12,
        ("litigation_after_review", "total"): 42}
    assert matches["四"].notes == []


def test_label_split_over_two_cells_and_aliases():
    rows = T3_HEADER + [
        [("一、本年新收政府信息公开申请数量", {"c": 3}), *"1234567"],
        [("（二）部分公开", {"c": 2}), "（区分处理的，只计这一情形，不计其他情形）", *"7654321"],
        [("1、属于国家秘密", {"c": 3}), *"0000000"],
    ]
    rows[2] = ["商业 企业", "科研 机构", "社会公益组织", "法律服务机构", "其它"]
    matches = match_grids(page(table(rows)), get("2021"))
    got = values(matches["三"])
    # "其它" is declared in the layout data as an alias of 其他: the column is read, and the wording noted.
    assert [got.get(("new", c)) for c in T3_COLUMNS] == [1, 2, 3, 4, 5, 6, 7]
    assert [got.get(("partly_granted", c)) for c in T3_COLUMNS] == [7, 6, 5, 4, 3, 2, 1]
    assert [got.get(("refused_state_secret", c)) for c in T3_COLUMNS] == [0, 0, 0, 0, 0, 0, 0]
    assert not [n for n in matches["三"].notes if "其他”列" in n.message]
    # The split label read together, "1、" for "1.", spaces inside labels: all official wording;
    # only 其它 differs from the official header.
    assert [(a.found, a.official) for a in matches["三"].aliases] == [("其它", "其他")]


def test_header_alias_reported():
    rows = [["信息内容", "本年发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "0"],
            ["规范性文件", "3", "0", "8"]]
    matches = match_grids(page(table(rows)), get("2021"))
    assert values(matches["二"])[("normative_documents", "in_force")] == 8
    found = {(a.found, a.official) for a in matches["二"].aliases}
    assert ("本年发件数", "本年制发件数") in found
    assert ("规范性文件", "行政规范性文件") in found


def test_value_spanning_two_columns_goes_to_the_first_and_is_noted():
    rows = T3_HEADER + [[("一、本年新收政府信息公开申请数量", {"c": 3}), "5", ("2", {"c": 2}), "0", "0", "0", "7"]]
    matches = match_grids(page(table(rows)), get("2021"))
    got = values(matches["三"])
    assert got[("new", "business")] == 2
    assert ("new", "research") not in got
    assert any("跨越" in n.message and "商业企业" in n.message and "科研机构" in n.message for n in matches["三"].notes)


def test_unrelated_grids():
    numbers = table([["项目", "2022年", "2023年"], ["网站访问量", "100", "200"], ["留言", "3", "4"]])
    meta = table([["索引号", "123-456"], ["发布机构", "某县"]])
    grids = page(meta, numbers)
    matches = match_grids(grids, get("2021"))
    assert dict(matches) == {}
    assert len(matches.notes) == 1 and "表格2" in matches.notes[0]


def test_unknown_row_with_numbers_is_noted_not_guessed():
    rows = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "1", "2", "3"],
            ["地方性法规", "9", "9", "9"]]
    matches = match_grids(page(table(rows)), get("2021"))
    assert all(v != 9 for v in values(matches["二"]).values())
    assert any("地方性法规" in n.message for n in matches["二"].notes)
    assert any("未找到“行政许可”" in n.message for n in matches["二"].notes)


def test_blank_row_before_a_header_is_still_a_row():
    # Block headings left out: a blank 行政许可 row right above the next block's header.
    rows = [["信息内容", ("本年处理决定数量", {"c": 3})], ["行政许可", ("", {"c": 3})],
            ["信息内容", ("本年处理决定数量", {"c": 3})], ["行政处罚", ("5", {"c": 3})], ["行政强制", ("", {"c": 3})]]
    matches = match_grids(page(table(rows)), get("2021"))
    got = values(matches["二"])
    assert got[("licensing", "decisions")] == "blank"
    assert got[("penalties", "decisions")] == 5
    assert got[("enforcement", "decisions")] == "blank"


def test_value_merged_down_two_rows_counts_once():
    rows = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            ["规章", ("0", {"r": 2}), "1", "2"], ["行政规范性文件", "3", "4"]]
    matches = match_grids(page(table(rows)), get("2021"))
    got = values(matches["二"])
    assert got[("regulations", "issued")] == 0
    assert ("normative_documents", "issued") not in got
    assert (got[("normative_documents", "repealed")], got[("normative_documents", "in_force")]) == (3, 4)
    assert any("“行政规范性文件”一行的值与上一行合并" in n.message for n in matches["二"].notes)
    assert any("“行政规范性文件”一行缺少“本年制发件数”列" in n.message for n in matches["二"].notes)


def test_table_four_values_on_the_next_page_and_unrelated_tables_after():
    header, data = T4_OFFICIAL[:3], T4_OFFICIAL[3:]
    note = [[("注：本表数据统计期限为1月1日至12月31日。", {"c": 15})]]
    after = [["项目", "2022年", "2023年"], ["网站访问量", "100", "200"], ["留言", "3", "4"]]
    grids = page(table(header), table(data + note), table(after))
    matches = match_grids(grids, get("2021"))
    assert values(matches["四"]) == T4_EXPECTED
    assert matches["四"].notes == []
    assert len(matches.notes) == 1 and "表格3" in matches.notes[0]


def test_header_naming_no_column_starts_the_values():
    """A header cell naming no official column (本年度制发数) still stands over values: its 0s are no row
    labels, and the named columns beside it are read (scout11, a tax bureau's table 二)."""
    rows = [[("第二十条第（一）项", {"c": 4})], ["信息内容", "本年度制发数", "本年废止数", "现行有效数"], ["规章", "0", "0", "0"],
            ["行政规范性文件", "0", "1", "5"]]
    matches = match_grids(page(table(rows)), get("2021"))
    got = values(matches["二"])
    assert got[("normative_documents", "in_force")] == 5
    assert got[("normative_documents", "repealed")] == 1
    assert not any("不是本格式的行" in n or "未找到“规章”" in n for n in matches["二"].notes)


def test_header_words_read_as_the_official_words():
    """本年度 in a header reads as 本年 (the layout's ``header_words``): 本年度制发件数 is 本年制发件数."""
    rows = [[("第二十条第（一）项", {"c": 4})], ["信息内容", "本年度制发件数", "本年度废止件数", "现行有效件数"],
            ["规章", "-1", "0", "0"],
            ["行政规范性文件", "2", "0", "5"]]
    matches = match_grids(page(table(rows)), get("2021"))
    got = values(matches["二"])
    assert got[("regulations", "issued")] == -1
    assert got[("normative_documents", "issued")] == 2


def test_values_under_an_unknown_header_are_no_row_labels():
    """Under a header naming no official column (本年发文数), a row's first value is not taken for its label:
    the row is found by 规章, and the column left unread is said once per row, not as an unknown row."""
    rows = [["信息内容", "本年发文数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "2"],
            ["行政规范性文件", "—", "1", "5"]]
    matches = match_grids(page(table(rows)), get("2021"))
    got = values(matches["二"])
    assert got[("regulations", "in_force")] == 2 and got[("normative_documents", "repealed")] == 1
    assert not any("不是本格式的行" in n or "未找到“规章”" in n for n in matches["二"].notes)
    assert "表二“规章”一行缺少“本年制发件数”列" in matches["二"].notes
