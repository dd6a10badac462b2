"""Layout rules (L1xx): version of the tables, the notice cited, table header wording."""

from __future__ import annotations

from report_helpers import official, report, run, section

from gklint.core.model import Note, Table

TABLES = {"二": Table("二"), "三": Table("三"), "四": Table("四")}
OLD_TABLE_TEXT = "第二十条第（一）项\n信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数量\n规章\n0\n0\n0"


# --------------------------------------------------------------------------- L101 old tables


def test_2019_tables_in_a_2022_report_are_an_error():
    sections = official("2019", proactive=OLD_TABLE_TEXT)
    rep = report(sections, layout="2019", year=2022, tables=TABLES)
    [d] = run("L101", rep)
    assert d.severity == "error"
    assert (d.expected, d.found) == ("2021", "2019")
    assert "国办公开办函〔2021〕30号" in d.message
    assert d.location.table == "二" and d.location.quote == "本年新制作数量"


def test_2019_tables_in_a_2020_report_are_fine():
    rep = report(official("2019"), layout="2019", year=2020, tables=TABLES)
    assert run("L101", rep) == []


def test_2021_tables_in_a_2021_report_are_fine():
    assert run("L101", report(year=2021, tables=TABLES)) == []


def test_no_tables_read_means_no_verdict_on_the_layout():
    rep = report(official("2019"), layout="2019", year=2022,
                 notes=[Note("layout_unknown", "未找到任何官方表格")])
    assert run("L101", rep) == []


# --------------------------------------------------------------------------- L102 superseded notice


def _citing(text: str, year: int = 2021):
    return report(preamble=f"某局{year}年政府信息公开工作年度报告\n{text}", year=year)


def test_citing_the_2019_notice_in_any_bracket_form():
    for cited in ("国办公开办函〔2019〕60号", "国办公开办函[2019]60号", "国办公开办函(2019)60号",
                  "国办公开办函（2019）60号"):
        rep = _citing(f"根据《中华人民共和国政府信息公开工作年度报告格式》（{cited}）要求，编制本报告。")
        [d] = run("L102", rep)
        assert d.severity == "error" and d.found == cited
        assert cited in d.location.quote


def test_citing_the_current_notice_is_silent():
    rep = _citing("根据《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
                  "（国办公开办函〔2021〕30号）要求编制本报告。")
    assert run("L102", rep) == []


def test_old_notice_in_a_2020_report_or_said_to_be_superseded_is_silent():
    assert run("L102", _citing("按照国办公开办函〔2019〕60号要求编制。", year=2020)) == []
    assert run("L102", _citing("国办公开办函〔2019〕60号已被国办公开办函〔2021〕30号替代。")) == []


def test_the_old_notice_beside_the_current_one_in_any_bracket_form_is_silent():
    # 贵阳 2021 (real): 60号 is cited for the requirements it keeps, beside the current notice
    for current in ("国办公开办函〔2021〕30号", "国办公开办函(2021)30号", "国办公开办函［2021］第30号"):
        rep = _citing("根据《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）及"
                      f"《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（{current}）要求，现公布本报告。")
        assert run("L102", rep) == [], current


def test_the_old_notice_alone_is_certain_only_in_a_sentence_about_the_format():
    about_format = _citing("按照国办公开办函〔2019〕60号规定的格式编制本报告。")
    other = _citing("根据国办公开办函〔2019〕60号要求，现公布本报告。")
    deadline = _citing("按照国办公开办函〔2019〕60号要求，于1月31日前公布本报告。")
    [certain] = run("L102", about_format)
    [hint] = run("L102", other)
    assert (certain.severity, hint.severity) == ("error", "info")
    assert "未引用现行格式通知" in hint.message and "仍然有效" in hint.message
    assert run("L102", deadline) == []


def test_another_issuers_document_numbered_2019_60_is_silent():
    assert run("L102", _citing("制定下发《关于加强政务公开工作的通知》（某政办〔2019〕60号）。")) == []


