"""Patterns seen in real reports gklint had never seen, each rebuilt here as a small synthetic fragment.

The fragments mimic how the real documents were laid out (a portal page saved as one line of text,
merged cells that overlap a column, a year-first title, a sum stated for two result rows …); the
numbers and names are made up.
"""

from __future__ import annotations

import gklint
from gklint.read.html import read_html
from gklint.recognise.meta import extract as extract_meta
from gklint.recognise.recognise import recognise
from gklint.read.text import read_text
from narrative_helpers import report, run

ROW3 = ("natural", "business", "research", "public_interest", "legal_services", "other_orgs", "total")
ROW4 = ("upheld", "corrected", "other", "pending", "total")


def row(table, row_id, columns=ROW3):
    return [table.cells[(row_id, c)].value if (row_id, c) in table.cells else None for c in columns]


# --------------------------------------------------------------------------- a page saved as one line

# A portal scraper's page.txt: a header of fields, then the whole article on one line: breadcrumb,
# title, headings, prose and the three tables run together, their digits glued to the labels and to
# the next row's numbering ("00000002.其他法律…").
ZEROS = "0000000"
FLAT_TABLE3 = (
    "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
    "一、本年新收政府信息公开申请数量751021180二、上年结转政府信息公开申请数量1000001三、本年度办理结果"
    "（一）予以公开550020158（二）部分公开（区分处理的，只计这一情形，不计其他情形）8100009（三）不予公开"
    f"1.属于国家秘密{ZEROS}2.其他法律行政法规禁止公开{ZEROS}3.危及“三安全一稳定”{ZEROS}4.保护第三方合法权益{ZEROS}"
    f"5.属于三类内部事务信息{ZEROS}6.属于四类过程性信息{ZEROS}7.属于行政执法案卷{ZEROS}8.属于行政查询事项{ZEROS}"
    f"（四）无法提供1.本机关不掌握相关政府信息1300010142.没有现成信息需要另行制作{ZEROS}3.补正后申请内容仍不明确{ZEROS}"
    f"（五）不予处理1.信访举报投诉类申请{ZEROS}2.重复申请{ZEROS}3.要求提供公开出版物{ZEROS}4.无正当理由大量反复申请{ZEROS}"
    f"5.要求行政机关确认或重新出具已获取信息{ZEROS}（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    f"{ZEROS}2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请{ZEROS}3.其他{ZEROS}"
    f"（七）总计761021181四、结转下年度继续办理{ZEROS}")
FLAT = (
    "标题: 某某县2022年度政府信息公开工作年度报告\n发布时间: 2023-01-18 09:30\n文号: \n"
    "==================== 正文 ====================\n"
    "当前位置： 首页政务公开政府信息公开政府信息公开年报 某某县2022年度政府信息公开工作年度报告 来源：某某县人民政府 "
    "本报告根据《中华人民共和国政府信息公开条例》编制，所列数据统计期限为2022年1月1日至2022年12月31日。"
    "一、总体情况2022年，我县全面推进政务公开工作。（一）主动公开方面全年主动公开政府信息1200条。"
    "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件5120"
    "第二十条第（五）项信息内容本年处理决定数量行政许可356第二十条第（六）项信息内容本年处理决定数量行政处罚1024行政强制0"
    "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费12.5"
    + FLAT_TABLE3 +
    "四、政府信息公开行政法复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
    "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计100120100100000"
    "五、存在的主要问题及改进情况一是解读形式单一。二是更新不够及时。六、其他需要报告的事项本年度未收取信息处理费。 附件下载\n")


def flat_report():
    return recognise(read_text("page.txt", FLAT))


def test_one_line_page_has_its_six_sections():
    rep = flat_report()
    assert [s.id for s in rep.sections] == ["overview", "proactive", "requests", "appeals", "problems", "other"]
    # a heading with a typo ("行政法复议") is still section 四 when it runs into the text
    assert rep.sections[3].heading == "四、政府信息公开行政法复议、行政诉讼情况"
    assert rep.sections[0].text.startswith("2022年，我县全面推进政务公开工作。")
    assert "一是解读形式单一" in rep.sections[4].text
    assert rep.sections[5].text == "本年度未收取信息处理费。"  # the page's "附件下载" after it is not the report's
    assert rep.sections[1].text == rep.sections[2].text == ""  # the tables' headers and cells are not prose


