"""Kind ``recognition``: report what recognition noted (a missing or unreadable table) as findings."""

from __future__ import annotations

from gklint.core.diagnostic import Location


def evaluate(rule, report, ctx):
    for note in report.notes:
        if note.kind != rule.params["note"]:
            continue
        yield rule.diagnostic(
            ctx.lang, Location(table=note.table, row=note.row, column=note.column, source=note.source),
            expected=note.official, found=note.found,
            message=note.message, table=note.table or "", row=note.row or "", column=note.column or "")
