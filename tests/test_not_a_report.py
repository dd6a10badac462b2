"""Documents with no official table at all: R103 says so once (R101 would repeat it for each table), and a
document that is no 政府信息公开工作年度报告 under the official layouts — its title names none (a notice, a
school's 信息公开年度报告) or it reports on a year before the first layout (2019) — gets that finding alone,
not the layout's structure rules (no "missing section" errors for a 2014 report). Synthetic documents in the
shapes scout11 found."""

from __future__ import annotations

import gklint
import pytest
from gklint.ingest import read_bytes
from gklint.recognise.meta import find_title


def _check(lines: list[str], lang: str = "zh"):
    return gklint.check(read_bytes("doc.txt", "\n\n".join(lines).encode()), lang=lang).diagnostics


NOTICE = ["青山县人民政府办公室关于印发2021年青山县政务公开工作要点的通知",
          "各乡镇人民政府，县政府各部门：现将《2021年青山县政务公开工作要点》印发给你们，请认真贯彻落实。",
          "一、优化重点领域政府信息公开", "围绕重点领域，及时发布政策信息。",
          "二、做好政府信息依申请公开", "严格执行办理答复规范，按时做好政府信息公开工作年度报告编制发布工作，2022年1月31日前公开。",
          "三、加强政务公开平台建设", "规范政府网站管理。"]
OLD_REPORT = ["2014年青山县烟草专卖局政府信息公开工作年度报告",
              "根据《中华人民共和国政府信息公开条例》规定，编制本报告。",
              "一、政府信息公开工作的基本概况", "2014年，我局高度重视政府信息公开工作。",
              "二、主动公开政府信息情况", "全年主动公开政府信息25条。",
              "三、依申请公开政府信息和不予公开政府信息情况", "全年未收到政府信息公开申请。"]
SCHOOL = ["青山医科大学2025年信息公开工作年度报告",
          "根据《高等学校信息公开办法》，编制本报告。",
          "一、工作概述", "学校持续推进信息公开工作。", "二、主动公开信息情况", "全年主动公开信息120条。",
          "三、依申请公开及不予公开信息情况", "全年收到信息公开申请2件，均已答复。",
          "四、存在的主要问题和改进措施", "进一步完善信息公开目录。"]
NO_TABLES = ["青山县水务局2023年度政府信息公开工作年报",
             "一、总体情况", "2023年，我局持续推进政务公开工作。",
             "二、主动公开政府信息情况", "全年主动公开政府信息40条。"]


@pytest.mark.parametrize("lines", [NOTICE, OLD_REPORT, SCHOOL], ids=["notice", "report-of-2014", "school"])
def test_a_document_that_is_no_annual_report_gets_one_finding(lines):
    found = _check(lines)
    assert [d.rule for d in found] == ["R103"]
    assert "不是统一格式的政府信息公开工作年度报告" in found[0].message


def test_said_in_english_too():
    [found] = _check(OLD_REPORT, lang="en")
    assert "not an annual report in the official format" in found.message


def test_a_report_without_tables_is_told_once_and_keeps_its_structure_findings():
    found = _check(NO_TABLES)
    rules = [d.rule for d in found]
    assert rules.count("R103") == 1 and "R101" not in rules
    assert "S101" in rules  # sections 三 to 六 are missing: the report is judged as the report it says it is
    assert "不是统一格式" not in next(d for d in found if d.rule == "R103").message


def test_a_body_sentence_naming_the_report_is_no_title():
    lines = [NOTICE[0], "一、优化重点领域政府信息公开", NOTICE[5]]
    assert find_title(lines) is None


def test_a_report_in_the_outline_before_2019_gets_one_finding():
    lines = ["青山县中医院政府信息公开工作年度报告", "一、概述", "2023年，我院高度重视政府信息公开工作。",
             "二、主动公开政府信息情况", "全年主动公开信息若干条。", "三、依申请公开政府信息情况", "本年度未收到申请。",
             "四、政府信息公开的收费及减免情况", "无。", "五、政府信息公开工作存在的主要问题和改进措施", "进一步加强学习。"]
    [found] = _check(lines)
    assert found.rule == "R103" and "“四、政府信息公开的收费及减免情况”" in found.message


@pytest.mark.parametrize("title", ["青山县人民政府2021年度政府信息公开年度工作报告", "青山县人民政府2021年政府信息公开工作报告",
                                   "青山县人民政府关于2021年度政府信息公开工作情况的报告"])
def test_a_report_titled_otherwise_is_still_checked_as_a_report(title):
    found = _check([title, *NO_TABLES[1:]])
    assert [d.rule for d in found].count("R103") == 1 and "S101" in [d.rule for d in found]
    assert "不是统一格式" not in next(d for d in found if d.rule == "R103").message
