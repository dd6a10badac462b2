"""Look-alikes of Chinese characters, read as the characters they stand for.

PDF text layers (and text copied from them) often carry, for a font's glyph, a code point that looks like an
ideograph but is another character: a Kangxi radical ("⼀" U+2F00 for "一", "⼈" U+2F08 for "人"), a CJK
radicals supplement form ("⺠" U+2EA0 for "民", "⻓" U+2ED3 for "长"), a CJK compatibility ideograph ("年"
U+F98E for "年"). A reader sees the same text; matching does not. ``unify`` maps exactly these characters,
one code point to one (so offsets into a text stay valid), and nothing else: NFKC of a whole text would also fold
the full-width digits and punctuation that rules look at.

- Kangxi radicals (U+2F00…U+2FD5): their NFKC form, a unified ideograph each.
- CJK radicals supplement (U+2E80…U+2EF3): NFKC maps only ⺟ and ⻳. Of the rest, the forms that are also whole
  characters are mapped after Unicode's EquivalentUnifiedIdeograph.txt, which ``unicodedata`` lacks (``_SUPPLEMENT``);
  the component forms (⺅ for 亻, ⺡ for 氵…) are left: no prose holds those alone.
- CJK compatibility ideographs (U+F900…U+FAFF, U+2F800…U+2FA1F): their canonical decomposition, a single
  ideograph each, which every normalisation form (NFC too) applies; the twelve of U+FA0E…U+FA29 that are unified
  ideographs have none and are kept. And U+2329/U+232A, the canonical singletons of 〈 〉.

Zero-width characters (space, non-joiner, joiner, word joiner, direction marks, the byte order mark inside a text,
the soft hyphen) show nothing: ``drop_invisible`` deletes them, since a page's "1\u200b5" reads 15 and "申\u200b请" reads 申请. That changes a
text's length, so it applies to whole paragraphs and cells, before anything points into them.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from gklint.core import lazyre

# The radicals supplement forms that are whole characters, and those characters (EquivalentUnifiedIdeograph.txt)
_SUPPLEMENT = ("⺁⺇⺌⺗⺝⺟⺠⺧⺩⺫⺬⺮⺯⺳⺶⺼⺽⻁⻄⻅⻆⻉⻋⻑⻓⻔⻗⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
               "厂几小心月母民牛王目示竹糸网羊肉臼虎西见角贝车長长门雨青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟")
# where a look-alike may be: a text with no character of these ranges is left as it is without a look-up
_RANGES = "\u2329\u232a\u2e80-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f"
_ANY = lazyre.compile(f"[{_RANGES}]")


@cache
def table() -> dict[int, str]:
    """Each look-alike's code point -> the character it stands for (built on first use)."""
    mapped = {cp: unicodedata.normalize("NFKC", chr(cp))
              for cp in (*range(0x2E80, 0x2FE0), *range(0xF900, 0xFB00), *range(0x2F800, 0x2FA20), 0x2329, 0x232A)}
    mapped.update(zip(map(ord, _SUPPLEMENT[0]), _SUPPLEMENT[1]))
    return {cp: new for cp, new in mapped.items() if new != chr(cp)}


# shown as nothing: zero-width space, non-joiner, joiner, the direction marks and embeddings, word joiner and the
# invisible operators, the byte order mark, and the soft hyphen (Chinese text is never hyphenated at a line end)
_INVISIBLE = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
_INVISIBLE_RUN = lazyre.compile(f"[{_INVISIBLE}]+")


def has_invisible(text: str) -> bool:
    """Whether ``text`` holds a character that shows nothing."""
    return _INVISIBLE_RUN.search(text) is not None


def drop_invisible(text: str) -> str:
    """``text`` without the characters that show nothing."""
    return _INVISIBLE_RUN.sub("", text) if has_invisible(text) else text


def holds(text: str) -> bool:
    """Whether ``text`` may hold a look-alike (a character of their ranges)."""
    return _ANY.search(text) is not None


def unify(text: str) -> str:
    """``text`` with each look-alike replaced by the character it stands for (the same length)."""
    return text.translate(table()) if holds(text) else text
