"""Find the report's top-level sections (一、总体情况 … 六、其他需要报告的事项) among its paragraphs."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

from gklint.core import lazyre
from gklint.core.numerals import HEADING, NUMERAL, ordinal
from gklint.layouts import Layout, SectionSpec, normalise

# Numbering styles some reports use for the six parts instead of 一、…六、: tried only when a report has
# (almost) no 一、 headings, since inside a section （一）…（六） number its sub-items.
_OTHER_STYLES = (
    lazyre.compile(r"^\s*[（(]\s*(?P<num>[一二三四五六])\s*[）)]\s*(?P<rest>.*)$"),
    lazyre.compile(r"^\s*第(?P<num>[一二三四五六])部分\s*[、.．:：\s]?\s*(?P<rest>.*)$"),
)
# Parts numbered 1.–6. ("1. 总体情况"): the last try, since 1. 2. 3. number the sub-items inside a section
_DIGIT_STYLE = lazyre.compile(r"^\s*(?P<num>[1-6１-６])\s*[、.．]\s*(?P<rest>\S.*)$", re.S)
_BARE_NUMBERED = lazyre.compile(rf"^\s*(?P<num>{NUMERAL})(?P<rest>[^、.．,，:：\s].*)$")
_MAX_HEADING = 40  # characters of a heading line; a longer line is a heading followed by text


def find_headings(texts: list[str], layout: Layout) -> list[tuple[int, str | None, SectionSpec | None, str]]:
    """(line index, numeral, section spec, text after the heading) of every top-level heading.

    The official style (一、总体情况) first; when it yields fewer than three headings, the report may
    number its parts （一） or 第一部分, or not at all (a line that is exactly a section's title), or, last,
    1.–6. (each such title stating its section's label or alias under that section's own number).
    """
    found = [(i, *m) for i, t in enumerate(texts) if (m := match_heading(t, layout))]
    found = _with_renumbered(texts, found, layout)
    if len(found) >= 3:
        return found
    for style in _OTHER_STYLES:
        other = [(i, *m) for i, t in enumerate(texts) if (m := match_heading(t, layout, style))]
        if len(other) >= 3:
            return other
    bare = [(i, None, spec, "") for i, t in enumerate(texts) if (spec := _bare_title(t, layout))]
    if len(bare) >= 3:
        return bare
    digits = [(i, *m) for i, t in enumerate(texts) if (m := _digit_heading(t, layout))]
    return digits if len(digits) >= 3 else found


def _digit_heading(text: str, layout: Layout) -> tuple[str, SectionSpec, str] | None:
    """(digit as written, section, text after the title) when ``text`` is "3. 收到和处理政府信息公开申请情况":
    a title stating a section's label or alias (``match_heading`` takes no key terms for a digit) under the
    digit of that section's own number, so "1、强化组织领导" or "4. 总体情况" never is one."""
    m = match_heading(text, layout, _DIGIT_STYLE)
    if m is None or m[1] is None or int(m[0]) != ordinal(m[1].number):
        return None
    return m


def _with_renumbered(texts: list[str], found: list[tuple[int, str | None, SectionSpec | None, str]],
                     layout: Layout) -> list[tuple[int, str | None, SectionSpec | None, str]]:
    """``found`` (headings stating their section's title or their own number's key terms) and the numbered
    lines that continue the report's own numbering between them: a part renumbered (五 split in two, a
    local part inserted before it) or retitled in other words ("五、下一步工作打算").

    Such a line is taken when its numeral is the one after the previous heading's and before the next
    found heading's, its title is short and names no table row, and it is matched to a section by the
    section's key terms (the layout's ``keywords``); a short one that names no section is kept as an
    unrecognised heading (a local part: S104 looks at it), so the text under it is not taken for the
    previous section's.
    """
    taken = {i for i, *_ in found}
    extra: list[Candidate] = []
    for i, t in enumerate(texts):
        if i in taken or not (m := HEADING.match(t)):
            continue
        num = ordinal(m["num"])
        title = _title(m["rest"])
        rest = m["rest"].strip()
        if num is None or not title or len(rest) > _MAX_HEADING or re.search(r"\d", _YEAR.sub("", title, count=1)) \
                or _is_row_label(title, layout):
            continue
        spec = name_spec(rest, layout)
        extra.append(Candidate(i, i, m["num"], num, spec, () if spec else term_specs(title, layout), short=len(rest) <= 20))
    # a heading found by its own number's key terms (not its title) is named by terms too
    anchors = [Candidate(i, i, n, ordinal(n) if n else None, spec,
                         () if spec is None or _states_title(texts[i], spec) else ((1, spec),))
               for i, n, spec, _ in found]
    restarts = tuple(i for i, t in enumerate(texts) if (m := HEADING.match(t)) and m["num"] == layout.sections[0].number
                     and not _is_row_label(_title(m["rest"]), layout))
    chosen = renumbered(anchors, extra, layout, keep_unnamed=True, restarts=restarts)
    tails = {i: tail for i, _, _, tail in found}
    return [(c.pos, c.numeral, c.spec, tails.get(c.pos, "")) for c in chosen]


def _states_title(line: str, spec: SectionSpec) -> bool:
    m = HEADING.match(line) or _BARE_NUMBERED.match(line)
    rest = m["rest"] if m else line
    return any(_prefix(rest.strip(), name) is not None for name in spec.names)


def _bare_title(text: str, layout: Layout) -> SectionSpec | None:
    norm = normalise(text)
    for spec in layout.sections:
        if any(norm == normalise(name) for name in spec.names):
            return spec
    return None


def match_heading(text: str, layout: Layout, style: re.Pattern = HEADING) -> tuple[str, SectionSpec | None, str] | None:
    """(numeral, section spec or None, text after the heading) if ``text`` starts with a top-level heading.

    A line is a heading when its numbered title states a section's label or alias, or when it is short,
    bears the section's own numeral and contains one of its keywords (so a table row such as
    "二、上年结转政府信息公开申请数量" is not taken for section 三). A numbered line that names no section is not a heading.
    """
    m = style.match(text)
    if not m:
        if style is HEADING and (b := _BARE_NUMBERED.match(text)):  # "一总体情况": no mark after the numeral
            for spec in layout.sections:
                if spec.number == b["num"] and any(normalise(b["rest"]).startswith(normalise(n)) for n in spec.names):
                    return b["num"], spec, _after(b["rest"], next(n for n in spec.names
                                                                  if normalise(b["rest"]).startswith(normalise(n))))
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


# --------------------------------------------------------------------------- headings by meaning and position

_TITLE_END = lazyre.compile(r"[。；;，,：:！？!?（(\[【\d\s]")
_TERMS_IN = 16  # a key term counts only near the start of a title (a heading's subject comes first)


def _title(rest: str) -> str:
    """The beginning of a heading's title: up to the first sentence mark, bracket, digit or space."""
    rest = rest.lstrip(" 　")
    year = _YEAR.match(rest)  # "五、2023年工作打算": a title may begin with the year it plans for
    skip = year.end() if year else 0
    m = _TITLE_END.search(rest, skip)
    return rest[: m.start()] if m else rest[:40]


_YEAR = lazyre.compile(r"(?:19|20)\d\d\s*年度?")


_PER_LAYOUT: dict[tuple[str, str], object] = {}  # (what, layout version) -> a pattern or table built once


def _once(what: str, layout: Layout, build):
    key = (what, layout.version)
    if key not in _PER_LAYOUT:
        _PER_LAYOUT[key] = build(layout)
    return _PER_LAYOUT[key]


def _row_labels(layout: Layout) -> tuple[str, ...]:
    """Table row labels without their numbering ("结转下年度继续办理"): numbered like a part, never one."""
    from gklint.layouts import core

    out = {core(name) for spec in layout.tables.values() for row in spec.rows for name in row.names}
    return tuple(sorted(n for n in out if len(n) >= 4))


def _is_row_label(title: str, layout: Layout) -> bool:
    """Whether the normalised title starts with a row label (``str.startswith``: no pattern to compile)."""
    return normalise(title).startswith(_once("rows", layout, _row_labels))


def name_spec(rest: str, layout: Layout) -> SectionSpec | None:
    """The section whose label or alias ``rest`` starts with (one typo allowed in a long one)."""
    first = rest.lstrip(" 　\t")[:1]
    if not first:
        return None
    for spec, name in _once("names", layout, _names_by_first).get(unicodedata.normalize("NFKC", first).translate(_FOLD), ()):
        if _prefix(rest, name) is not None:
            return spec
    return None


def _names_by_first(layout: Layout) -> dict[str, tuple[tuple[SectionSpec, str], ...]]:
    """Every section title and alias, by its first (folded) character: most numbered texts start with none."""
    out: dict[str, list[tuple[SectionSpec, str]]] = {}
    for spec in layout.sections:
        for name in spec.names:
            out.setdefault(_folded_name(name)[0], []).append((spec, name))
    return {k: tuple(v) for k, v in out.items()}


def term_specs(title: str, layout: Layout) -> tuple[tuple[int, SectionSpec], ...]:
    """(how many, section) for the sections whose key terms the beginning of ``title`` holds, most first."""
    head = normalise(title)[:_TERMS_IN]
    if not _once("terms", layout, _any_term).search(head):
        return ()
    hits = [(sum(k in head for k in spec.keywords), k, spec) for k, spec in enumerate(layout.sections)]
    return tuple((n, spec) for n, _, spec in sorted(hits, key=lambda h: (-h[0], h[1])) if n)


def _any_term(layout: Layout) -> re.Pattern:
    terms = sorted({k for spec in layout.sections for k in spec.keywords}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, terms)) or r"(?!)")


