"""Layout rules (L1xx): version of the tables, the notice cited, table header wording."""

from __future__ import annotations

from report_helpers import official, report, run, section

from gklint.model import Note, Table

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
