"""Kind ``recognition``: report what recognition noted (a missing or unreadable table) as findings, each said
by the rule's template for the note's shape (``message_<shape>``, declared by the rule) or its ``message``."""

from __future__ import annotations

from gklint.core.diagnostic import Location


def evaluate(rule, report, ctx):
    for note in report.notes:
        if note.kind != rule.params["note"]:
            continue
        shaped = f"message_{note.shape}"
        yield rule.diagnostic(
            ctx.lang, Location(table=note.table, row=note.row, column=note.column, source=note.source),
            expected=note.official, found=note.found, template=shaped if rule.params.get(shaped) else "message",
            message=note.message, table=note.table or "", row=note.row or "", column=note.column or "",
            **({"count": note.count} if note.count else {}))