def test_one_line_page_tables_are_read_cell_by_cell():
    rep = flat_report()
    t2, t3, t4 = rep.tables["二"], rep.tables["三"], rep.tables["四"]
    assert row(t2, "regulations", ("issued", "repealed", "in_force")) == [0, 0, 0]  # "000": one digit per cell
    assert [row(t2, r, ("decisions",)) for r in ("licensing", "penalties", "enforcement")] == [[356], [1024], [0]]
    assert row(t2, "fees", ("fees_amount",)) == [12.5]
    assert row(t3, "new") == [75, 1, 0, 2, 1, 1, 80]
    assert row(t3, "carried_over") == [1, 0, 0, 0, 0, 0, 1]
    assert row(t3, "partly_granted") == [8, 1, 0, 0, 0, 0, 9]
    assert row(t3, "refused_security") == [0] * 7  # the label's closing quote stands between it and its digits
    assert row(t3, "refused_prohibited") == [0] * 7  # "00000002.其他法律…": the 2 numbers the next row
    assert row(t3, "total") == [76, 1, 0, 2, 1, 1, 81]
    assert row(t4, "review", ROW4) == [1, 0, 0, 1, 2]
    assert row(t4, "litigation_direct", ROW4) == [0, 1, 0, 0, 1]


def test_rows_that_split_several_ways_are_decided_by_the_column_totals():
    rep = flat_report()
    t3 = rep.tables["三"]
    # "550020158" is 55 0 0 2 0 1 58 or 5 50 0 2 0 1 58; only the first lets every column of (七)总计 add up
    assert row(t3, "granted") == [55, 0, 0, 2, 0, 1, 58]
    assert row(t3, "unavailable_not_held") == [13, 0, 0, 0, 1, 0, 14]
    notes = [n.message for n in rep.notes if n.kind == "digits_split" and "行、列总计" in n.message]
    assert len(notes) == 2 and "550020158" in notes[0]


def test_a_row_that_splits_several_ways_without_a_total_is_left_unread_and_said():
    rep = flat_report()
    [note] = [n for n in rep.notes if n.kind == "table_unreadable"]
    assert note.table == "二" and note.row == "行政规范性文件"  # "5120" into three columns: no way to tell


def test_one_digit_per_cell_runs_are_said_once_per_table():
    rep = flat_report()
    forced = [n for n in rep.notes if n.kind == "digits_split" and "每个单元格一位数字" in n.message]
    assert sorted(n.table for n in forced) == ["三", "二", "四"]


def test_one_line_page_metadata_and_chrome():
    rep = flat_report()
    assert rep.meta.title == "某某县2022年度政府信息公开工作年度报告"  # without the "标题:" field name
    assert rep.meta.agency == "某某县" and rep.meta.year == 2022
    assert str(rep.meta.published) == "2023-01-18" and str(rep.meta.period_end) == "2022-12-31"
    rules = {d.rule for d in gklint.check(rep).diagnostics}
    assert "P101" not in rules  # the breadcrumb "政府信息公开政府信息公开年报" is not a repeated word
    assert not {"S101", "R101", "R103", "T301", "T302", "T303"} & rules


def test_an_ordinary_text_report_is_not_cut_up():
    text = "一、总体情况\n2022年，全年主动公开政府信息100条。\n二、主动公开政府信息情况\n第二十条第（一）项\n规章 0 0 0\n"
    rep = recognise(read_text("t.txt", text), version="2021")
    assert rep.sections[0].text == "2022年，全年主动公开政府信息100条。"
    assert row(rep.tables["二"], "regulations", ("issued", "repealed", "in_force")) == [0, 0, 0]
    assert not any(n.kind == "digits_split" for n in rep.notes)


def test_a_long_run_of_a_count_and_an_amount_is_reported_not_dropped():
    # 2019 layout 第二十条第（九）项: "政府集中采购" count and amount glued into one long token
    text = ("二、主动公开政府信息情况\n第二十条第（九）项\n信息内容 采购项目数量 采购总金额\n政府集中采购1254321098.75元\n"
            "三、收到和处理政府信息公开申请情况\n")
    rep = recognise(read_text("t.txt", text), version="2019")
    [note] = [n for n in rep.notes if n.kind == "table_unreadable" and n.row == "政府集中采购"]
    assert "读到1个数值" in note.message and "应为2个" in note.message


