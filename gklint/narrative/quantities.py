"""Every number a sentence states, with its unit, the words around it and what it is not.

A ``Quantity`` is a numeral (Arabic, full-width or Chinese: 2715, ２７１５, 二千七百一十五, 零) with the
unit after it (件 条 篇 次 个 项 万元 元 …). Numbers that are not a count of the report year are
kept but marked with the reason they are left alone:

- ``date``: years, months, days (2021年, 12月31日), ages and anniversaries;
- ``ordinal``: 第3次, 第十四个五年规划;
- ``percent``: 12%, 百分之十, 3个百分点;
- ``list``: list markers and heading numbers ("1.主动公开…", "(2)");
- ``range``: 3-5件, 3至5件, and the second number of the range;
- ``approx``: 10余个, 约300条, 300条左右, 近百件;
- ``change``: 同比增长12件, 减少3件 (a difference, not a count);
- ``rate``: 平均每月10条;
- ``phone``: telephone numbers;
- ``quoted``: inside quotation marks (a slogan or a name: “三个一”工作机制).

Separately, ``foreign`` tells that the nearest time marker before the number names another
period (上年, 去年, 2020年, 同比, 累计, 下一步…): the number is not this year's figure, though
it may still be a part of a total stated in the same breath.
Document numbers (〔2021〕24号) and titles (《…》) are blanked before any of this (``sentences.fold``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from gklint.core import lazyre
from gklint.core.numbers import tidy
from gklint.core.numerals import chinese_to_int
from gklint.core.text import text_cache
from gklint.narrative.sentences import CLAUSE_END, Sentence, clause_ends, positions, split

UNITS = ("万人次", "万元", "亿元", "人次", "件次", "批次", "元", "件", "条", "篇", "次", "个", "项", "份",
         "起", "宗", "家", "名", "人", "期", "场", "批", "部", "卷", "册", "本", "户", "封", "单", "例")
# Which units may be added together (the parts of a total must be of the total's family).
FAMILIES = {
    "money": ("元", "万元", "亿元"),
    "persons": ("人", "名", "人次", "万人次"),
    "places": ("家", "户"),
    "events": ("次", "场", "期", "批", "批次"),
}
WAN_YUAN = {"元": 0.0001, "万元": 1, "亿元": 10000}
_FAMILY_OF: dict[str, str] = {}
for _name, _units in FAMILIES.items():
    for _unit in _units:
        _FAMILY_OF.setdefault(_unit, _name)

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
_PHONE = re.compile(r"\d{3,4}-\d{7,8}|\d{7,}")
_UNIT_RE = "|".join(UNITS)

# a Chinese numeral preceded by one of these is part of a word (统一, 进一步, 第十四个, 唯一)
_CN_WORD_BEFORE = set("第统唯逐进同之其星周初某每单任划")
_RANGE_MARKS = ("-", "~", "～", "—", "–", "至", "到")
_DATE_AFTER = r"\s*(?:年(?!度?内)|月|日|号|时|点|分钟|秒|周年|岁|届|季度|世纪|年代)"
_PERCENT_AFTER = r"\s*(?:%|‰|个百分点|成(?![功立为果效员]))"
_LIST_AFTER = r"[.、)](?!\d)|\s*[)）]"
_RANGE_AFTER = rf"\s*(?:{'|'.join(_RANGE_MARKS)})\s*[\d{_CN_DIGITS}]"
_APPROX_AFTER = r"\s*(?:左右|以上|以下|以内|上下|余)"
_DURATION_AFTER = r"月|小时|工作日|星期|天|周(?!年)"


def _told(name: str, pattern: str) -> str:
    """A lookahead that always holds and sets group ``name`` when ``pattern`` matches there."""
    return f"(?=(?P<{name}>{pattern})|)"


# What follows a numeral, read at its end: what the text right after it makes it (a date, a percentage, a
# list marker, the start of a range), then its unit (with 万/亿 and 余/多/来 before it) and what follows the
# unit (a range, a duration, "左右"). Without a unit, the match ends at the numeral.
_AFTER = (
    _told("date", _DATE_AFTER) + _told("percent", _PERCENT_AFTER) + _told("list", _LIST_AFTER)
    + _told("range", _RANGE_AFTER)
    + rf"(?:\s*(?P<mult>[万亿](?!元))?\s*(?P<approx>余|多|来)?\s*(?P<unit>{_UNIT_RE})"
    + _told("unit_range", _RANGE_AFTER) + _told("duration", _DURATION_AFTER)
    + _told("approx_after", _APPROX_AFTER) + ")?")
_AFTER_RE = lazyre.compile(_AFTER)  # read again only where a 万 or 亿 is the unit's (三万元)
# Every numeral (Arabic: 2715, 1,234, 2.5; Chinese: 二千七百一十五, 零) with what follows it (``_AFTER``, in a
# lookahead: the match ends with the numeral). It opens with the class of every character a numeral starts
# with, so that a search skips to the next one in a single scan; an Arabic numeral,
# ``\d{1,3}(?:,\d{3})+(?![\d.])|\d{1,3}(?: \d{3})+(?![\d.])(?=unit)|\d+(?:\.\d+)?``, is read on after its
# first digit. A space (a thin or no-break one folds to it) separates thousands only where every group after the
# first has three digits and a unit follows ("1 476件"; never "2 3件", a date or a phone number).
_SPACED_UNIT = rf"(?=\s*[万亿]?\s*(?:余|多|来)?\s*(?:{_UNIT_RE}))"
_NUMBER = re.compile(
    rf"[\d{_CN_DIGITS}](?:(?<=\d)(?:\d{{0,2}}(?:,\d{{3}})+(?![\d.])|\d{{0,2}}(?: \d{{3}})+(?![\d.]){_SPACED_UNIT}"
    rf"|\d*(?:\.\d+)?)|[{_CN_DIGITS}]*)(?={_AFTER})")

_APPROX_WORDS = ("约", "近", "逾", "超过", "超", "大约", "将近", "不足", "不到", "不少于", "至少", "多达", "上百", "上千",
                 "上万", "几")
_CHANGE_WORDS = ("增长", "增加", "减少", "下降", "上升", "提高", "降低", "增多", "减少", "回落", "提升", "增", "减", "多",
                 "少", "相差", "差")


def _reversed_words(words: tuple[str, ...]) -> str:
    return "|".join(w[::-1] for w in words)


# What the words right before a numeral make it, read backwards from the numeral (words that must end
# where the number starts, matched at one place rather than searched for): a range's first half ("3件至"),
# 约/近… (approximate), 增加了… (a change).
_BEFORE_REVERSED = lazyre.compile(  # read only after a character of _BEFORE_LAST
    _told("range", rf"\s*(?:{'|'.join(_RANGE_MARKS)})\s*(?:{_reversed_words(UNITS)})?[万亿]?[\d{_CN_DIGITS}]")
    + _told("approx", rf"\s*(?:{_reversed_words(_APPROX_WORDS)})")
    + _told("change", rf"\s*了?(?:{_reversed_words(_CHANGE_WORDS)})"))
# the last character (past blanks) before a numeral that one of them needs
_BEFORE_LAST = frozenset(_RANGE_MARKS) | {w[-1] for w in _APPROX_WORDS + _CHANGE_WORDS} | {"了"}
_CHANGE_IN_CLAUSE = lazyre.compile(r"同比|环比|[较比]上一?年|[较比]去年|增幅|降幅")
_RATE_IN_CLAUSE = lazyre.compile(r"平均|人均|日均|月均|年均|每")

# Time markers: the nearest before a number says which period it belongs to. Where requests are carried to
# (结转至下一年度办理, 转下一年度) is no period the text then speaks of.
_FOREIGN = (r"上一?年(?!度?结转)|去年|前年|往年|历年|以往|同比|环比|同期|上半年|下半年|[一二三四1-4]季度"
            r"|累计|明年|(?<![至到入转])下一年|下一步|今后|未来|此前|近[几两三五十\d]+年")
_OWN = r"本年度?|今年|年内|全年|当年|年度内"
_MARKER = re.compile(rf"(?P<year>(?<!\d)(?:19|20)\d{{2}}(?=年)|[一二][〇零九一二三][〇零一二三四五六七八九]{{2}}(?=年))"
                     rf"|(?P<foreign>{_FOREIGN})|(?P<own>{_OWN})")
# a character every alternative of _MARKER holds (年 in most; 以往 同比 环比 同期 季度 累计 下一步 今后 未来 此前)
_MARKER_CHARS = re.compile("[年往比期度累步后未此]")
# the character every match of _MARKER starts with (19xx/20xx, 一九/二〇, 上 去 前 往 历 以 同 环 下, 季度's
# 一二三四1-4, 累 明 今 未 此 近, 本 年 全 当): where to try _MARKER, instead of at every position
_MARKER_START = re.compile("[12一二上去前往历以同环下三四34累明今未此近本年全当]")


def _markers(s: str, before: int | None = None):
    """The matches of ``_MARKER.finditer(s)`` (those starting before ``before`` when given), found by trying
    ``_MARKER`` only where one can start."""
    pos, stop = 0, len(s) if before is None else before
    while (c := _MARKER_START.search(s, pos, stop)) is not None:
        i = c.start()
        if s[i] in _YEAR_OR_QUARTER_START and s[i + 4:i + 5] != "年" and s[i + 1:i + 2] != "季":
            pos = i + 1  # a digit starts only a year (2021年, 二〇二一年) or a quarter (3季度): neither here
            continue
        m = _MARKER.match(s, i)  # its lookbehind sees the text before the position, as finditer's does
        if m is None:
            pos = i + 1
        else:
            yield m
            pos = m.end()


# the characters ``_MARKER`` starts with in a year or a quarter only
_YEAR_OR_QUARTER_START = "1234一二三四"
_COMPARISONS = ("同比", "环比", "同期")
_COMPARE_BEFORE = ("较", "比", "与", "于", "同")
_YEAR_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


class _Told:
    """A field of a ``Quantity`` read from the words around it: kept in the slot of its name with a "_" before,
    worked out for every number of the sentence (``_Pending.tell``) when one is first asked."""

    def __set_name__(self, owner, name: str):
        self.slot = "_" + name

    def __get__(self, q, owner=None):
        if q is None:
            return self
        if q._pending is not None:
            q._pending.tell()
        return getattr(q, self.slot)


@dataclass(slots=True)
class Quantity:
    """A number in a sentence. Offsets are relative to the sentence.

    Its clause and what the words around it tell (``clause_start``, ``clause_end``, ``foreign``, ``in_parens``,
    ``before``, ``after``, ``note``) are worked out for all the numbers of its sentence when one of them is first
    asked (``_Pending``): most numbers (dates, list markers, ordinals) are never asked, as a rule passes over what
    is no count."""

    value: int | float
    unit: str  # "" when none follows
    start: int  # start of the numeral
    end: int  # end of the unit (or of the numeral when there is none)
    raw: str  # as written, numeral and unit
    excluded: str | None = None  # why it is not a count: date, percent, list, range, approx, change, quoted…
    tolerance: float = 0.0  # how far the true figure may be from a rounded one (2.3万件: 500)
    _pending: _Pending | None = field(default=None, repr=False, compare=False)  # None once told
    _clause_start: int = field(default=0, repr=False, compare=False)
    _clause_end: int = field(default=0, repr=False, compare=False)
    _foreign: bool = field(default=False, repr=False, compare=False)
    _in_parens: bool = field(default=False, repr=False, compare=False)
    _before: str = field(default="", repr=False, compare=False)
    _after: str = field(default="", repr=False, compare=False)
    _note: str = field(default="", repr=False, compare=False)
    _label: str = field(default="", repr=False, compare=False)

    # worked out with the rest of its sentence's numbers when one is first asked (``_Told``):
    clause_start = _Told()  # where its clause starts (after the clause end before it, ``sentences.CLAUSE_END``)
    clause_end = _Told()  # where its clause ends (at the next clause end, or the sentence's end)
    foreign = _Told()  # about another period (上年, 2020年, 同比…)
    in_parens = _Told()  # inside (…)
    before = _Told()  # folded clause text before the number (back to a delimiter or the previous number)
    after = _Told()  # folded clause text after the unit (up to a delimiter or the next number)
    note = _Told()  # a bracket right after the number, which qualifies it: "13件（含废止4件）"
    label = _Told()  # a short label closed by a colon before its clause, naming what it counts: "行政许可：共处理600件"

    @property
    def counts(self) -> bool:
        """A count or amount that may be compared with a table: has a unit, not excluded, this year."""
        return bool(self.unit) and self.excluded is None and not self.foreign

    @property
    def family(self) -> str:
        return unit_family(self.unit)

    def in_wan_yuan(self) -> float | None:
        factor = WAN_YUAN.get(self.unit)
        return None if factor is None else self.value * factor


class _Pending:
    """The numbers of one sentence whose context is still to be told: ``tell`` works it out for all of them (the
    walk over the sentence's brackets and time markers serves every number at once)."""

    __slots__ = ("s", "found", "year")

    def __init__(self, s: str, found: list[Quantity], year: int | None):
        self.s, self.found, self.year = s, found, year

    def tell(self) -> None:
        s, found = self.s, self.found
        for q in found:
            q._pending = None  # (first: what follows reads their fields)
        ends = clause_ends(s)
        for q in found:
            q._clause_start, q._clause_end = _clause(ends, len(s), q.start)
            q._label = _colon_label(s, ends, q._clause_start)
        _context(s, found)
        if "分别" in s:
            _respectively(s, found)
        _periods(s, found, self.year)


def _clause(ends: list[int], n: int, pos: int) -> tuple[int, int]:
    """``sentences.bounds_in``: the clause at ``pos`` of a sentence of length ``n`` whose clause ends are ``ends``."""
    k = bisect_left(ends, pos)
    return (ends[k - 1] + 1 if k else 0), (ends[k] if k < len(ends) else n)


_LABEL_MARKS = " \t·•-—*"


def _colon_label(s: str, ends: list[int], clause_start: int) -> str:
    """The label before a clause that a colon opens ("· 行政许可：共处理600件"): a short text without a number
    between the clause end before it and the colon; "" when there is none."""
    if clause_start < 2 or s[clause_start - 1] != ":":
        return ""
    label = s[_clause(ends, len(s), clause_start - 2)[0]:clause_start - 1].strip(_LABEL_MARKS)
    return label if 0 < len(label) <= 12 and not any(ch.isdigit() for ch in label) else ""


def unit_family(unit: str) -> str:
    return _FAMILY_OF.get(unit) or ("items" if unit else "")


@dataclass
class SentenceQuantities:
    """A sentence and the quantities read in it."""

    sentence: Sentence
    quantities: list[Quantity]


def _arabic(text: str, start: int, original: str) -> tuple[int | float | None, int]:
    """Value of an Arabic numeral read at ``start`` of folded text, and its end (a thousands comma must be ASCII;
    a thousands space is any blank)."""
    end = start + len(text)
    text = text.replace(" ", "")
    if "," in text:
        if "," not in original[start:end]:  # a full-width "，": a list, not thousands
            text = text.split(",", 1)[0]
            end = start + len(text)
        text = text.replace(",", "")
    if len(text) > _MAX_DIGITS:  # a run of hundreds of digits is no quantity (and int() refuses 4,300+)
        return None, end
    return (float(text) if "." in text else int(text)), end


_MAX_DIGITS = 30


def find(sentence: Sentence, year: int | None = None, word_units: tuple[str, ...] = ()) -> list[Quantity]:
    """Every quantity of one sentence, in order, each marked with why it is not a count (if so). A lone 一 or 两
    is a count before one of ``word_units`` ending its clause (the narrative rules' ``word_count_units``)."""
    return _find(sentence.text, sentence.folded, year, word_units)


def _find(text: str, s: str, year: int | None, word_units: tuple[str, ...]) -> list[Quantity]:
    """``find`` for a sentence as written (``text``) and folded (``s``)."""
    found: list[Quantity] = []
    words: dict = {}  # the clause ends and _ClauseWords of this sentence, found when first needed
    pos = 0  # where the last quantity ends: a numeral starting before is part of its unit (3万人次)
    numbers = _NUMBER.finditer(s)
    while (m := next(numbers, None)) is not None:
        start = m.start()
        if start < pos:
            continue
        numeral = m.group()
        after = m  # the groups of its lookahead: what follows the numeral
        if numeral[0] in _CN_DIGITS:
            if "万" in numeral or "亿" in numeral:
                # 三万元: the 万 belongs to the unit
                if numeral[-1] in "万亿" and s[m.end():m.end() + 1] == "元":
                    numeral = numeral[:-1]
                    after = _AFTER_RE.match(s, start + len(numeral))
                if not numeral:
                    continue
            if start > 0 and s[start - 1] in _CN_WORD_BEFORE:
                continue  # 统一, 进一步, 第十四个: part of a word, or an ordinal
            if len(numeral) == 1 and numeral in "一两万亿百千" and not _counted_in_words(s, numeral, after, word_units):
                continue  # 一个, 两个: an article, not a count
            if not after["unit"]:
                continue  # a Chinese numeral without a unit is a word (一是, 十九大) or a date
            value, num_end = chinese_to_int(numeral), start + len(numeral)
        elif "," not in numeral and " " not in numeral and len(numeral) <= _MAX_DIGITS:  # ``_arabic``'s reading, without the call
            value, num_end = float(numeral) if "." in numeral else int(numeral), m.end()
        else:
            value, num_end = _arabic(numeral, start, text)
            if num_end < m.end():  # a full-width comma ends it: what follows is read from there
                numbers = _NUMBER.finditer(s, num_end)
                after = _AFTER_RE.match(s, num_end)
        if value is None:
            continue
        mult, unit = after["mult"], after["unit"] or ""
        tolerance = 0.0
        if mult and unit:  # 2.3万件 is rounded: it stands for anything from 22,500 to 23,499
            factor = 10000 if mult == "万" else 100000000
            digits = len(str(value).split(".")[1]) if isinstance(value, float) else 0
            value, tolerance = tidy(value * factor), 0.5 * factor * 10 ** -digits
        # where the unit ends: after the numeral's own match, the end of its lookahead's unit group
        pos = after.end("unit") if unit else num_end
        found.append(Quantity(value, unit, start, pos, text[start:pos].strip(),
                              _exclusion(s, start, pos, unit, after, words), tolerance))
    if found:
        _quoted(s, found)
        pending = _Pending(s, found, year)
        for q in found:
            q._pending = pending
    return found


def _counted_in_words(s: str, numeral: str, after: re.Match, word_units: tuple[str, ...]) -> bool:
    """Is a lone 一 or 两 a count: right before one of ``word_units`` (no 万, 余) that ends its clause ("收到申请一件。",
    "两件次，")? Elsewhere (一件事, 一项工作, 一个) it is an article."""
    if numeral not in "一两" or after["unit"] not in word_units or after["mult"] or after["approx"]:
        return False
    end = after.end("unit")
    return after.start("unit") == after.end() and (end == len(s) or s[end] in CLAUSE_END)


_BEFORE_WINDOW = 64
"""How far before a number (past the blanks right before it) the "before" patterns look.

The words they look for (第, 百分之, 约, 增加了, a range's "3件至") are a few characters long; reading
the whole sentence before every number made a sentence with thousands of numbers quadratic."""


_OVERLAPPING: dict[re.Pattern, re.Pattern] = {}


def _overlapping(pattern: re.Pattern) -> re.Pattern:
    """``pattern`` inside a lookahead, so that ``finditer`` gives every occurrence, overlapping ones too."""
    got = _OVERLAPPING.get(pattern)
    if got is None:
        got = _OVERLAPPING[pattern] = re.compile(f"(?=({pattern.pattern}))")
    return got


class _ClauseWords:
    """Where the words of one pattern occur in a sentence, to ask "is one in s[lo:end]?" in log time."""

    def __init__(self, pattern: re.Pattern, s: str):
        # every occurrence (overlapping ones too), ordered by end, with the latest start so far
        found = sorted((m.end(1), m.start(1)) for m in _overlapping(pattern).finditer(s))
        self.ends = [e for e, _ in found]
        self.latest: list[int] = []
        best = -1
        for _, b in found:
            best = max(best, b)
            self.latest.append(best)

    def within(self, lo: int, end: int) -> bool:
        i = bisect_right(self.ends, end)
        return i > 0 and self.latest[i - 1] >= lo


def _exclusion(s: str, start: int, end: int, unit: str, after: re.Match, words: dict) -> str | None:
    """Why the number at ``start`` (its unit ending at ``end``) is not a count, from ``after`` (the groups of
    ``_AFTER`` read at its numeral's end), the words before it and its clause; None when it is one. ``words``
    keeps what is found of the sentence for its other numbers."""
    i = start  # past the blanks right before the number
    while i > 0 and s[i - 1].isspace():
        i -= 1
    last = s[i - 1] if i else ""  # the last character before the number, past blanks
    if last == "第":
        return "ordinal"
    if not unit and after["date"] is not None:
        return "date"
    if after["percent"] is not None or s.endswith("百分之", 0, start):
        return "percent"
    if s[start:start + 3].isdecimal() and _PHONE.match(s, start) and (not unit or "-" in s[start:end]):
        return "phone"  # (a telephone number starts with three digits)
    # the words before: read backwards from the number, over the blanks and ``_BEFORE_WINDOW`` characters more
    window = max(0, i - _BEFORE_WINDOW)
    told = _BEFORE_REVERSED.match(s[window:start][::-1]) if last in _BEFORE_LAST else None
    if after["unit_range" if unit else "range"] is not None or told is not None and told["range"] is not None:
        return "range"
    if not unit:
        if after["list"] is not None:
            j = start  # past the spaces and tabs right before the number (not line ends)
            while j > window and s[j - 1] in " \t\u3000":
                j -= 1
            if j == window or s[j - 1] in _LIST_BEFORE:
                return "list"
        return None
    if after["duration"] is not None:
        return "date"  # 3个月, 5个工作日
    if after["approx"] or after["approx_after"] is not None or told is not None and told["approx"] is not None:
        return "approx"
    if told is not None and told["change"] is not None:
        return "change"
    if "ends" not in words:
        words["ends"] = clause_ends(s)
    clause_start = _clause(words["ends"], len(s), start)[0]
    for pattern, why in ((_CHANGE_IN_CLAUSE, "change"), (_RATE_IN_CLAUSE, "rate")):
        if pattern not in words:
            words[pattern] = _ClauseWords(pattern, s)
        if words[pattern].within(clause_start, start):
            return why
    return None


# what may stand right before a list marker's number (past spaces): a clause end, a bracket, 、 or a blanked title
_LIST_BEFORE = CLAUSE_END + "、(（□"


def _context(s: str, found: list[Quantity]) -> None:
    """Tell each number of a sentence (``found``, in order) the words before and after it, whether it stands in
    brackets and the bracket that qualifies it."""
    # the bracket depth at each number: from the brackets of the sentence alone, not a walk of every character
    stops = positions(s, _BRACKETS)
    marks = [(j, s[j]) for j in stops]
    if "、" in s:
        stops = sorted(stops + positions(s, "、"))
    k_mark, depth = 0, 0
    last = len(found) - 1
    for i, q in enumerate(found):
        start, stop = max(q.clause_start, found[i - 1].end if i else 0), q.clause_end
        if stops:
            # a bracket starts or ends what the number speaks of: "答复3050件（含上年结转34件）"
            j = bisect_left(stops, q.start)
            while j > 0 and stops[j - 1] >= start:
                if s[stops[j - 1]] in _BRACKETS:
                    start = stops[j - 1] + 1
                    break
                j -= 1
            # after the number, its clause up to a list separator or bracket ("收到70件申请",
            # "1件结转下年度继续办理"); words running on to the next number are that number's
            k = bisect_left(stops, q.end)
            if k < len(stops) and stops[k] < stop:
                stop = stops[k]
        q._before = s[start:q.start]
        q._after = s[q.end:stop] if i == last or found[i + 1].start >= stop else ""
        if marks:
            while k_mark < len(marks) and marks[k_mark][0] < q.start:  # numbers come in order
                if marks[k_mark][1] in _OPENING:
                    depth += 1
                elif depth:
                    depth -= 1
                k_mark += 1
            q._in_parens = depth > 0
            q._note = _bracket_after(s, q.end)


_RESPECTIVELY = re.compile(r"分别(?:为|是|有|达到?)?")
_LIST_SEP = re.compile(r"[\s、和及与]*")


def _respectively(s: str, found: list[Quantity]) -> None:
    """The numbers of a 分别 list say each what the item of the list before 分别 in its turn names ("行政许可、行政
    处罚、行政强制决定数量分别为2764.2万宗、3124万宗和188.2万宗"): each is told the words before 分别 with only its
    own item (the first and the last keep what opens and closes the list). Only when the list holds as many items
    (split at 、, the last two also at 和/及/与) as 分别 is followed by numbers in a row; else nothing changes."""
    for m in _RESPECTIVELY.finditer(s):
        after = [q for q in found if q.start >= m.end()]
        if not after or after[0].clause_start > m.start() or _GAP_TEXT_BEFORE.search(s, m.end(), after[0].start):
            continue
        run = [after[0]]
        for q in after[1:]:
            if _LIST_SEP.fullmatch(s, run[-1].end, q.start) is None:
                break
            run.append(q)
        items = _list_items(s[after[0].clause_start:m.start()])
        if len(run) < 2 or len(items) != len(run):
            continue
        for q, item in zip(run, items):
            q._before = item + m.group()


_GAP_TEXT_BEFORE = re.compile(r"[^\s:]")


def _list_items(text: str) -> list[str]:
    """The items of a list ("行政许可、行政处罚和行政强制决定数量"), split at 、; the last also at its first 和/及/与
    when that gives one more item."""
    items = text.split("、")
    last = re.split(r"[和及与]", items[-1], maxsplit=1)
    return items[:-1] + last if len(last) == 2 and all(last) else items


def _quoted(s: str, found: list[Quantity]) -> None:
    """Exclude each count of a sentence that stands in quotation marks (a slogan or a name: “三个一”工作机制)."""
    quoted: list[tuple[int, int]] | None = None  # made when first needed
    for q in found:
        if q.excluded is None:
            if quoted is None:
                quoted = _quoted_spans(s)
                quoted_starts = [a for a, _ in quoted]
            k = bisect_left(quoted_starts, q.start)  # spans are disjoint: only the one before can hold it
            if k > 0 and quoted[k - 1][1] > q.start:
                q.excluded = "quoted"


_OPENING = "(（[【"
_BRACKETS = "()（）[]【】"


def _bracket_after(s: str, pos: int) -> str:
    """The text of a bracket right after a number: "规章13件（含新制定5件，废止4件）"."""
    while pos < len(s) and s[pos] in " \t":
        pos += 1
    if pos >= len(s) or s[pos] not in "(（[【":
        return ""
    depth = 0
    for j in range(pos, len(s)):
        if s[j] in "(（[【":
            depth += 1
        elif s[j] in ")）]】":
            depth -= 1
            if depth == 0:
                return s[pos + 1:j]
    return s[pos + 1:]
_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"'}


def _quoted_spans(s: str) -> list[tuple[int, int]]:
    spans = []
    end = 0
    for i in positions(s, _QUOTE_OPENS):
        if i < end:
            continue
        j = s.find(_QUOTES[s[i]], i + 1, i + 31)
        if j > i and j - i <= 30:
            spans.append((i, j))
            end = j + 1
    return spans


_QUOTE_OPENS = "".join(_QUOTES)


def _periods(s: str, found: list[Quantity], year: int | None) -> None:
    if not found:
        return
    if _MARKER_CHARS.search(s) is None:  # no time marker: nothing is about another period (as made)
        return
    # a number's period is told by the markers before it: those after the last number are not read
    markers = [(m.start(), _kind(m, year)) for m in _markers(s, found[-1].start)]
    comparisons = [at for at, kind in markers if kind == "comparison"]
    # the latest "own"/"foreign" marker up to each marker, to find the one before a number in log time
    at_of = [at for at, _ in markers]
    latest: list[str | None] = []
    last = None
    for _, kind in markers:
        if kind in ("own", "foreign"):
            last = kind
        latest.append(last)
    for q in found:
        # a comparison (较上年, 与去年同期) speaks of the other year in its own clause only
        k = bisect_left(at_of, q.start)
        c = bisect_left(comparisons, q.clause_start)
        q._foreign = (k > 0 and latest[k - 1] == "foreign") or (
            c < len(comparisons) and comparisons[c] < q.start)


def _nearest(markers: list[tuple[int, str | None]], pos: int) -> str | None:
    last = None
    for at, kind in markers:
        if at >= pos:
            break
        if kind in ("own", "foreign"):
            last = kind
    return last


def period_at(folded: str, pos: int, year: int | None) -> str | None:
    """The period the nearest time marker before ``pos`` names: "own", "foreign" or None."""
    return _nearest([(m.start(), _kind(m, year)) for m in _MARKER.finditer(folded, 0, pos)], pos)


def _kind(m: re.Match, year: int | None) -> str | None:
    if m["foreign"] and (m["foreign"] in _COMPARISONS or m.string[max(0, m.start() - 1):m.start()] in _COMPARE_BEFORE):
        return "comparison"  # 较上年增加14件: its own clause is about last year, the frame stays
    if m["year"]:
        if year is None:
            return None
        if int(m["year"].translate(_YEAR_DIGITS)) == year:
            return "own"
        # 比2022年（31起）下降29%: like 较上年, that year in its own clause only (于2022年, 同2022年 may date a thing)
        return "comparison" if m.string[max(0, m.start() - 1):m.start()] in ("较", "比", "与") else "foreign"
    return "foreign" if m["foreign"] else "own"


@text_cache(maxsize=512)
def analyse(text: str, year: int | None = None, word_units: tuple[str, ...] = ()) -> tuple[SentenceQuantities, ...]:
    """The sentences of a text with their quantities (cached: every narrative rule reads the same text); ``word_units``
    as ``find``'s."""
    return tuple(SentenceQuantities(s, _sentence_quantities(s.text, s.folded, year, word_units)) for s in split(text))


@text_cache(maxsize=4096)
def _sentence_quantities(text: str, folded: str, year: int | None, word_units: tuple[str, ...]) -> list[Quantity]:
    """``find`` for one sentence, by what it reads of it (the sentence as written and folded: offsets are the
    sentence's own), so that a sentence repeated word for word (boilerplate within a report or across a
    batch) is read once. Nothing changes a Quantity once ``find`` has made it but what it is told when first
    asked (``_Pending``), which is the same whoever asks."""
    return _find(text, folded, year, word_units)
