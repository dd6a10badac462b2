"""``finditer`` and ``search`` of a compiled pattern, the same matches found faster.

Python's regex engine skips ahead only to a literal or a character class the pattern *begins* with. A rule's
pattern often begins with a look-behind, or with a repetition of a wide class (``[一-龥]{1,12}〔2020〕…号``), so
the engine tries every position of the text. ``Scanner`` reads the pattern's parse tree (``re._parser``,
the parser ``re.compile`` itself uses) for an *anchor*: a run of the pattern's top-level parts, starting with
one the engine can skip ahead to, written as a pattern of its own without groups or look-arounds (so it
matches wherever those parts of the pattern match, and more), and starting a bounded number of characters
into every match. The anchor is searched for; the pattern itself is tried (``match``) only at the few
positions a match holding that anchor occurrence could start at, leftmost first. Every match found is the
pattern's own, and no position where the pattern could match is skipped, so the matches are exactly those of
``pattern.finditer``. A pattern without such an anchor (or with a construct not read here) is searched as
before.

When the part the engine skips ahead to best is a class (``\\d{1,2}、``), a literal after it is the anchor
instead, with a look-behind at the class before it (``、(?<=[\\d]、)``): the engine skips ahead to a literal far
faster, and the look-behind passes over its occurrences no match holds. A literal right after a run of repeated
classes (``\\d{1,2}\\s*[.．]``) anchors as well: a match is then tried back over the run's characters.

``needed_chars`` reads the same tree for the characters one of which every match holds: a text without any
of them (one quick search with ``needed_class``) holds no match.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache

from gklint.core import lazyre

_NARROW = 32  # a character class of up to this many characters (or digits) is a good anchor start
_UNBOUNDED = 1 << 16  # a part that may be this wide (``*``, ``+``, ``{n,}``) is unbounded


class _Unreadable(Exception):
    """A construct the anchor is not written from (a group reference, a possessive repeat, inline flags)."""


class Scanner:
    """``pattern``'s ``finditer`` and ``search``, trying the pattern only near occurrences of its anchor."""

    __slots__ = ("pattern", "needs", "anchor", "lo", "hi", "filter", "chars", "run", "anchor_leads", "filter_leads")

    def __init__(self, pattern: re.Pattern, needs: tuple[str, ...] = (), anchor: tuple[re.Pattern, ...] = (),
                 lo: int = 0, hi: int = 0, filter: tuple[re.Pattern, ...] = (), chars: str = "",
                 run: re.Pattern | None = None, anchor_leads: tuple[str, ...] = (), filter_leads: tuple[str, ...] = ()):
        self.pattern = pattern
        self.needs = needs  # every match holds one of these strings (none: no such string is known)
        self.anchor = anchor  # patterns one of which matches in every match (none: search with the pattern itself)
        # the character each anchor (each filter's part) begins with, "" when not one literal: where the text lacks
        # it, that pattern is not searched for (nor compiled: they are ``lazyre`` patterns)
        self.anchor_leads = anchor_leads or ("",) * len(anchor)
        self.filter_leads = filter_leads or ("",) * len(filter)
        self.lo, self.hi = lo, hi  # how far into a match the anchor may start (before ``run``'s characters)
        self.run = run  # the class of the characters right before the anchor that lo and hi do not count, or None
        self.filter = filter  # the same at any width into a match (other than the anchor), or none
        self.chars = chars  # characters one of which every match holds (``needed_chars``), for ``finditer_parts``

    def finditer(self, text: str) -> Iterator[re.Match]:
        """``self.pattern.finditer(text)``."""
        if not self.may_match(text):
            return iter(())
        if not self.anchor:
            return self.pattern.finditer(text)
        return matches_near(self.pattern, text, self._hits(text), self.lo, self.hi, self.run)

    def search(self, text: str) -> re.Match | None:
        """``self.pattern.search(text)``."""
        if not self.anchor:
            return self.pattern.search(text) if self.may_match(text) else None
        return next(self.finditer(text), None)

    def may_match(self, text: str) -> bool:
        """False when ``text`` lacks what every match holds (the needed strings, the filter's parts): neither it
        nor any part of it holds a match."""
        if self.needs and not any(map(text.__contains__, self.needs)):
            return False
        for part, lead in zip(self.filter, self.filter_leads):
            if (not lead or lead in text) and part.search(text) is not None:
                return True
        return not self.filter

    def finditer_parts(self, text: str, parts: Sequence[tuple[int, str]]) -> Iterator[tuple[int, re.Match]]:
        """(k, match) for each match of ``self.pattern.finditer(part)``, ``part`` the k-th of ``parts``: (offset,
        part) with ``text[offset:offset + len(part)] == part``, in order (the lines of a text). The anchor is
        searched for once, in ``text``: where it matches in a part, it matches in the text."""
        if not self.anchor:  # the filter (or the class of needed characters) tells which parts to search
            if self.needs and not any(map(text.__contains__, self.needs)):
                return
            if self.chars and not any(map(text.__contains__, self.chars)):
                return  # a few searches for one character each, each far faster than a search for a class
            if self.filter:
                found = [part for part, lead in zip(self.filter, self.filter_leads) if not lead or lead in text]
            else:
                found = [char_class(frozenset(self.chars))] if self.chars else []
            for k in _parts_holding(found, text, parts) if found or self.filter else range(len(parts)):
                part = parts[k][1]
                if not self.needs or any(map(part.__contains__, self.needs)):
                    yield from ((k, m) for m in self.pattern.finditer(part))
            return
        if not self.may_match(text):
            return  # where the pattern matches in a part, what the match holds is in the text
        hits = self._hits(text)
        for k, (offset, part) in enumerate(parts):
            if not hits or hits[-1] < offset:
                break
            near = hits[bisect_left(hits, offset + self.lo):bisect_left(hits, offset + len(part))]
            if near:
                yield from ((k, m) for m in matches_near(self.pattern, part, [at - offset for at in near],
                                                         self.lo, self.hi, self.run))

    def _hits(self, text: str) -> list[int]:
        """Every position where the anchor matches in ``text`` (and no match of the pattern starts more than
        ``hi`` or less than ``lo`` characters before the next one)."""
        out = []
        for anchor, lead in zip(self.anchor, self.anchor_leads):
            if lead and lead not in text:
                continue  # (each begins with another character)
            m = anchor.search(text)
            while m is not None:
                out.append(m.start())
                m = anchor.search(text, m.start() + 1)
        if len(self.anchor) > 1:
            out.sort()  # (each begins with another character: no position twice)
        return out


