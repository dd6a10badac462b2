"""Year against year, the prose (年年雷同): how much of a section repeats last year's report.

Both reports are cut into sentences by gklint's own splitter (``gklint.narrative.sentences.split``);
a sentence is compared in a *normalised* form: width-folded, every run of digits or Chinese numerals
replaced by one ``#`` (so a sentence that differs only in its figures or years is repeated), and
punctuation and spaces dropped. With the rule's ``similarity`` below 1, a sentence (of at least
``min_similar_chars`` characters) whose key is that close to one of last year's (difflib's ratio: a few
words edited, the rest copied) also counts as repeated. Sentences the template itself imposes (the rule's ``boilerplate``
patterns: the statistics-period note, the contact line, the fee statement, the signature and date,
short numbered sub-headings) and table lines flattened into the text are left out of both sides.

Two measures, each the evaluator of a ``series`` rule that names it in ``repeated``:

- ``share``: per section, the Chinese characters of this year's sentences that appear in last year's
  same section, over all of this year's (kept) characters in that section;
- ``problems``: the problems last year's section 五 stated (the sentences before its first
  improvement marker, each cut into its clauses at the rule's ``clause_marks``) that this year's section 五
  states again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from gklint.core.diagnostic import Diagnostic, Location
from gklint.engine.rules import Rule
from gklint.core.model import Report, Section
from gklint.core.template import LANGS
from gklint.narrative.sentences import split
from gklint.textutil import han_count, is_table_line

_NUMBER = re.compile(r"[0-9〇零一二三四五六七八九十百千万亿两]+")
_DROP = re.compile(r"[^\w#]|_")
_QUOTE = 40  # characters of a quoted sentence in the message


@dataclass(frozen=True)
class Line:
    """One kept sentence of a section: as written, and normalised for comparison."""

    text: str
    key: str
    chars: int  # Chinese characters


def normalise(sentence: str) -> str:
    """The comparison key of a sentence: width-folded, figures as ``#``, no punctuation or spaces."""
    text = unicodedata.normalize("NFKC", sentence)
    return _DROP.sub("", _NUMBER.sub("#", text))


@lru_cache(maxsize=64)
def _patterns(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in patterns)


def kept_lines(section: Section, boilerplate: tuple[str, ...] = (), min_chars: int = 1) -> list[Line]:
    """The section's sentences that count: not table lines, not boilerplate, with at least ``min_chars``
    Chinese characters."""
    key = (section.text, boilerplate, min_chars)
    lines = _KEPT.get(key)
    if lines is None:  # the lines depend on these three only: a text seen before (copied boilerplate) is not cut again
        lines = _kept_lines(section.text, boilerplate, min_chars)
        if len(_KEPT) >= _KEPT_MAX:
            _KEPT.clear()
        _KEPT[key] = lines
    return list(lines)


_KEPT: dict[tuple[str, tuple[str, ...], int], tuple[Line, ...]] = {}
_KEPT_MAX = 1 << 10  # section texts remembered (then forgotten all at once); sentences: 16 times as many
_SENTENCES: dict[tuple[str, tuple[str, ...], int], Line | None] = {}


def _kept_lines(text: str, boilerplate: tuple[str, ...], min_chars: int) -> tuple[Line, ...]:
    compiled = _patterns(boilerplate)
    out = []
    for sentence in split(text):
        key = (sentence.text, boilerplate, min_chars)
        try:  # a sentence seen before (in another report) is kept or left out as it was then
            line = _SENTENCES[key]
        except KeyError:
            line = _SENTENCES[key] = _line(sentence.text, compiled, min_chars)
            if len(_SENTENCES) >= _KEPT_MAX * 16:
                _SENTENCES.clear()
        if line is not None:
            out.append(line)
    return tuple(out)


def _line(sentence: str, compiled: tuple[re.Pattern, ...], min_chars: int) -> Line | None:
    text = sentence.strip(" \t\r\n\u3000\xa0")
    if is_table_line(text):
        return None
    folded = unicodedata.normalize("NFKC", text)
    if any(p.search(folded) for p in compiled):
        return None
    chars = han_count(text)
    return Line(text, normalise(text), chars) if chars >= min_chars else None


def is_repeated(line: Line, last: list[Line], keys: set[str], similarity: float = 1.0,
                min_similar: int = 15, matchers: dict[str, SequenceMatcher] | None = None) -> bool:
    """Is ``line`` one of ``last`` (``keys``: their keys): the same key, or, when ``similarity`` < 1 and the
    line is long enough, a key that close (difflib ratio: a few words edited, the rest copied)? ``matchers``:
    difflib's matchers by the key of the line of ``last`` they compare with, kept for the next lines."""
    if line.key in keys:
        return True
    if similarity >= 1 or len(line.key) < min_similar:
        return False
    if matchers is None:
        matchers = {}
    for other in last:
        if len(other.key) < min_similar:
            continue
        matcher = matchers.get(other.key)
        if matcher is None:  # what difflib learns of the second sequence is made once (set_seq1 keeps it)
            matcher = matchers[other.key] = SequenceMatcher(None, "", other.key, autojunk=False)
        matcher.set_seq1(line.key)
        if matcher.real_quick_ratio() >= similarity and matcher.quick_ratio() >= similarity \
                and matcher.ratio() >= similarity:
            return True
    return False