class Candidate:
    """A numbered title that may head a part: where it starts and ends, its numeral, what it names."""

    __slots__ = ("pos", "end", "numeral", "num", "spec", "terms", "short")

    def __init__(self, pos, end, numeral, num, spec, terms, short=False):
        self.pos, self.end, self.numeral, self.num, self.spec, self.terms, self.short = \
            pos, end, numeral, num, spec, terms, short


def renumbered(anchors: list[Candidate], extra: list[Candidate], layout: Layout, *,
               keep_unnamed: bool = False, restarts: tuple[int, ...] = ()) -> list[Candidate]:
    """``anchors`` (headings certain by their number and title) with the ``extra`` candidates that
    continue the report's own numbering between them, in text order.

    An extra candidate is taken when its numeral is one more than the previous heading's (two more when it
    states a section's title: a local part before it may have gone unseen) and less than the next anchor's,
    and it names a section (its title, or its key terms: the one with most terms, on a tie the one its
    number or its position points to). With ``keep_unnamed``, a short title that names no section is kept
    too (spec None). A part named only by key terms whose section another heading states by its title is a
    local part (spec None). ``restarts``: where a list numbered from 一 begins in the text; after one, a
    title named only by key terms is that list's item ("一、…二、…六、其他工作"), not a part. Lists in the text ("一、…二、…" under a part) and table rows do not
    continue the numbering of the parts, so they are not taken.
    """
    order = {spec.id: k for k, spec in enumerate(layout.sections)}
    anchors = sorted(anchors, key=lambda c: c.pos)
    out: list[Candidate] = []
    last_num, last_order, last_pos = 0, -1, -1
    merged = sorted([(c.pos, 0, c) for c in anchors] + [(c.pos, 1, c) for c in extra], key=lambda t: (t[0], t[1]))
    k = 0  # next anchor
    for pos, is_extra, c in merged:
        if not is_extra:
            k += 1
            out.append(c)
            last_pos = c.pos
            last_num = c.num if c.num is not None else last_num + 1
            if c.spec is not None:
                last_order = max(last_order, order[c.spec.id])
            continue
        nxt = anchors[k] if k < len(anchors) else None
        step = c.num - last_num if c.num is not None else 0
        # the next number; a part stating its section's title may follow a local part not found (a gap of one)
        if not (step == 1 or (step == 2 and c.spec is not None)) \
                or (nxt is not None and nxt.num is not None and c.num >= nxt.num):
            continue
        if c.spec is None and (r := bisect_right(restarts, last_pos)) < len(restarts) and restarts[r] < c.pos:
            continue
        spec = c.spec or _pick(c, layout, last_order, order)
        if spec is None and not (keep_unnamed and c.short):
            continue
        c.spec = spec
        out.append(c)
        last_num, last_pos = c.num, c.pos
        if spec is not None:
            last_order = max(last_order, order[spec.id])
    # a part found only by its key terms whose section another heading states by its title is a local part
    # ("五、信息处理费收取情况" before "七、其他需要报告的事项"): unrecognised, not a second 六
    named = {c.spec.id for c in out if c.spec is not None and not c.terms}
    for c in out:
        if c.terms and c.spec is not None and c.spec.id in named:
            c.spec = None
    return out


