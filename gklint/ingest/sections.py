"""Find the report's top-level sections (一、总体情况 … 六、其他需要报告的事项) among its paragraphs."""

from __future__ import annotations

import re
import unicodedata

from gklint.layouts import Layout, SectionSpec, normalise

_HEADING = re.compile(r"^\s*(?P<num>[一二三四五六七八九十]{1,2})\s*[、.．,，:：\s]\s*(?P<rest>.*)$")
_MAX_HEADING = 40  # characters of a heading line; a longer line is a heading followed by text


def match_heading(text: str, layout: Layout) -> tuple[str, SectionSpec | None, str] | None:
    """(numeral, section spec or None, text after the heading) if ``text`` starts with a top-level heading.

    A line is a heading when its numbered title states a section's label or alias, or when it is short,
    bears the section's own numeral and contains one of its keywords (so a table row such as
    "二、上年结转政府信息公开申请数量" is not taken for section 三). A numbered line that names no section is not a heading.
    """
    m = _HEADING.match(text)
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


def _prefix(text: str, name: str) -> int | None:
    """Characters of ``text`` that state ``name`` at its start (one typo allowed in a long name), or None."""
    target = "".join(f for _, f in _fold(name))
    folded = _fold(text[: 3 * len(name) + 10])
    chars = "".join(f for _, f in folded)
    if chars.startswith(target):
        return folded[len(target) - 1][0] + 1
    if len(target) >= 8:
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
    found: list[tuple[int, int, SectionSpec]] = []
    order = {spec.id: k for k, spec in enumerate(layout.sections)}
    for m in _INLINE_NUMERAL.finditer(text):
        for spec in layout.sections:
            if spec.number != m["num"] or (found and order[spec.id] <= order[found[-1][2].id]):
                continue
            ends = [n for name in spec.names if (n := _prefix(text[m.end():], name)) is not None]
            if ends:
                found.append((m.start(), m.end() + max(ends), spec))
                break
    return found
