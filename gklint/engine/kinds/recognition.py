"""Kind ``recognition``: report what recognition noted (a missing or unreadable table) as findings, each said
by the rule's template for the note's shape (``message_<shape>``, declared by the rule) or its ``message``."""

from __future__ import annotations

import re

from gklint import layouts
from gklint.core.diagnostic import Location
from gklint.core.model import Report, report_year


def evaluate(rule, report, ctx):
    kinds = {note.kind for note in report.notes}
    if rule.params.get("unless_note") in kinds:
        return  # another rule says it (no table at all: not each table missing)
    why = not_a_report(rule, report)
    for note in report.notes:
        if note.kind != rule.params["note"]:
            continue
        if why is not None:
            template, values = why
            yield rule.diagnostic(ctx.lang, Location(source=note.source), values=values, template=template)
            continue
        shaped = f"message_{note.shape}"
        yield rule.diagnostic(
            ctx.lang, Location(table=note.table, row=note.row, column=note.column, source=note.source),
            expected=note.official, found=note.found, template=shaped if rule.params.get(shaped) else "message",
            message=note.message, table=note.table or "", row=note.row or "", column=note.column or "",
            **({"count": note.count} if note.count else {}))


def not_a_report(rule, report: Report) -> tuple[str, dict] | None:
    """Why the document is no annual report in the official format, as (the rule's template, its values): the
    rule has ``report_title`` and its note is the report's, and the report's year comes before the first
    layout's, or a section is headed as only the format before 2019 heads one (``old_heading``), or none of its title lines (its title, the short lines before its first heading) names an
    annual report as ``report_title`` says. None otherwise, and when the document has no title line at all."""
    pattern = rule.params.get("report_title")
    if not pattern or not any(note.kind == rule.params["note"] for note in report.notes):
        return None
    first_year = min(layout.first_year for layout in layouts.layouts().values())
    year = report_year(report)
    if year is not None and year < first_year:
        return "message_year", {"year": year, "first_year": first_year}
    old = rule.params.get("old_heading")
    heading = next((s.heading for s in report.sections if old and s.heading and re.search(old, s.heading)), None)
    if heading is not None:
        return "message_heading", {"heading": heading}
    titles = title_lines(report, int(rule.params.get("title_line", 60)))
    if titles and not any(re.search(pattern, line) for line in titles):
        return "message_title", {"title": titles[0]}
    return None


def title_lines(report: Report, longest: int) -> list[str]:
    """The lines that may be the document's title: its title, then each line before its first heading of at most
    ``longest`` characters that is no sentence (ends in no 。)."""
    lines = [line.strip() for line in report.preamble.split("\n")]
    short = [line for line in lines if line and len(line) <= longest and "。" not in line]
    return [report.meta.title, *short] if report.meta.title else short
