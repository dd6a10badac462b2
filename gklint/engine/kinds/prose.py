"""Rules of kind ``prose``: repeated words (政府政府) and half-width punctuation inside Chinese text.

Each rule names its check in ``check:`` (rules/prose.yaml); the legitimate reduplications, the
suspect characters and the punctuation are lists in the rule.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, partial

from gklint.core import lazyre
from gklint.core.diagnostic import Diagnostic
from gklint.engine.kinds import dispatch, kept_per_rule, per_rule
from gklint.engine.rules import Rule
from gklint.core.model import Report
from gklint.core.scan import Scanner, scanner
from gklint.core.template import LANGS, pick
from gklint.core.text import text_cache
from gklint.textutil import (
    HAN,
    PREAMBLE,
    Place,
    is_han,
    prose_lines,
    places,
)

# --------------------------------------------------------------------------- repeated words

@dataclass(frozen=True)
class RepeatPolicy:
    """What counts as a suspicious repeat; built from a rule's parameters."""

    max_length: int = 6
    allowed: frozenset[str] = frozenset()  # legitimate reduplications: 常常, 研究研究
    contexts: tuple[str, ...] = ()  # legitimate text around a repeat: 不了了之, 为了了解
    patterns: tuple[re.Pattern, ...] = ()  # legitimate shapes: 一个一个
    single: frozenset[str] = frozenset()  # the only characters whose doubling is flagged
    numerals: frozenset[str] = frozenset()
    heading_marker: re.Pattern | None = None  # a list marker ending where a repeat starts: "（一）主动公开主动公开"

    @cached_property
    def all_contexts(self) -> str:
        """The contexts in one text (a repeat in none of them is excused by none)."""
        return "\n".join(self.contexts)

    @classmethod
    def from_params(cls, params: dict) -> "RepeatPolicy":
        return cls(max_length=int(params.get("max_length", 6)),
                   allowed=frozenset(params.get("allowed", ())),
                   contexts=tuple(params.get("allowed_contexts", ())),
                   patterns=tuple(re.compile(p) for p in params.get("allowed_patterns", ())),
                   single=frozenset(params.get("single_char_suspects", ())),
                   numerals=frozenset(params.get("numerals", "")),
                   heading_marker=re.compile(params["heading_marker"]) if params.get("heading_marker") else None)


def find_repeats(text: str, policy: RepeatPolicy, starts: Sequence[int] | None = None) -> Iterator[tuple[str, int, int]]:
    """(word, start, end) of each word written twice in a row (end covers both copies), not excused.

    The longest repeat at the leftmost place wins (政府政府, not 政政); scanning resumes after it. ``starts``:
    positions including every one a repeat starts at (default ``_repeat_starts``): a repeat is looked for there
    only."""
    pos = 0
    for at in _repeat_starts(text, policy.max_length) if starts is None else starts:
        if at < pos:
            continue  # inside the last repeat
        length = _repeat_at(text, at, policy.max_length)
        if length:
            word, end = text[at:at + length], at + 2 * length
            pos = end
            if not _excused(text, at, end, word, policy):
                yield word, at, end


