"""What scanned reports taught the proof-reader (gklint.recognise.proofread): no OCR needed here.

As in tests/test_proofread.py, the text PDF of huaian-2024 is read and its tables treated as if scanned
(every cell with a confidence); cells are then read doubtfully, as a seal or a photographed page makes OCR
read them, and the findings on the report are compared with those on its text.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from hypothesis import given, settings, strategies as st

from gklint import api, layouts as L
from gklint.core.model import Cell
from gklint.recognise.proofread import proofread, scanned_note
from test_proofread import _cells_of, _report, _scanned_copy

# a 2×2 square of table 三: each total through one of them has another of them in it
SQUARE = [("granted", "natural"), ("granted", "business"), ("partly_granted", "natural"), ("partly_granted", "business")]


def _layout():
    return L.get(_report().layout)


def _read_at(tables, key, place, confidence, raw=None):
    cell = tables[key].cells[place]
    if raw is None:
        tables[key].cells[place] = replace(cell, source=replace(cell.source, confidence=confidence))
    else:
        tables[key].cells[place] = Cell("text", None, raw, replace(cell.source, confidence=confidence))


def test_doubtful_readings_every_read_total_confirms_are_kept():
    tables, pages = _scanned_copy()
    original = {k: tables["三"].cells[k].value for k in SQUARE}
    for k in SQUARE:  # two doubtful readings in every total through them: no total determines one alone
        _read_at(tables, "三", k, 0.75)
    assert proofread(tables, [], _layout(), pages) == []
    assert {k: tables["三"].cells[k].value for k in SQUARE} == original


def test_a_doubtful_reading_a_read_total_contradicts_is_not_kept():
    """One of the four misread: the one whose totals hold as read is kept, and the totals then put the
    misread one right (never keep it as read)."""
    tables, pages = _scanned_copy()
    for k in SQUARE:
        _read_at(tables, "三", k, 0.75)
    right = tables["三"].cells[SQUARE[0]].value
    tables["三"].cells[SQUARE[0]] = replace(tables["三"].cells[SQUARE[0]], value=right + 1, raw=str(right + 1))
    notes = proofread(tables, [], _layout(), pages)
    assert tables["三"].cells[SQUARE[0]].value == right
    assert [(n.kind, n.found, n.official) for n in notes] == [("ocr_inferred", str(right + 1), str(right))]


def test_no_cell_is_inferred_through_a_total_that_fails_as_read():
    """（七）总计 of a column misprinted (read confidently); a cell of that column OCR missed, beside
    another in its row: the column's failing total must not fill it (it would move the misprint there)."""
    tables, pages = _scanned_copy()
    total = tables["三"].cells[("total", "natural")]
    tables["三"].cells[("total", "natural")] = replace(total, value=total.value + 1, raw=str(total.value + 1))
    original = {k: tables["三"].cells[k].value for k in SQUARE[:2]}
    for k in SQUARE[:2]:
        tables["三"].cells[k] = Cell("blank", None, "", tables["三"].cells[k].source)
    notes = proofread(tables, [], _layout(), pages)
    for k in SQUARE[:2]:
        cell = tables["三"].cells[k]
        assert cell.kind == "blank" or cell.value == original[k], (k, cell)
    assert all(n.kind == "table_unreadable" for n in notes) and len(notes) == 2


def test_words_without_a_digit_in_a_scanned_cell_are_unread_not_a_text_cell():
    tables, pages = _scanned_copy()
    _read_at(tables, "二", ("regulations", "issued"), 1.0, raw="政务公开S")  # a seal's characters
    _read_at(tables, "三", ("granted", "natural"), 1.0, raw="县交")
    original = _report().tables["三"].cells[("granted", "natural")].value
    notes = proofread(tables, [], _layout(), pages)
    assert tables["二"].cells[("regulations", "issued")].kind == "blank"
    (unread,) = [n for n in notes if n.kind == "table_unreadable"]
    assert "“政务公开S”，不是数字" in unread.message and "置信度" not in unread.message
    assert tables["三"].cells[("granted", "natural")].value == original
    (inferred,) = [n for n in notes if n.kind == "ocr_inferred"]
    assert "“县交”，不是数字" in inferred.message


