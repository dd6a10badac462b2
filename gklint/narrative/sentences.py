"""Split narrative text into sentences and clauses, keeping offsets into the original text.

Matching works on a *folded* copy of the text: full-width digits, letters and punctuation become
half-width one character for one character (so offsets stay valid), and titles in 《》 and document
numbers such as 〔2021〕24号 are blanked out, so that neither their numbers nor their words are read
as statements of the report.
"""

from __future__ import annotations

import re
from bisect import bisect_left
import unicodedata
from typing import NamedTuple

from gklint.core.text import SENTENCE_END, sentence_spans, text_cache

MASK = "□"
# Inside a sentence, these end a clause. "、" does not: "行政复议、行政诉讼共3件" is one statement
# (list items are told apart by the numbers between them, see ``quantities``).
CLAUSE_END = ",;:" + SENTENCE_END

_TITLE = re.compile(r"《[^《》\n]{0,80}》")
# 〔2021〕24号, [2021]67号, (2021)3号, 〔2021〕43 (no 号); and 第711号. Two patterns, each beginning with what the
# engine skips ahead to (one alternation of both is tried at every position of the text), blanked one after the
# other: a match of the second holds no bracket, so it neither overlaps a match of the first that it does not
# lie in, nor does one lie in it.
_DOC_NUMBER = re.compile(r"[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*(?:第\s*)?\d*\s*号?")
_DOC_ORDINAL = re.compile(r"第\s*\d+\s*号")


def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


class _FoldTable(dict):
    """``str.translate`` table: code point -> its folded character, filled as characters are first seen."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = self[code] = ch if ch.isascii() else _fold_char(ch)
        return folded


_FOLD = _FoldTable()
# ASCII, the CJK unified ideographs and the commonest Chinese punctuation are their own NFKC form (the fewer
# characters the search for those that may fold finds, the quicker)
_OWN_FORM = "、。《》“”‘’〔〕【】—·「」『』"
_MAY_FOLD = re.compile("[^\x00-\x7f\u4e00-\u9fff" + _OWN_FORM + "]")


@text_cache(maxsize=256)
def fold(text: str) -> str:
    """Width-fold character by character (the result has the same length) and blank titles and
    document numbers with ``MASK``."""
    # each character that may fold, once (a Python loop per character cost a third of a text rule, and
    # translate() looks up every character of Chinese text); a folded character folds to itself, so
    # replacing one after another is the same as folding all at once
    out = text
    for ch in set(_MAY_FOLD.findall(text)):
        folded = _FOLD[ord(ch)]
        if folded != ch:
            out = out.replace(ch, folded)
    # "，" -> ","; "。" stays; the ideographic space becomes " "
    return blank(out)


def blank(text: str) -> str:
    """``text`` with its titles and document numbers (``_MASKED``) blanked with ``MASK``, one for one."""
    for pattern, starts in _MASKED:
        if holds_any(text, starts):  # (a quick look for what every match starts with)
            text = pattern.sub(lambda m: MASK * len(m.group()), text)
    return text


def holds_any(text: str, parts) -> bool:
    """Does ``text`` hold one of ``parts`` (characters or words)? A plain loop of ``in``: no generator."""
    for part in parts:
        if part in text:
            return True
    return False


# what fold blanks, and the characters a match of it starts with
_MASKED = ((_TITLE, "《"), (_DOC_NUMBER, "〔[(【"), (_DOC_ORDINAL, "第"))


class Sentence(NamedTuple):
    """One sentence: ``start``/``end`` are offsets in the section text; ``folded`` is its folded form.

    A named tuple (immutable, compared and hashed by its fields, as a frozen dataclass would be): made for every
    sentence of every text a narrative rule reads, it is made three times quicker than a frozen dataclass."""

    start: int
    end: int
    text: str  # as written
    folded: str  # same length as text

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        """The clause (offsets within the sentence) around position ``pos``."""
        return clause_bounds(self.folded, pos)

    @property
    def quote(self) -> str:
        return self.text.strip()


OPEN, CLOSE = "(（[【", ")）]】"


def enclosing_brackets(s: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The span inside the innermost bracket pair around ``s[start:end]``: (after its opening bracket,
    at its closing one); the text's start or end where a side has no unmatched bracket."""
    depth, lo = 0, 0
    for j in range(start - 1, -1, -1):
        if s[j] in CLOSE:
            depth += 1
        elif s[j] in OPEN:
            if depth == 0:
                lo = j + 1
                break
            depth -= 1
    depth, hi = 0, len(s)
    for j in range(start if end is None else end, len(s)):
        if s[j] in OPEN:
            depth += 1
        elif s[j] in CLOSE:
            if depth == 0:
                hi = j
                break
            depth -= 1
    return lo, hi