def test_text_table_with_bars():
    text = ("二、主动公开政府信息情况\n第二十条第(一)项 |\n信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
            "规章 | 0 | 0 | 0 |\n行政规范性文件 | 2 | 1 | 15 |\n| 第二十条  第(五)项 | |||\n"
            "| 行政许可 | 12 | ||\n三、收到和处理政府信息公开申请情况\n")
    rep = recognise(read_text("t.txt", text), version="2021")
    t2 = rep.tables["二"]
    assert row(t2, "normative_documents", ("issued", "repealed", "in_force")) == [2, 1, 15]
    assert row(t2, "licensing", ("decisions",)) == [12]


# --------------------------------------------------------------------------- HTML

def _html(body: str, title: str = "") -> bytes:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>".encode()


def test_a_merged_cell_overlapping_a_column_that_has_its_own_cell_is_not_reported():
    # header: 上一年项目数量 | 本年增/减 (two columns) | 处理决定数量; data: 0 (two columns) | 0 | 5
    table = ("<table><tr><td colspan='5'>第二十条第（五）项</td></tr>"
             "<tr><td>信息内容</td><td>上一年项目数量</td><td colspan='2'>本年增/减</td><td>处理决定数量</td></tr>"
             "<tr><td>行政许可</td><td colspan='2'>4</td><td>1</td><td>5</td></tr>"
             "<tr><td>其他对外管理服务事项</td><td colspan='3'>2</td><td>3</td></tr></table>")
    doc = read_html("t.html", _html(f"<p>二、主动公开政府信息情况</p>{table}"))
    rep = recognise(doc, version="2019")
    t2 = rep.tables["二"]
    assert row(t2, "licensing", ("last_year_items", "change", "decisions")) == [4, 1, 5]
    spans = [n.message for n in rep.notes if "跨越" in n.message]
    # the second row's 2 covers both 上一年项目数量 and 本年增/减, and nothing else fills 本年增/减
    assert len(spans) == 1 and "其他对外管理服务事项" in spans[0]


def test_page_title_stands_in_when_the_body_only_mentions_the_report():
    doc = read_html("t.html", _html("<p>根据《条例》规定编制本报告。</p><p>一、总体情况</p><p>今年工作顺利。</p>",
                                    title="某市2024年政府信息公开工作年度报告_年报_某市政府"))
    rep = recognise(doc)
    assert rep.meta.title == "某市2024年政府信息公开工作年度报告" and rep.meta.agency == "某市"


# --------------------------------------------------------------------------- metadata

def test_year_first_title_names_its_agency():
    meta = extract_meta(["2019年某省人民政府办公厅政府信息公开工作年度报告"], [])
    assert (meta.year, meta.agency) == (2019, "某省人民政府办公厅")


def test_statistics_period_whose_end_omits_the_year():
    meta = extract_meta(["某局2019年政府信息公开工作年度报告"],
                        ["本年度报告中所列数据统计期限从2019年1月1日到12月31日止。"])
    assert (str(meta.period_start), str(meta.period_end)) == ("2019-01-01", "2019-12-31")


def test_title_field_name_is_not_part_of_the_title():
    meta = extract_meta(["标 题：某区2023年度政府信息公开工作年度报告"], [])
    assert meta.title == "某区2023年度政府信息公开工作年度报告" and meta.agency == "某区"


# --------------------------------------------------------------------------- narrative claims

GRANTED = {"三.granted.total": 22, "三.partly_granted.total": 20}


def test_granted_and_partly_granted_stated_together_are_their_sum():
    text = "全年办结政府信息公开申请81件，其中：予以公开及部分公开42件，占51.85%。"
    assert run("N102", report(text, GRANTED)) == []
    [d] = run("N102", report(text.replace("42件", "40件"), GRANTED))
    assert (d.expected, d.found) == (42, 40) and "部分公开" in d.message


def test_partly_granted_alone_is_still_compared():
    [d] = run("N102", report("全年办结政府信息公开申请81件，其中予以公开22件、部分公开19件。", GRANTED))
    assert (d.location.row, d.expected, d.found) == ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 20, 19)


def test_normative_documents_of_other_departments_are_not_the_reports_own():
    cells = {"二.normative_documents.made": 60, "二.normative_documents.published": 60}
    text = "全年共编发公报24期，刊登政府规章、规范性文件等112件，部门规范性文件45件，政策解读83件。"
    assert run("N104", report(text, cells, layout="2019", year=2019)) == []
    [d] = run("N104", report("本年度制发规范性文件45件。", cells, layout="2019", year=2019))
    assert (d.expected, d.found) == (60, 45)
    assert run("N104", report("本部门制发规范性文件60件。", cells, layout="2019", year=2019)) == []


# --------------------------------------------------------------------------- what a one-line page is not