def _pick(c: Candidate, layout: Layout, last_order: int, order: dict[str, int]) -> SectionSpec | None:
    """The section a title's key terms name: most terms; on a tie the one its own number or its place
    (after the sections already found) points to."""
    if not c.terms:
        return None
    most = c.terms[0][0]
    ties = [spec for n, spec in c.terms if n == most]
    own = [s for s in ties if s.number == c.numeral]
    after = [s for s in ties if order[s.id] > last_order]
    return (own or after or ties)[0]


# --------------------------------------------------------------------------- headings inside a line

_INLINE_NUMERAL = lazyre.compile(rf"(?P<num>{NUMERAL}{{1,2}})\s*[、.．]")
_FOLD = str.maketrans({"、": ".", "．": ".", "，": ",", "：": ":", "；": ";", "“": "", "”": "", '"': "",
                       "‘": "", "’": "", "—": "-", "－": "-"})


@lru_cache(maxsize=None)
def _fold_char(ch: str) -> tuple[str, ...]:
    """One character folded (NFKC, the marks of ``_FOLD``), spaces dropped: a page has few distinct ones."""
    return tuple(f for f in unicodedata.normalize("NFKC", ch).translate(_FOLD) if not f.isspace())


def _fold(text: str) -> list[tuple[int, str]]:
    """(index in ``text``, folded character) for every character that is not a space or a quote."""
    out = []
    for i, ch in enumerate(text):
        for f in _fold_char(ch):
            out.append((i, f))
    return out