def clause_bounds(folded: str, pos: int, ends: str = CLAUSE_END) -> tuple[int, int]:
    """The clause around ``pos``: from after the last clause end before it to the next one at or after it.

    The clause ends of a string are found once (and cached), so that asking for the clause of every
    number of a long sentence stays linear overall instead of walking the clause each time.
    """
    n = len(folded)
    if pos > n:  # beyond the text: the old walk's answer (no clause end can follow)
        lo = pos
        while lo > 0 and (lo > n or folded[lo - 1] not in ends):
            lo -= 1
        return lo, pos
    return bounds_in(_clause_ends(folded, ends), n, pos)


def clause_start(folded: str, pos: int) -> int:
    """``clause_bounds(folded, pos)[0]`` for a ``pos`` within the text, without finding every clause end of a
    long text (a paragraph) for one position: the last clause end before ``pos``, by one ``str.rfind`` a mark."""
    return max(folded.rfind(ch, 0, pos) for ch in CLAUSE_END) + 1


def bounds_in(marks: list[int], n: int, pos: int) -> tuple[int, int]:
    """``clause_bounds`` at ``pos`` (at most ``n``) of a text of length ``n`` whose clause ends are ``marks``."""
    i = bisect_left(marks, pos)
    return (marks[i - 1] + 1 if i > 0 else 0), (marks[i] if i < len(marks) else n)


def clause_ends(folded: str) -> list[int]:
    """Offsets of the clause ends (``CLAUSE_END``) of ``folded``, ascending (for ``bounds_in``)."""
    return _clause_ends(folded, CLAUSE_END)


@text_cache(maxsize=64)
def _clause_ends(folded: str, ends: str) -> list[int]:
    """Offsets of every clause-ending character of ``folded`` (ascending)."""
    return positions(folded, ends)


def positions(text: str, chars: str) -> list[int]:
    """Offsets of every occurrence of any of ``chars`` (distinct characters) in ``text``, ascending.

    Found with ``str.find``, character by character of ``chars``: a regular expression's character class
    tests each character of the text in turn, several times slower on Chinese text."""
    out: list[int] = []
    for ch in chars:
        if ch in text:
            i = text.find(ch)
            while i >= 0:
                out.append(i)
                i = text.find(ch, i + 1)
    if len(chars) > 1:
        out.sort()
    return out


def split(text: str) -> list[Sentence]:
    """Sentences of ``text`` (``gklint.core.text.sentence_spans`` over the folded text); empty ones are dropped.

    A line end always ends a sentence: a paragraph is a unit of meaning, and list items and
    inline headings ("1.主动公开政府信息情况。") usually start a line.
    """
    folded = fold(text)
    out: list[Sentence] = []
    for start, end in sentence_spans(folded):
        _add(out, text, folded, start, end)
    return out



def _add(out: list[Sentence], text: str, folded: str, start: int, end: int) -> None:
    piece = text[start:end]
    if piece.strip(" \t\r\n\u3000\xa0"):
        out.append(Sentence(start, end, piece, folded[start:end]))
