"""The ``enumeration`` check of rule kind ``structure``: lists inside the text (一是…二是…, 1. 2. 3., ①②③,
（一）（二）) that skip, repeat or step back a number. The list styles are parameters of the rule
(rules/structure.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gklint.core import lazyre
from gklint.core.diagnostic import Diagnostic
from gklint.core.model import Report
from gklint.core.numerals import CIRCLED, NUMERAL, item_value, to_chinese
from gklint.core.scan import Scanner, scanner
from gklint.engine.kinds import kept_per_rule
from gklint.engine.rules import Rule
from gklint.core.text import TextMemo
from gklint.textutil import is_table_line, lines, place_of, prose_lines


@dataclass
class Marker:
    """A list marker found in the text: its style, its number, as written, and where it stands."""

    style: str
    n: int
    raw: str
    start: int
    end: int


def find_markers(text: str, styles: list[dict]) -> list[Marker]:
    """List markers of every declared style in ``text``, skipping table lines; overlaps go to the first style."""
    return [Marker(*found) for found in _markers_of((text,), _compiled(styles))[0]]


_SEEN = TextMemo(1024)  # (a section's text, the styles' scanners) -> its markers


def _markers_of(texts: tuple[str, ...], compiled: tuple[tuple[str, Scanner], ...]) -> list[tuple[tuple, ...]]:
    """``_markers`` of each of ``texts``: a text seen before (a boilerplate section repeated across reports) from
    ``_SEEN``, the others found in one pass together."""
    out = [_SEEN.get((text, compiled)) for text in texts]
    missing = [text for text, got in zip(texts, out) if got is None]
    if missing:
        new = iter(_markers(tuple(missing), compiled))
        for k, got in enumerate(out):
            if got is None:
                out[k] = next(new)
                _SEEN.keep((texts[k], compiled), out[k])
    return out


def _markers(texts: tuple[str, ...], compiled: tuple[tuple[str, Scanner], ...]) -> tuple[tuple[tuple, ...], ...]:
    """(style, value, raw, start, end) of each marker in the prose lines of each of ``texts`` (a report's
    sections), by start. Each style is searched for in all the lines of all the texts at once
    (``Scanner.finditer_parts``: one pass a style for a report, not one a section); in a line, a marker whose
    number overlaps one of an earlier style's is not one."""
    lines: list[tuple[int, str]] = []
    owners: list[tuple[int, int]] = []  # (which text, offset in it) of each line
    offset = 0
    for i, text in enumerate(texts):
        for at, line in prose_lines(text):
            lines.append((offset + at, line))
            owners.append((i, at))
        offset += len(text) + 1
    found: list[list[tuple[str, re.Match]]] = [[] for _ in lines]
    joined = "\n".join(texts)
    for name, pattern in compiled:
        for k, m in pattern.finditer_parts(joined, lines):
            found[k].append((name, m))
    out: list[list[tuple]] = [[] for _ in texts]
    for (i, at), matches in zip(owners, found):
        taken: list[tuple[int, int]] = []
        for name, m in matches:
            s, e = m.span("n")
            if any(s < te and ts < e for ts, te in taken):
                continue
            value = item_value(m.group("n"))
            if value is None or value > 50:
                continue
            taken.append((s, e))
            out[i].append((name, value, m.group(0).strip(), at + m.start(), at + m.end()))
    return tuple(tuple(sorted(markers, key=lambda mk: mk[3])) for markers in out)


def _compiled(styles: list[dict]) -> tuple[tuple[str, Scanner], ...]:
    """The styles' patterns, each as its ``Scanner`` (the matches of ``finditer``, found faster), compiled on
    first use. A rule's are made once and kept with it (``_styles_of``)."""
    return tuple((s["name"], scanner(lazyre.compile(s["pattern"], re.M))) for s in styles)


@kept_per_rule("structure", "enumeration")
def _styles_of(rule: Rule) -> tuple[tuple[str, Scanner], ...]:
    """``_compiled`` of the rule's styles."""
    return _compiled(rule.params.get("styles", []))


def enumeration_problems(markers: list[Marker]) -> Iterator[tuple[Marker, Marker, str]]:
    """(previous, marker, "gap" | "repeat" | "order") for each marker that does not continue its list.

    Lists nest: a marker of a style already open closes every list opened after it, so a deeper
    list restarts under each item of its parent. A list may restart at 1 anywhere (a new list); the
    list it interrupted may then resume ("1.… 1. 2. 3. … 2." nests a list in the same style).
    """
    stack: list[Marker] = []
    interrupted: dict[str, list[Marker]] = {}
    for mk in markers:
        at = next((i for i, open_ in enumerate(stack) if open_.style == mk.style), None)
        if at is None:
            stack.append(mk)
            continue
        for closed in stack[at + 1:]:
            interrupted.pop(closed.style, None)
        del stack[at + 1:]
        last = stack[at]
        earlier = interrupted.setdefault(mk.style, [])
        if mk.n == 1:
            earlier.append(last)
        elif mk.n != last.n + 1:
            resumed = next((i for i in range(len(earlier) - 1, -1, -1) if earlier[i].n + 1 == mk.n), None)
            if resumed is not None:
                del earlier[resumed:]
            else:
                yield last, mk, "repeat" if mk.n == last.n else "gap" if mk.n > last.n else "order"
        stack[at] = mk


def enumeration(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    """Each list marker in a section's text that does not continue its list (a gap, a repeat, a step back)."""
    lang = getattr(ctx, "lang", "zh")
    words = rule.params.get("problems", {})
    styles = _styles_of(rule)
    found = _markers_of(tuple(section.text for section in report.sections), styles)
    for section, markers in zip(report.sections, found):
        for last, mk, problem in enumeration_problems([Marker(*marker) for marker in markers]):
            if problem == "gap" and _skipped_in_table_lines(section.text, last, mk, dict(styles)[mk.style]):
                continue
            place, body = place_of(section, ctx), len(section.heading) + 1
            expected = _spell(last, last.n + 1)
            yield rule.diagnostic(lang, place.location(body + mk.start, body + mk.end), expected=expected,
                        found=mk.raw, previous=last.raw, marker=mk.raw,
                        problem=words.get(problem, problem), next=expected)


def _skipped_in_table_lines(text: str, last: Marker, mk: Marker, pattern: Scanner) -> bool:
    """Whether every number the list seems to skip between ``last`` and ``mk`` heads a line read as a table
    line (markers are found in prose lines only): sub-headings worded as table labels, "2.行政许可", are items
    of the list, not a gap in it."""
    hidden = {item_value(m.group("n")) for _, line in lines(text[last.end:mk.start])
              if line.strip() and is_table_line(line) for m in pattern.finditer(line)}
    return hidden >= set(range(last.n + 1, mk.n))


def _spell(marker: Marker, n: int) -> str:
    """How the marker after ``marker`` would be written: 二是 -> 三是, 2. -> 3., （二） -> （三）."""
    raw = marker.raw
    digits = re.search(r"\d+", raw)
    if digits:
        return raw[: digits.start()] + str(n) + raw[digits.end():]
    if raw and raw[0] in CIRCLED:
        return CIRCLED[n - 1] if n <= len(CIRCLED) else str(n)
    numeral = re.search(f"{NUMERAL}+", raw)
    if numeral:
        return raw[: numeral.start()] + to_chinese(n) + raw[numeral.end():]
    return str(n)
