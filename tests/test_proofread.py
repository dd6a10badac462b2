"""The table's own totals as proof-reader of scanned cells (gklint.recognise.proofread): no OCR needed here.

The text PDF of huaian-2024 is read, its tables are treated as if scanned, and cells are taken away or made
doubtful; what the totals recover must be exactly what the report says, and what they cannot must be
reported, never guessed.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from functools import cache

from hypothesis import given, settings, strategies as st

from gklint import layouts as L
from gklint.ingest import read_report
from gklint.recognise.proofread import equations, proofread, scanned_note, verdict
from gklint.core.model import Cell
from scans import FIXTURE


@cache
def _report():
    return read_report(str(FIXTURE))


def _scanned_copy():
    """The report's tables, every cell's source marked as read by OCR with full confidence."""
    report = _report()
    tables = copy.deepcopy(report.tables)
    for table in tables.values():
        for key, cell in table.cells.items():
            table.cells[key] = replace(cell, source=replace(cell.source, confidence=1.0))
    return tables, set(range(1, 7))


def _cells_of(key: str):
    layout = L.get(_report().layout)
    return [(r.id, c.id) for r, c in layout.table(key).cells()]


def test_every_total_holds_in_the_fixture():
    tables, pages = _scanned_copy()
    held, checked, failed = verdict(tables, L.get(_report().layout), pages)
    assert checked > 30 and held == checked and failed == []
    note = scanned_note(tables, L.get(_report().layout), sorted(pages), 6)
    assert note.kind == "image_only" and f"{checked} 个合计关系全部成立" in note.message and "全文" in note.message


def test_a_missed_cell_is_inferred_and_said():
    tables, pages = _scanned_copy()
    original = tables["三"].cells[("refused_state_secret", "natural")]
    tables["三"].cells[("refused_state_secret", "natural")] = Cell("blank", None, "", original.source)
    notes = proofread(tables, [], L.get(_report().layout), pages)
    cell = tables["三"].cells[("refused_state_secret", "natural")]
    assert cell.kind == "number" and cell.value == original.value and cell.doubt
    inferred = [n for n in notes if n.kind == "ocr_inferred"]
    assert len(inferred) == 1 and inferred[0].official == str(original.value) and "推算" in inferred[0].message


def test_a_doubtful_reading_the_totals_contradict_is_replaced():
    tables, pages = _scanned_copy()
    key = ("granted", "natural")
    original = tables["三"].cells[key]
    wrong = original.value + 3
    tables["三"].cells[key] = Cell("number", wrong, str(wrong), replace(original.source, confidence=0.5))
    notes = proofread(tables, [], L.get(_report().layout), pages)
    assert tables["三"].cells[key].value == original.value
    (note,) = [n for n in notes if n.kind == "ocr_inferred"]
    assert note.found == str(wrong) and "0.50" in note.message


def test_a_doubtful_reading_the_totals_confirm_is_kept_silently():
    tables, pages = _scanned_copy()
    key = ("granted", "total")
    original = tables["三"].cells[key]
    tables["三"].cells[key] = replace(original, source=replace(original.source, confidence=0.5))
    assert proofread(tables, [], L.get(_report().layout), pages) == []
    assert tables["三"].cells[key].value == original.value


def test_what_the_totals_cannot_determine_stays_unread_and_is_reported():
    tables, pages = _scanned_copy()
    # two unknowns in one row and in the rows' (七)总计 column sums: each of the row's equations has two
    for key in [("granted", "natural"), ("granted", "business"), ("partly_granted", "natural"),
                ("partly_granted", "business")]:
        cell = tables["三"].cells[key]
        tables["三"].cells[key] = Cell("blank", None, "", cell.source)
    notes = proofread(tables, [], L.get(_report().layout), pages)
    unread = [n for n in notes if n.kind == "table_unreadable"]
    assert len(unread) == 4 and all("不足以确定" in n.message for n in unread)
    assert all(tables["三"].cells[k].kind == "blank" for k in [("granted", "natural"), ("partly_granted", "business")])


def test_table_two_has_no_totals_so_nothing_is_inferred_there():
    tables, pages = _scanned_copy()
    key = ("regulations", "issued")
    cell = tables["二"].cells[key]
    tables["二"].cells[key] = Cell("blank", None, "", cell.source)
    notes = proofread(tables, [], L.get(_report().layout), pages)
    assert [n.kind for n in notes] == ["table_unreadable"] and tables["二"].cells[key].kind == "blank"


def test_tables_not_scanned_are_left_alone():
    tables = copy.deepcopy(_report().tables)
    key = ("granted", "natural")
    tables["三"].cells[key] = Cell("blank", None, "", tables["三"].cells[key].source)
    assert proofread(tables, [], L.get(_report().layout), set()) == []
    assert tables["三"].cells[key].kind == "blank"


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_recovered_values_are_never_wrong(data):
    """Whatever cells of table 三 are lost, every value the totals recover is the report's own, and every
    lost cell is either recovered or reported."""
    tables, pages = _scanned_copy()
    keys = _cells_of("三")
    lost = data.draw(st.lists(st.sampled_from(keys), min_size=1, max_size=12, unique=True))
    original = {k: tables["三"].cells[k].value for k in lost}
    for k in lost:
        tables["三"].cells[k] = Cell("blank", None, "", tables["三"].cells[k].source)
    notes = proofread(tables, [], L.get(_report().layout), pages)
    reported = {(n.row, n.column) for n in notes if n.kind == "table_unreadable"}
    spec = L.get(_report().layout).table("三")
    for k in lost:
        cell = tables["三"].cells[k]
        if cell.kind == "number":
            assert cell.value == original[k]
        else:
            assert (spec.row(k[0]).label, spec.row(k[0]).column(k[1]).label) in reported


def test_equations_come_from_the_layout():
    eqs = equations(L.get("2021"))
    assert {e.table for e in eqs} == {"三", "四"}
    assert any(e.total == ("total", "natural") and ("granted", "natural") in e.parts for e in eqs)


def test_a_row_ocr_read_nothing_of_is_reported_once():
    tables, pages = _scanned_copy()
    layout = L.get(_report().layout)
    row = layout.table("三").row("granted")
    for col in row.columns:
        cell = tables["三"].cells[(row.id, col.id)]
        tables["三"].cells[(row.id, col.id)] = Cell("blank", None, "", cell.source)
    # the row's own 总计 equation has seven unknowns, but each column's (七)总计 equation has one: recovered
    notes = proofread(tables, [], layout, pages)
    assert all(tables["三"].cells[(row.id, c.id)].value == _report().tables["三"].cells[(row.id, c.id)].value
               for c in row.columns)
    assert [n.kind for n in notes] == ["ocr_inferred"] * len(row.columns)
    tables, pages = _scanned_copy()
    for col in row.columns:  # and with the (七)总计 row lost too, nothing determines either row
        for r in (row.id, "total"):
            cell = tables["三"].cells[(r, col.id)]
            tables["三"].cells[(r, col.id)] = Cell("blank", None, "", cell.source)
    notes = proofread(tables, [], layout, pages)
    assert sorted(n.row for n in notes) == sorted([row.label, layout.table("三").row("total").label])
    assert all(n.kind == "table_unreadable" and "一行" in n.message for n in notes)


def test_a_digit_misread_as_a_letter_is_doubtful():
    tables, pages = _scanned_copy()
    key = ("refused_state_secret", "research")  # 0 in the report
    cell = tables["三"].cells[key]
    tables["三"].cells[key] = Cell("text", None, "D", replace(cell.source, confidence=0.31))
    notes = proofread(tables, [], L.get(_report().layout), pages)
    assert tables["三"].cells[key].kind == "number" and tables["三"].cells[key].value == 0
    assert [n.found for n in notes if n.kind == "ocr_inferred"] == ["D"]