def repeated_lines(this: list[Line], last: list[Line], similarity: float = 1.0, min_similar: int = 15) -> list[Line]:
    keys = {line.key for line in last}
    matchers: dict[str, SequenceMatcher] = {}
    return [line for line in this if is_repeated(line, last, keys, similarity, min_similar, matchers)]


def share(lines: list[Line], of: list[Line]) -> float:
    total = sum(line.chars for line in of)
    return sum(line.chars for line in lines) / total if total else 0.0


def repeated_share(this: list[Line], last: list[Line], similarity: float = 1.0,
                   min_similar: int = 15) -> tuple[float, list[Line]]:
    """The share (by Chinese characters) of ``this`` repeated in ``last``, and the repeated lines."""
    repeated = repeated_lines(this, last, similarity, min_similar)
    return share(repeated, this), repeated


def problem_lines(lines: list[Line], markers: tuple[str, ...]) -> list[Line]:
    """The lines of a section 五 before its first improvement marker (all of them without one)."""
    compiled = _patterns(markers)
    for i, line in enumerate(lines):
        if i and any(p.search(line.text) for p in compiled):
            return lines[:i]
    return lines


def clauses(lines: list[Line], marks: str, min_chars: int) -> list[Line]:
    """``lines`` with each one cut at ``marks`` (a list of problems written as one sentence, 一是…；二是…；三是…:
    each clause is one problem), the clauses of at least ``min_chars`` Chinese characters kept."""
    if not marks:
        return lines
    cut = _patterns((f"[{re.escape(marks)}]",))[0]
    out: list[Line] = []
    for line in lines:
        pieces = [piece.strip() for piece in cut.split(line.text)]
        if len(pieces) == 1:
            out.append(line)
            continue
        out.extend(Line(piece, normalise(piece), n) for piece in pieces if (n := han_count(piece)) >= min_chars)
    return out


def _shorten(text: str) -> str:
    return text if len(text) <= _QUOTE else text[:_QUOTE] + "…"


def _quotes(lines: list[Line], limit: int, lang: str) -> str:
    shown = [f"“{_shorten(line.text)}”" for line in lines[:limit]]
    more = "……" if len(lines) > len(shown) else ""
    return ("；" if lang == "zh" else "; ").join(shown) + more


def _sections(report: Report) -> dict[str, Section]:
    out: dict[str, Section] = {}
    for section in report.sections:
        if section.id:
            out.setdefault(section.id, section)
    return out


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def evaluate_repeated(rule: Rule, pairs_: Iterator[tuple[int, Report, Report]], lang: str,
                      settings: dict | None = None) -> Iterator[tuple[int, Diagnostic]]:
    p = rule.params
    boilerplate = tuple(p.get("boilerplate", ()))
    min_sentence = int(p.get("min_sentence_chars", 1))
    min_section = int(p.get("min_section_chars", 0))
    limit = int(p.get("quote_sentences", 3))
    threshold = float((settings or {}).get("repeated_threshold", p.get("threshold", 0.5)))
    similarity = float(p.get("similarity", 1.0))
    min_similar = int(p.get("min_similar_chars", 15))
    markers = tuple(p.get("improvement_markers", ()))
    min_sentences = int(p.get("min_sentences", 2))
    marks = str(p.get("clause_marks", ""))
    memo: dict[int, tuple[Section, list[Line]]] = {}  # a report is this year's in one pair, last year's in another

    def kept(section: Section) -> list[Line]:
        known = memo.get(id(section))
        if known is None:  # the section is held with its lines, so that its id stays unique for the run
            known = memo[id(section)] = (section, kept_lines(section, boilerplate, min_sentence))
        return known[1]

    for i, this, last in pairs_:
        now, before = _sections(this), _sections(last)
        for sid in p.get("sections") or list(now):
            if sid not in now or sid not in before:
                continue
            if p["repeated"] == "problems":
                theirs = clauses(problem_lines(kept(before[sid]), markers), marks, min_sentence)
                if sum(line.chars for line in theirs) < min_section:
                    continue
                ours = clauses(kept(now[sid]), marks, min_sentence)
                again = repeated_lines(theirs, ours, similarity, min_similar)  # last year's, stated again
                part = share(again, theirs)
                if len(again) < min_sentences or part < threshold:
                    continue
                repeated = repeated_lines(ours, again, similarity, min_similar)
            else:
                ours = kept(now[sid])
                if sum(line.chars for line in ours) < min_section:
                    continue
                part, repeated = repeated_share(ours, kept(before[sid]), similarity, min_similar)
                if part <= threshold:
                    continue
            section = now[sid]
            # the quote: the longest repeated sentence (the plainest evidence); the message lists the first ones
            longest = max(repeated, key=lambda line: line.chars, default=None)
            where = Location(section=section.heading, quote=longest.text if longest else None,
                             source=section.source)
            values = dict(section=section.heading, share=_percent(part), threshold=_percent(threshold),
                          year=this.meta.year, last_year=last.meta.year, count=len(repeated),
                          sentences={lg: _quotes(repeated, limit, lg) for lg in LANGS})
            yield i, rule.diagnostic(lang, where, expected=round(threshold, 4), found=round(part, 4),
                                     values=values)
