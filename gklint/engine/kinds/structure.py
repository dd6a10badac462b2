"""Rules of kind ``structure``: the six sections, their order and numbering, the introduction's
promise, enumerations inside the text (``gklint.engine.kinds.enumerations``), and the length of 总体情况.

Each rule names its check in ``check:`` (rules/structure.yaml); patterns, word lists and
thresholds are parameters of the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from gklint import layouts
from gklint.core import lazyre
from gklint.core.model import report_year
from gklint.core.diagnostic import Diagnostic, Location
from gklint.engine.kinds import dispatch, kept_per_rule, per_rule
from gklint.engine.kinds.enumerations import enumeration
from gklint.engine.rules import Rule
from gklint.core.numerals import NUMERAL, chinese_to_int, to_chinese
from gklint.layouts import core, normalise
from gklint.recognise.sections import name_spec
from gklint.core.model import Report, Section
from gklint.core.scan import Scanner, scanner
from gklint.core.template import pick
from gklint.core.text import sentence_span, text_cache
from gklint.textutil import (
    PREAMBLE,
    Place,
    han_count,
    is_table_line,
    lines,
    prose_lines,
    places,
    section_place,
)


def _lang(ctx) -> str:
    return getattr(ctx, "lang", "zh")


def _layout(report: Report, ctx) -> layouts.Layout:
    layout = getattr(ctx, "layout", None)
    if layout is not None:
        return layout
    try:
        return layouts.get(report.layout)
    except KeyError:
        return layouts.for_year(report_year(report))


def _at(section: Section) -> Location:
    return Location(section=section.heading, quote=section.heading.strip(), source=section.source)


def _unrecognised(report: Report) -> list[Section]:
    """Numbered headings that matched no section of the layout (table labels such as 三、本年度办理结果 excluded)."""
    return [s for s in report.sections if s.id is None and not is_table_line(s.heading)]


# --------------------------------------------------------------------------- the six sections

def _heading_written(report: Report, spec: layouts.SectionSpec) -> bool:
    """Is the section's heading in the text although recognition did not take it as a section?
    (六、其他需要报告的事项 run into the previous paragraph, or written as （六）其他需要报告的事项.)"""
    names = tuple(normalise(name) for name in spec.names)
    parts = (report.preamble, tuple((s.heading, s.text) for s in report.sections))
    if _lacks_ideographs(_written_raw(*parts), names):
        return False
    body = _written_body(*parts)
    if not any(name in body for name in names):
        return False  # nor does a line's core begin with one: it is a part of the normalised body (``_written_body``)
    if any(normalise(f"{spec.number}、") + name in body for name in names):
        return True
    return any(label.startswith(names) for label in _written_labels(*parts))


# every character whose NFKC form holds a unified ideograph (U+4E00…U+9FFF) other than itself: radicals, enclosed
# and squared ideographs, compatibility ideographs (tests/test_text_shortcuts.py checks every code point)
_MAKES_IDEOGRAPHS = re.compile("[\u2e80-\u2fdf\u3038-\u303a\u3190-\u319f\u3200-\u33ff\uf900-\ufaff"
                               "\U0001f100-\U0001f2ff\U0002f800-\U0002fa1f]")


def _lacks_ideographs(raw: str | None, names: tuple[str, ...]) -> bool:
    """Does each name hold a unified ideograph that the report's text (``_written_raw``) lacks? Then no name is in
    the normalised text: ``normalise`` keeps every unified ideograph and makes none but from the characters of
    ``_MAKES_IDEOGRAPHS``, which ``raw`` (None otherwise) lacks."""
    return raw is not None and all(
        any(0x4E00 <= ord(ch) <= 0x9FFF and ch not in raw for ch in name) for name in names)


@text_cache(maxsize=64)
def _written_raw(preamble: str, sections: tuple[tuple[str, str], ...]) -> str | None:
    """A report's text as written, in one; None when it holds a character whose NFKC form makes an ideograph."""
    raw = "\n".join([preamble, *(f"{heading}\n{text}" for heading, text in sections)])
    return None if _MAKES_IDEOGRAPHS.search(raw) else raw


@text_cache(maxsize=64)
def _written_body(preamble: str, sections: tuple[tuple[str, str], ...]) -> str:
    """A report's text normalised as one (the same for every section a rule looks for, and every rule that looks).

    NFKC normalises the text between two line breaks on its own (a line break is a stable character: it neither
    composes nor reorders with a neighbour), and the rest of ``normalise`` maps or drops one character at a
    time (a line break is dropped), so the normalised form of each line, without the marks ``normalise`` strips
    from its end, is a part of this text; and a name, normalised, does not end with such a mark."""
    return normalise("\n".join([preamble, *(f"{heading}\n{text}" for heading, text in sections)]))


