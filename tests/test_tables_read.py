"""Tables as real copies and PDF converters give them (issue 8, causes 2, 3, 4 and C203 text cells).

Excerpts of the published department reports are copied verbatim (each with its source); the other
fragments rebuild a shape seen in real converter output with made-up numbers.
"""

from __future__ import annotations

import gklint
from gklint.recognise.digits import splits
from gklint.read.html import read_html
from gklint.recognise.recognise import recognise
from gklint.read.text import read_text

ROW3 = ("natural", "business", "research", "public_interest", "legal_services", "other_orgs", "total")
ROW4 = ("upheld", "corrected", "other", "pending", "total")
OPENING = "一、总体情况本机关认真做好政府信息公开工作。二、主动公开政府信息情况本年度主动公开政府信息。"
CLOSING = ("四、政府信息公开行政复议、行政诉讼情况本年度无行政复议、行政诉讼。"
           "五、存在的主要问题及改进情况一是解读形式单一。六、其他需要报告的事项本年度未收取信息处理费。")

# source: source: changwu/pingtan-gov-zwgk-archive:pingtan/zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqlyy/zfxxgknb/202601/104724_平潭综合实验区旅游与文化体育局2025年度政府信息公开工作年度报告/page.txt@16868d19a1d8212230ee4c5df4ce40d00db59a01
LYY_2025_TABLE3 = '三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量100 0 0 00二、上年结转政府信息公开申请数量0 0 0 0 0 00三、本年度办理结果（一）予以公开0 0 0 0 0 00（二）部分公开（区分处理的，只计这一情形，不计其他情形）0 0 0 0 0 00（三）不予公开1.属于国家秘密0 0 0 0 0 002.其他法律行政法规禁止公开0 0 0 0 0 003.危及“三安全一稳定”0 0 0 0 0 004.保护第三方合法权益0 0 0 0 0 005.属于三类内部事务信息0 0 0 0 0 006.属于四类过程性信息0 0 0 0 0 007.属于行政执法案卷0 0 0 0 0 008.属于行政查询事项0 0 0 0 0 00（四）无法提供1.本机关不掌握相关政府信息10 0 0 0 002.没有现成信息需要另行制作0 0 0 0 0 003.补正后申请内容仍不明确0 0 0 0 0 00（五）不予处理1.信访举报投诉类申请0 0 0 0 0 002.重复申请0 0 0 0 0 003.要求提供公开出版物0 0 0 0 0 004.无正当理由大量反复申请0 0 0 0 0 005.要求行政机关确认或重新出具已获取信息0 0 0 0 0 00（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请0 0 0 0 0 002.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请0 0 0 0 0 003.其他0 0 0 0 0 00（七）总计10 0 0 0 00四、结转下年度继续办理0 0 0 0 0 00'
# source: source: changwu/pingtan-gov-zwgk-archive:pingtan/zwgk/zfxxgk/dfbmptlj/ptzhsyqpq/ptzhsyqjjp/zfxxgknb/202601/104715_平潭综合实验区金井片区管理局2025年政府信息公开工作年度报告/page.txt@16868d19a1d8212230ee4c5df4ce40d00db59a01
JJP_2025_TABLE3 = '三、收到和处理政府信息公开申请情况 （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况 自然人 法人或其他组织 总计 商业 企业 科研 机构 社会公益组织 法律服务机构 其他 一、本年新收政府信息公开申请数量 110000011二、上年结转政府信息公开申请数量 0000000三、本年度办理结果 （一）予以公开 0000000（二）部分公开（区分处理的，只计这一情形，不计其他情形） 3000003（三）不予公开 1.属于国家秘密 00000002.其他法律行政法规禁止公开 00000003.危及“三安全一稳定” 00000004.保护第三方合法权益 00000005.属于三类内部事务信息 00000006.属于四类过程性信息 00000007.属于行政执法案卷 00000008.属于行政查询事项 0000000（四）无法提供 1.本机关不掌握相关政府信息 70000072.没有现成信息需要另行制作 00000003.补正后申请内容仍不明确 0000000（五）不予处理 1.信访举报投诉类申请 00000002.重复申请 00000003.要求提供公开出版物 00000004.无正当理由大量反复申请 00000005.要求行政机关确认或重新出具已获取信息 0000000（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 10000012.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 00000003.其他 0000000（七）总计 110000011四、结转下年度继续办理 0000000'
# source: source: changwu/pingtan-gov-zwgk-archive:pingtan/zwgk/zfxxgk/dfbmptlj/ptzhsyqpq/ptzhsyqjjp/zfxxgknb/202401/86498_平潭综合实验区金井片区管理局2023年政府信息公开工作年度报告/page.txt@91d094a45030d3c40a8ba761b5e64fec0b554434
JJP_2023_TABLE3 = '三、收到和处理政府信息公开申请情况 （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况 自然人 法人或其他组织 总计 商业 企业 科研 机构 社会公益组织 法律服务机构 其他 一、本年新收政府信息公开申请数量 1000001二、上年结转政府信息公开申请数量 0000000三、本年度办理结果 （一）予以公开 0000000（二）部分公开（区分处理的，只计这一情形，不计其他情形） 0000000（三）不予公开 1.属于国家秘密 00000002.其他法律行政法规禁止公开 00000003.危及“三安全一稳定” 00000004.保护第三方合法权益 00000005.属于三类内部事务信息 00000006.属于四类过程性信息 00000007.属于行政执法案卷 00000008.属于行政查询事项 0000000（四）无法提供 1.本机关不掌握相关政府信息 10000012.没有现成信息需要另行制作 00000003.补正后申请内容仍不明确 0000000（五）不予处理 1.信访举报投诉类申请 00000002.重复申请 00000003.要求提供公开出版物 00000004.无正当理由大量反复申请 00000005.要求行政机关确认或重新出具已获取信息 0000000（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 00000002.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 00000003.其他 0000000（七）总计 1000001四、结转下年度继续办理 000000'
# source: source: changwu/pingtan-gov-zwgk-archive:pingtan/zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqshs/zfxxgknb/202201/80606_平潭综合实验区社会事业局2021年度政府信息公开工作年度报告/page.txt@ec2c20622bc6953e6953401ce5430fcf17fea6c8
SHS_2021_TABLE3 = '三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况 自然人法人或其他组织 总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量0000000二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开0000000（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开00000003.危及“三安全一稳定”00000004.保护第三方合法权益00000005.属于三类内部事务信息00000006.属于四类过程性信息00000007.属于行政执法案卷00000008.属于行政查询事项0000000（四）无法提供1.本机关不掌握相关政府信息0 0 0 0 0 002.没有现成信息需要另行制作 0 0 0 0 0 0 03.补正后申请内容仍不明确0 0 0 0 0 00（五）不予处理1.信访举报投诉类申请 0 0 0 0 0 0 02.重复申请0 0 0 0 0 003.要求提供公开出版物 0 0 0 0 0 0 04.无正当理由大量反复申请 0 0 0 0 0 0 05.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请0 0 0 0 0 002.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请0 0 0 0 0 00其他0 0 0 0 0 00（七）总计0 0 0 0 0 00四、结转下年度继续办理 0 0 0 0 0 0 0 '
# source: source: changwu/pingtan-gov-zwgk-archive:pingtan/zwgk/zfxxgk/dfbmptlj/ptzhsyqbm/ptzhsyqhzs/zfxxgknb/202501/96946_平潭综合实验区行政审批局2024年政府信息公开工作年度报告/page.txt@16868d19a1d8212230ee4c5df4ce40d00db59a01
HZS_2024_TABLE4 = '四、政府信息公开行政复议与行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计100000000000000'


