"""Table identities over cells left blank: read as 0 where the total they are reported at is a number.

A consistent report with some of its zeros left blank has no identity finding; with one zero left blank and
one other cell changed, every identity through the changed cell that is not reported at the blank finds it,
at its place (an error, or a warning saying which blanks were read as 0 when the blank is one of its terms),
and nothing else does. Blanks of rows recognition could not read, and "/" cells, are not read as 0.
"""

from __future__ import annotations

import copy
import json
from dataclasses import replace

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import gklint
from gklint import layouts
from gklint.core.model import NUMBERS_UNREAD, Cell, Note
from gklint.engine import tables
from gklint.engine.messages import message_in
from gklint.engine.rules import load_rules
from gklint.recognise.json_format import from_json, to_json
from gklint.testing import IDENTITY_TABLES, build_case_report, data_cells
from strategies import corrupted_reports, reports

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
IDENTITIES = tuple(r for r in load_rules() if r.kind == "identity")
IDS = {r.id for r in IDENTITIES}
READ_AS_ZERO = "已按0计"


def identity_findings(report, **options):
    return [d for d in gklint.check(report, **options).diagnostics if d.rule in IDS]


def zero_cells(report):
    layout = layouts.get(report.layout)
    return [(t, row.id, col.id) for t, row, col in data_cells(layout, IDENTITY_TABLES)
            if report.value(t, row.id, col.id) == 0]


def blanked(report, cells):
    out = copy.deepcopy(report)
    for t, row, col in cells:
        out.tables[t].cells[(row, col)] = Cell.blank()
    return out


@SETTINGS
@given(st.data())
def test_zeros_left_blank_in_a_consistent_report_add_no_identity_finding(data):
    report = data.draw(reports())
    zeros = zero_cells(report)
    assume(zeros)
    picked = zeros if data.draw(st.booleans()) else data.draw(st.lists(st.sampled_from(zeros), min_size=1))
    assert identity_findings(blanked(report, picked)) == []


@SETTINGS
@given(st.data())
def test_one_changed_cell_beside_one_zero_left_blank_is_found_at_its_place(data):
    corruption = data.draw(corrupted_reports())
    changed = (corruption.table, corruption.row.id, corruption.column.id)
    zeros = [c for c in zero_cells(corruption.report) if c != changed]
    assume(zeros)
    blank = data.draw(st.sampled_from(zeros))
    report = blanked(corruption.report, [blank])
    through = tables.witnesses(IDENTITIES, report.layout)
    anchored_at_blank = layouts.cell_key(*blank)
    expected = {(i.rule.id, i.row, i.column): i for i in through[changed] if i.anchor != anchored_at_blank}
    found = {(d.rule, d.location.row, d.location.column): d for d in identity_findings(report)}
    assert set(found) == set(expected), (corruption.describe(), blank, [d.message for d in found.values()])
    for key, inst in expected.items():
        d = found[key]
        if inst in through.get(blank, ()):
            assert READ_AS_ZERO in d.message and d.severity in ("error", "warning")
            assert any(p.value is None for p in d.parts)
        else:
            assert READ_AS_ZERO not in d.message and d.severity == "error"


def review(**cells):
    """A report of zeros with the 行政复议 row of table 四 as given ("" a blank)."""
    return build_case_report({"cells": {f"四.review.{k}": v for k, v in cells.items()}})


def test_parts_over_the_total_with_blank_parts_are_an_error_that_names_the_blanks():
    [d] = identity_findings(review(upheld=2, corrected="", other="", pending=1, total=2))
    assert (d.rule, d.severity, d.expected, d.found) == ("T401", "error", 3, 2)
    assert [p.value for p in d.parts] == [2, None, None, 1, 2]
    assert [p["value"] for p in d.to_dict()["parts"]] == [2, None, None, 1, 2]
    assert d.message.endswith("（其中“结果纠正”等2格为空白，已按0计）")
    assert message_in(d, "en").endswith("(2 blank cells, such as “结果纠正”, read as 0)")


def test_a_total_over_its_parts_beside_blanks_that_read_as_zero_is_a_warning():
    [d] = identity_findings(review(upheld=2, corrected="", pending=1, total=4))
    assert (d.rule, d.severity, d.expected, d.found) == ("T401", "warning", 3, 4)
    assert d.message.endswith("（其中“结果纠正”为空白，已按0计）")