def _within_one_edit(a: str, b: str) -> bool:
    """Is ``a`` at most one insertion, deletion or substitution away from ``b``? (Linear: a long title with
    one typo; the full edit distance is never needed.)"""
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:] if len(a) < len(b) else a[i + 1:] == b[i:]


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
            if 0 < n <= len(chars) and _within_one_edit(chars[:n], target):
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
    for m in _INLINE_BARE.finditer(text):  # "一总体情况": the numeral and the official title with no mark between
        spec = next((s for s in layout.sections if s.number == m["num"]), None)
        if spec is not None and (ends := [n for name in spec.names
                                          if (n := _prefix(text[m.end():m.end() + 120], name)) is not None]):
            candidates.append((m.start(), m.end() + max(ends), spec))
    candidates.sort(key=lambda c: c[0])
    anchors = _in_order(_with_body(text, candidates), {spec.id: k for k, spec in enumerate(layout.sections)})
    taken = {c[0] for c in anchors}
    extra: list[Candidate] = []
    unnamed: list[Candidate] = []  # numbered titles that name no section: a local part, if its place says so
    for m in _INLINE_PART.finditer(text):
        if m.start() in taken or (num := ordinal(m["num"])) is None:
            continue
        window = text[m.end():m.end() + 120]
        title = _title(window)
        if not title or _is_row_label(title, layout):
            continue
        lead = len(window) - len(window.lstrip(" 　"))
        unnamed.append(Candidate(m.start(), (m.end() + lead, title), m["num"], num, None, ()))  # end: see _fill_gaps
        spec = name_spec(window, layout)
        if spec is not None:
            end = m.end() + max(n for name in spec.names if (n := _prefix(window, name)) is not None)
            extra.append(Candidate(m.start(), end, m["num"], num, spec, ()))
        elif terms := term_specs(title, layout):
            extra.append(Candidate(m.start(), m.end() + lead + _title_end(title, layout), m["num"], num, None, terms))
            unnamed.pop()
    if not extra:
        return anchors
    sure = [Candidate(s, e, spec.number, ordinal(spec.number), spec, ()) for s, e, spec in anchors]
    restarts = tuple(m.start() for m in _INLINE_PART.finditer(text)
                     if m["num"] == layout.sections[0].number and not _is_row_label(_title(text[m.end():m.end() + 60]), layout))
    chosen = _with_body(text, [(c.pos, c.end, c.spec)
                               for c in _fill_gaps(renumbered(sure, extra, layout, restarts=restarts), unnamed, layout)])
    # with no heading worded officially, only a run of parts numbered from 一 in order (three or more) is taken
    return chosen if anchors or len(chosen) >= _MIN_RUN else anchors


