"""Chinese numerals: the one parser (``chinese_to_int``, ``ordinal``), its inverse (``to_chinese``), the
one pattern of a numbered heading ("一、", "三．", "（二）") and the value of a list item's number (``item_value``).

``chinese_to_int`` reads long numerals through cn2an, imported on first use only (it costs ~200 ms):
single characters, ordinals and digit-by-digit years are read here without it.
"""

from __future__ import annotations

import re
from functools import cache

from gklint.core import lazyre

DIGITS = "零一二三四五六七八九"
NUMERAL = "[一二三四五六七八九十]"  # the numerals a report numbers its parts and lists with
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"  # list items numbered ① … ⑳
_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_ONE = {ch: i for i, ch in enumerate(DIGITS + "十")} | {"〇": 0}
MAX_CHARS = 40
_VALUE = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0}
_UP_TO_99 = lazyre.compile(r"^(?:([一二三四五六七八九])?(十)([一二三四五六七八九])?|([〇零一二三四五六七八九]))$")
_POSITIONAL = lazyre.compile(r"^[〇零一二三四五六七八九]{2,}$")

# A numbered heading: 一、总体情况 / 三．收到… / 五 存在的主要问题; ``num`` is the numeral, ``rest`` the title.
HEADING = lazyre.compile(rf"^\s*(?P<num>{NUMERAL}{{1,2}})\s*(?P<mark>[、.．,，:：\s])\s*(?P<rest>.*)$", re.S)


@cache
def _cn2an():
    import cn2an

    return cn2an


def chinese_to_int(text: str) -> int | None:
    """二千七百一十五 -> 2715, 两千 -> 2000, 二〇二一 -> 2021, 壹佰贰拾陆 -> 126; None if not a numeral."""
    if not text or len(text) > MAX_CHARS:
        return None  # no count or year is written with more characters: never convert thousands of digits
    if text in _ONE:  # 三个, 十件: no cn2an import for one character
        return _ONE[text]
    if _POSITIONAL.match(text) and "十" not in text:
        return int(text.translate(_DIGITS))  # 二〇二一: digit by digit (a year)
    small = _UP_TO_99.match(text)
    if small:  # 十二, 三十一: what cn2an says, without building its converters (~200 ms) for a day or a count
        tens, _, units, digit = small.groups()
        if digit is not None:
            return _VALUE[digit]
        return (_VALUE[tens] if tens else 1) * 10 + (_VALUE[units] if units else 0)
    try:
        value = _cn2an().cn2an(text, "smart")
    except (ValueError, KeyError, TypeError):
        return None
    return int(value) if float(value).is_integer() and value >= 0 else None


def item_value(raw: str) -> int | None:
    """A list item's number as written: "3" -> 3, "③" -> 3, "三" -> 3; None if not a number."""
    if raw.isdecimal():  # not isdigit: "⑤" is a digit to isdigit(), but int() refuses it
        return int(raw)
    if len(raw) == 1 and raw in CIRCLED:
        return CIRCLED.index(raw) + 1
    return chinese_to_int(raw)


def ordinal(numeral: str | None) -> int | None:
    """一 -> 1 … 十九 -> 19 (the numbers of a report's parts); None otherwise."""
    if not numeral:
        return None
    if len(numeral) == 1:
        return 10 if numeral == "十" else DIGITS.index(numeral) if numeral in DIGITS[1:] else None
    if len(numeral) == 2 and numeral[0] == "十" and numeral[1] in DIGITS[1:]:
        return 10 + DIGITS.index(numeral[1])
    return None


def to_chinese(n: int) -> str:
    """3 -> 三, 10 -> 十, 12 -> 十二, 25 -> 二十五 (below 100): how a part or list item is numbered."""
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")
