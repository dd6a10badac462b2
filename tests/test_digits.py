"""Cells whose digits a copy ran together: recovered only when exactly one split satisfies the totals."""

import gklint
from gklint.recognise.digits import splits
from gklint.recognise.recognise import recognise
from gklint.read.text import read_text

ROW_TOTAL = {6: (0, 1, 2, 3, 4, 5)}


def test_the_issue_example_has_one_split():
    assert splits(["640020470"], 7, ROW_TOTAL) == [[64, 0, 0, 2, 0, 4, 70]]


def test_no_leading_zeros_and_every_token_used():
    assert splits(["0000000"], 7, ROW_TOTAL) == [[0] * 7]
    assert splits(["000000"], 7, ROW_TOTAL) == []  # six digits cannot fill seven cells
    assert splits(["64", "0020470"], 7, ROW_TOTAL) == [[64, 0, 0, 2, 0, 4, 70]]


def test_ambiguous_runs_return_every_split():
    assert splits(["101000011"], 7, ROW_TOTAL) == [[1, 0, 10, 0, 0, 0, 11], [10, 1, 0, 0, 0, 0, 11]]
    assert splits(["11000002"], 7, ROW_TOTAL) == []  # no split adds up: not a run-together row


def test_without_a_total_nothing_is_guessed():
    assert splits(["300"], 3, {}) == []


def _report(row_line: str):
    text = f"三、收到和处理政府信息公开申请情况\n（一）予以公开 {row_line}\n（七）总计 64 0 0 2 0 4 70\n"
    return recognise(read_text("t.txt", text), version="2021")


def test_stream_row_is_split_and_noted():
    report = _report("640020470")
    t3 = report.tables["三"]
    assert [t3.cells[("granted", c)].value for c in
            ("natural", "business", "research", "public_interest", "legal_services", "other_orgs", "total")] == \
        [64, 0, 0, 2, 0, 4, 70]
    [note] = [n for n in report.notes if n.kind == "digits_split"]
    assert "640020470" in note.message and "64、0、0、2、0、4、70" in note.message
    result = gklint.check(report, select=["R104", "T"])
    assert [d.rule for d in result.diagnostics] == ["R104"]


def test_ambiguous_stream_row_is_left_blank_and_said():
    report = _report("101000011")
    t3 = report.tables["三"]
    assert all(t3.cells[("granted", c)].kind == "blank" for c in ("natural", "total"))
    [note] = [n for n in report.notes if n.kind == "table_unreadable" and n.row == "（一）予以公开"]
    assert "101000011" in note.message and "2种" in note.message and "无法确定" in note.message
    found = [d for d in gklint.check(report, select=["R102", "R104", "C201"]).diagnostics
             if d.location.row == "（一）予以公开"]
    assert [d.rule for d in found] == ["R102"]  # reported once, as unreadable; not split, not "blank"


def test_table_four_run_is_split_by_its_three_totals():
    header = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n"
    report = recognise(read_text("t.txt", header + "100120000010001\n"), version="2021")
    t4 = report.tables["四"]
    got = [t4.cells[(r, c)].value for r in ("review", "litigation_direct", "litigation_after_review")
           for c in ("upheld", "corrected", "other", "pending", "total")]
    assert got == [1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]
