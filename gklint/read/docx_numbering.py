"""Word list numbering -> the label Word shows before a numbered paragraph ("一、", "（二）", "3.").

A paragraph numbered by ``w:numPr`` (its own, or its paragraph style's) shows a label that is not in its
text: Word computes it from ``word/numbering.xml``. A ``w:num`` names an abstract list (``w:abstractNum``);
the abstract list's level (``w:lvl``, the paragraph's ``w:ilvl``) gives the label's pattern ``w:lvlText``,
where ``%1`` … ``%9`` stand for the counters of levels 1 … 9, each shown in its level's ``w:numFmt``.

Counting, as Word does: the counters belong to the abstract list (two ``w:num`` of one abstract list
continue each other), a level starts at its ``w:start`` and restarts when a higher level is used (or as its
``w:lvlRestart`` says: 0 never), a ``w:num``'s ``w:lvlOverride`` restarts a level at its ``w:startOverride``
the first time that ``w:num`` uses it (or redefines the level with its own ``w:lvl``). Paragraphs of the body
are counted in document order, table cells included; text boxes and the fallback copy of alternate content
are not read, so not counted.

A label whose format cannot be computed here (bullets, English words, …) is not given: the paragraph keeps
its text as typed. Neither is the label of a paragraph without text (a blank numbered line: it is counted).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn

from gklint.core import numerals
from gklint.read.docx_styles import inherited

_CN_DIGITS = "〇一二三四五六七八九"
_LEGAL = str.maketrans("一二三四五六七八九十", "壹贰叁肆伍陆柒捌玖拾")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_OFF = ("0", "false", "off")
# a label ending so needs no space before the text (suffix tab or space)
_CLOSED = "、.．)）:：]】"
_NOT_COUNTED = frozenset({qn("w:txbxContent"), "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"})


def _counting(n: int) -> str | None:
    """1..99 counted in words: 一 … 十, 十一, 二十, 二十一 (Word's chineseCounting and its kin)."""
    return numerals.to_chinese(n) if 0 < n < 100 else None


def _roman(n: int) -> str | None:
    if not 0 < n < 4000:
        return None
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def _cycle(n: int, symbols: str) -> str | None:
    return symbols[n - 1] if 0 < n <= len(symbols) else None


def _enclosed(n: int, first: int) -> str:
    """①…⑳ and their kin, written as digits past 20 (as Word does)."""
    return chr(first + n - 1) if 0 < n <= 20 else str(n)


def _letters(n: int, a: str) -> str | None:
    """a … z, aa … zz, … up to 30 letters (780), as far as Word counts: Word repeats the letter. Past that, no
    label (a hostile w:start must not make a label of millions of letters)."""
    return chr(ord(a) + (n - 1) % 26) * ((n - 1) // 26 + 1) if 0 < n <= 26 * 30 else None


_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": lambda n: _enclosed(n, 0x2460),
    "decimalEnclosedCircleChinese": lambda n: _enclosed(n, 0x2460),
    "decimalEnclosedParen": lambda n: _enclosed(n, 0x2474),
    "decimalEnclosedFullstop": lambda n: _enclosed(n, 0x2488),
    "chineseCounting": _counting,
    "chineseCountingThousand": _counting,
    "taiwaneseCounting": _counting,
    "taiwaneseCountingThousand": _counting,
    "japaneseCounting": _counting,
    "chineseLegalSimplified": lambda n: (_counting(n) or "").translate(_LEGAL) or None,
    "ideographDigital": lambda n: str(n).translate(str.maketrans("0123456789", _CN_DIGITS)),
    "taiwaneseDigital": lambda n: str(n).translate(str.maketrans("0123456789", _CN_DIGITS)),
    "ideographTraditional": lambda n: _cycle(n, _STEMS),
    "ideographZodiac": lambda n: _cycle(n, _BRANCHES),
    "lowerLetter": lambda n: _letters(n, "a"),
    "upperLetter": lambda n: _letters(n, "A"),
    "lowerRoman": _roman,
    "upperRoman": lambda n: (_roman(n) or "").upper() or None,
    "none": lambda n: "",
}


def number_text(n: int, fmt: str) -> str | None:
    """Counter ``n`` shown in Word's number format ``fmt``; None for a format not computed here."""
    show = _FORMATS.get(fmt)
    return show(n) if show is not None else None


def _val(el, name: str) -> str | None:
    child = el.find(qn(name)) if el is not None else None
    return child.get(qn("w:val")) if child is not None else None


def _int(el, name: str, default: int | None) -> int | None:
    try:
        return int(_val(el, name))
    except (TypeError, ValueError):
        return default


def _attr_int(el, name: str) -> int:
    try:
        return int(el.get(qn(name), "0"))
    except ValueError:
        return 0


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str | None
    suffix: str
    restart: int | None  # levels above this (ilvl < restart) restart it; 0: never
    legal: bool  # w:isLgl: every counter shown in decimal
    style: str | None  # the paragraph style linked to this level

    @classmethod
    def of(cls, lvl) -> _Level:
        legal = lvl.find(qn("w:isLgl"))
        return cls(_int(lvl, "w:start", 1), _val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText"),
                   _val(lvl, "w:suff") or "tab", _int(lvl, "w:lvlRestart", None),
                   legal is not None and legal.get(qn("w:val"), "1") not in _OFF, _val(lvl, "w:pStyle"))

    def restarts_after(self, ilvl: int, used: int) -> bool:
        """Whether this level (``ilvl``) restarts when level ``used`` (higher) is used."""
        if self.restart is None:
            return used < ilvl
        return used < min(self.restart, ilvl)


@dataclass
class _Num:
    abstract: str
    levels: dict[int, _Level]  # the abstract list's levels, with this w:num's own redefinitions
    overrides: dict[int, int] = field(default_factory=dict)  # ilvl -> start, on this w:num's first use of it


def _numpr(style):
    ppr = style.find(qn("w:pPr"))
    return ppr.find(qn("w:numPr")) if ppr is not None else None


def _levels(el) -> dict[int, _Level]:
    return {_attr_int(lvl, "w:ilvl"): _Level.of(lvl) for lvl in el.findall(qn("w:lvl"))}


class Numbering:
    """The labels of one document's numbered paragraphs, counted in the order they are asked for."""

    def __init__(self, numbering, styles) -> None:
        self.styles = {st.get(qn("w:styleId")): st for st in styles.findall(qn("w:style"))} if styles is not None else {}
        abstracts = {ab.get(qn("w:abstractNumId")): ab for ab in numbering.findall(qn("w:abstractNum"))}
        nums = numbering.findall(qn("w:num"))
        num_abstract = {num.get(qn("w:numId")): _val(num, "w:abstractNumId") for num in reversed(nums)}  # first wins
        self.nums: dict[str, _Num] = {}
        for num in nums:
            abstract_id = self._linked(abstracts, _val(num, "w:abstractNumId"), num_abstract)
            if abstract_id not in abstracts:
                continue
            entry = _Num(abstract_id, _levels(abstracts[abstract_id]))
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = _attr_int(override, "w:ilvl")
                start = _int(override, "w:startOverride", None)
                if (lvl := override.find(qn("w:lvl"))) is not None:
                    entry.levels[ilvl] = _Level.of(lvl)
                    start = start if start is not None else entry.levels[ilvl].start
                if start is not None:
                    entry.overrides[ilvl] = start
            self.nums[num.get(qn("w:numId"))] = entry
        self.counters: dict[str, dict[int, int]] = {}  # abstract list -> ilvl -> counter
        self.used: set[tuple[str, int]] = set()  # (numId, ilvl) already counted: overrides spent

    def _linked(self, abstracts: dict, abstract_id: str | None, num_abstract: dict) -> str | None:
        """An abstract list that only names a numbering style (w:numStyleLink) -> the list that style uses
        (``num_abstract``: each w:num's abstract list, the first w:num of an id winning)."""
        link = _val(abstracts.get(abstract_id), "w:numStyleLink")
        if link is None:
            return abstract_id
        num_id = _val(self._style_numpr(link), "w:numId")
        return num_abstract[num_id] if num_id in num_abstract else abstract_id

    def _style_numpr(self, style_id: str | None):
        """The w:numPr a paragraph style gives (its own or the style it is based on)."""
        return inherited(self.styles, style_id, _numpr)

    def _place(self, p) -> tuple[str, int] | None:
        """(numId, ilvl) of a numbered paragraph, or None."""
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            return None
        own, style_id = ppr.find(qn("w:numPr")), _val(ppr, "w:pStyle")
        by_style = self._style_numpr(style_id) if style_id is not None else None
        num_id = _val(own, "w:numId") or _val(by_style, "w:numId")
        num = self.nums.get(num_id)
        if num is None:  # numId 0 (numbering taken off), or a list that does not exist
            return None
        ilvl = _int(own, "w:ilvl", None)
        if ilvl is None:
            ilvl = _int(by_style, "w:ilvl", None)
        if ilvl is None:  # a style's list: the level linked to the style
            ilvl = next((k for k, lvl in num.levels.items() if style_id and lvl.style == style_id), 0)
        return (num_id, ilvl) if ilvl in num.levels else None

    def label(self, p, text_of) -> str:
        """Count paragraph ``p`` (in document order) and return the label Word shows before it, with the
        space that follows it, or "" (not numbered, a label not computed here, or no text: ``text_of(p)``)."""
        place = self._place(p)
        if place is None:
            return ""
        num_id, ilvl = place
        num = self.nums[num_id]
        counters = self.counters.setdefault(num.abstract, {})
        if (num_id, ilvl) not in self.used:
            self.used.add((num_id, ilvl))
            if ilvl in num.overrides:
                counters[ilvl] = num.overrides[ilvl] - 1
        level = num.levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl and k in num.levels and num.levels[k].restarts_after(k, ilvl)]:
            del counters[deeper]
        return self._text(num, counters, level) if text_of(p).strip() else ""

    @staticmethod
    def _text(num: _Num, counters: dict[int, int], level: _Level) -> str:
        text = level.text
        if not text or "%" not in text and number_text(1, level.fmt) is None:  # bullets, and the like
            return ""
        for k in range(9):
            if f"%{k + 1}" not in text:
                continue
            if k not in num.levels:
                return ""
            fmt = "decimal" if level.legal else num.levels[k].fmt
            shown = number_text(counters.get(k, num.levels[k].start), fmt)
            if shown is None:
                return ""
            text = text.replace(f"%{k + 1}", shown)
        if not text.strip():
            return ""
        return text if level.suffix == "nothing" or text[-1] in _CLOSED else text + " "


def numbering_of(document) -> Numbering | None:
    """The document's numbering, or None when it has no numbering part (nothing is numbered)."""
    try:
        part = document.part.numbering_part
    except (NotImplementedError, KeyError):
        return None
    styles = document.styles.element if document.styles is not None else None
    return Numbering(part.element, styles)


def labels(document, text_of) -> dict:
    """{w:p: label} for every numbered paragraph of the body that shows a label, counting them in order;
    ``text_of(p)`` is the paragraph's text as read (a paragraph without text gets no label)."""
    numbering = numbering_of(document)
    if numbering is None or not numbering.nums:
        return {}
    out = {}
    for p in document.element.body.iter(qn("w:p")):
        if any(a.tag in _NOT_COUNTED for a in p.iterancestors()):
            continue
        label = numbering.label(p, text_of)
        if label:
            out[p] = label
    return out