def page(table3: str = "", table4: str = "") -> str:
    """A report page saved as one line, holding the given table excerpts."""
    four = table4 + "五、存在的主要问题及改进情况一是解读形式单一。六、其他需要报告的事项本年度未收取信息处理费。" if table4 else CLOSING
    return "某局2025年政府信息公开工作年度报告 " + OPENING + table3 + four + "\n"


def read(text: str, version: str | None = "2021"):
    return recognise(read_text("page.txt", text), version=version)


def row(table, row_id, columns=ROW3):
    return [table.cells[(row_id, c)].value if (row_id, c) in table.cells else None for c in columns]


def findings(report, prefix=("T", "R1")):
    return [d for d in gklint.check(report).diagnostics if d.rule.startswith(prefix)]


# --------------------------------------------------------------------------- cause 2: unique digit splits

def test_one_digit_per_cell_row_that_breaks_its_total_is_read_and_judged():
    """lyy-2025: "100 0 0 00" for seven cells is 1 0 0 0 0 0 0 (总计 0 beside 1 application); it was thrown
    away as unreadable. Now it is read, said (R104), and T303 reports the table error, as a warning because
    "10" and a blank cell is another reading."""
    rep = read(page(LYY_2025_TABLE3))
    t3 = rep.tables["三"]
    assert row(t3, "new") == [1, 0, 0, 0, 0, 0, 0]
    assert row(t3, "total") == [1, 0, 0, 0, 0, 0, 0]
    found = findings(rep)
    assert not [d for d in found if d.rule == "R102" and d.location.table == "三"]
    t303 = [d for d in found if d.rule == "T303"]
    assert {d.location.row for d in t303} >= {"一、本年新收政府信息公开申请数量", "（七）总计"}
    assert all(d.severity == "warning" and "读法不确定" in d.message and "“100”" in d.message
               for d in t303 if d.location.row.startswith("一、"))
    said = [d for d in found if d.rule == "R104" and "按每格一位数字读作1、0、0、0、0、0、0" in d.message]
    assert said and all(d.severity == "info" for d in said)


