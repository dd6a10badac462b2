"""Kind ``recognition``: report what recognition noted (a missing or unreadable table) as findings."""

from __future__ import annotations

from gklint.engine.diagnostic import Diagnostic, Location


def evaluate(rule, report, ctx):
    for note in report.notes:
        if note.kind != rule.params["note"]:
            continue
        yield Diagnostic(
            rule=rule.id, severity=rule.severity, title=rule.text("title", ctx.lang),
            message=rule.render(ctx.lang, message=note.message, table=note.table or "",
                                row=note.row or "", column=note.column or ""),
            location=Location(table=note.table, row=note.row, column=note.column, source=note.source),
            expected=note.official, found=note.found)
