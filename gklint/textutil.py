"""Small helpers for rules that read the narrative: Chinese characters, lines, sentences, quotes.

- Every text finding quotes the sentence it comes from: ``quote()`` cuts that sentence out of a
  text around a match, shortened around the match when it is long.
- ``report_texts()`` gives the preamble and each section as a ``Place`` (heading line + body) whose
  ``location()`` builds the finding's Location (section, quote, and the line's source when
  recognition provides per-line sources in ``Section.sources``).
- ``is_table_line()`` tells a table cell flattened into the text (an official label, a bare value,
  a row label followed by its values) from prose, so that prose rules skip tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import NamedTuple

from gklint.core import lazyre
from gklint.core.diagnostic import Location
from gklint.core.numerals import NUMERAL
from gklint.core.text import sentence_span, text_cache
from gklint.layouts import core, layouts, normalise

_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))  # the ideographs, as code points
HAN = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _HAN_RANGES)  # the same, as a pattern's class
_HAN_RUN = lazyre.compile(f"[{HAN}]+")  # how ``han_count`` counts a short text

PREAMBLE = "标题与导语"  # how findings before the first section name their place
_QUOTE_LIMIT = 80


_LONG = 512  # a text this long is counted by one comparison of its code points with each range


def han_count(text: str) -> int:
    """How many Chinese characters ``text`` holds (what 字数 means in a notice)."""
    if len(text) < _LONG:
        return sum(map(len, _HAN_RUN.findall(text)))
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # an unsigned difference from a range's start is within its width only inside the range (below, it wraps)
    return sum(int(np.count_nonzero(codes - np.uint32(lo) <= hi - lo)) for lo, hi in _HAN_RANGES)


def is_han(char: str) -> bool:
    """``char`` is one character of ``HAN``'s ranges (compared by code point: a pattern of that class costs
    milliseconds to compile)."""
    return len(char) == 1 and ("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"
                               or "\uf900" <= char <= "\ufaff")


def quote(text: str, start: int, end: int | None = None, limit: int = _QUOTE_LIMIT) -> str:
    """The sentence around text[start:end], stripped; when longer than ``limit`` characters, the part
    around the match with "…" where it was cut."""
    end = start if end is None else end
    lo, hi = sentence_span(text, start, end)
    while lo < start and text[lo].isspace():
        lo += 1
    while hi > end and text[hi - 1].isspace():
        hi -= 1
    if hi - lo <= limit:
        return text[lo:hi]
    room = max(limit - (end - start), 10)
    left = max(lo, start - room // 2)
    right = min(hi, end + (room - (start - left)))
    left = max(lo, min(left, right - limit))
    return ("…" if left > lo else "") + text[left:right] + ("…" if right < hi else "")


def lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of ``text`` with the offset where it starts."""
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


@text_cache(maxsize=256)
def prose_lines(text: str) -> tuple[tuple[int, str], ...]:
    """The lines of ``text`` that are not table lines (``is_table_line``), with their offsets: worked out once
    per text and shared by every rule that reads prose."""
    return tuple((pos, line) for pos, line in lines(text) if not is_table_line(line))