def test_a_run_with_no_other_reading_gives_an_error():
    """"0000001": seven digits for seven cells and no two-digit number possible ("01" is not one): the only
    reading there is, so the total that does not add up is an error."""
    text = LYY_2025_TABLE3.replace("一、本年新收政府信息公开申请数量100 0 0 00", "一、本年新收政府信息公开申请数量0000001")
    rep = read(page(text))
    assert row(rep.tables["三"], "new") == [0, 0, 0, 0, 0, 0, 1]
    [d] = [d for d in findings(rep) if d.rule == "T303" and d.location.row.startswith("一、")]
    assert d.severity == "error" and "读法不确定" not in d.message


def test_table_four_run_of_one_digit_per_cell_is_read():
    """hzs-2024: table 四 is "100000000000000": 复议 结果维持 1 beside a 总计 of 0."""
    rep = read(page(table4=HZS_2024_TABLE4))
    assert row(rep.tables["四"], "review", ROW4) == [1, 0, 0, 0, 0]
    [d] = [d for d in findings(rep) if d.rule == "T401"]
    assert d.location.row == "行政复议" and d.severity == "warning"
    assert not [d for d in findings(rep) if d.rule == "R102" and d.location.table == "四"]


def test_rows_with_two_splits_are_decided_by_every_column_identity():
    """jjp-2025: 新收 and （七）总计 are both "110000011" (11 0 … 11 or 1 10 … 11). The results decide the
    总计; 新收 + 上年结转 = 总计 + 结转下年度 then decides 新收."""
    rep = read(page(JJP_2025_TABLE3))
    t3 = rep.tables["三"]
    assert row(t3, "total") == [11, 0, 0, 0, 0, 0, 11]
    assert row(t3, "new") == [11, 0, 0, 0, 0, 0, 11]
    assert not [d for d in findings(rep) if d.rule == "R102" and d.location.table == "三"]


