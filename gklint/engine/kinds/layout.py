"""Rules of kind ``layout``: the layout version the report follows, the notice it cites, and table
headers worded differently from the official ones.

Each rule names its check in ``check:`` (rules/layout.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from gklint import layouts
from gklint.core.model import report_year
from gklint.core.diagnostic import Diagnostic, Location
from gklint.engine.kinds import dispatch
from gklint.engine.rules import Rule
from gklint.core.model import Report
from gklint.core.template import LANGS
from gklint.core.text import sentence_span
from gklint.textutil import lines, places


def _note_kind(note) -> str | None:
    return getattr(note, "kind", None)


def _tables_read(report: Report) -> bool:
    """Were the tables actually found (so that ``report.layout`` was told from them)?"""
    if any(_note_kind(n) == "layout_unknown" for n in report.notes):
        return False
    return any(t.found for t in report.tables.values())


@cache
def _only_in(version: str) -> tuple[str, ...]:
    """Column headers of ``version``'s distinctive table (二) that no other layout uses (本年新制作数量,
    上一年项目数量…)."""
    table = layouts.get(version).distinctive
    mine = {n for col in layouts.get(version).table(table).columns for n in col.names}
    others = {n for v, lay in layouts.layouts().items() if v != version
              for col in lay.table(table).columns for n in col.names}
    own = {n for n in mine - others if not any(n in o for o in others)}
    return tuple(sorted(own, key=len, reverse=True))


def _header_location(report: Report, version: str, table: str | None = None, ctx=None) -> Location:
    """Where a header peculiar to ``version`` is written, or the table when it is not in the text; by
    default in the layout's distinctive table."""
    table = table or layouts.get(version).distinctive
    names = _only_in(version) if table == layouts.get(version).distinctive else tuple(
        h for h in (report.layout_markers or {}).get(version, {}).get(table, ()))
    for place in places(report, ctx, preamble=False):
        hits = [(at, -len(name), name) for name in names if (at := place.text.find(name)) >= 0]
        if hits:
            at, _, name = min(hits)
            return place.location(at, at + len(name), table=table)
    found = report.tables.get(table)
    return Location(table=table, source=found.source if found is not None else None)


def _quoted(labels, most: int = 3) -> dict | str:
    """Up to ``most`` labels, quoted, as each language lists them; "—" for none."""
    if not labels:
        return "—"
    return {lg: ("" if lg == "zh" else ", ").join(f"“{x}”" for x in labels[:most]) for lg in LANGS}


