"""Chinese numerals to integers, through cn2an (imported on first use: it costs ~200 ms)."""

from __future__ import annotations

import re
from functools import cache

_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
MAX_CHARS = 40
_POSITIONAL = re.compile(r"^[〇零一二三四五六七八九]{2,}$")
_VALUE = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0}
_UP_TO_99 = re.compile(r"^(?:([一二三四五六七八九])?(十)([一二三四五六七八九])?|([〇零一二三四五六七八九]))$")


@cache
def _cn2an():
    import cn2an

    return cn2an


def chinese_to_int(text: str) -> int | None:
    """二千七百一十五 -> 2715, 两千 -> 2000, 二〇二一 -> 2021, 壹佰贰拾陆 -> 126; None if not a numeral."""
    if not text or len(text) > MAX_CHARS:
        return None  # no count or year is written with more characters: never convert thousands of digits
    if _POSITIONAL.match(text) and "十" not in text:
        return int(text.translate(_DIGITS))  # 二〇二一: digit by digit (a year)
    small = _UP_TO_99.match(text)
    if small:  # 三, 十二, 三十一: what cn2an says, without building its converters (~200 ms) for a day or a count
        tens, _, units, digit = small.groups()
        if digit is not None:
            return _VALUE[digit]
        return (_VALUE[tens] if tens else 1) * 10 + (_VALUE[units] if units else 0)
    try:
        value = _cn2an().cn2an(text, "smart")
    except (ValueError, KeyError, TypeError):
        return None
    return int(value) if float(value).is_integer() and value >= 0 else None
