"""PDF characters -> text lines -> paragraphs (Chinese typography: lines wrap mid-sentence).

A paragraph starts with an indented line, a heading ("一、", "（一）", "1."...), a change of
font size or a larger vertical gap, or after a line that stops short of the right margin.
Otherwise a line continues the paragraph before it, across a page break too.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from gklint.core import lazyre, lookalikes
from gklint.core.numerals import NUMERAL

# Chinese characters and punctuation (ideographs, CJK and full-width punctuation, curly quotes)
_CHINESE = r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026\u2014]"
_CJK = lazyre.compile(_CHINESE)
_SPACE_NEAR_CJK = lazyre.compile(rf"(?<={_CHINESE})[ \t\u00a0]+|[ \t\u00a0]+(?={_CHINESE})")
HEADING = lazyre.compile(rf"^\s*(?:第[一二三四五六七八九十百零]+[章节部分条]|{NUMERAL}+\s*[、.．]"
                     rf"|[（(]\s*{NUMERAL}+\s*[)）]|\d{1,2}\s*[、.．](?!\d)|[（(]\d{1,2}[)）])")
_SENTENCE_END = tuple("。；：！？!?;:")


def tidy(text: str) -> str:
    """Drop the spaces a PDF puts between Chinese characters and digits ("2024 年" -> "2024年"); look-alikes of
    ideographs ("⼀" for "一", ``core.lookalikes``) read as the ideographs already here, where the lines are split
    into paragraphs at headings ("一、")."""
    return _SPACE_NEAR_CJK.sub("", lookalikes.unify(text)).strip()


def join_wrapped(parts: list[str]) -> str:
    """Join the lines of one paragraph or cell: no space where Chinese meets, one between words."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(part[0]) or out.endswith("-")
                        or (out[-1].isdigit() and part[0].isdigit())):  # a number wrapped in a narrow cell
            out += " "
        out += part
    return out


@dataclass
class Line:
    chars: list[dict]
    page: int = 0
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    text: str = ""
    tabular: bool = False  # cells of a table without ruling lines, separated by tabs: a line of its own

    @classmethod
    def of(cls, chars: list[dict], page: int = 0) -> Line:
        chars = sorted(chars, key=lambda c: c["x0"])
        visible = [c for c in chars if not c["text"].isspace()]
        size = statistics.median(c["size"] for c in visible) if visible else 0.0
        return cls(chars=visible, page=page, x0=min(c["x0"] for c in visible), x1=max(c["x1"] for c in visible),
                   top=min(c["top"] for c in visible), bottom=max(c["bottom"] for c in visible),
                   size=size, text=tidy(_spaced(visible)))


def spaced_text(chars: list[dict]) -> str:
    """The text of characters on one line, tidied."""
    return tidy(_spaced(chars))


def _spaced(chars: list[dict]) -> str:
    out: list[str] = []
    prev = None
    for c in chars:
        if prev is not None and c["x0"] - prev["x1"] > 0.2 * max(c["size"], prev["size"], 1):
            out.append(" ")
        out.append(c["text"])
        prev = c
    return "".join(out)