_MIN_RUN = 3


def _fill_gaps(heads: list[Candidate], unnamed: list[Candidate], layout: Layout) -> list[Candidate]:
    """``heads`` with the local parts their numbering implies: between a part numbered n and the next one
    numbered n + 2, the one title numbered n + 1 in between (a local part whose title names no section,
    such as "五、政务公开工作亮点"), when there is exactly one."""
    out: list[Candidate] = []
    for k, head in enumerate(heads):
        out.append(head)
        nxt = heads[k + 1] if k + 1 < len(heads) else None
        if nxt is None or head.num is None or nxt.num != head.num + 2:
            continue
        between = [c for c in unnamed if head.end <= c.pos < nxt.pos and c.num == head.num + 1]
        if len(between) == 1:
            local = between[0]
            start, title = local.end
            local.end = start + _title_end(title, layout)
            out.append(local)
    return out


_INLINE_BARE = lazyre.compile(rf"(?:^|(?<=[。；;！？!?\s]))(?P<num>{NUMERAL}{{1,2}})(?=[^、.．\s])")
# a part's numbering inside a line: not （五）, 第五, 十五 read as 五, nor "五、" in "第四、五、六项"
_INLINE_PART = lazyre.compile(rf"(?<![（(第一二三四五六七八九十、])(?P<num>{NUMERAL}{{1,2}})\s*、")


_TITLE_LONG = 16  # characters of most titles after their numbering


def _title_end(title: str, layout: Layout) -> int:
    """Where a title found by its key terms ends in a line that runs on into the text or a table's labels
    ("信息处理费收取情况通知收取件数…"): after its last closing word (``title_ends`` in the layout: 情况, 事项, 措施…) within the usual
    length of a title, else after the first one."""
    head = title[:40]
    ends = sorted(m.end() for w in layout.title_ends for m in re.finditer(w, head))
    if not ends:
        return min(len(head), 24)
    short = [e for e in ends if e <= _TITLE_LONG]
    end = short[-1] if short else ends[0]
    while end < len(head) and head[end] in _JOINS:  # "…收取情况及其他需要报告的事项": the title goes on
        further = next((e for e in ends if e > end + 1), None)
        if further is None:
            break
        end = further
    return end


_JOINS = "及和与、"


def _with_body(text: str, heads: list[tuple[int, int, SectionSpec]]) -> list[tuple[int, int, SectionSpec]]:
    """A heading has a body: titles listed one after another ("本报告包括一、总体情况；二、……") are not headings."""
    return [c for k, c in enumerate(heads)
            if k + 1 == len(heads) or _BODY.sub("", text[c[1]:heads[k + 1][0]])]


_BODY = lazyre.compile(r"[\s\W_]+")  # what does not count as a heading's body: spaces and punctuation


def _in_order(found: list[tuple[int, int, SectionSpec]], order: dict[str, int]) -> list[tuple[int, int, SectionSpec]]:
    """The longest run of headings whose sections follow the layout's order (the latest such run on ties)."""
    ending: dict[int, list[tuple[int, int, SectionSpec]]] = {}  # section order -> best run ending with it
    for head in found:
        o = order[head[2].id]
        before = max((run for k, run in ending.items() if k < o), key=len, default=[])
        if len(before) + 1 >= len(ending.get(o, [])):  # ties: the later heading
            ending[o] = before + [head]
    return max(ending.values(), key=lambda run: (len(run), run[-1][0]), default=[])
