"""Characters a rule pattern cannot match without: a search for one of them passes over a text in one
quick scan where the pattern cannot occur."""

from __future__ import annotations

import re

_WIDEST = 64  # a class of more characters (or a wide range) says too little to be worth a search


def needed_chars(pattern: re.Pattern) -> frozenset[str] | None:
    """Characters one of which every match of ``pattern`` holds (so a text without any of them holds no
    match), or None when that cannot be told.

    Read from the pattern's parse tree (``re._parser``, the parser ``re.compile`` itself uses): the
    characters of one part that every match passes through (a literal, a plain class, a group or a
    repetition of at least one of them, an alternation whose every branch has such a part); any surprise
    there, or a case-insensitive pattern, gives None."""
    try:
        from re import _constants as c, _parser  # type: ignore[attr-defined]

        if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
            return None
        return _of_sequence(_parser.parse(pattern.pattern, pattern.flags), c)
    except Exception:  # noqa: BLE001 - an optimisation only: without it the text is searched as before
        return None


def _of_sequence(items, c) -> frozenset[str] | None:
    """The smallest of ``_candidates``."""
    return min(_candidates(items, c), key=len, default=None)


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
            union |= min(sets, key=lambda got: len(got - union))
        if best is None or len(union) < len(best):
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