# --------------------------------------------------------------------------- L103 new tables early


def test_2021_tables_in_a_2020_report_are_info():
    rep = report(year=2020, tables=TABLES)
    [d] = run("L103", rep)
    assert d.severity == "info" and "2020" in d.message


def test_2021_tables_in_a_2023_report_are_silent():
    assert run("L103", report(year=2023, tables=TABLES)) == []


# --------------------------------------------------------------------------- L104 header wording


def test_header_worded_by_alias_is_info():
    note = Note("header_alias", "表二表头“本年发件数”与官方用语“本年制发件数”不一致", table="二",
                column="本年制发件数", found="本年发件数", official="本年制发件数")
    sections = official(proactive="第二十条第(一)项\n信息内容\n本年发件数\n本年废止件数\n现行有效件数")
    [d] = run("L104", report(sections, notes=[note, note]))  # the same header noted twice: one finding
    assert d.severity == "info"
    assert (d.found, d.expected) == ("本年发件数", "本年制发件数")
    assert d.location.table == "二" and d.location.quote == "本年发件数"


def test_other_notes_are_not_header_findings():
    notes = [Note("table_unreadable", "表三某行读到5个数值，应为7个", table="三")]
    assert run("L104", report(notes=notes)) == []
    assert run("L104", report([section("一、总体情况", "本年发件数12件。")])) == []


# --------------------------------------------------------------------------- L101: the evidence for the layout
# (issue 8, cause 5: a 2021 report saved as one line was taken for the 2019 layout and L101, an error, fired
# with a fixed example of old headers that the report did not contain)

import dataclasses  # noqa: E402

from render import render_text  # noqa: E402

from gklint import check, testing  # noqa: E402
from gklint.ingest import read_bytes  # noqa: E402
from gklint.layouts.detect import markers  # noqa: E402
from gklint import layouts as L  # noqa: E402


def _with_markers(rep, **found):
    rep.layout_markers = {"2019": {"二": tuple(found["old"])} if found.get("old") else {},
                          "2021": {"二": tuple(found["new"])} if found.get("new") else {}}
    return rep


def test_l101_quotes_the_old_headers_the_report_writes():
    rep = _with_markers(report(official("2019"), layout="2019", year=2022, tables=TABLES), old=["上一年项目数量"])
    [d] = run("L101", rep)
    assert d.severity == "error"
    assert "“上一年项目数量”" in d.message and "本年新制作数量" not in d.message


def test_l101_without_old_headers_is_a_warning_that_says_why():
    rep = _with_markers(report(official("2019"), layout="2019", year=2022, tables=TABLES))
    [d] = run("L101", rep)
    assert d.severity == "warning"
    assert "读出的数字更多" in d.message


def test_l101_with_old_and_new_headers_mixed_in_one_block_is_a_warning():
    rep = _with_markers(report(official("2019"), layout="2019", year=2022, tables=TABLES),
                        old=["本年新制作数量"], new=["本年制发件数"])
    [d] = run("L101", rep)
    assert d.severity == "warning"
    assert "“本年新制作数量”" in d.message and "“本年制发件数”" in d.message


def test_l101_names_a_block_of_table_two_holding_only_old_headers():
    # scout11: a 2021 table 二 whose block (一) is the 2019 one (本年新制作数量…), its other blocks the 2021 ones
    rep = _with_markers(report(official("2021"), layout="2021", year=2021, tables=TABLES),
                        old=["本年新制作数量", "对外公开总数量"], new=["本年处理决定数量", "本年收费金额（单位：万元）"])
    [d] = run("L101", rep)
    assert (d.severity, d.location.table) == ("error", "二")
    assert "“本年新制作数量”" in d.message and "处理决定数量" not in d.message


def test_l101_is_silent_on_an_old_block_the_new_layout_does_not_have():
    rep = _with_markers(report(official("2021"), layout="2021", year=2021, tables=TABLES),
                        old=["采购项目数量"], new=["本年制发件数", "本年处理决定数量"])
    assert run("L101", rep) == []