def test_titles_listed_in_the_opening_paragraph_are_not_headings():
    toc = ("本报告包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；"
           "四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。")
    text = FLAT.replace("本报告根据", toc + "本报告根据")
    rep = recognise(read_text("page.txt", text))
    assert [s.id for s in rep.sections] == ["overview", "proactive", "requests", "appeals", "problems", "other"]
    assert rep.sections[0].text.startswith("2022年，我县") and toc in rep.preamble
    assert rep.tables["三"].cells[("total", "total")].value == 81


def test_a_last_section_of_one_word_is_still_a_section():
    rep = recognise(read_text("page.txt", FLAT.replace("本年度未收取信息处理费。", "无。")))
    assert rep.sections[-1].id == "other" and rep.sections[-1].text == "无。"


def test_prose_naming_table_rows_is_not_taken_for_a_table():
    text = ("一、总体情况\n今年工作顺利。\n二、主动公开政府信息情况\n"
            "本年度制发规章0件、行政规范性文件3件，办理行政许可356件、行政处罚20件，行政强制0件，"
            "各类公开信息内容丰富、形式多样，较好满足了企业和群众的信息需求。\n"
            "第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0\n行政规范性文件 3 1 40\n"
            "第二十条第（五）项\n行政许可 356\n")
    rep = recognise(read_text("t.txt", text), version="2021")
    assert "本年度制发规章0件、行政规范性文件3件" in rep.sections[1].text
    assert row(rep.tables["二"], "normative_documents", ("issued", "repealed", "in_force")) == [3, 1, 40]


def test_heading_and_text_on_one_line():
    rep = recognise(read_text("t.txt", "一、总体情况。2022年，我县推进政务公开。\n二、主动公开政府信息情况\n"))
    assert rep.sections[0].heading == "一、总体情况" and rep.sections[0].text == "2022年，我县推进政务公开。"


def test_a_row_copied_with_tabs_keeps_its_empty_cells_in_place():
    # a table copied from a web page: one tab per cell, the cells left empty are two tabs in a row
    text = ("三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量\t41\t3\t\t\t2\t\t46\t\n"
            "（七）总计\t40\t3\t\t\t2\t\t45\n")
    rep = recognise(read_text("t.txt", text), version="2021")
    t3 = rep.tables["三"]
    assert row(t3, "new") == [41, 3, None, None, 2, None, 46]
    assert t3.cells[("new", "research")].kind == "blank"
    assert row(t3, "total") == [40, 3, None, None, 2, None, 45]
    # only the rows this fragment leaves out are noted; the two rows it has were read whole
    assert [n.row for n in rep.notes if n.kind == "table_unreadable"] == [None]


def test_pdf_text_table_four_with_headers_broken_into_characters():
    # a PDF's text: the header cells printed one character per line, then one line of values
    text = ("四、因政府信息公开工作被申请行政复议提起行政诉讼情况\n行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n"
            "结 结 其 尚\n果 果 他 未\n总计 果 果 他 未 总 果 果 他 未 总\n维 纠 结 审\n持 正 果 结\n"
            "2 1 0 0 3 1 0 0 1 2 0 0 0 0 0\n五、存在的主要问题及改进情况\n无。\n")
    rep = recognise(read_text("t.txt", text), version="2021")
    t4 = rep.tables["四"]
    assert [row(t4, r, ROW4) for r in ("review", "litigation_direct", "litigation_after_review")] == \
        [[2, 1, 0, 0, 3], [1, 0, 0, 1, 2], [0, 0, 0, 0, 0]]


def test_pdf_text_row_whose_values_are_on_the_next_line():
    text = "三、收到和处理政府信息公开申请情况\n（一）予以公开\n3 0 0 0 0 1 4\n（七）总计\n3 0 0 0 0 1 4\n"
    t3 = recognise(read_text("t.txt", text), version="2021").tables["三"]
    assert row(t3, "granted") == [3, 0, 0, 0, 0, 1, 4] and row(t3, "total") == [3, 0, 0, 0, 0, 1, 4]


def test_tabs_and_wide_gaps_on_one_line():
    text = "二、主动公开政府信息情况\n第二十条第（一）项\n规章\t0  0  0\n行政规范性文件\t4\t1\t30\n"
    t2 = recognise(read_text("t.txt", text), version="2021").tables["二"]
    assert row(t2, "regulations", ("issued", "repealed", "in_force")) == [0, 0, 0]
    assert row(t2, "normative_documents", ("issued", "repealed", "in_force")) == [4, 1, 30]