def old_tables(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    """Certain (the rule's severity) for each table whose headers are only the old layout's (quoted), or
    when the layout was declared (gklint JSON); when the tables were merely read better with the old
    layout, or old and new headers are mixed in one table, a warning that says so."""
    year = report_year(report)
    old, new = rule.params.get("old", "2019"), rule.params.get("new", "2021")
    since = layouts.get(new).first_year
    if year is None or year < since or not _tables_read(report):
        return
    values = dict(year=year, old=old, new=new, old_notice=layouts.get(old).notice,
                  new_notice=layouts.get(new).notice)
    markers = report.layout_markers
    if markers is None:
        if report.layout == old:
            yield rule.diagnostic(ctx.lang, _header_location(report, old, ctx=ctx), expected=new, found=old,
                                  template="message_declared", **values)
        return
    old_found, new_found = markers.get(old, {}), markers.get(new, {})
    blocks = {t: _old_only(t, old_found.get(t, ()), new_found.get(t, ()), old, new) for t in layouts.get(old).tables}
    certain = [t for t, headers in blocks.items() if headers]
    for table in certain:
        headers = blocks[table]
        yield rule.diagnostic(ctx.lang, _header_location(report, old, table, ctx), expected=new, found=headers[0],
                              table=table, headers=_quoted(headers), **values)
    if not certain and report.layout == old:
        olds = [h for hs in old_found.values() for h in hs]
        news = [h for hs in new_found.values() for h in hs]
        yield rule.diagnostic(ctx.lang, _header_location(report, old, ctx=ctx), expected=new, found=old,
                              severity=rule.params["weak_severity"], template="message_weak",
                              headers=_quoted(olds), new_headers=_quoted(news),
                              **values)


def _old_only(table: str, old_found, new_found, old: str, new: str) -> list[str]:
    """The old layout's headers found in ``table``, when it holds none of the new layout's; else those whose block
    (第二十条第（一）项), one the new layout has too, holds none of the new layout's headers for that block: the
    block is the superseded one (a 2021 table 二 whose block (一) reads 本年新制作数量, its other blocks new)."""
    if not new_found:
        return list(old_found)
    olds, news = _block_headers(old, table), _block_headers(new, table)
    found_new = {block for block, names in news.items() for h in new_found if h in names}
    return [h for h in old_found if any(h in names and block in news and block not in found_new
                                        for block, names in olds.items())]


@cache
def _block_headers(version: str, table: str) -> dict[str | None, frozenset[str]]:
    """The column names of each block of ``version``'s ``table`` by its heading (None: a table without blocks)."""
    out: dict[str | None, set[str]] = {}
    for row in layouts.get(version).table(table).data_rows:
        out.setdefault(row.block, set()).update(n for col in row.columns for n in col.names)
    return {block: frozenset(names) for block, names in out.items()}


def new_tables_early(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    year = report_year(report)
    new = rule.params.get("new", "2021")
    since = layouts.get(new).first_year
    if year is None or year >= since or report.layout != new or not _tables_read(report):
        return
    yield rule.diagnostic(ctx.lang, _header_location(report, new, ctx=ctx), expected=layouts.for_year(year).version, found=new,
                year=year, new=new, new_notice=layouts.get(new).notice, since=since)


def superseded_notice(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    year = report_year(report)
    since = int(rule.params.get("from_year", 2021))
    if year is None or year < since:
        return
    citations = list(_old_citations(rule, places(report, ctx)))
    found = next((c for c in citations if c[2]), citations[0] if citations else None)
    if found is None:
        return
    place, m, certain = found
    weak = {} if certain else {"severity": rule.params["weak_severity"], "template": "message_weak"}
    yield rule.diagnostic(ctx.lang, place.location(*m.span()),
                          expected=rule.params.get("current", ""), found=m.group(0), cited=m.group(0),
                          year=year, current=rule.params.get("current", ""), **weak)


def _old_citations(rule: Rule, places_) -> Iterator[tuple]:
    """(place, match, certain) of each citation of the superseded format, in order, outside a sentence that
    says it no longer applies (``excuse_words``). Its title (``title_pattern``) is always certain. The old
    notice's number (``pattern``) issued more than the format (the deadlines, which stay in force): it is
    certain in a sentence about the format (``format_words``), weak in another one unless that sentence is
    about a deadline (``deadline_words``), and not a citation of the format at all in a report that cites the
    current notice (``current_pattern``)."""
    params = rule.params
    excuses = tuple(params.get("excuse_words", ()))
    number = re.compile(params["pattern"])
    title = re.compile(params["title_pattern"]) if params.get("title_pattern") else None
    current = params.get("current_pattern")
    cites_current = bool(current) and any(re.search(current, place.text) for place in places_)
    for place in places_:
        for m in sorted((*(title.finditer(place.text) if title else ()),
                         *(() if cites_current else number.finditer(place.text))), key=re.Match.start):
            sentence = place.text[slice(*sentence_span(place.text, m.start(), m.end()))]
            if any(w in sentence for w in excuses):
                continue
            if m.re is title or any(w in sentence for w in params.get("format_words", ())):
                yield place, m, True
            elif not any(w in sentence for w in params.get("deadline_words", ())):
                yield place, m, False


def header_alias(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    seen: set[tuple] = set()
    for note in report.notes:
        if _note_kind(note) != rule.params.get("note_kind", "header_alias"):
            continue
        found, official = getattr(note, "found", None), getattr(note, "official", None)
        if not found or not official:
            continue
        key = (note.table, found, official)
        if key in seen:
            continue
        seen.add(key)
        quote_text = _line_with(report, found, ctx) or found
        yield rule.diagnostic(ctx.lang, Location(table=note.table, row=note.row, column=note.column, quote=quote_text,
                                        source=note.source),
                    expected=official, found=found, table=note.table or "", header=found, official=official)


def _line_with(report: Report, text: str, ctx=None) -> str | None:
    for place in places(report, ctx, preamble=False):
        for _, line in lines(place.text):
            if text in line:
                return line.strip()
    return None


CHECKS = {
    "old_tables": old_tables,
    "new_tables_early": new_tables_early,
    "superseded_notice": superseded_notice,
    "header_alias": header_alias,
}


evaluate = dispatch(CHECKS, "layout")
