"""A table row of text with more numbers than columns ("行政许可 0 12" for one column, "规章 57 57 1 234" for three):
which of them are the row's cannot be told, so the row is not read (R102 names it and every number), rather than
its first numbers taken and the rest dropped unsaid. A footnote mark after the last value, a page number on a line
of its own after a row, change nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gklint
import pytest
from gklint import layouts
from gklint.read.text import read_text
from gklint.recognise.recognise import recognise
from gklint.testing import render_text, zero_report
from strategies import reports

SEP = "  "


def _check(text):
    return gklint.check(recognise(read_text("r.txt", text)))


def _with(text: str, line: str, new: str) -> str:
    assert text.count(f"\n{line}\n") == 1, line
    return text.replace(f"\n{line}\n", f"\n{new}\n")


@pytest.mark.parametrize("sep, old, new, row, said", [
    (SEP, "\n行政许可  0\n", "\n行政许可  0  12\n", "行政许可", "读到2个数值（“0”、“12”），应为1个"),
    (SEP, "\n规章  0  0  0\n", "\n规章  57  57  1  234\n", "规章", "读到4个数值（“57”、“57”、“1”、“234”），应为3个"),
    (None, "\n行政许可\n\n0\n", "\n行政许可\n\n0 12\n", "行政许可", "读到2个数值（“0”、“12”），应为1个"),  # one cell a line
])
def test_more_numbers_than_columns_leave_the_row_unread_and_say_so(sep, old, new, row, said):
    text = render_text(zero_report("2021", year=2023), sep=sep)
    assert text.count(old) == 1
    result = _check(text.replace(old, new))
    [r102] = [d for d in result.diagnostics if d.rule == "R102"]
    assert r102.severity == "warning" and f"“{row}”一行{said}" in r102.message
    assert [d.rule for d in result.diagnostics] == ["R102"]  # no blank-cell (C201) or sum finding on the unread row
    spec = layouts.get("2021").table("二")
    assert all(c.kind == "blank" for (r, _), c in result.report.tables["二"].cells.items() if spec.row(r).label == row)


def test_a_table_three_row_with_an_eighth_number_is_unread_not_blank():
    text = render_text(zero_report("2021", year=2023), sep=SEP)
    line = "（一）予以公开" + SEP + SEP.join(["0"] * 7)
    result = _check(_with(text, line, line + SEP + "3"))
    assert [(d.rule, d.severity) for d in result.diagnostics] == [("R102", "warning")]


@pytest.mark.parametrize("after", [SEP + "①", SEP + "*", SEP + "注", "\n\n- 3 -", "\n\n3"])
def test_a_footnote_mark_or_a_page_number_after_a_row_changes_nothing(after):
    text = render_text(zero_report("2021", year=2023), sep=SEP)
    result = _check(_with(text, "规章  0  0  0", "规章  0  0  0" + after))
    assert result.diagnostics == []


def _row_lines(report):
    """Each data row of tables 二 and 三 as its line in the text, with its table and row id."""
    layout = layouts.get(report.layout)
    text = render_text(report, sep=SEP)
    for key in ("二", "三"):
        for row in layout.table(key).data_rows:
            prefix = row.label + SEP
            lines = [ln for ln in text.split("\n") if ln.startswith(prefix)]
            if len(lines) == 1:
                yield key, row, lines[0]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.data())
def test_a_number_added_to_any_row_leaves_only_that_row_unread(report, data):
    text = render_text(report, sep=SEP)
    key, row, line = data.draw(st.sampled_from(list(_row_lines(report))))
    extra = data.draw(st.integers(0, 9999))
    back = recognise(read_text("r.txt", _with(text, line, f"{line}{SEP}{extra}")))
    clean = recognise(read_text("r.txt", text))
    unread = [n for n in back.notes if n.kind == "table_unreadable"]
    assert [(n.table, n.row) for n in unread] == [(key, row.label)]
    assert str(extra) in unread[0].found.split()
    for t, table in clean.tables.items():
        for (r, c), cell in table.cells.items():
            got = back.tables[t].cells[(r, c)]
            if (t, r) == (key, row.id):
                assert got.kind == "blank"
            else:
                assert (got.kind, got.value) == (cell.kind, cell.value)
    assert not [d for d in gklint.check(back).diagnostics if d.severity == "error"]