def test_a_run_of_zeros_short_of_the_row_is_read_as_zeros_and_said():
    """jjp-2023: "四、结转下年度继续办理 000000": six zeros for seven cells. Every value is 0; one cell was
    blank or lost, which one cannot be told (R107), instead of the row being unreadable."""
    rep = read(page(JJP_2023_TABLE3))
    assert row(rep.tables["三"], "carried_forward") == [0] * 7
    found = findings(rep)
    [d] = [d for d in found if d.rule == "R107"]
    assert d.location.row == "四、结转下年度继续办理" and "000000" in d.message and d.severity == "warning"
    assert not [d for d in found if d.rule == "R102" and d.location.table == "三"]


def test_a_long_run_of_digits_is_given_up_on():
    """Forty digits into fifteen cells: billions of cuts. The search is bounded and says so (None)."""
    assert splits(["1" * 40], 15, {4: (0, 1, 2, 3)}) is None


# --------------------------------------------------------------------------- cause 3: blank cells

def test_bar_table_keeps_blank_cells_in_place():
    text = ("三、收到和处理政府信息公开申请情况\n| | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
            "| 一、本年新收政府信息公开申请数量 | 2 |  | 0 | 0 | 0 | 0 | 2 |\n"
            "| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 |  |\n")
    t3 = read(text).tables["三"]
    assert row(t3, "new") == [2, None, 0, 0, 0, 0, 2] and t3.cells[("new", "business")].kind == "blank"
    assert row(t3, "carried_over") == [0, 0, 0, 0, 0, 0, None] and t3.cells[("carried_over", "total")].kind == "blank"


def test_markdown_table_from_a_pdf_converter():
    """A converter's Markdown: header row, |---| line, a group heading as a row of blank cells, blank cells,
    a page number between rows, and a row label wrapped onto a second line above its numbers."""
    text = ("三、收到和处理政府信息公开申请情况\n"
            "| 本列数据的勾稽关系 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n"
            "|---|---|---|---|---|---|---|---|\n"
            "| 一、本年新收政府信息公开申请数量 | 5 | 1 |  | 0 | 0 | 0 | 6 |\n"
            "| 三、本年度办理结果 |  |  |  |  |  |  |  |\n"
            "| （一）予以公开 | 3 | 1 | 0 | 0 | 0 | 0 | 4 |\n"
            "- 7 -\n"
            "（二）部分公开（区分处理的，只计\n这一情形，不计其他情形）\n2 0 0 0 0 0 2\n")
    t3 = read(text).tables["三"]
    assert row(t3, "new") == [5, 1, None, 0, 0, 0, 6] and t3.cells[("new", "research")].kind == "blank"
    assert row(t3, "granted") == [3, 1, 0, 0, 0, 0, 4]
    assert row(t3, "partly_granted") == [2, 0, 0, 0, 0, 0, 2]


def test_markdown_table_four_whose_values_start_with_a_blank_cell():
    text = ("四、政府信息公开行政复议、行政诉讼情况\n| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
            "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |\n"
            "|  | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n")
    t4 = read(text).tables["四"]
    assert t4.cells[("review", "upheld")].kind == "blank"
    assert row(t4, "review", ROW4) == [None, 0, 0, 0, 1]
    assert row(t4, "litigation_after_review", ROW4) == [0, 0, 0, 0, 0]


# --------------------------------------------------------------------------- cause 4: misprinted labels

def test_misprinted_label_in_a_text_table_keeps_its_row():
    text = ("三、收到和处理政府信息公开申请情况\n申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n"
            "（三）不予公开\n1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n2.其他法律行政止公开\t2\t0\t0\t0\t0\t0\t2\n"
            "3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0\n")
    rep = read(text)
    assert row(rep.tables["三"], "refused_prohibited") == [2, 0, 0, 0, 0, 0, 2]
    [d] = [d for d in findings(rep) if d.rule == "R108"]
    assert d.severity == "info" and "其他法律行政止公开" in d.message and d.location.row == "2.其他法律行政法规禁止公开"