@text_cache(maxsize=64)
def _written_labels(preamble: str, sections: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The core of each line of a report's preamble and section bodies."""
    return tuple(core(line) for text in [preamble, *(text for _, text in sections)] for _, line in lines(text))


_NUMBERED_LINE = r"^\s*{number}\s*[、.．]\s*(?P<title>[^。；;，,]{{1,30}})\s*$"


def _slot_heading(report: Report, layout: layouts.Layout, index: int) -> tuple[Place, int, str] | None:
    """A heading bearing the number of the missing section ``index`` but worded so that recognition did
    not take it (六、其他事项): an unrecognised Section, or a short numbered line in the body of the
    section that precedes the slot. (place, offset, heading)."""
    spec = layout.sections[index]
    for section in _unrecognised(report):
        if section.number == spec.number:
            return section_place(section), 0, section.heading.strip()
    earlier = {p.id for p in layout.sections[:index]}
    before = [s for s in report.sections if s.id in earlier]
    if not before:
        return None
    section = before[-1]
    pattern = re.compile(_NUMBERED_LINE.format(number=spec.number))
    for offset, line in prose_lines(section.text):
        if m := pattern.match(line):
            return section_place(section), len(section.heading) + 1 + offset + m.start("title"), line.strip()
    return None


def _between(report: Report, layout: layouts.Layout, index: int) -> list[Section]:
    """The sections where the content of the layout's section ``index`` belongs when its heading is not
    found: from the last section found before it (its body may have swallowed the part) to the first
    section found after it."""
    order = {spec.id: k for k, spec in enumerate(layout.sections)}
    secs = report.sections
    before = [k for k, s in enumerate(secs) if s.id in order and order[s.id] < index]
    after = [k for k, s in enumerate(secs) if s.id in order and order[s.id] > index]
    lo = before[-1] if before else 0
    hi = next((k for k in after if k > lo), len(secs))
    return secs[lo:hi]


def content_evidence(rule: Rule, report: Report, layout: layouts.Layout, index: int) -> tuple[str, object] | None:
    """What shows the content of the layout's section ``index`` is in the report although its heading is
    not found: its official table, read ("table", key), or a sentence with one of the section's content
    terms (rule parameter ``content``) between its neighbours ("text", (section, offset, term))."""
    spec = layout.sections[index]
    key = layout.table_in(spec.id)
    if key is not None and (table := report.tables.get(key)) is not None and table.found and table.cells:
        return "table", key
    terms = (rule.params.get("content") or {}).get(spec.id) or ()
    for section in _between(report, layout, index):
        text = f"{section.heading}\n{section.text}"
        for term in terms:
            at = text.find(term)
            if at >= 0:
                return "text", (section, at, term)
    return None


def check_refs(rule: Rule, layouts_: list[layouts.Layout]):
    """(field, problem) for each section id of ``content`` that no layout the rule applies to has."""
    known = {spec.id for layout in layouts_ for spec in layout.sections}
    for field in ("content", "subject_terms"):
        for sid in rule.params.get(field) or {}:
            if sid not in known:
                yield field, f"格式中没有部分 {sid!r}（可选：{', '.join(sorted(known))}）"


def missing_section(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    layout = _layout(report, ctx)
    found = {s.id for s in report.sections if s.id}
    if len(found) < int(rule.params.get("min_recognised", 2)):
        return  # too little recognised to tell a missing section from a recognition failure
    for i, spec in enumerate(layout.sections):
        if spec.id in found:
            continue
        if _slot_heading(report, layout, i) or _heading_written(report, spec):
            continue  # a heading worded differently (S104), or one recognition did not split off
        if content_evidence(rule, report, layout, i) is not None:
            continue  # its heading is not found but its content is there: S104 says so
        before = [s for s in report.sections if s.id in {p.id for p in layout.sections[:i]}]
        after = [s for s in report.sections if s.id in {p.id for p in layout.sections[i + 1:]}]
        where = before[-1] if before else after[0] if after else report.sections[0]
        yield rule.diagnostic(_lang(ctx), _at(where), expected=spec.heading, found=None,
                    heading=spec.heading, number=spec.number, label=spec.label,
                    near=where.heading.strip(),
                    position=rule.params.get("positions", {}).get("after" if before else "before") or "")


def section_order(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    layout = _layout(report, ctx)
    index = {spec.id: i for i, spec in enumerate(layout.sections)}
    highest: Section | None = None
    seen: set[str] = set()
    previous: Section | None = None
    for section in report.sections:
        if section.id not in index:
            previous = section
            continue
        split = previous is not None and previous.id == section.id and previous.number != section.number
        previous = section
        if split:
            continue  # one part written as two (五、存在的问题 六、改进措施): not a repeat
        if section.id in seen:
            yield rule.diagnostic(_lang(ctx), _at(section), found=section.heading.strip(), heading=section.heading.strip(),
                        problem=rule.params.get("problems", {}).get("repeat") or "",
                        previous=section.heading.strip())
            continue
        seen.add(section.id)
        if highest is not None and index[section.id] < index[highest.id]:
            yield rule.diagnostic(_lang(ctx), _at(section), found=section.heading.strip(), heading=section.heading.strip(),
                        problem=rule.params.get("problems", {}).get("order") or "",
                        previous=highest.heading.strip())
        elif highest is None or index[section.id] > index[highest.id]:
            highest = section


def section_numbering(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    layout = _layout(report, ctx)
    specs = {spec.id: spec for spec in layout.sections}
    digits = [s for s in report.sections if s.id in specs and s.number and s.number.isdigit()]
    if digits:  # parts numbered 1.–6.: one numbering for the whole report, said once
        first = digits[0]
        yield rule.diagnostic(_lang(ctx), _at(first), expected=specs[first.id].heading, found=first.heading.strip(),
                              template="message_digits", heading=first.heading.strip(), count=len(digits))
    for section in report.sections:
        spec = specs.get(section.id or "")
        if spec is None or section.number is None or section.number == spec.number or section.number.isdigit():
            continue
        yield rule.diagnostic(_lang(ctx), _at(section), expected=spec.heading, found=section.heading.strip(),
                    heading=section.heading.strip(), number=section.number, official=spec.number,
                    label=spec.label)


_NUMBER_MARK = re.compile(rf"^\s*(?:{NUMERAL}{{1,2}}\s*[、.．,，:：]?|[（(]{NUMERAL}{{1,2}}[）)]|[1-6１-６]\s*[、.．]"
                          rf"|第{NUMERAL}{{1,2}}部分\s*[、.．:：]?)\s*")


def _worded_officially(heading: str, spec: layouts.SectionSpec, ignored: re.Pattern) -> bool:
    """Does the heading's title (after its numbering) begin with the section's label or one of its aliases,
    exactly as written in the layout (spaces and punctuation widths aside, and the characters ``ignored``
    matches: the 、/和/与/及 between two items, which a heading may also leave out, "行政复议行政诉讼情况", and
    the 的 of 条例 第五十条's own wording, "主动公开政府信息的情况")?"""
    title = ignored.sub("", normalise(_NUMBER_MARK.sub("", heading, count=1)))
    return title.startswith(_official_forms(spec.names, ignored))


@cache
def _official_forms(names: tuple[str, ...], ignored: re.Pattern) -> tuple[str, ...]:
    """A section's names as ``_worded_officially`` compares them (layout data: made once)."""
    return tuple(ignored.sub("", normalise(name)) for name in names)


@per_rule
def _ignored(rule: Rule) -> re.Pattern:
    """The characters of the rule's ``ignored_characters`` as headings are compared (``normalise`` writes 、
    as ".")."""
    chars = normalise(str(rule.params.get("ignored_characters", "")))
    return re.compile(f"[{re.escape(chars)}]" if chars else "(?!)")


def _same_subject_severity(rule: Rule, section: Section, spec: layouts.SectionSpec,
                           layout: layouts.Layout) -> str | None:
    """The rule's ``same_subject_severity`` when the heading bears its section's own number and its title holds
    one term of each group of the section's ``subject_terms`` ("五、主要问题及改进措施": the subject in other words);
    None (the rule's severity) otherwise, and for the official title with a typo ("行政法复议")."""
    groups = (rule.params.get("subject_terms") or {}).get(spec.id)
    if not groups or section.number != spec.number:
        return None
    rest = _NUMBER_MARK.sub("", section.heading, count=1)
    if name_spec(rest, layout) is spec:
        return None  # the official title mistyped: a typo is not another wording
    title = normalise(rest)
    return rule.params.get("same_subject_severity") if all(any(t in title for t in g) for g in groups) else None


def heading_wording(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    """Every heading taken for a section (by its number, key terms or place) but not worded as the layout
    says, including one with a typo ("行政法复议"); a heading in the place (number) of a section the report
    otherwise lacks, worded unrecognisably; and a section whose content is there without its heading."""
    layout = _layout(report, ctx)
    specs = {spec.id: spec for spec in layout.sections}
    found = {s.id for s in report.sections if s.id}
    if len(found) < int(rule.params.get("min_recognised", 2)):
        return
    previous = None
    for section in report.sections:
        spec = specs.get(section.id or "")
        split = previous is not None and previous.id == section.id and previous.number != section.number
        previous = section
        if spec is None or split or _worded_officially(section.heading, spec, _ignored(rule)):
            continue  # the second part of a split section is worded as a part: S103 names it
        heading = section.heading.strip()
        yield rule.diagnostic(_lang(ctx), _at(section), expected=spec.heading, found=heading, heading=heading,
                              official=spec.heading, severity=_same_subject_severity(rule, section, spec, layout))
    for i, spec in enumerate(layout.sections):
        if spec.id in found or _heading_written(report, spec):
            continue
        slot = _slot_heading(report, layout, i)
        if slot is not None:
            place, offset, heading = slot
            yield rule.diagnostic(_lang(ctx), place.location(offset), expected=spec.heading, found=heading,
                        heading=heading, official=spec.heading)
            continue
        evidence = content_evidence(rule, report, layout, i)
        if evidence is None:
            continue
        kind, what = evidence
        if kind == "table":
            table = report.tables[what]
            src = getattr(table, "source", None)
            location = Location(section=f"表{what}", quote=layout.table(what).title, source=src)
            shown = pick(rule.params.get("evidence", {}).get("table"), _lang(ctx)).format(table=what)
        else:
            section, offset, term = what
            location = section_place(section).location(offset, offset + len(term))
            shown = pick(rule.params.get("evidence", {}).get("text"), _lang(ctx)).format(
                section=section.heading.strip(), term=term)
        yield rule.diagnostic(_lang(ctx), location, expected=spec.heading, found=None, template="message_content",
                              official=spec.heading, evidence=shown)


# --------------------------------------------------------------------------- the introduction's promise

def _delivered(report: Report, layout: layouts.Layout) -> int:
    """How many parts the report has: the layout's sections present in any form (recognised, worded
    differently, or run into the text), and numbered headings beyond them."""
    ids = {s.id for s in report.sections if s.id}
    present = [spec for i, spec in enumerate(layout.sections)
               if spec.id in ids or _slot_heading(report, layout, i) or _heading_written(report, spec)]
    numbers = {spec.number for spec in present}
    extra = {s.number for s in _unrecognised(report) if s.number and s.number not in numbers}
    written = {s.number for s in report.sections if s.number and (s.id or not is_table_line(s.heading))}
    return max(len(present) + len(extra), len(written))  # a part split in two, or a local one, is a part


def promised_parts(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    if not any(s.id for s in report.sections):
        return
    pattern = _promise(rule)
    context = tuple(rule.params.get("context_words", ()))
    parts = tuple(rule.params.get("part_words", ()))
    fewest, most = int(rule.params.get("min_parts", 2)), int(rule.params.get("max_parts", 12))
    places_ = [(place, len(place.text)) for place in places(report, ctx) if place.name == PREAMBLE]
    overview = next((s for s in report.sections if s.id == "overview"), None)
    if overview is not None:
        place = section_place(overview)
        places_.append((place, len(overview.heading) + 1 + int(rule.params.get("overview_head", 400))))
    delivered = _delivered(report, _layout(report, ctx))
    for place, stop in places_:
        text = place.text
        for m in pattern.finditer(text[:stop]):  # as pattern.finditer(text, 0, stop)
            lo, hi = sentence_span(text, m.start(), m.end())
            sentence = text[lo:hi]
            if (context and not any(w in sentence for w in context)) or (parts and not any(w in sentence for w in parts)):
                continue  # not a sentence about the report's own parts, listed by name
            raw = m.group("n")
            promised = int(raw) if raw.isdigit() else chinese_to_int(raw)
            if promised is None or not fewest <= promised <= most:
                continue
            if promised != delivered:
                yield rule.diagnostic(_lang(ctx), place.location(*m.span()), expected=promised, found=delivered,
                            promised=promised, delivered=delivered, raw=m.group(0))
            return


@kept_per_rule("structure", "promised_parts")
def _promise(rule: Rule) -> Scanner:
    return scanner(lazyre.compile(rule.params["pattern"]))


# --------------------------------------------------------------------------- length of 总体情况

def overview_length(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    year = report_year(report)
    since = int(rule.params.get("from_year", 2021))
    if (year is not None and year < since) or (year is None and report.layout != "2021"):
        return
    limit = int(rule.params.get("max_chars", 1000))
    for section in report.sections:
        if section.id != "overview":
            continue
        body = prose_lines(section.text)
        count = han_count("\n".join(line for _, line in body))
        if count > limit:
            place = section_place(section)
            first = next((offset for offset, line in body if line.strip()), 0)
            start = len(section.heading) + 1 + first
            while start < len(place.text) and place.text[start].isspace():
                start += 1
            yield rule.diagnostic(_lang(ctx), place.location(start), expected=f"≤{limit}", found=count, count=count, limit=limit)


CHECKS = {
    "missing_section": missing_section,
    "section_order": section_order,
    "section_numbering": section_numbering,
    "heading_wording": heading_wording,
    "promised_parts": promised_parts,
    "enumeration": enumeration,
    "overview_length": overview_length,
}


evaluate = dispatch(CHECKS, "structure")
