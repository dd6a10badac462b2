"""Turn the text of a table cell into a typed ``Cell``: blank, "/" (n/a), a number, or text."""

from __future__ import annotations

import math
import unicodedata

from gklint.core import lazyre
from gklint.core.source import Source
from gklint.core.model import Cell

NA_MARKS = frozenset({"/", "\\", "-", "--", "—", "——", "–", "－", "一一", "无", "空", "×", "x"})
_SPACE = lazyre.compile(r"\s+")
_NUMBER = lazyre.compile(r"^(?P<sign>[+-]|增|减|增加|减少)?(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)(?P<unit>件|条|个|项|万元|元)?$")
_CN_NUMERAL = lazyre.compile(r"^[零〇一二两三四五六七八九十百千万]+$")


def clean(raw: str) -> str:
    """Width-fold and drop all white space (copies put spaces and NBSPs inside cells)."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", raw))


def parse_cell(raw: str | None, *, amount: bool = False, signed: bool = False,
               source: Source | None = None) -> Cell:
    text = clean(raw or "")
    if not text:
        return Cell("blank", None, raw or "", source)
    if text in NA_MARKS:
        return Cell("na", None, raw, source)
    m = _NUMBER.match(text)
    if m:
        num = m["num"].replace(",", "")
        value: int | float = float(num)
        if not math.isfinite(value):  # 309 digits and more: no count or amount is that large
            return Cell("text", None, raw, source)
        if "." not in num or (not amount and value.is_integer()):
            value = int(value)
        if m["sign"] in ("-", "减", "减少"):
            value = -value
        return Cell("number", value, raw, source)
    if _CN_NUMERAL.match(text):
        from gklint.core.numerals import chinese_to_int
        value = chinese_to_int(text)
        if value is not None:
            return Cell("number", value, raw, source)
    return Cell("text", None, raw, source)