def _parts_holding(patterns: Sequence[re.Pattern], text: str, parts: Sequence[tuple[int, str]]) -> list[int]:
    """The indices, ascending, of the parts (as in ``Scanner.finditer_parts``) in which one of ``patterns`` (a filter:
    where one matches in a part, it matches in ``text``) matches at some position: each searched for from a
    part's start, and at most once a part."""
    starts = [offset for offset, _ in parts]
    held: set[int] = set()
    for pattern in patterns:
        pos = starts[0] if starts else 0
        while (m := pattern.search(text, pos)) is not None:
            k = bisect_right(starts, m.start()) - 1
            if k >= 0 and m.start() < starts[k] + len(parts[k][1]):
                held.add(k)
            if k + 1 >= len(starts):
                break
            pos = starts[k + 1]
    return sorted(held)


def matches_near(pattern: re.Pattern, text: str, hits: Sequence[int], lo: int = 0, hi: int = 0,
                 run: re.Pattern | None = None) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` for a pattern whose every match is non-empty and holds, ``lo`` to ``hi``
    characters after its start, one of the positions ``hits`` (ascending; more do no harm): the pattern is tried
    only where a match holding one could start, leftmost first, as the engine tries them. With ``run`` (a class
    of one character), a match holds the hit ``lo`` to ``hi`` characters after its start plus any number of
    characters of that class right before the hit."""
    match, pos = pattern.match, 0
    for at in hits:
        if at < pos + lo:
            continue  # inside the last match
        first = at
        while run is not None and first > pos and run.match(text, first - 1):
            first -= 1  # the run of the class before the hit, back to the last match at most
        for start in range(max(pos, first - hi), at - lo + 1):
            m = match(text, start)
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = at - lo + 1


@lru_cache(maxsize=256)
def _parse(pattern: re.Pattern | lazyre.LazyPattern):
    """(the parse tree of a str pattern, the module of the parser's constants): from ``re._parser``, the parser
    ``re.compile`` itself uses. Not a public API: whoever reads the tree falls back to the plain search when it
    is not as read here (another Python). A ``lazyre`` pattern is read uncompiled, from the flags it was given."""
    from re import _constants as c, _parser  # type: ignore[attr-defined]

    if isinstance(pattern, lazyre.LazyPattern):
        return lazyre.parse(*pattern.source), c
    return _parser.parse(pattern.pattern, pattern.flags), c


def _flags(pattern: re.Pattern | lazyre.LazyPattern) -> int:
    """``pattern.flags``, as the parse tree holds them (``re.compile`` gives a pattern its parse's flags): a
    ``lazyre`` pattern is not compiled for them."""
    return _parse(pattern)[0].state.flags


def scanner(pattern: re.Pattern | lazyre.LazyPattern) -> Scanner:
    """The ``Scanner`` of a pattern (made once per pattern; a ``lazyre`` pattern is compiled only when searched)."""
    if not isinstance(pattern.pattern, str):
        return Scanner(pattern)
    try:
        tree, c = _parse(pattern)
        items = _flat(tree.data, c)
        widths = [type(tree)(tree.state, [item]).getwidth() for item in items]
        needs = () if _flags(pattern) & re.IGNORECASE else _needs(items, c)
        none = ((), ()), 0, 0, False, None
        (anchor, anchor_leads), lo, hi, guarded, run = _anchor(pattern, items, widths, c) or none
        found, found_leads = ((), ()) if guarded else _filter(pattern, items, widths, c)  # a guarded anchor: as fast
        if [f.pattern for f in found] in ([a.pattern for a in anchor], [re.escape(s) for s in needs]):
            found, found_leads = (), ()  # searching for the anchor, or the needed strings, filters as well
        chars = "" if anchor or found or needs else "".join(sorted(needed_chars(pattern) or ()))
        return Scanner(pattern, needs, anchor, lo, hi, found, chars, run, anchor_leads, found_leads)
    except (_Unreadable, re.error, RecursionError, ValueError, TypeError, AttributeError):
        return Scanner(pattern)  # a pattern this module cannot read (another Python's parser): searched as before


_FEW = 6  # a set of up to this many literal characters is looked for one character at a time


def _needs(items, c) -> tuple[str, ...]:
    """Strings one of which every match holds, read from the pattern's top-level parts: the longest run of
    literal characters, else the smallest set of a few literal characters, else none."""
    best = run = ""
    fewest: tuple[str, ...] = ()
    for op, av in items:
        run = run + chr(av) if op is c.LITERAL else ""
        best = max(best, run, key=len)
        if (op is c.MAX_REPEAT or op is c.MIN_REPEAT) and av[0] >= 1 and len(av[2]) == 1:
            op, av = av[2][0]  # a part repeated at least once: its characters are in every match
        if op is c.LITERAL:
            op, av = c.IN, [(c.LITERAL, av)]
        if op is c.IN and len(av) <= _FEW and all(kind is c.LITERAL for kind, _ in av):
            chars = tuple(chr(value) for _, value in av)
            fewest = chars if not fewest or len(chars) < len(fewest) else fewest
    return (best,) if best else fewest


def _anchor(pattern: re.Pattern, items, widths, c) \
        -> tuple[tuple[tuple[re.Pattern, ...], tuple[str, ...]], int, int, bool, re.Pattern | None] | None:
    """(anchor and its leads (``_written_from``), least and most characters before it in a match, whether it is
    guarded, the class of the run before it (``_guarded``) or None), or None when there is none or the engine
    skips ahead to the pattern's own
    first part. The anchor: the top-level part the engine skips ahead to best (``_start_kind``), the earliest of
    these, a bounded width into every match, and the parts after it as far as they can be written (the more
    parts, the fewer false starts); when that part is a class, a guarded literal (``_guarded``) instead, if the
    pattern has one."""
    best = _start(items, widths, c, bounded=True)
    guarded = _guarded(items, widths, c, bounded=True) if best is None or best[0] < 3 else None
    if guarded is not None:
        i, lo, hi, guard, run = guarded
        flags = _flags(pattern) & (re.IGNORECASE | re.DOTALL | re.ASCII)
        return _written_from(pattern, items, i, c, guard), lo, hi, True, run and lazyre.compile(run, flags)
    if best is None or _own_start(items, best[1], c):
        return None
    _, i, lo, hi = best
    return _written_from(pattern, items, i, c), lo, hi, False, None


def _guarded(items, widths, c, bounded: bool) -> tuple[int, int, int, str, str | None] | None:
    """(index, least and most characters before it in a match, guard, run) of the earliest literal part (one
    character or a set of a few, ``_leads``) whose part before ends with a character of a known class (the guard):
    ``、`` after ``\\d{1,2}``, ``是`` after ``[一二三]{1,3}``. Written as the literal with a look-behind at the guard
    and itself, the engine skips ahead to the literal (a few characters are found far faster than a class), and
    the look-behind passes over its frequent occurrences that no match holds.

    With ``bounded``, the literal is a bounded width into every match, or comes right after a run of repeated
    classes that is (``\\d{1,2}\\s*[.．]``): then ``run`` is the run's class, and the widths are those before it."""
    lo = hi = 0
    for i, (item, (least, most)) in enumerate(zip(items, widths)):
        if bounded and hi >= _UNBOUNDED:
            return None
        if i and _is_literal(item, least, c):
            guard = _last_class(items[i - 1], c)
            if guard is not None:
                return i, lo, hi, guard, None
        if bounded and most >= _UNBOUNDED:
            return _after_run(items, widths, i, lo, hi, c)
        lo, hi = lo + least, hi + most
    return None


def _after_run(items, widths, i: int, lo: int, hi: int, c) -> tuple[int, int, int, str, str] | None:
    """``_guarded``'s literal right after the run of repetitions of one class each beginning with the ``i``-th part
    (``lo`` to ``hi`` characters into a match), guarded by the run's classes (and the class the part before the
    run ends with, when the run may be empty)."""
    classes, empty = [], True
    for j in range(i, len(items)):
        item = items[j]
        if _is_literal(item, widths[j][0], c):
            if j == i:
                return None
            run = "|".join(classes)
            before = _last_class(items[i - 1], c) if i and empty else None
            if empty and before is None:
                return None  # the character before the literal may be any
            guard = f"(?:{run}|{before})" if empty else f"(?:{run})"
            return j, lo, hi, guard, run
        op, av = item
        if op is not c.MAX_REPEAT and op is not c.MIN_REPEAT or len(av[2]) != 1:
            return None
        one = _last_class(av[2][0], c)
        if one is None:
            return None
        classes.append(one)
        empty = empty and av[0] == 0
    return None


def _is_literal(item, least: int, c) -> bool:
    """A part that is one literal character or a set of a few (``_leads``), not repeated."""
    return least >= 1 and _start_kind(item, c) == 3 and item[0] is not c.MAX_REPEAT and item[0] is not c.MIN_REPEAT


def _last_class(item, c) -> str | None:
    """The class of the last character every match of a part ends with, as pattern text: a literal, a set, or a
    repetition of one of these at least once; else None."""
    op, av = item
    if (op is c.MAX_REPEAT or op is c.MIN_REPEAT) and av[0] >= 1 and len(av[2]) == 1:
        op, av = av[2][0]
    if op is c.LITERAL:
        return re.escape(chr(av))
    return _set(av, c) if op is c.IN else None


def _filter(pattern: re.Pattern, items, widths, c) -> tuple[tuple[re.Pattern, ...], tuple[str, ...]]:
    """As the anchor, but at any width into a match: parts of the pattern that a text holding a match holds,
    quickly searched for."""
    best = _start(items, widths, c, bounded=False)
    guarded = _guarded(items, widths, c, bounded=False) if best is None or best[0] < 3 else None
    if guarded is not None:
        return _written_from(pattern, items, guarded[0], c, guarded[3])
    return ((), ()) if best is None or _own_start(items, best[1], c) else _written_from(pattern, items, best[1], c)


def _own_start(items, i: int, c) -> bool:
    """Does the engine skip ahead to the ``i``-th part as fast in the pattern itself (its first part, one
    literal or set, not a repetition nor a few literals)?"""
    return i == 0 and items[0][0] not in (c.MAX_REPEAT, c.MIN_REPEAT) and len(_leads(items[0], c)) == 1


def _start(items, widths, c, bounded: bool) -> tuple[int, int, int, int] | None:
    """(how well the engine skips ahead to it (``_start_kind``), index, least and most characters before it in a
    match) of the top-level part the engine skips ahead to best, the earliest of these; with ``bounded``, among
    those a bounded width into every match."""
    best = None
    lo = hi = 0
    for i, (item, (least, most)) in enumerate(zip(items, widths)):
        if bounded and hi >= _UNBOUNDED:
            break
        kind = _start_kind(item, c) if least >= 1 else 0
        if kind == 3 and sum(w[0] for w in widths[i:]) < 2:
            kind = 2  # a literal alone may be frequent (、): the earlier parts find fewer places
        if kind and (best is None or (kind, -i) > best[0]):
            best = ((kind, -i), i, lo, hi)
        lo, hi = lo + least, hi + most
    return None if best is None else (best[0][0], *best[1:])


def _written_from(pattern: re.Pattern, items, i: int, c, guard: str = "") \
        -> tuple[tuple[re.Pattern, ...], tuple[str, ...]]:
    """The pattern's top-level parts from the ``i``-th on, as far as they can be written (``_write``): one
    pattern for each character the ``i``-th may begin with when they are a few (``_leads``), else one; with a
    ``guard`` (``_guarded``), each single character followed by a look-behind at the guard and itself. Each
    compiled on first use (``lazyre``), with the character it begins with (``_lead_chars``)."""
    rest = []
    for item in items[i + 1:]:
        try:
            rest.append(_write(item, c))
        except _Unreadable:
            break  # the parts before it are still in every match
    flags = _flags(pattern) & (re.IGNORECASE | re.DOTALL | re.ASCII)
    leads = _leads(items[i], c)
    return (tuple(lazyre.compile(lead + (f"(?<={guard}{lead})" if guard else "") + "".join(rest), flags)
                  for lead in leads),
            ("",) * len(leads) if flags & re.IGNORECASE else _lead_chars(items[i], c, len(leads)))


def _lead_chars(item, c, count: int) -> tuple[str, ...]:
    """The character each of the ``count`` texts of ``_leads(item)`` begins with, when it is one literal (every
    match of that text holds it); else ""."""
    op, av = item
    if (op is c.MAX_REPEAT or op is c.MIN_REPEAT) and av[0] >= 1 and len(av[2]) == 1:
        op, av = av[2][0]
    if op is c.LITERAL and count == 1:
        return (chr(av),)
    if op is c.IN and len(av) == count and all(kind is c.LITERAL for kind, _ in av):
        return tuple(chr(value) for _, value in av)
    return ("",) * count


def _leads(item, c) -> list[str]:
    """A part as pattern text, one text for each character it may begin with when it is a literal or a set of a
    few literal characters, or a repetition of one (the engine skips ahead to a literal far faster than to a
    set); else as one text, a repetition written as its first occurrence and then the rest (the engine skips
    ahead to a set, not to a repetition)."""
    op, av = item
    if op is c.LITERAL:
        return [re.escape(chr(av))]
    if op is c.IN and len(av) <= _FEW and all(kind is c.LITERAL for kind, _ in av):
        return [re.escape(chr(value)) for _, value in av]
    if (op is c.MAX_REPEAT or op is c.MIN_REPEAT) and av[0] >= 1 and len(av[2]) == 1:
        least, most, sub = av
        if sub[0][0] in (c.LITERAL, c.IN, c.NOT_LITERAL, c.ANY):
            rest = _write((op, (least - 1, most if most is c.MAXREPEAT else most - 1, sub)), c)
            return [lead + rest for lead in _leads(sub[0], c)]
    return [_write(item, c)]


def _flat(items, c) -> list:
    """The top-level parts of a pattern, with plain groups (no flags) opened: a group's parts follow each other
    as the group's do."""
    out = []
    for op, av in items:
        if op is c.SUBPATTERN and not av[1] and not av[2]:
            out.extend(_flat(av[3], c))
        else:
            out.append((op, av))
    return out


def _start_kind(item, c) -> int:
    """How well the engine skips ahead to a part: 3 a literal or a set of a few (``_leads``), 2 a narrow set (short
    ranges, digits), 1 a wide set, the same for a repetition of one of these, 0 no skipping."""
    op, av = item
    if op is c.LITERAL:
        return 3
    if op is c.IN:
        return 3 if len(_leads(item, c)) > 1 else 2 if _narrow(av, c) else 1
    if (op is c.MAX_REPEAT or op is c.MIN_REPEAT) and av[0] >= 1 and len(av[2]) == 1:
        return _start_kind(av[2][0], c)
    return 0


def _narrow(items, c) -> bool:
    size = 0
    for kind, value in items:
        if kind is c.LITERAL:
            size += 1
        elif kind is c.RANGE:
            size += value[1] - value[0] + 1
        elif not (kind is c.CATEGORY and str(value) == "CATEGORY_DIGIT"):
            return False  # a negation, or a wide category (\w, \s, \D…)
    return size <= _NARROW


def _write(item, c) -> str:
    """A part of a parse tree as pattern text, without groups, look-arounds or anchors (which only narrow what
    matches)."""
    op, av = item
    if op is c.LITERAL:
        return re.escape(chr(av))
    if op is c.NOT_LITERAL:
        return "[^" + _char(av) + "]"
    if op is c.ANY:
        return "."
    if op is c.IN:
        return _set(av, c)
    if op is c.MAX_REPEAT or op is c.MIN_REPEAT:
        least, most, sub = av
        body = "(?:" + "".join(_write(x, c) for x in sub) + ")"
        return body + "{" + f"{least},{'' if most is c.MAXREPEAT else most}" + "}"
    if op is c.SUBPATTERN:
        if av[1] or av[2]:
            raise _Unreadable
        return "(?:" + "".join(_write(x, c) for x in av[3]) + ")"
    if op is c.BRANCH:
        return "(?:" + "|".join("".join(_write(x, c) for x in alt) for alt in av[1]) + ")"
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return ""
    raise _Unreadable


_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


def _set(items, c) -> str:
    out = []
    for kind, value in items:
        if kind is c.NEGATE:
            out.append("^")
        elif kind is c.LITERAL:
            out.append(_char(value))
        elif kind is c.RANGE:
            out.append(_char(value[0]) + "-" + _char(value[1]))
        elif kind is c.CATEGORY and str(value) in _CATEGORIES:
            out.append(_CATEGORIES[str(value)])
        else:
            raise _Unreadable
    return "[" + "".join(out) + "]"


def _char(code: int) -> str:
    """A character as an escape that means it alone, in or out of a class."""
    return f"\\U{code:08x}"


# --------------------------------------------------------------------------- characters every match needs

_WIDEST = 64  # a class of more characters (or a wide range) says too little to be worth a search


def needed_chars(pattern: re.Pattern | lazyre.LazyPattern) -> frozenset[str] | None:
    """Characters one of which every match of ``pattern`` holds (so a text without any of them holds no
    match), or None when that cannot be told.

    Read from the pattern's parse tree (``re._parser``, the parser ``re.compile`` itself uses): the
    characters of one part that every match passes through (a literal, a plain class, a group or a
    repetition of at least one of them, an alternation whose every branch has such a part); any surprise
    there, or a case-insensitive pattern, gives None. A ``lazyre`` pattern is not compiled for it."""
    if not isinstance(pattern.pattern, str):
        return None
    try:
        tree, c = _parse(pattern)
        return None if tree.state.flags & re.IGNORECASE else _of_sequence(tree, c)
    except Exception:  # noqa: BLE001 - an optimisation only: without it the text is searched as before
        return None


# Characters on nearly every line of these reports: between two sets of one size, the one with fewer of them
# tells more often that a text holds no match (行 of 行政 is everywhere, 许 of 许可 is not)
_COMMON = frozenset("政府信息公开行政申请年度工作情况本数量件的和与及等人民部门单位事项")


def _cost(chars: frozenset[str] | set[str]) -> tuple[int, int]:
    return len(chars), len(_COMMON.intersection(chars))


def _of_sequence(items, c) -> frozenset[str] | None:
    """The smallest of ``_candidates`` (of two as small, the one with fewer common characters)."""
    return min(_candidates(items, c), key=_cost, default=None)


def _candidates(items, c) -> list[frozenset[str]]:
    """Sets of characters every match of the sequence ``items`` holds one of (one set for each part that
    tells: a match holds a character of each)."""
    out = []
    for op, av in items:
        got = _of_item(op, av, c)
        if got is not None:
            out.append(got)
    return out


def _of_item(op, av, c) -> frozenset[str] | None:
    if op is c.LITERAL:
        return frozenset(chr(av))
    if op is c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is c.LITERAL:
                chars.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] < _WIDEST:
                chars.update(chr(v) for v in range(value[0], value[1] + 1))
            else:  # a negation, a category (\d, \s), a wide range
                return None
        return frozenset(chars) if 0 < len(chars) <= _WIDEST else None
    if op is c.SUBPATTERN:
        return None if av[1] & re.IGNORECASE else _of_sequence(av[3], c)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
        return _of_sequence(av[2], c)
    if op is c.BRANCH:
        return _of_branches([_candidates(branch, c) for branch in av[1]])
    return None  # zero-width (lookarounds, anchors) or anything a match may do without


def _of_branches(branches: list[list[frozenset[str]]]) -> frozenset[str] | None:
    """A set every branch of an alternation has one of its sets in (the smallest found by starting from each
    set of the first branch and adding, branch by branch, the set that adds the fewest characters)."""
    if not branches or not all(branches):
        return None
    best = None
    for first in branches[0]:
        union = set(first)
        for sets in branches[1:]:
            union |= min(sets, key=lambda got: _cost(got - union))
        if best is None or _cost(union) < _cost(best):
            best = frozenset(union)
    return best if len(best) <= _WIDEST else None


def needed_class(pattern: re.Pattern) -> re.Pattern | None:
    """A character class of ``needed_chars``: one quick search of a text tells that the pattern cannot occur
    in it; None when nothing is known."""
    chars = needed_chars(pattern)
    return None if not chars else char_class(chars)


def char_class(chars: frozenset[str]) -> re.Pattern:
    """A pattern matching any one of ``chars`` (its search is one quick scan of a text)."""
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")
