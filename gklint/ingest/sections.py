"""Find the report's top-level sections (一、总体情况 … 六、其他需要报告的事项) among its paragraphs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from gklint.layouts import Layout, SectionSpec, normalise

_HEADING = re.compile(r"^\s*(?P<num>[一二三四五六七八九十]{1,2})\s*[、.．,，:：\s]\s*(?P<rest>.*)$")
# Numbering styles some reports use for the six parts instead of 一、…六、: tried only when a report has
# (almost) no 一、 headings, since inside a section （一）…（六） number its sub-items.
_OTHER_STYLES = (
    re.compile(r"^\s*[（(]\s*(?P<num>[一二三四五六])\s*[）)]\s*(?P<rest>.*)$"),
    re.compile(r"^\s*第(?P<num>[一二三四五六])部分\s*[、.．:：\s]?\s*(?P<rest>.*)$"),
)
_MAX_HEADING = 40  # characters of a heading line; a longer line is a heading followed by text


def find_headings(texts: list[str], layout: Layout) -> list[tuple[int, str | None, SectionSpec | None, str]]:
    """(line index, numeral, section spec, text after the heading) of every top-level heading.

    The official style (一、总体情况) first; when it yields fewer than three headings, the report may
    number its parts （一） or 第一部分, or not at all (a line that is exactly a section's title).
    """
    found = [(i, *m) for i, t in enumerate(texts) if (m := match_heading(t, layout))]
    if len(found) >= 3:
        return found
    for style in _OTHER_STYLES:
        other = [(i, *m) for i, t in enumerate(texts) if (m := match_heading(t, layout, style))]
        if len(other) >= 3:
            return other
    bare = [(i, None, spec, "") for i, t in enumerate(texts) if (spec := _bare_title(t, layout))]
    return bare if len(bare) >= 3 else found


def _bare_title(text: str, layout: Layout) -> SectionSpec | None:
    norm = normalise(text)
    for spec in layout.sections:
        if any(norm == normalise(name) for name in spec.names):
            return spec
    return None


def match_heading(text: str, layout: Layout, style: re.Pattern = _HEADING) -> tuple[str, SectionSpec | None, str] | None:
    """(numeral, section spec or None, text after the heading) if ``text`` starts with a top-level heading.

    A line is a heading when its numbered title states a section's label or alias, or when it is short,
    bears the section's own numeral and contains one of its keywords (so a table row such as
    "二、上年结转政府信息公开申请数量" is not taken for section 三). A numbered line that names no section is not a heading.
    """
    m = style.match(text)
    if not m:
        return None
    rest = m["rest"].strip()
    norm = normalise(rest)
    for spec in layout.sections:
        for name in spec.names:
            target = normalise(name)
            if norm.startswith(target):
                return m["num"], spec, _after(rest, name)
    title = re.split(r"[。；;]", rest, maxsplit=1)[0]
    if len(title) <= _MAX_HEADING and not re.search(r"\d", title):
        for spec in layout.sections:
            if (spec.number == m["num"] and len(rest) <= _MAX_HEADING
                    and any(k in normalise(title) for k in spec.keywords)):
                return m["num"], spec, ""
    return None


def _after(rest: str, name: str) -> str:
    """The text after the heading title on the same line ("一、总体情况 2021年…" -> "2021年…")."""
    want = len(normalise(name))
    seen = 0
    for i, ch in enumerate(rest):
        if normalise(ch):
            seen += len(normalise(ch))
        if seen >= want:
            tail = rest[i + 1:].lstrip(" 　：:。.")
            return tail
    return ""


# --------------------------------------------------------------------------- headings inside a line

_INLINE_NUMERAL = re.compile(r"(?P<num>[一二三四五六七八九十]{1,2})\s*[、.．]")
_FOLD = str.maketrans({"、": ".", "．": ".", "，": ",", "：": ":", "；": ";", "“": "", "”": "", '"': "",
                       "‘": "", "’": "", "—": "-", "－": "-"})


def _fold(text: str) -> list[tuple[int, str]]:
    """(index in ``text``, folded character) for every character that is not a space or a quote."""
    out = []
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch).translate(_FOLD)
        for f in folded:
            if not f.isspace():
                out.append((i, f))
    return out


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings only)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@lru_cache(maxsize=256)
def _folded_name(name: str) -> str:
    return "".join(f for _, f in _fold(name))


def _prefix(text: str, name: str) -> int | None:
    """Characters of ``text`` that state ``name`` at its start (one typo allowed in a long name), or None."""
    target = _folded_name(name)
    head = _fold(text[:4])
    if not head or head[0][1] != target[0]:
        return None  # not even the first character: most candidates end here
    folded = _fold(text[: 3 * len(name) + 10])
    chars = "".join(f for _, f in folded)
    if chars.startswith(target):
        return folded[len(target) - 1][0] + 1
    if len(target) >= 8 and chars[:2] == target[:2]:  # a typo inside a long title, not a different title
        for n in (len(target), len(target) + 1, len(target) - 1):
            if 0 < n <= len(chars) and _distance(chars[:n], target) <= 1:
                return folded[n - 1][0] + 1
    return None


def inline_headings(text: str, layout: Layout) -> list[tuple[int, int, SectionSpec]]:
    """Top-level headings run into one line with the text around them (a page flattened to one line).

    Returns (start, end of the heading title, section) for each numbered title that states its
    section's label or alias (one typo allowed in a long one), in the layout's order; table row
    labels such as "二、上年结转政府信息公开申请数量" state no section and are never taken.
    """
    candidates: list[tuple[int, int, SectionSpec]] = []
    for m in _INLINE_NUMERAL.finditer(text):
        for spec in layout.sections:
            if spec.number != m["num"]:
                continue
            window = text[m.end():m.end() + 120]  # a heading's title is short: never slice the whole line
            ends = [n for name in spec.names if (n := _prefix(window, name)) is not None]
            if ends:
                candidates.append((m.start(), m.end() + max(ends), spec))
                break
    # a heading has a body: titles listed one after another ("本报告包括一、总体情况；二、……") are not headings
    kept = [c for k, c in enumerate(candidates)
            if k + 1 == len(candidates) or _BODY.sub("", text[c[1]:candidates[k + 1][0]])]
    return _in_order(kept, {spec.id: k for k, spec in enumerate(layout.sections)})


_BODY = re.compile(r"[\s\W_]+")  # what does not count as a heading's body: spaces and punctuation


def _in_order(found: list[tuple[int, int, SectionSpec]], order: dict[str, int]) -> list[tuple[int, int, SectionSpec]]:
    """The longest run of headings whose sections follow the layout's order (the latest such run on ties)."""
    ending: dict[int, list[tuple[int, int, SectionSpec]]] = {}  # section order -> best run ending with it
    for head in found:
        o = order[head[2].id]
        before = max((run for k, run in ending.items() if k < o), key=len, default=[])
        if len(before) + 1 >= len(ending.get(o, [])):  # ties: the later heading
            ending[o] = before + [head]
    return max(ending.values(), key=lambda run: (len(run), run[-1][0]), default=[])
