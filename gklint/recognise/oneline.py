"""A report whose page was saved as one line: headings, table rows and values run together.

``unflatten`` recovers the lines (one per heading, label and value, as if copied one cell per line),
so that ``stream`` and ``sections`` read it like any other text. Lines of an ordinary report are left
as they are.
"""

from __future__ import annotations

import re

from gklint.core import lazyre
from gklint.core.numerals import NUMERAL
from gklint.core.chrome import FOOTER
from gklint.read.document import Paragraph
from gklint.layouts import Layout, RowSpec, TableSpec, normalise

_NUMBERED = lazyre.compile(rf"^(?:{NUMERAL}+[、.．]|[（(]{NUMERAL}+[）)]|\d+[.．、]|[（(]\d+[）)])")
_CHARS = {"（": "[（(]", "(": "[（(]", "）": "[）)]", ")": "[）)]", "、": "[、.．,，]", ".": "[.．、]",
          "．": "[.．、]", "，": "[，,、]", ",": "[，,、]", "：": "[：:]", ":": "[：:]", "/": "[/／]"}
_GAP = r"[\s“”\"‘’]*"  # a copy may break a label with spaces, or keep or drop its quotes
_VALUE_RUN = lazyre.compile(r"(?:\s*(?:[-+]?\d[\d.,]*(?:万元|元|%)?|/|—|－))+")
_NUMBERING_AT_END = lazyre.compile(r"\d[.．、]$")
_CJK = lazyre.compile(r"[\u4e00-\u9fff]")
_CHUNK = lazyre.compile(r"[-+]?\d[\d.,]*(?:万元|元|%)?|/|—|－")


def _pattern(name: str) -> re.Pattern:
    chars = [ch for ch in name if not ch.isspace() and ch not in "“”\"‘’"]
    return re.compile(_GAP.join(_CHARS.get(ch, re.escape(ch)) for ch in chars) + r"[”\"’]?")


def _names(row: RowSpec) -> list[str]:
    names = list(row.names)
    for name in row.names:
        bare = _NUMBERED.sub("", name)
        if bare != name and len(normalise(bare)) >= 4:
            names.append(bare)  # the numbering may be missing
    return names


def _values_then_rest(text: str, start: int, stop: int) -> list[str]:
    """The values right after a label (each its own piece), then whatever follows them up to ``stop``."""
    run = _VALUE_RUN.match(text, start, stop)
    end = run.end() if run else start
    if end < stop and _NUMBERING_AT_END.search(text, start, end) and _CJK.match(text, end):
        end -= len(_NUMBERING_AT_END.search(text, start, end).group())  # "…00000002.其他": "2." numbers the next label
    return [*_CHUNK.findall(text[start:end]), text[end:stop]]


_UNIT_AFTER = lazyre.compile(r"\s*[件条项个次篇份起宗人户家万]")


def _looks_like_table(text: str, spec: TableSpec) -> bool:
    """A line holding a whole table run together carries the table's own column headers (``headers`` in the
    layout; prose does not)."""
    norm = normalise(text)
    return bool(spec.headers) and all(normalise(h) in norm for h in spec.headers)


def _cut_rows(text: str, spec: TableSpec) -> list[str] | None:
    """A table of label-then-values rows run together (二, 三): a piece for each row label, each value, and
    the text between."""
    hits: list[tuple[int, int]] = []
    pos = 0
    for row in spec.rows:
        best = None
        for name in _names(row):
            m = _pattern(name).search(text, pos)
            if m and (best is None or (m.start(), -m.end()) < (best.start(), -best.end())):
                best = m
        if best:
            hits.append((best.start(), best.end()))
            pos = best.end()
    valued = [b for _, b in hits if (run := _VALUE_RUN.match(text, b)) and not _UNIT_AFTER.match(text, run.end())]
    if len(valued) < 3:
        return None
    pieces = _cut_head(text[:hits[0][0]], spec)
    for k, (a, b) in enumerate(hits):
        stop = hits[k + 1][0] if k + 1 < len(hits) else len(text)
        pieces += [text[a:b], *_values_then_rest(text, b, stop)]
    return pieces


_SENTENCE_MARK = lazyre.compile(r"[。；;，,、]")
_SENTENCE_END = lazyre.compile(r"[。；;]")


