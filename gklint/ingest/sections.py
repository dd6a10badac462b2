"""Find the report's top-level sections (一、总体情况 … 六、其他需要报告的事项) among its paragraphs."""

from __future__ import annotations

import re

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