def test_a_short_label_without_its_numbering_is_taken_by_its_position():
    """shs-2021: "其他" (for "3.其他") right after the row before it."""
    rep = read(page(SHS_2021_TABLE3))
    t3 = rep.tables["三"]
    assert row(t3, "other_other") == [0] * 7
    assert not [d for d in findings(rep) if d.rule == "R102" and d.location.table == "三"]


def test_misprinted_label_in_a_grid_is_not_read_as_its_group_heading():
    """The numbers of "行政执法案件" fell onto the merged "（三）不予公开", reported as a group heading with
    numbers (another year's layout?): the wrong problem sent back to the office."""
    table = ("<table><tr><td colspan='3'></td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>"
             "<td>法律服务机构</td><td>其他</td><td>总计</td></tr>"
             "<tr><td rowspan='3'>三、本年度办理结果</td><td rowspan='3'>（三）不予公开</td><td>6.属于四类过程性信息</td>"
             + "<td>0</td>" * 7 + "</tr><tr><td>7.属于行政执法案件</td><td>1</td>" + "<td>0</td>" * 5 + "<td>1</td></tr>"
             "<tr><td>8.属于行政查询事项</td>" + "<td>0</td>" * 7 + "</tr></table>")
    doc = read_html("t.html", f"<html><body><p>三、收到和处理政府信息公开申请情况</p>{table}</body></html>".encode())
    rep = recognise(doc, version="2021")
    assert row(rep.tables["三"], "refused_enforcement_file") == [1, 0, 0, 0, 0, 0, 1]
    found = findings(rep)
    assert not [d for d in found if "分组标题" in d.message]
    [d] = [d for d in found if d.rule == "R108"]
    assert "行政执法案件" in d.message


# --------------------------------------------------------------------------- C203: text cells

def test_a_text_cell_in_a_count_column_is_kept_and_reported():
    text = ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
            "规章\t0\t0\t0\n行政规范性文件\t3\t减4\t20\n")
    rep = read(text)
    t2 = rep.tables["二"]
    assert t2.cells[("normative_documents", "repealed")].kind == "text"
    assert row(t2, "normative_documents", ("issued", "in_force")) == [3, 20]
    found = [d for d in gklint.check(rep).diagnostics if d.location.row == "行政规范性文件"]
    assert [(d.rule, d.severity) for d in found] == [("C203", "warning")] and "减4" in found[0].message


def test_table_two_row_split_one_digit_per_cell_is_in_doubt_only_when_another_reading_exists():
    # shs-2025 (tests/corpus): "规范性文件700" may also be 70, 0 and a blank cell; jjp-2024's "001" cannot
    # ("00" and "01" are no numbers), so only the first carries a doubt to the findings (Y102's severity)
    def row(digits: str):
        # the table as shs-2025 publishes it (tests/corpus/shs-2025.txt), with the digits of the row varied
        two = ("二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
               f"规范性文件{digits}第二十条第（五）项信息内容本年处理决定数量行政许可1483第二十条第（六）项信息内容"
               "本年处理决定数量行政处罚37行政强制0第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0")
        text = "某局2025年政府信息公开工作年度报告 一、总体情况本机关认真做好政府信息公开工作。" + two + CLOSING + "\n"
        table = read(text).tables["二"]
        return [(c.value, bool(c.doubt)) for c in (table.cells[("normative_documents", k)]
                                                   for k in ("issued", "repealed", "in_force"))]
    assert row("700") == [(7, True), (0, True), (0, True)]
    assert row("001") == [(0, False), (0, False), (1, False)]


def test_r109_digits_that_balance_under_no_split_are_one_warning_not_an_unreadable_table():
    # shs-2024 (tests/corpus): 17 digits for table 四's 15 cells, and no split satisfies its three totals
    text = page(table4=HZS_2024_TABLE4.replace("100000000000000", "00202000001324015"))
    result = gklint.check(read(text), select=["R"])
    [d] = [d for d in result.diagnostics if d.rule in ("R102", "R109")]
    assert (d.rule, d.severity, d.location.table) == ("R109", "warning", "四")
    assert "00202000001324015" in d.message and "15个单元格" in d.message