def _one_line(rep) -> bytes:
    """A report as a portal page saved as one line: every line break gone."""
    return render_text(rep, sep=" ").replace("\n", "").encode("utf-8")


def test_headers_are_found_inside_a_page_saved_as_one_line():
    rep = testing.consistent_report(7, "2021")
    blob = L.normalise(_one_line(rep).decode())
    found = markers(set(), blob, L.get("2021"))
    assert "本年制发件数" in found["二"] and "现行有效件数" in found["二"]
    assert markers(set(), blob, L.get("2019")) == {}


def test_a_2019_layout_report_of_2022_saved_as_one_line_is_an_error_quoting_its_headers():
    rep = testing.consistent_report(3, "2019")
    rep.meta = dataclasses.replace(rep.meta, year=2022, title="某县教育局2022年政府信息公开工作年度报告")
    result = check(read_bytes("old.txt", _one_line(rep)), select=["L101"])
    [d] = result.diagnostics
    assert result.layout == "2019" and d.severity == "error" and d.location.table == "二"
    assert "“本年新制作数量”" in d.message or "“上一年项目数量”" in d.message


def test_a_2021_report_saved_as_one_line_is_read_with_the_2021_layout():
    for seed in range(5):
        rep = testing.consistent_report(seed, "2021")
        result = check(read_bytes("new.txt", _one_line(rep)), select=["L"])
        assert result.layout == "2021"
        assert [d for d in result.diagnostics if d.rule == "L101"] == []


def test_no_layout_is_named_when_no_table_was_found():
    text = "某县教育局2022年政府信息公开工作年度报告\n一、总体情况\n本年度工作开展顺利。\n".encode()
    result = check(read_bytes("none.txt", text))
    assert any(d.rule == "R103" for d in result.diagnostics)
    assert result.layout is None
    from rich.console import Console  # noqa: PLC0415

    from gklint.core.diagnostic import Result  # noqa: PLC0415
    from gklint.output import json_output, terminal  # noqa: PLC0415
    assert '"layout": null' in json_output.render(Result([result]))
    console = Console(record=True, width=200)
    terminal.render_file(result, console)
    assert "年版格式" not in console.export_text()


def test_citing_the_2019_format_by_its_title_is_the_superseded_notice():
    # jjp-2021 (tests/corpus): the old format cited by title, "（试行）", not by number
    text = "本报告根据《中华人民共和国政府信息公开条例》《中华人民共和国政府信息公开工作年度报告格式（试行）》规定编制。"
    [d] = run("L102", report(official(overview=text), year=2021))
    assert d.severity == "error" and "试行" in d.message
    assert run("L102", report(official(overview=text), year=2020)) == []
    current = "本报告根据《中华人民共和国政府信息公开工作年度报告格式》编制。"
    assert run("L102", report(official(overview=current), year=2021)) == []


def test_a_2021_report_with_table_two_from_the_2019_template_is_read_as_2021_and_l101_names_table_two():
    # shs-2021 (tests/corpus): table 二 copied from the 2019 template, tables 三 and 四 in the 2021 layout
    rep = testing.consistent_report(11, "2021")
    rep.meta = dataclasses.replace(rep.meta, year=2021, title="某县教育局2021年政府信息公开工作年度报告")
    text = render_text(rep, sep=" ")
    for new, old in (("本年制发件数", "本年新制作数量"), ("本年废止件数", "本年新公开数量"),
                     ("现行有效件数", "对外公开总数量"), ("本年处理决定数量", "处理决定数量"),
                     ("本年收费金额（单位：万元）", "上一年项目数量")):
        text = text.replace(new, old)
    result = check(read_bytes("mixed.txt", text.replace("\n", "").encode()), select=["L101"])
    assert result.layout == "2021"
    [d] = result.diagnostics
    assert (d.severity, d.location.table) == ("error", "二")
    assert "表二" in d.message and "“对外公开总数量”" in d.message