def group_lines(chars: list[dict], page: int = 0) -> list[Line]:
    """Characters -> lines, top to bottom; chars whose vertical middles are close share a line."""
    visible = [c for c in chars if c["text"] and not c["text"].isspace()]
    visible.sort(key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"]))
    groups: list[list[dict]] = []
    middle = None
    for c in visible:
        m = (c["top"] + c["bottom"]) / 2
        if groups and abs(m - middle) <= 0.4 * max(c["size"], 1):
            groups[-1].append(c)
        else:
            groups.append([c])
            middle = m
    return [Line.of(g, page) for g in groups]


_OPENING = frozenset("（《“‘〈【「『〔([{")
_CLOSING = frozenset("，。、；：！？）》”’〉】」』〕,.;:!?)]}%")
_WORD = lazyre.compile(r"[A-Za-z0-9.@:/\\_\-+%#&=~]")


def first_unit_width(line: Line) -> float:
    """Width of what cannot be split at the start of a line: opening brackets, then one Chinese
    character or a whole Latin word or number, then closing punctuation (which never starts a
    line). A wrapped line before it may stop short by up to this much."""
    chars = line.chars
    i = 0
    while i < len(chars) and chars[i]["text"] in _OPENING:
        i += 1
    if i < len(chars) and _WORD.match(chars[i]["text"]):
        while i < len(chars) and _WORD.match(chars[i]["text"]):
            i += 1
    else:
        i += 1
    while i < len(chars) and chars[i]["text"] in _CLOSING:
        i += 1
    i = min(i, len(chars))
    return (chars[i - 1]["x1"] - chars[0]["x0"]) if i else 0.0


def cell_text(chars: list[dict]) -> str:
    return join_wrapped([line.text for line in group_lines(chars)])


# --------------------------------------------------------------------------- paragraphs

@dataclass
class Margins:
    left: float
    right: float
    pitch: float  # usual distance between the tops of two lines of one paragraph


def margins(lines: list[Line], fallback: Margins | None = None) -> Margins:
    """The body text's left edge (the leftmost shared by two lines), right edge and line pitch."""
    if len(lines) < 3 and fallback:
        return fallback
    lefts = Counter(round(line.x0) for line in lines)
    shared = [x for x, n in lefts.items() if n >= 2 or n + lefts.get(x - 1, 0) + lefts.get(x + 1, 0) >= 2]
    if not shared and fallback:
        return fallback
    left = min(shared) if shared else lefts.most_common(1)[0][0]  # continuation lines sit at the margin
    ends = sorted((line.x1 for line in lines), reverse=True)
    size = statistics.median(line.size for line in lines)
    # the right edge: the furthest end reached by two lines (full lines end together; a stray
    # wide line, a page number or a centred title does not move it)
    right = next((a for a, b in zip(ends, ends[1:]) if a - b <= 0.5 * size), ends[0])
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:])
            if b.page == a.page and 0 < b.top - a.top < 4 * max(a.size, 1)]
    pitch = statistics.median(gaps) if gaps else (fallback.pitch if fallback else 1.5 * lines[0].size)
    return Margins(left=left, right=right, pitch=pitch)


_FULL_STOPS = ("。", "！", "？", "!", "?")


def column_margins(column: list[Line], width: float) -> Margins:
    """The margins of one column of a two-column run ``width`` wide (the columns are as wide as each other: a
    column of one-line paragraphs does not reach its edge). A column whose lines all start at one place and each
    end a sentence is a run of one-line paragraphs, each indented: it shows no margin to tell the indent from,
    and a wrapped paragraph would have to end a sentence at every line's end to look like it; its margin is
    taken left of the lines, so that each line starts a paragraph."""
    own = margins(column)
    left, size = own.left, statistics.median(ln.size for ln in column)
    starts = [ln.x0 for ln in column]
    if len(column) > 1 and max(starts) - min(starts) < 0.5 * size and all(ln.text.endswith(_FULL_STOPS)
                                                                         for ln in column):
        left = min(starts) - 2 * size
    return Margins(left, max(own.right, min(starts) + width), own.pitch)


@dataclass
class ParagraphBuilder:
    """Feed lines in reading order; each finished paragraph goes to ``emit(page, text)``."""

    emit: Callable[[int, str], None]
    _parts: list[str] = field(default_factory=list)
    _page: int = 0
    _last: Line | None = None
    _last_margins: Margins | None = None

    def add(self, line: Line, m: Margins, *, new_page: bool = False) -> None:
        if line.tabular:
            self.flush()
            self.emit(line.page, line.text)
            return
        if self._last is None or self._starts_paragraph(line, m, new_page):
            self.flush()
            self._page = line.page
        self._parts.append(line.text)
        self._last, self._last_margins = line, m

    def _starts_paragraph(self, line: Line, m: Margins, new_page: bool) -> bool:
        last, lm = self._last, self._last_margins or m
        size = max(line.size, 1)
        if line.x0 > m.left + 0.9 * size:  # indented
            return True
        if lm.right - last.x1 > first_unit_width(line) + 0.6 * max(last.size, 1):
            return True  # the line before stopped short: what starts this line would have fitted there
        if abs(line.size - last.size) > 0.15 * max(line.size, last.size):
            return True
        if not new_page and line.top - last.top > 1.6 * m.pitch:
            return True
        return bool(HEADING.match(line.text)) and last.text.endswith(_SENTENCE_END)

    def flush(self) -> None:
        if self._parts:
            text = join_wrapped(self._parts)
            if text:
                self.emit(self._page, text)
        self._parts = []
        self._last = None

    def break_here(self) -> None:
        """Something that is not text (a table) comes next: the paragraph ends."""
        self.flush()