def _repeat_at(text: str, at: int, max_length: int) -> int:
    """The length of the longest word of up to ``max_length`` Chinese characters written twice in a row at
    ``at`` (0: none): where ``([HAN]{1,max_length})\\1`` matches, the length of its group."""
    for length in range(min(max_length, (len(text) - at) // 2), 0, -1):
        if text[at:at + length] == text[at + length:at + 2 * length] and all(map(is_han, text[at:at + length])):
            return length
    return 0


def _repeat_starts(text: str, max_length: int) -> list[int]:
    """Every position of ``text`` holding a Chinese character where, for some k up to ``max_length``, the
    characters k apart agree at the first and the last of k: where a word of k characters may be written twice
    (a comparison of whole arrays finds these few places at once)."""
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    found = np.zeros(len(codes), dtype=bool)
    for k in range(1, min(max_length, len(codes) // 2) + 1):  # a word of k characters twice needs 2k of them
        same = codes[:-k] == codes[k:]  # same[p]: text[p] == text[p + k]
        if k > 1:
            same = same[:len(same) - k + 1] & same[k - 1:]  # and text[p + k - 1] == text[p + 2k - 1]
        found[:len(same)] |= same
    # a repeat begins with a Chinese character: the few candidates tested one by one (a mask of the whole text
    # by ``HAN``'s ranges costs more than that on the short lines of most reports)
    return [p for p in np.flatnonzero(found).tolist() if is_han(text[p])]


# how far before a repeat its list marker is looked for (the longest marker, "（十一）", and blanks)
_MARKER_REACH = 8


def _excused(text: str, start: int, end: int, word: str, policy: RepeatPolicy) -> bool:
    doubled = word * 2
    if doubled in policy.allowed or word in policy.allowed:
        return True
    if len(word) > 1 and policy.heading_marker is not None and \
            policy.heading_marker.search(text, max(0, start - _MARKER_REACH), start):
        return True  # a sub-heading run into its first sentence (a page saved as one line): "（一）主动公开主动公开方面"
    if all(c in policy.numerals for c in word):
        return True  # 一一, 十十: numerals, list markers
    if any(p.fullmatch(doubled) for p in policy.patterns):
        return True
    for context in policy.contexts if doubled in policy.all_contexts else ():
        at = context.find(doubled)
        while at >= 0:
            lo = start - at
            if lo >= 0 and text[lo:lo + len(context)] == context:
                return True
            at = context.find(doubled, at + 1)
    if len(word) == 1:
        if word not in policy.single:
            return True
        # AABB reduplication (实实在在, 的的确确): a doubled character beside a doubled character
        after, before = text[end:end + 2], text[max(0, start - 2):start]
        if (len(after) == 2 and after[0] == after[1] and is_han(after[0])) or \
                (len(before) == 2 and before[0] == before[1] and is_han(before[0])):
            return True
    return False


@per_rule
def _policy(rule: Rule) -> RepeatPolicy:
    return RepeatPolicy.from_params(rule.params)


@text_cache(maxsize=64)
def _repeats(lines: tuple[str, ...], rule: Rule) -> tuple[tuple[tuple[str, int, int], ...], ...]:
    """``find_repeats`` of each line under the rule's policy, tried where ``_repeat_starts`` of the lines joined
    says (one comparison for all the lines of a report)."""
    policy = _policy(rule)
    starts = _repeat_starts("\n".join(lines), policy.max_length)
    out, offset = [], 0
    for line in lines:
        near = starts[bisect_left(starts, offset):bisect_left(starts, offset + len(line))]
        out.append(tuple(find_repeats(line, policy, [at - offset for at in near])) if near else ())
        offset += len(line) + 1
    return tuple(out)


def _prose_marks(rule: Rule) -> str:
    """The rule's ``preamble_prose_marks``: what makes a line before the first section prose (``_is_prose``)."""
    return str(rule.params.get("preamble_prose_marks", "。，；"))


def _is_prose(line: str, marks: str) -> bool:
    """Is a line before the first section the report's prose: has it one of ``marks`` (``_prose_marks``)? The
    rest is page chrome (the title, 来源：…, 发布时间：…, breadcrumbs such as 政府信息公开政府信息公开年报)."""
    return any(mark in line for mark in marks)


def _prose_text(place: Place, rule: Rule) -> str:
    """A place's text as a rule reads it: a section's as it is; the preamble's with its page chrome blanked,
    every offset kept: each line that is no prose (``_is_prose``), and on a prose line the text before its
    first ``preamble_openers`` match when that text has no prose mark (a page saved as one line: "…年度报告
    发布日期:2023-01-15来源:XX 本报告根据……")."""
    if place.name != PREAMBLE:
        return place.text
    return _preamble_prose(place.text, rule)


@text_cache(maxsize=64)
def _preamble_prose(text: str, rule: Rule) -> str:
    openers, marks = _openers(rule), _prose_marks(rule)
    out = []
    for line in text.split("\n"):
        if not _is_prose(line, marks):
            out.append(" " * len(line))
            continue
        m = openers.search(line) if openers is not None else None
        cut = m.start() if m and not _is_prose(line[:m.start()], marks) else 0
        out.append(" " * cut + line[cut:])
    return "\n".join(out)


@per_rule
def _openers(rule: Rule) -> re.Pattern | None:
    words = rule.params.get("preamble_openers", ())
    return re.compile("|".join(map(re.escape, words))) if words else None


def repeated_words(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    lang, marks = getattr(ctx, "lang", "zh"), _prose_marks(rule)
    todo = [(place, offset, line) for place in places(report, ctx) for offset, line in prose_lines(place.text)
            if place.name != PREAMBLE or _is_prose(line, marks)]
    repeats = _repeats(tuple(line for _, _, line in todo), rule)
    by_place: dict[int, tuple[Place, dict[str, tuple[int, int]], Counter[str]]] = {}  # by id: places may be equal
    for (place, offset, _), line_repeats in zip(todo, repeats):
        if not line_repeats:
            continue
        _, found, counts = by_place.setdefault(id(place), (place, {}, Counter()))
        for word, s, e in line_repeats:
            counts[word] += 1
            found.setdefault(word, (offset + s, offset + e))
    for place, found, counts in by_place.values():
        for word, (s, e) in found.items():
            yield rule.diagnostic(ctx.lang, place.location(s, e),
                        expected=word, found=word * 2, word=word, repeated=word * 2, count=counts[word],
                        times="" if counts[word] == 1 else pick(rule.params.get("times"), lang, count=counts[word]))


# --------------------------------------------------------------------------- half-width punctuation

_BEFORE = f"{HAN}》”」』）"  # a mark between Chinese characters, or a Chinese closing mark and an opening one (》,《)
_AFTER = f"{HAN}《“「『（"
_BEFORE_MARKS = frozenset("》”」』）")
_AFTER_MARKS = frozenset("《“「『（")


@per_rule
def _half_width(rule: Rule):
    """What finds the rule's matches in a line, in order (``finditer``): blanks, a half-width mark and blanks,
    between Chinese characters (``_BEFORE``, ``_AFTER``).

    Written as one pattern it begins with a look-behind, and the engine tries it at every character; its
    classes of ideographs cost milliseconds to compile. When no mark is a blank, an ideograph or a character
    before, the marks are searched for (the engine skips ahead to them) and the characters around each, past
    its blanks, tested by code point (``_between``)."""
    marks = str(rule.params.get("characters", ",;:()"))
    m = re.escape(marks)
    if any(c in " \t" or is_han(c) or c in _BEFORE_MARKS for c in marks):  # no pattern of _BEFORE compiled for it
        return re.compile(f"(?<=[{_BEFORE}])[ \\t]*([{m}])[ \\t]*(?=[{_AFTER}])").finditer
    return partial(_between, re.compile(f"([{m}])"))


def _between(marks: re.Pattern, line: str) -> Iterator[re.Match]:
    """The matches of ``marks`` (one mark, no blank nor a character of ``_BEFORE``) that, with the blanks around
    them, stand between a character of ``_BEFORE`` and one of ``_AFTER``: where the one pattern matches, its
    group. (Its match begins after a character that is no blank nor mark: it is the run of blanks before its
    mark, the mark and the run after it; so are the matches of two marks apart.)"""
    end = len(line)
    for m in marks.finditer(line):
        start, stop = m.span()
        while start and line[start - 1] in " \t":
            start -= 1
        while stop < end and line[stop] in " \t":
            stop += 1
        if start and stop < end and (is_han(line[start - 1]) or line[start - 1] in _BEFORE_MARKS) \
                and (is_han(line[stop]) or line[stop] in _AFTER_MARKS):
            yield m


@text_cache(maxsize=1024)
def _half_widths(text: str, rule: Rule) -> tuple[tuple[str, ...], tuple[int, int] | None]:
    """The half-width marks the rule flags in the prose lines of ``text``, in order, and the span of the first."""
    find = _half_width(rule)
    marks: list[str] = []
    first = None
    for offset, line in prose_lines(text):
        for m in find(line):
            marks.append(m.group(1))
            if first is None:
                first = offset + m.start(1), offset + m.end(1)
    return tuple(marks), first


def half_width_punctuation(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    lang = getattr(ctx, "lang", "zh")
    for place in places(report, ctx, preamble=bool(rule.params.get("preamble", False))):
        marks, first = _half_widths(_prose_text(place, rule), rule)
        count = len(marks)
        if count < int(rule.params.get("min_count", 1)) or first is None:
            continue
        kinds = Counter(marks)
        start, end = first
        offset = place.text.rfind("\n", 0, start) + 1
        stop = place.text.find("\n", end)
        line, s, e = place.text[offset:stop if stop >= 0 else None], start - offset, end - offset
        context = int(rule.params.get("context", 4))
        lo = max(0, s - context)
        while lo > 0 and line[lo - 1].isascii() and line[lo - 1].isalnum():
            lo -= 1  # do not cut a number or a word in two
        listed = {lg: pick(rule.params.get("separator", "、"), lg).join(
            pick(rule.params.get("mark_count"), lg, mark=k, count=v) for k, v in kinds.most_common()) for lg in LANGS}
        yield rule.diagnostic(ctx.lang, place.location(start, end), found=count, count=count, marks=listed,
                    first=line[lo:e + context].strip())


# --------------------------------------------------------------------------- phrases that should not be there

def phrases(rule: Rule, report: Report, ctx) -> Iterator[Diagnostic]:
    """Each match of the rule's ``patterns`` (regular expressions: the rule's data), once per pattern and
    section, quoting the sentence; e.g. the template's "（文字描述）" left in a draft."""
    compiled = _phrase_patterns(rule)
    for place in places(report, ctx, preamble=bool(rule.params.get("preamble", False))):
        text = _prose_text(place, rule)
        for pattern in compiled:
            m = pattern.search(text)
            if m:
                count = sum(1 for _ in pattern.finditer(text))
                yield rule.diagnostic(ctx.lang, place.location(m.start(), m.end()), found=m.group(0),
                                      phrase=m.group(0), count=count)


@kept_per_rule("prose", "phrases")
def _phrase_patterns(rule: Rule) -> list[Scanner]:
    return [scanner(lazyre.compile(p)) for p in rule.params["patterns"]]


CHECKS = {
    "phrases": phrases,
    "repeated_words": repeated_words,
    "half_width_punctuation": half_width_punctuation,
}


evaluate = dispatch(CHECKS, "prose")
