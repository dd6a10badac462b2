"""Statements that something did not happen: "未收到政府信息公开申请", "没有发生行政复议", "无行政诉讼".

Zero statements are declared in a rule of ``rules/narrative.yaml`` (``check: zero``)::

    statements:
      - name: no-requests
        label: {zh: 未收到政府信息公开申请, en: no disclosure request received}
        pattern: '(?:未|没有)(?:收到|接到|受理)[^,;:。]{0,12}?(?<!依)申请(?!人)'
        spoilers: '复议|诉讼|逾期'     # the clause must not contain these
        context: '信息公开'            # optional: the sentence or the section heading must contain it
        subject: '复议'                # optional: of this and not_subject, the mention nearest before the
        not_subject: '诉讼'            #   statement's end (in its sentence) must be the subject
        cells: [三.new.total]          # the table must show 0 in each of these

A statement in a sentence about another period (上年, 2020年…) is left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from gklint.narrative.claims import bounded_reading
from gklint.narrative.quantities import SentenceQuantities, period_at
from gklint.core.scan import needed_chars
from gklint.narrative.sentences import clause_bounds, holds_any


class ZeroError(ValueError):
    """A zero statement in a rule is malformed."""


@dataclass(frozen=True)
class ZeroStatement:
    """A zero statement declared by a rule (``check: zero``): words saying there was none of a table's figure."""

    rule: str
    name: str
    label: dict[str, str] = field(hash=False, compare=False)
    pattern: re.Pattern | None = None
    spoilers: re.Pattern | None = None
    cells: tuple[str, ...] = ()
    context: re.Pattern | None = None
    subject: re.Pattern | None = None
    not_subject: re.Pattern | None = None
    needs: str | None = field(default=None, compare=False, repr=False)  # ``_needs`` of the pattern
    # how far before the first of those characters in a sentence a match may start (the widest match less one),
    # None when not known
    reach: int | None = field(default=None, compare=False, repr=False)


def parse_statements(rule_id: str, items: list[dict]) -> tuple[ZeroStatement, ...]:
    out = []
    for item in items or ():
        where = f"rule {rule_id}: statement {item.get('name', '?')}"
        if not item.get("name") or not item.get("pattern") or not item.get("cells"):
            raise ZeroError(f"{where}: needs name, pattern and cells")
        try:
            pattern = re.compile(item["pattern"])
            spoilers = re.compile(item["spoilers"]) if item.get("spoilers") else None
            context = re.compile(item["context"]) if item.get("context") else None
            subject = re.compile(item["subject"]) if item.get("subject") else None
            not_subject = re.compile(item["not_subject"]) if item.get("not_subject") else None
        except re.error as exc:
            raise ZeroError(f"{where}: bad pattern: {exc}") from None
        label = item.get("label") or item["name"]
        out.append(ZeroStatement(rule_id, str(item["name"]),
                                 {"zh": label} if isinstance(label, str) else dict(label),
                                 pattern, spoilers, tuple(map(str, item["cells"])), context,
                                 subject, not_subject, _needs(pattern), _reach(pattern)))
    return tuple(out)


def _needs(pattern: re.Pattern) -> str | None:
    """The characters one of which every match of ``pattern`` holds (``core.scan.needed_chars``), joined for
    ``holds_any`` and ``_find_any``: looking for a few characters with ``in`` and ``str.find`` is some 30 times
    quicker than a class's search of a section's Chinese text. None when nothing is known."""
    chars = needed_chars(pattern)
    return "".join(sorted(chars)) if chars else None


def _reach(pattern: re.Pattern) -> int | None:
    """``ZeroStatement.reach`` of ``pattern``: read from ``claims.bounded_reading``."""
    reading = bounded_reading(pattern)
    return None if reading is None else reading[1] - 1


@dataclass
class ZeroMention:
    """Where a sentence makes a zero statement: the statement, the sentence and the span of its words."""

    statement: ZeroStatement
    sentence: SentenceQuantities
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.sentence.sentence.text[self.start:self.end]