def test_an_uncertain_reading_lowers_the_severity_and_both_notes_are_said():
    report = review(upheld=2, corrected="", pending=1, total=2)
    cells = report.tables["四"].cells
    cells[("review", "upheld")] = replace(cells[("review", "upheld")], doubt="“21”拆为2、1")
    [d] = identity_findings(report)
    assert d.severity == "warning"
    assert "已按0计" in d.message and "读法不确定" in d.message
    assert set(d.values["appended"]) == {"zh", "en"}
    english = message_in(d, "en")
    assert "read as 0" in english and "the reading is uncertain" in english


def test_blanks_of_a_row_recognition_could_not_read_are_not_read_as_zero():
    report = review(upheld=2, corrected="", pending=1, total=2)
    assert identity_findings(report)
    label = layouts.get(report.layout).table("四").row("review").label
    report.notes.append(Note("table_unreadable", "x", table="四", row=label))
    assert identity_findings(report) == []


def test_a_slash_term_is_not_read_as_zero():
    assert identity_findings(review(upheld=2, corrected="/", pending=1, total=2)) == []


def test_a_blank_that_is_no_zero_is_so_whatever_rules_are_selected():
    """A blank 总计 beside filled applicant columns is no zero (T303 through it fails read so): T302 over the
    总计 column, which holds it, is not judged, with T303 run or not."""
    report = build_case_report({"cells": {"三.new.natural": 5, "三.new.total": 5, "三.granted.natural": 5,
                                          "三.granted.total": "", "三.total.natural": 5, "三.total.total": 5}})
    assert identity_findings(report) == []
    assert identity_findings(report, select=["T302"]) == []


def test_blanks_of_a_table_with_numbers_left_unread_are_not_read_as_zero():
    """A row of numbers recognition could not place (its label split from them: "数量 | 502 …") leaves its
    official row blank: those blanks are no zeros, and an identity through them is not judged, in either
    direction (the numbers read beside them may have gone astray too); one without blanks still is."""
    note = Note("table_unreadable", f"表四中“数量”一行不是官方的行，{NUMBERS_UNREAD}", table="四", numbers_unread=True)
    closable = review(upheld=2, corrected="", pending=1, total=4)
    certain = review(upheld=2, corrected="", other="", pending=1, total=2)  # the blanks can only widen it
    filled = review(upheld=2, corrected=0, other=0, pending=1, total=2)
    assert identity_findings(closable) and identity_findings(certain) and identity_findings(filled)
    for report in (closable, certain, filled):
        report.notes.append(note)
    assert identity_findings(closable) == identity_findings(certain) == []
    assert [d.rule for d in identity_findings(filled)] == ["T401"]


@SETTINGS
@given(st.data())
def test_no_blank_is_read_as_zero_in_a_table_with_numbers_left_unread(data):
    """Whatever cells of a report with one changed cell went astray (left blank), a note that the table held
    numbers left unread leaves no finding of that table that reads a blank as 0."""
    corruption = data.draw(corrupted_reports())
    key = corruption.table
    cells = [(t, row.id, col.id) for t, row, col in data_cells(layouts.get(corruption.report.layout), (key,))]
    report = blanked(corruption.report, data.draw(st.lists(st.sampled_from(cells), min_size=1, max_size=8)))
    report.notes.append(Note("table_unreadable", f"表{key}中“数量”一行不是官方的行，{NUMBERS_UNREAD}", table=key,
                             numbers_unread=True))
    assert not [d for d in identity_findings(report)
                if d.location.table == key and any(p.value is None for p in d.parts)]


def test_the_fact_survives_gklints_json():
    report = review(upheld=2, corrected="", pending=1, total=4)
    report.notes.append(Note("table_unreadable", "表四中“数量”一行不是官方的行", table="四", numbers_unread=True))
    data = to_json(report)
    assert data["notes"][-1]["numbers_unread"] is True
    for back in (from_json(data), from_json(json.loads(json.dumps(data)))):
        assert back.notes[-1].numbers_unread is True and identity_findings(back) == []


def test_the_same_words_without_the_fact_leave_blanks_read_as_zero():
    """What counts is the note's ``numbers_unread``, not its wording."""
    report = review(upheld=2, corrected="", pending=1, total=4)
    report.notes.append(Note("table_unreadable", f"表四中“数量”一行不是官方的行，{NUMBERS_UNREAD}", table="四"))
    assert identity_findings(report)