def _prose_end(text: str, stop: int) -> int:
    """Where the section's sentences before a table end in ``text[:stop]``: after its last "。" or "；" (0 if none)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, stop)]
    return ends[-1] if ends else 0


def _cut_head(head: str, spec: TableSpec) -> list[str]:
    """The text before a table's first row label, cut before each of the table's markers and header words (an
    opening bracket just before one goes with it: "（本列数据的勾稽关系为…）"): the section's own text stays apart
    from the table's caption and header, as on a page with line breaks."""
    cuts = set()
    prose = _prose_end(head, len(head))
    if prose:
        cuts.add(prose)
    for word in (*spec.markers, *spec.headers):
        if m := _pattern(word).search(head, prose):
            cuts.add(m.start() - 1 if m.start() and head[m.start() - 1] in "(（" else m.start())
    bounds = [0, *sorted(cuts - {0}), len(head)]
    return [head[a:b] for a, b in zip(bounds, bounds[1:])]


def _cut_header(text: str, spec: TableSpec) -> list[str] | None:
    """A header-first table run together (四): a piece for each header or row label, and each value."""
    words = {n for c in spec.columns for n in c.names} | {n for r in spec.rows for n in r.names} | set(spec.groups)
    pattern = re.compile("|".join(_pattern(w).pattern for w in sorted(words, key=len, reverse=True)))
    hits = list(pattern.finditer(text))
    first = 0  # past the words of the table in the section's sentence before it ("未发生行政复议、行政诉讼。")
    while len(hits) - first >= 3 and _SENTENCE_MARK.search(text, hits[first].end(), hits[first + 2].start()):
        first += 1
    hits = hits[first:]
    if len(hits) < 3:
        return None
    pieces = [text[:hits[0].start()]]
    for k, m in enumerate(hits):
        stop = hits[k + 1].start() if k + 1 < len(hits) else len(text)
        pieces += [m.group(), *_values_then_rest(text, m.end(), stop)]
    return pieces


_TITLE = lazyre.compile(r"(?<!\S)[^\s，。；]{0,40}年度报告(?!\S)")


def _title_apart(text: str) -> list[str]:
    """The text before the first heading of a flattened page, with the report's title on a line of its own
    (so the page's breadcrumb before it and the opening paragraph after it are lines of their own too)."""
    m = _TITLE.search(text)
    return [text[:m.start()], m.group(), text[m.end():]] if m else [text]


def unflatten(paragraphs: list[Paragraph], layout: Layout) -> list[Paragraph]:
    """Recover the lines of a report whose page was saved as one line (headings, rows and values run together).

    A line is cut before each top-level heading it holds (when it holds two or more, or starts with one),
    and a line inside a table's section that holds three or more of the table's labels is cut into
    one piece per label and per value, as if the table had been copied one cell per line. Lines of an
    ordinary report are left as they are.
    """
    from gklint.recognise.sections import inline_headings, match_heading

    lines: list[Paragraph] = []
    for para in paragraphs:
        text = para.text
        heads = inline_headings(text, layout)
        if len(heads) < 2 and not (heads and heads[0][0] == 0 and heads[0][1] < len(text)):
            lines.append(para)
            continue
        cuts = _title_apart(text[:heads[0][0]])
        for k, (start, end, _) in enumerate(heads):
            stop = heads[k + 1][0] if k + 1 < len(heads) else len(text)
            cuts += [text[start:end], text[end:stop].lstrip(" 　：:。.，,")]
        if footer := FOOTER.search(cuts[-1]):  # the page's footer ran into the last section
            cuts[-1:] = [cuts[-1][:footer.start()], cuts[-1][footer.start():]]
        lines += [Paragraph(c.strip(), para.source) for c in cuts if c.strip()]

    out: list[Paragraph] = []
    current = None
    for para in lines:
        heading = match_heading(para.text, layout)
        if heading and heading[1]:
            current = heading[1].id
        key = layout.table_in(current)
        pieces = None
        if key and not heading and len(para.text) > 40 and _looks_like_table(para.text, spec := layout.table(key)):
            pieces = (_cut_header if spec.header_first else _cut_rows)(para.text, spec)
        if pieces:
            out += [Paragraph(p.strip(), para.source) for p in pieces if p.strip()]
        else:
            out.append(para)
    return out
