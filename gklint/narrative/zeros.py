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
from dataclasses import dataclass, field

from gklint.core import lazyre
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


def parse_statements(rule_id: str, items: list[dict]) -> tuple[ZeroStatement, ...]:
    out = []
    for item in items or ():
        where = f"rule {rule_id}: statement {item.get('name', '?')}"
        if not item.get("name") or not item.get("pattern") or not item.get("cells"):
            raise ZeroError(f"{where}: needs name, pattern and cells")
        try:  # each compiled on first use: most are asked only of a sentence that holds a statement
            pattern = lazyre.checked(item["pattern"])
            spoilers = lazyre.checked(item["spoilers"]) if item.get("spoilers") else None
            context = lazyre.checked(item["context"]) if item.get("context") else None
            subject = lazyre.checked(item["subject"]) if item.get("subject") else None
            not_subject = lazyre.checked(item["not_subject"]) if item.get("not_subject") else None
        except re.error as exc:
            raise ZeroError(f"{where}: bad pattern: {exc}") from None
        label = item.get("label") or item["name"]
        out.append(ZeroStatement(rule_id, str(item["name"]),
                                 {"zh": label} if isinstance(label, str) else dict(label),
                                 pattern, spoilers, tuple(map(str, item["cells"])), context,
                                 subject, not_subject, _needs(pattern)))
    return tuple(out)


def _needs(pattern: re.Pattern) -> str | None:
    """The characters one of which every match of ``pattern`` holds (``core.scan.needed_chars``), joined for
    ``holds_any``: looking for a few characters with ``in`` is some 30 times quicker than a class's search of a
    section's Chinese text. None when nothing is known."""
    chars = needed_chars(pattern)
    return "".join(sorted(chars)) if chars else None


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
    # a statement whose context the heading names needs no look at each sentence for it; one whose pattern
    # needs a character the section lacks (``_needs``) is not looked for at all
    whole = "".join(sq.sentence.folded for sq in analysed)
    looked_for = [(st, st.context is None or st.context.search(heading) is not None, st.needs)
                  for st in statements if st.needs is None or holds_any(whole, st.needs)]
    if not looked_for:
        return out
    for sq in analysed:
        s = sq.sentence.folded
        for st, heading_says, needs in looked_for:
            if needs is not None and not holds_any(s, needs):
                continue
            if not heading_says and not st.context.search(s):
                continue
            for m in st.pattern.finditer(s):
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