def find(statements: tuple[ZeroStatement, ...], analysed: tuple[SentenceQuantities, ...],
         year: int | None, heading: str = "") -> list[ZeroMention]:
    """Every zero statement made about the report year (one per statement and sentence)."""
    out = []
    for sq, looked_for in _candidates(statements, analysed, heading):
        s = sq.sentence.folded
        for st, heading_says, first in looked_for:
            if not heading_says and not st.context.search(s):
                continue
            # no match starts more than ``reach`` characters before the first character every match needs: the
            # engine starts there (a look-behind still sees the text before it)
            for m in st.pattern.finditer(s, 0 if st.reach is None else max(0, first - st.reach)):
                lo, hi = clause_bounds(s, m.start())
                hi = max(hi, clause_bounds(s, max(m.end() - 1, m.start()))[1])
                if st.spoilers is not None and st.spoilers.search(s, lo, hi):
                    continue
                if period_at(s, m.start(), year) == "foreign":
                    continue
                if st.subject is not None and not _about(st, s, m.end()):
                    continue
                out.append(ZeroMention(st, sq, m.start(), m.end()))
                break
    return out


def _candidates(statements: tuple[ZeroStatement, ...], analysed: tuple[SentenceQuantities, ...], heading: str):
    """(sentence, [(statement, whether the heading names its context, where in the sentence the first character
    the statement needs is)]) for each sentence that holds a character each of these statements needs
    (``_needs``; every sentence, from its start, for a statement that needs none), the sentences in order and
    each one's statements in the order given. A statement's characters are looked for in the section's text,
    from one sentence holding them to the next, instead of in every sentence in turn."""
    starts = [0, *accumulate(len(sq.sentence.folded) for sq in analysed)]
    whole = "".join(sq.sentence.folded for sq in analysed)
    by_sentence: dict[int, list] = {}
    for st in statements:
        if st.needs is None:
            found: Sequence[tuple[int, int]] = [(i, start) for i, start in enumerate(starts[:-1])]
        elif holds_any(whole, st.needs):  # (most statements are not looked for at all)
            found = _holding(whole, starts, st.needs)
        else:
            continue
        heading_says = st.context is None or st.context.search(heading) is not None
        for i, at in found:
            by_sentence.setdefault(i, []).append((st, heading_says, at - starts[i]))
    return [(analysed[i], by_sentence[i]) for i in sorted(by_sentence)]


def _holding(whole: str, starts: list[int], chars: str) -> list[tuple[int, int]]:
    """(index, offset in ``whole`` of the first of ``chars`` in it) of each piece of ``whole`` (the k-th from
    ``starts[k]`` to ``starts[k + 1]``) holding one of ``chars``, in order: one ``str.find`` a character a piece."""
    out: list[tuple[int, int]] = []
    at = _find_any(whole, chars, 0)
    while at >= 0:
        i = bisect_right(starts, at) - 1
        out.append((i, at))
        at = _find_any(whole, chars, starts[i + 1])
    return out


def _find_any(text: str, chars: str, start: int) -> int:
    """The first offset from ``start`` of one of ``chars`` in ``text``, or -1."""
    if len(chars) == 1:
        return text.find(chars, start)
    found = [at for ch in chars if (at := text.find(ch, start)) >= 0]
    return min(found) if found else -1


def _about(st: ZeroStatement, s: str, end: int) -> bool:
    """Is the statement ending at ``end`` about its subject: of the subject and the other subjects,
    the mention nearest before ``end`` is the subject ("未发生行政复议被纠错": 复议)."""
    last_subject = max((m.end() for m in st.subject.finditer(s, 0, end)), default=-1)
    if last_subject < 0:
        return False
    if st.not_subject is None:
        return True
    last_other = max((m.end() for m in st.not_subject.finditer(s, 0, end)), default=-1)
    return last_subject > last_other