def test_words_with_a_digit_or_a_text_layer_cell_stay_text():
    tables, pages = _scanned_copy()
    _read_at(tables, "二", ("regulations", "issued"), 1.0, raw="见附件3")
    proofread(tables, [], _layout(), pages)
    assert tables["二"].cells[("regulations", "issued")].raw == "见附件3"
    tables = copy.deepcopy(_report().tables)  # not scanned: the text layer's words are the report's
    _read_at(tables, "二", ("regulations", "issued"), None, raw="见附件")
    proofread(tables, [], _layout(), set())
    assert tables["二"].cells[("regulations", "issued")].raw == "见附件"


def _checked(tables):
    report = copy.copy(_report())
    report.tables = tables
    return api.check(report).diagnostics


def test_an_identity_failing_through_scanned_cells_is_a_warning_that_says_so():
    """A figure changed and read with full confidence: on the text an error, on the scan a warning that
    says the table was read by OCR from an image."""
    place = ("granted", "natural")
    text = copy.deepcopy(_report().tables)
    cell = text["三"].cells[place]
    text["三"].cells[place] = replace(cell, value=cell.value + 1, raw=str(cell.value + 1))
    scanned = copy.deepcopy(text)
    for table in scanned.values():
        for key, c in table.cells.items():
            table.cells[key] = replace(c, source=replace(c.source, confidence=1.0))
    notes = proofread(scanned, [], _layout(), set(range(1, 7)))
    assert notes == []  # read confidently: nothing inferred, nothing dropped
    on_text = {(d.rule, d.location.row, d.location.column): d for d in _checked(text) if d.rule[0] == "T"}
    on_scan = {(d.rule, d.location.row, d.location.column): d for d in _checked(scanned) if d.rule[0] == "T"}
    assert on_text and on_text.keys() == on_scan.keys()
    assert all(d.severity == "error" for d in on_text.values())
    assert all(d.severity == "warning" and "文字识别（OCR）从图片读出" in d.message for d in on_scan.values())


def test_no_table_read_is_said_not_counted():
    tables, pages = _scanned_copy()
    note = scanned_note({}, _layout(), sorted(pages), 6)
    assert "没有读出可用表内合计关系核对的表格" in note.message and note.found is None
    read = scanned_note(tables, _layout(), sorted(pages), 6)
    assert "全部成立" in read.message and read.found.split("/")[0] == read.found.split("/")[1] != "0"


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_right_doubtful_readings_are_all_kept_and_one_misread_never_is(data):
    """Whatever block of table 三's cells reads doubtfully (a lone "0" at 0.75), a consistent table loses none
    of them and says nothing; when one of them is misread too, no cell ends up with a value the report does not have."""
    tables, pages = _scanned_copy()
    keys = [k for k in _cells_of("三") if tables["三"].cells[k].kind == "number"]
    # a block of rows × columns: every total through one of them has another of them in it
    rows = data.draw(st.lists(st.sampled_from(sorted({r for r, _ in keys})), min_size=2, max_size=3, unique=True))
    cols = data.draw(st.lists(st.sampled_from(sorted({c for _, c in keys})), min_size=2, max_size=3, unique=True))
    doubtful = [(r, c) for r in rows for c in cols if (r, c) in keys]
    original = {k: tables["三"].cells[k].value for k in keys}
    for k in doubtful:
        _read_at(tables, "三", k, 0.75)
    assert proofread(copy.deepcopy(tables), [], _layout(), pages) == []
    misread = data.draw(st.sampled_from(doubtful))
    cell = tables["三"].cells[misread]
    tables["三"].cells[misread] = replace(cell, value=cell.value + 1, raw=str(cell.value + 1))
    proofread(tables, [], _layout(), pages)
    assert all(tables["三"].cells[k].kind == "blank" or tables["三"].cells[k].value == original[k] for k in keys)