@cache
def _table_labels() -> frozenset[str]:
    """Every official table label, heading and block title of every layout, normalised and without numbering."""
    names: set[str] = set()
    for layout in layouts().values():
        for spec in layout.tables.values():
            names.add(core(spec.title))
            names.update(core(b) for b in spec.blocks)
            for row in spec.rows:
                names.update(core(n) for n in row.names)
                for col in row.columns:
                    names.update(core(n) for n in col.names)
                    if col.group:
                        names.add(core(col.group))
    names.update(core(n) for n in ("信息内容", "申请人情况", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉",
                                   "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "法人或其他组织"))
    return frozenset(n for n in names if n)


@cache
def _longest_label() -> int:
    """The length of the longest table label."""
    return max(map(len, _table_labels()), default=0)


@cache
def _too_many_words() -> Callable[[str], object]:
    """A test for a text holding more ideographs other than the list numerals (一…十) than the longest label
    (compiled only when a text that long is asked about). ``normalise`` keeps every unified ideograph (NFKC
    changes none and composes none with a neighbour; the punctuation and space folding touch none) and
    ``core`` drops only numbering, so such a text is no label, normalised or without its numbering."""
    words = _ideographs_except(NUMERAL)
    return re.compile(f"(?:[^{words}]*[{words}]){{{_longest_label() + 1}}}").match


@cache
def _unlabelled() -> Callable[[str], object]:
    """A search for an ideograph that is neither in a table label nor a list numeral: a text holding one is no
    label, normalised or without its numbering (as in ``_too_many_words``)."""
    return re.compile(f"[{_ideographs_except(NUMERAL + ''.join(_table_labels()))}]").search


def _ideographs_except(chars: str) -> str:
    """The unified ideographs (U+4E00…U+9FFF) other than ``chars``, as the ranges of a character class."""
    ranges, lo = [], 0x4E00
    for code in sorted({ord(ch) for ch in chars if 0x4E00 <= ord(ch) <= 0x9FFF}):
        if lo < code:
            ranges.append(f"{chr(lo)}-{chr(code - 1)}")
        lo = code + 1
    ranges.append(f"{chr(lo)}-\u9fff")
    return "".join(ranges)


_VALUE = re.compile(r"^[\s\d.,，/—－\-+%]*$")


@text_cache(maxsize=4096)
def is_table_line(line: str) -> bool:
    """A line that is a table cell flattened into text: an official label or header, or a bare value
    (cached: every rule that reads prose asks of the same lines)."""
    stripped = line.strip()
    if not stripped or _VALUE.match(stripped):
        return True
    if _is_label(stripped):
        return True
    if len(stripped) > 200:
        return False
    if not _VALUE_CHAR.match(stripped[-1]):
        return False  # _TRAILING_VALUES ends in a value: prose ends in a word or a mark (and the lazy label is slow)
    m = _TRAILING_VALUES.match(stripped)  # a row label followed by its values: "行政规范性文件 8 26 66"
    return bool(m) and _is_label(m.group("label"))


_TRAILING_VALUES = re.compile(r"^(?P<label>.*?[^\s\d.,，/—－\-+%])[\s\d.,，/—－\-+%]*\d[\s\d.,，/—－\-+%]*$")
_VALUE_CHAR = re.compile(r"[\s\d.,，/—－\-+%]")


def _is_label(text: str) -> bool:
    if _unlabelled()(text):
        return False  # a word no label has (checked before normalising: most prose lines have one)
    if len(text) > _longest_label() and _too_many_words()(text):
        return False  # more words than any label has: a paragraph of prose (not normalised for nothing)
    norm = normalise(text)
    return core(norm) in _table_labels() or norm in _table_labels()


def first_line(text: str) -> str:
    return next((ln.strip() for ln in text.split("\n") if ln.strip()), "")


class Place(NamedTuple):
    """A text findings are quoted from: the preamble, or a section as its heading line and body."""

    name: str  # the section heading, or PREAMBLE
    text: str
    sources: tuple = ()  # where each line of ``text`` is in the original (Source or None per line)

    def source_at(self, offset: int):
        """Where the line holding text[offset] is in the original, when known."""
        line = self.text.count("\n", 0, max(0, offset))
        return self.sources[line] if line < len(self.sources) else None

    def location(self, start: int, end: int | None = None, **where) -> Location:
        """The finding's location: this place, the sentence around text[start:end], and its source."""
        return Location(section=self.name, quote=quote(self.text, start, end), source=self.source_at(start),
                        **where)


def section_place(section) -> Place:
    """A section as its heading line and body; line sources from ``Section.sources`` (one per body line)
    when recognition provides them, else only the heading's."""
    body = getattr(section, "sources", None) or ()
    return Place(section.heading, f"{section.heading}\n{section.text}", (section.source, *body))


def report_texts(report, *, preamble: bool = True) -> Iterator[Place]:
    """The preamble (named ``PREAMBLE``), then each section."""
    if preamble and report.preamble:
        yield Place(PREAMBLE, report.preamble, tuple(getattr(report, "preamble_sources", None) or ()))
    for section in report.sections:
        yield section_place(section)


class ReportText:
    """One report's text as the text rules read it, made once per report and shared by every rule of the run
    (``Context.text``): its places (``report_texts``), each section's place, and what the caches of
    ``gklint.core.text.text_cache`` key on these texts (lines, prose lines, sentences, numbers)."""

    __slots__ = ("report", "_places", "_sections", "memo")

    def __init__(self, report):
        self.report = report
        self.memo: dict = {}  # what one rule works out of this report's text for the others (by the rule kind's key)
        self._places: tuple[Place, ...] | None = None
        self._sections: dict[int, tuple[object, Place]] = {}

    def places(self, preamble: bool = True) -> tuple[Place, ...]:
        if self._places is None:
            self._places = tuple(report_texts(self.report))
        return self._places if preamble or not self.report.preamble else self._places[1:]

    def place(self, section) -> Place:
        got = self._sections.get(id(section))
        if got is None or got[0] is not section:
            got = self._sections[id(section)] = (section, section_place(section))
        return got[1]


def _shared(report, ctx) -> ReportText | None:
    text = getattr(ctx, "text", None)
    return text if text is not None and text.report is report else None


def places(report, ctx=None, *, preamble: bool = True) -> tuple[Place, ...]:
    """``report_texts`` as a tuple: the run's shared ``ReportText`` when ``ctx`` carries this report's."""
    shared = _shared(report, ctx)
    return shared.places(preamble) if shared is not None else tuple(report_texts(report, preamble=preamble))


def place_of(section, ctx=None) -> Place:
    """``section_place``, from the run's shared ``ReportText`` when ``ctx`` carries the report's."""
    shared = getattr(ctx, "text", None)
    return shared.place(section) if shared is not None else section_place(section)
