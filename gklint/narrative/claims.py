"""Claims: a number the narrative states about something a table also counts.

A claim pattern is declared in a rule of ``rules/narrative.yaml`` (``check: claim``)::

    claims:
      - name: received
        label: {zh: 收到政府信息公开申请, en: requests received}
        units: [件, 次]                 # the stated number must carry one of these units
        near: ['收到|受理|接收']        # each regex must occur in the number's clause
        not_near: '复议|诉讼|其中'       # … and this one must not, nor a bracket right after the number
        topic: '(?<!依)申请'             # the subject: named before the number in its paragraph (the
                                        # nearest mention), after it in its clause, or in the heading
        not_topic: '复议|诉讼|留言'      # other subjects: not named between that mention and the number
        context: '政府信息公开|依申请'   # must occur in the heading, the paragraph or the sentence
        context_in: paragraph           # or sentence: only the heading and the sentence count
        in_parts: false                 # skip numbers that follow 其中 (a part, not the total)
        issuer_shares: '县政府|乡镇|部门'  # with in_parts: a part naming one of these (an issuer) is its share of a
                                        # 其中 list's total of the same kind (``near`` in it), not the figure
        topic_list: {pattern: '予以公开|无法提供|不予处理', min: 3}
                                        # a sentence naming at least ``min`` different terms of this
                                        # pattern states the topic and the context by itself
        not_beside: '已主动公开'         # the number is one item of a finer split when this is named
                                        # beside it (in its bracket, or else in its sentence)
        compare: equal                  # or presence: only zero against non-zero is a mismatch
        amount: false                   # true: the number is money, compared in 万元
        readings:                       # the cells it may mean; agreeing with any one is agreement
          - cells: [三.new.total]
          - cells: [三.new.total, 三.carried_over.total]
            label: {zh: 新收加上年结转, en: new plus carried over}

The rule's ``bracket_asides`` (regular expressions) are taken out of the bracket after a number, in turn,
before ``not_near`` is looked for in it: what the bracket says of something else ("均为自然人申请", "上年度结转12件").

A cell is ``table.row.column`` with the ids of ``gklint/layouts/<version>.yaml``; a row that is a
group heading (（三）不予公开) stands for the sum of its rows. A reading whose cells the report's
layout lacks is dropped, so one pattern serves both layouts.

A number is tied to a claim only when exactly one claim pattern (among all claim rules) matches
it: a number two patterns could mean is left alone.
"""

from __future__ import annotations

import re
from re import _parser  # type: ignore[attr-defined]  (re.compile's own parser)
from dataclasses import dataclass, field
from functools import lru_cache

from gklint.core import lazyre
from gklint.core.memo import by_identity
from gklint.layouts import Layout
from gklint.core.model import Cell, Report
from gklint.core.text import text_cache
from gklint.core.scan import matches_near, needed_chars
from gklint.narrative.enumerations import zero_sibling
from gklint.narrative.quantities import WAN_YUAN, Quantity, SentenceQuantities, analyse
from gklint.narrative.sentences import clause_start, enclosing_brackets, positions

CellRef = tuple[str, str, str]


class ClaimError(ValueError):
    """A claim pattern in a rule is malformed."""


@dataclass(frozen=True)
class Reading:
    """One reading of a claim: the table cells its figure is compared with, and how messages name them."""

    cells: tuple[str, ...]
    label: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, eq=False)  # identity: claims are parsed once per rule, and hashed per text in a cache
class Claim:
    """A claim pattern declared by a rule (``check: claim``): the words of a statement that gives a table's figure."""

    rule: str  # id of the rule that declares it
    name: str
    label: dict[str, str] = field(hash=False, compare=False)
    units: tuple[str, ...] = ()
    near: tuple[re.Pattern, ...] = ()
    not_near: re.Pattern | None = None
    topic: re.Pattern | None = None
    not_topic: re.Pattern | None = None
    context: re.Pattern | None = None
    context_in: str = "paragraph"
    in_parts: bool = False
    compare: str = "equal"
    amount: bool = False
    tolerance: float = 0.0  # an amount's difference (in the table's unit, 万元) still taken as rounding
    readings: tuple[Reading, ...] = ()
    note: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    not_beside: re.Pattern | None = None
    topic_list: re.Pattern | None = None
    topic_list_min: int = 0
    needs: frozenset[str] | None = None  # characters one of which the context must hold for ``near`` to occur
    # what of the bracket after a number says nothing of what it counts (its rule's ``bracket_asides``), left out
    # of the bracket before ``not_near`` is looked for in it
    asides: tuple[re.Pattern, ...] = ()
    issuer_shares: re.Pattern | None = None

    def text(self, field_name: str, lang: str) -> str:
        texts = getattr(self, field_name)
        return texts.get(lang) or texts.get("zh") or ""


def _texts(value, default: str = "") -> dict[str, str]:
    if value is None:
        return {"zh": default} if default else {}
    if isinstance(value, str):
        return {"zh": value}
    return {str(k): str(v) for k, v in value.items()}


def _regex(value, where: str) -> lazyre.LazyPattern | None:
    """``value`` (a pattern, or a list of alternatives), compiled on first use (``lazyre``): a claim's ``near``
    patterns are asked only of the numbers in its units whose context holds a character they need (read from
    their parse trees, ``_near_needs``), its other patterns only of the numbers its ``near`` finds, so that most
    are never used in a report. Their syntax is read here all the same by the parser ``re.compile`` runs first."""
    if value is None:
        return None
    if isinstance(value, list):
        value = "|".join(f"(?:{v})" for v in value)
    try:
        return lazyre.checked(str(value))
    except re.error as exc:
        raise ClaimError(f"{where}: bad pattern {value!r}: {exc}") from None


def parse_claims(rule_id: str, items: list[dict], asides: list[str] | None = None) -> tuple[Claim, ...]:
    """The claims a rule declares (``items``), each with the rule's ``bracket_asides`` (``asides``)."""
    asides_patterns = tuple(_regex(a, f"rule {rule_id}: bracket_asides") for a in asides or ())
    out = []
    for item in items or ():
        where = f"rule {rule_id}: claim {item.get('name', '?')}"
        if not item.get("name") or not item.get("readings") or not item.get("units"):
            raise ClaimError(f"{where}: needs name, units and readings")
        if item.get("compare", "equal") not in ("equal", "presence"):
            raise ClaimError(f"{where}: compare must be equal or presence")
        if item.get("context_in", "paragraph") not in ("paragraph", "sentence"):
            raise ClaimError(f"{where}: context_in must be paragraph or sentence")
        readings = []
        for r in item["readings"]:
            cells = r["cells"] if isinstance(r, dict) else r
            for c in cells:
                if len(str(c).split(".")) != 3:
                    raise ClaimError(f"{where}: cell {c!r} is not table.row.column")
            readings.append(Reading(tuple(map(str, cells)), _texts(r.get("label") if isinstance(r, dict) else None)))
        near = item.get("near") or []
        near_patterns = tuple(_regex(n, where) for n in (near if isinstance(near, list) else [near]))
        topic_list = item.get("topic_list") or {}
        if topic_list and (not isinstance(topic_list, dict) or not topic_list.get("pattern")
                           or not isinstance(topic_list.get("min"), int) or topic_list["min"] < 2):
            raise ClaimError(f"{where}: topic_list needs a pattern and a min of 2 or more")
        out.append(Claim(
            rule=rule_id, name=str(item["name"]), label=_texts(item.get("label"), item["name"]),
            units=tuple(item["units"]),
            near=near_patterns, needs=_near_needs(near_patterns),
            not_near=_regex(item.get("not_near"), where), topic=_regex(item.get("topic"), where),
            not_topic=_regex(item.get("not_topic"), where), context=_regex(item.get("context"), where),
            context_in=str(item.get("context_in", "paragraph")),
            in_parts=bool(item.get("in_parts", False)), tolerance=float(item.get("tolerance", 0) or 0),
            compare=item.get("compare", "equal"), amount=bool(item.get("amount", False)),
            readings=tuple(readings), note=_texts(item.get("note")),
            not_beside=_regex(item.get("not_beside"), where),
            issuer_shares=_regex(item.get("issuer_shares"), where),
            topic_list=_regex(topic_list.get("pattern"), where), topic_list_min=int(topic_list.get("min", 0)),
            asides=asides_patterns))
    return tuple(out)


def _near_needs(near: tuple[lazyre.LazyPattern, ...]) -> frozenset[str] | None:
    """The smallest of the sets of characters the ``near`` patterns each need (``core.scan.needed_chars``):
    a context holding none of one set cannot hold every pattern."""
    return min((got for p in near if (got := needed_chars(p)) is not None), key=len, default=None)


# --------------------------------------------------------------------------- matching

def matches(claim: Claim, sq: SentenceQuantities, q: Quantity, heading: str = "", para: str = "") -> bool:
    """Does the quantity ``q`` of sentence ``sq`` state what ``claim`` counts?

    ``heading`` is the folded section heading, ``para`` the folded text of the paragraph before
    this sentence (the topic and the context may have been named there).
    """
    if not q.counts or q.unit not in claim.units:
        return False
    return _matches(claim, sq, q, heading, para, _Memo(sq, q))


class _Memo:
    """What ``matches`` asks of one quantity whatever the claim, worked out once for all the claims tried on it:
    its context, whether it follows 其中, the list beside it and the terms its sentence lists."""

    __slots__ = ("s", "q", "context", "notes", "parts_before", "parent", "found", "beside", "lists")

    def __init__(self, sq: SentenceQuantities, q: Quantity, context: str | None = None):
        s = sq.sentence.folded
        self.q = q
        self.context = q.before + "\u2016" + q.after if context is None else context
        self.notes: dict = {}  # a claim's asides -> its bracket without them (``note``)
        self.parts_before = "其中" in s[:q.start]
        if self.parts_before:
            s = _without_zero_sibling(s, sq.quantities, q)
        self.s = s
        self.parent = _parent(s, q) if self.parts_before else ""
        self.found: dict = {}  # pattern -> does it occur in the list beside
        self.beside: str | None = None
        self.lists: dict = {}  # topic_list pattern -> how many different terms the sentence names

    def note(self, asides: tuple[re.Pattern, ...]) -> str:
        """The number's bracket without what ``asides`` match, each taken out in turn."""
        got = self.notes.get(asides)
        if got is None:
            got = self.q.note or ""
            for aside in asides:
                got = aside.sub("", got)
            self.notes[asides] = got
        return got

    def beside_has(self, pattern: re.Pattern) -> bool:
        got = self.found.get(pattern)
        if got is None:
            got = self.found[pattern] = pattern.search(self._beside()) is not None
        return got

    def _beside(self) -> str:
        if self.beside is None:
            self.beside = _beside(self.s, self.q)
        return self.beside

    def terms(self, pattern: re.Pattern) -> int:
        got = self.lists.get(pattern)
        if got is None:
            got = self.lists[pattern] = len(set(pattern.findall(self.s)))
        return got


def _without_zero_sibling(s: str, quantities: list[Quantity], q: Quantity) -> str:
    """``s`` with the zero count right before the 其中 of ``q`` blanked out when it follows a sibling
    (``enumerations.zero_sibling``) and the list holds a non-zero count in its unit: "被申请行政复议5宗、提起行政诉讼0宗，
    其中2宗维持原答复" lists the 5, not the zero, so 诉讼 is the subject of none of its parts."""
    at = s.rfind("其中", 0, q.start)
    zero = next((p for p in reversed(quantities) if p.end <= at), None)
    if zero is None or s[zero.end:at].strip(" ,:"):
        return s
    stop = min((i for i in (s.find(";", at), s.find("；", at)) if i >= 0), default=len(s))
    if not any(p.value and p.unit == zero.unit for p in quantities if at < p.start < stop):
        return s
    sibling = zero_sibling(s, quantities, zero)
    if sibling is None:
        return s
    return s[:sibling.end] + " " * (zero.end - sibling.end) + s[zero.end:]


def _parent(s: str, q: Quantity) -> str:
    """The clause whose total the 其中 list holding ``q`` breaks down ("予以公开4件" for the 2 of "予以公开4件，其中
    自然人申请2件"): a part is of its total's kind, so what must not be near the part must not be near it either.
    "" when a "；" ends that list before ``q``, or when that clause counts in another word (``q`` is no part of it:
    "新增事项88项，其中…，处理决定数量776件")."""
    at = s.rfind("其中", 0, q.start)
    if any(mark in s[at:q.start] for mark in ";；"):
        return ""
    end = len(s[:at].rstrip(" ,，:：、"))
    parent = s[clause_start(s, end):end]
    return parent if re.search(rf"\d\s*{re.escape(q.unit)}", parent) else ""


def _issuer_share(claim: Claim, q: Quantity, parent: str) -> bool:
    """Is ``q`` one issuer's share of a total of the claim's own kind ("印发规范性文件12件，其中县政府规范性文件4件、
    乡镇规范性文件8件": the 4 and the 8)? The total (``parent``) names every ``near`` word, the part an issuer."""
    return bool(claim.issuer_shares is not None and parent and claim.issuer_shares.search(q.before)
                and all(p.search(parent) for p in claim.near))


def _matches(claim: Claim, sq: SentenceQuantities, q: Quantity, heading: str, para: str, memo: _Memo) -> bool:
    """``matches`` for a counting quantity in one of the claim's units, with what does not depend on the
    claim taken from ``memo`` (shared by every claim tried on the quantity)."""
    if not claim.in_parts and (q.in_parens or memo.parts_before):
        return False
    if _issuer_share(claim, q, memo.parent):
        return False
    context = memo.context
    labelled = False  # a colon's label names what the clause counts ("行政许可：共处理600件"): its words then count too
    for p in claim.near:
        if p.search(context) is None:
            if not (q.label and p.search(q.label)):
                return False
            labelled = True
    if claim.not_near is not None and (claim.not_near.search(context) or claim.not_near.search(memo.note(claim.asides))
                                       or labelled and claim.not_near.search(q.label)
                                       or claim.not_near.search(memo.parent)):
        return False
    if claim.not_beside is not None and memo.beside_has(claim.not_beside):
        return False
    if claim.topic_list is not None and memo.terms(claim.topic_list) >= claim.topic_list_min:
        return True
    s = memo.s
    if claim.topic is not None and not _on_topic(claim, para + s, len(para), q, heading):
        return False
    if claim.context is not None and not (claim.context.search(heading) or claim.context.search(s)
                                          or claim.context_in == "paragraph" and claim.context.search(para)):
        return False
    return True


_BRACKETED = lazyre.compile(r"[(（\[【][^()（）\[\]【】]*[)）\]】]")  # for claims with not_beside only


def _beside(s: str, q: Quantity) -> str:
    """The list a number is an item of: its bracket when it is inside one, else its sentence
    outside brackets (a bracket qualifies the number before it: "予以公开5件（含已主动公开2件）");
    without the number's own clause."""
    if not q.in_parens:
        return _BRACKETED.sub("", s[:q.clause_start] + "\u2016" + s[q.clause_end:])
    lo, hi = enclosing_brackets(s, q.start, q.end)
    return s[lo:q.clause_start] + s[q.clause_end:hi] if lo <= q.clause_start <= q.clause_end <= hi else s[lo:hi]


def _on_topic(claim: Claim, text: str, offset: int, q: Quantity, heading: str) -> bool:
    """The topic is named before the number in its paragraph (the nearest mention wins), after it in
    its clause, or in the section heading; ``not_topic`` (another subject) must not be named between
    that mention and the number. The mention's clause is read from its start, or from the end of an item
    of a 、-list before it ("其中行政复议结果维持3件、行政诉讼结果维持3件": the 复议 of the first item is not
    the second number's subject)."""
    start = offset + q.start
    hits = _topic_hits(claim.topic, text[:start])
    nt = claim.not_topic
    if hits:
        lo = clause_start(text, hits[-1].start())
        if nt:
            lo = max([m.end() for m in _list_item_end(claim.units).finditer(text, lo, hits[-1].start())], default=lo)
        return not (nt and nt.search(text, lo, start))
    if claim.topic.search(q.after):
        return not (nt and nt.search(text, offset + q.clause_start, offset + q.clause_end))
    if heading and claim.topic.search(heading):
        return not (nt and (nt.search(heading) or nt.search(text, 0, start)))
    return False


@lru_cache(maxsize=64)
def _list_item_end(units: tuple[str, ...]) -> re.Pattern:
    """The end of an item of a 、-list: a number in one of ``units``, then 、."""
    return re.compile(rf"\d+(?:\.\d+)?\s*(?:{'|'.join(map(re.escape, sorted(units, key=len, reverse=True)))})、")


def _topic_hits(topic: re.Pattern, text: str) -> list[re.Match]:
    """``list(topic.finditer(text))``, the pattern tried only near the characters every match holds.

    A topic is looked for in the whole paragraph before a number, and most begin with a look-behind
    ("(?<![依被])申请"), so the engine would try it at every position of that text (some 40 ns a character).
    Every match is at most ``width`` characters and holds one of ``chars``: it starts at most ``width - 1``
    characters before one of their occurrences (found with ``str.find``), and ``core.scan.matches_near`` tries
    the pattern only there, leftmost first, which gives ``finditer``'s matches."""
    got = _topic_reading(topic)
    if got is None:
        return list(topic.finditer(text))
    chars, width = got
    occurrences = positions(text, chars)
    return list(matches_near(topic, text, occurrences, 0, width - 1)) if occurrences else []


@lru_cache(maxsize=256)
def _topic_reading(topic: re.Pattern) -> tuple[str, int] | None:
    """(the characters one of which every match of ``topic`` holds, the widest match), or None when not known
    (no such characters, a match that may be empty or unbounded)."""
    chars = needed_chars(topic)
    try:
        low, high = _parser.parse(topic.pattern, topic.flags).getwidth()
    except (re.error, RecursionError, ValueError, TypeError, AttributeError):
        return None
    if not chars or low < 1 or high >= _UNBOUNDED:
        return None
    return "".join(sorted(chars)), high


_UNBOUNDED = 1 << 16  # a match that may be this wide is not bounded


@dataclass(frozen=True)
class BlankTotal:
    """A blank 总计 cell read from the columns it totals: ``value`` is the sum of those holding a number
    (``summed``). When some of the others are blank (``bound``), the total is only known to be at least
    ``value``: a count is never below 0."""

    ref: CellRef
    value: int | float
    summed: tuple[str, ...]
    bound: bool


@dataclass(frozen=True)
class Compared:
    """One reading of a claim with the values of its cells in a report."""

    reading: Reading
    cells: list[tuple[CellRef, int | float]]
    total: int | float
    blanks: tuple[BlankTotal, ...]  # blank 总计 cells read from their rows
    marked: tuple[tuple[CellRef, str], ...] = ()  # cells holding no number, counted 0 (and as written)

    @property
    def bound(self) -> bool:
        """The total is a lower bound: a blank 总计 whose row is partly blank, or a cell of the reading
        blank or a mark ("—", "/", "无") beside cells holding numbers."""
        return bool(self.marked) or any(b.bound for b in self.blanks)


@dataclass
class Tie:
    """A stated number tied to a claim, and what the tables say."""

    claim: Claim
    sentence: SentenceQuantities
    quantity: Quantity
    stated: int | float
    compared: Compared  # the reading compared: the agreeing one, or the first that decides
    agrees: bool
    others: list[Compared]  # the other readings that decide


def resolve(cell: str, layout: Layout) -> list[CellRef] | None:
    """``table.row.column`` to the cells it stands for in this layout (a group heading: its rows).

    Worked out once per cell and layout (every claim finding and every reading compared asks again)."""
    found = _resolve(layout, cell)
    return None if found is None else list(found)


@by_identity(maxsize=4096)
def _resolve(layout: Layout, cell: str) -> tuple[CellRef, ...] | None:
    table, row, column = cell.split(".")
    spec = layout.tables.get(table)
    if spec is None:
        return None
    row_spec = spec.row(row)
    if row_spec is None:
        return None
    if row_spec.heading:
        rows = [r for r in spec.data_rows if r.parent == row_spec.id]
    else:
        rows = [row_spec]
    out = tuple((table, r.id, column) for r in rows if r.column(column) is not None and r.column(column).id == column)
    return out if out and len(out) == len(rows) else None


def reading_values(reading: Reading, report: Report, layout: Layout, computed: list[BlankTotal] | None = None,
                   marked: list[tuple[CellRef, str]] | None = None) -> list[tuple[CellRef, int | float]] | None:
    """The values of a reading's cells; None when one has no value (``cell_value``). With ``marked`` given, a
    cell blank or holding a mark among cells that hold numbers counts 0 and is added to it (cell, as written):
    the others' sum is then a lower bound, a count being never below 0."""
    cells: list[CellRef] = []
    for ref in reading.cells:
        got = resolve(ref, layout)
        if got is None:
            return None
        cells.extend(got)
    out = []
    unfilled: list[tuple[CellRef, str]] = []
    for ref in cells:
        value = cell_value(ref, report, layout, computed)
        if value is None:
            cell = _found_cell(report, ref)
            if marked is None or len(cells) == 1 or not _holds_no_number(cell):
                return None
            unfilled.append((ref, cell.raw.strip()))
            value = 0
        out.append((ref, value))
    if unfilled and len(unfilled) == len(out):
        return None  # marks alone: nothing to bound
    if marked is not None:
        marked.extend(unfilled)
    return out


def cell_value(ref: CellRef, report: Report, layout: Layout,
               computed: list[BlankTotal] | None = None) -> int | float | None:
    """The value of one cell; None when it has none (its table or row not read, a blank, a "/", a text). A blank
    总计 cell stands for the sum of the columns it totals when they hold numbers, not all 0, and blanks
    (``blank_total``; with a blank among them the sum is a lower bound); it is added to ``computed``, so that the
    finding can say so."""
    t, r, c = ref
    table = report.tables.get(t)
    if table is None or not table.found:
        return None
    value = report.value(t, r, c)
    if value is not None:
        return value
    blank = blank_total(report, layout, ref)
    if blank is None:
        return None
    if computed is not None:
        computed.append(blank)
    return blank.value


def _found_cell(report: Report, ref: CellRef) -> Cell | None:
    """The cell, when its table was found."""
    t, r, c = ref
    table = report.tables.get(t)
    return report.cell(t, r, c) if table is not None and table.found else None


def _holds_no_number(cell: Cell | None) -> bool:
    """A cell left blank or holding a mark ("-", "/", "无") instead of a number."""
    return cell is not None and cell.kind in ("blank", "na")


def summed_columns(layout: Layout, ref: CellRef) -> tuple[str, ...]:
    """The columns a 总计 cell totals (empty for any other cell)."""
    t, r, c = ref
    row = layout.table(t).row(r)
    col = row.column(c) if row is not None else None
    return col.sums if col is not None and col.id == c else ()


def blank_total(report: Report, layout: Layout, ref: CellRef) -> BlankTotal | None:
    """A blank 总计 cell read from its row: the columns it totals each a number or blank, the numbers
    not all 0; None otherwise (a "/", a text, a missing cell says nothing sure)."""
    t, r, c = ref
    cell = report.cell(t, r, c)
    sums = summed_columns(layout, ref)
    if cell is None or cell.kind != "blank" or not sums:
        return None
    row = [(s, report.cell(t, r, s)) for s in sums]
    if any(x is None or x.kind not in ("number", "blank") for _, x in row):
        return None
    numbers = [(s, x.value) for s, x in row if x.is_number]
    if not any(v for _, v in numbers):
        return None  # zeros and blanks beside a blank total say nothing sure: the template left unfilled
    return BlankTotal(ref, sum(v for _, v in numbers), tuple(s for s, _ in numbers), len(numbers) < len(sums))


def _decimals(raw: str) -> int:
    m = re.search(r"\.(\d+)", raw)
    return len(m.group(1)) if m else 0


def _stated(claim: Claim, q: Quantity) -> tuple[float, float] | None:
    """The stated value in the table's unit, and the tolerance that rounding allows."""
    if claim.amount:
        factor = WAN_YUAN.get(q.unit)
        if factor is None:
            return None
        return q.value * factor, max(0.5 * 10 ** -_decimals(q.raw) * factor, claim.tolerance) + 1e-9
    return q.value, q.tolerance + 1e-9


def _agree(claim: Claim, stated: float, tolerance: float, compared: Compared) -> bool | None:
    """Does the stated figure agree with a reading? None when it cannot be told: a figure above a lower
    bound (the blank cells may hold the rest)."""
    expected = compared.total
    if claim.compare == "presence":  # a lower bound is above 0 (a column holds a number, not 0): so is the total
        return (stated == 0) == (expected == 0)
    if compared.bound and stated > expected + tolerance:
        return None
    return abs(stated - expected) <= tolerance


def _unfilled(reading: Reading, report: Report, layout: Layout) -> bool:
    """Is one of a reading's cells, in a table the report has, blank or a mark ("-", "/") instead of a
    number? A figure stated of it cannot be told (Excel shows a 0 as "-")."""
    return any(_holds_no_number(_found_cell(report, cell))
               for ref in reading.cells for cell in resolve(ref, layout) or ())


def tie(claim: Claim, sq: SentenceQuantities, q: Quantity, report: Report, layout: Layout) -> Tie | None:
    """Compare a matched quantity with the cells of its claim; None when no reading applies, or when none
    agrees and one cannot be told (the figure may agree with it; its cell blank or a dash, say, or the figure
    above a reading whose other cells hold no number)."""
    stated = _stated(claim, q)
    if stated is None:
        return None
    value, tolerance = stated
    verdicts = []
    for reading in claim.readings:
        blanks: list[BlankTotal] = []
        marked: list[tuple[CellRef, str]] = []
        cells = reading_values(reading, report, layout, blanks, marked)
        if cells is not None:
            compared = Compared(reading, cells, sum(v for _, v in cells), tuple(blanks), tuple(marked))
            verdicts.append((compared, _agree(claim, value, tolerance, compared)))
        elif _unfilled(reading, report, layout):
            verdicts.append((None, None))  # the cell it names holds no number: no other reading decides
    agreeing = [c for c, ok in verdicts if ok]
    decided = [c for c, ok in verdicts if ok is not None]
    if not decided or not agreeing and len(decided) < len(verdicts):
        return None
    chosen = agreeing[0] if agreeing else decided[0]
    return Tie(claim, sq, q, q.value if not claim.amount else value, chosen, bool(agreeing),
               [c for c in decided if c is not chosen])


def ties(claims: tuple[Claim, ...], analysed: tuple[SentenceQuantities, ...], report: Report,
         layout: Layout, heading: str = "") -> list[Tie]:
    """Every quantity of a section that exactly one claim (reading-wise) matches, compared with its cells."""
    found = (tie(claim, sq, q, report, layout) for sq, q, claim in unambiguous(claims, analysed, heading))
    return [t for t in found if t is not None]


def ties_in_text(claims: tuple[Claim, ...], text: str, year: int | None, report: Report, layout: Layout,
                 heading: str = "", rule: str | None = None, word_units: tuple[str, ...] = ()) -> list[Tie]:
    """``ties`` for a section's text; which claim each number states is worked out once per text, heading
    and claim set, and shared by every claim rule (each then keeps its own ties: ``rule``, the claims of
    that rule only, or every claim's when None)."""
    found = (tie(claim, sq, q, report, layout)
             for sq, q, claim in _unambiguous_in_text(claims, text, year, heading, word_units)
             if rule is None or claim.rule == rule)
    return [t for t in found if t is not None]


@text_cache(maxsize=1024)
def _unambiguous_in_text(claims: tuple[Claim, ...], text: str, year: int | None, heading: str,
                         word_units: tuple[str, ...]):
    return unambiguous(claims, analyse(text, year, word_units), heading)


def unambiguous_in_text(claims: tuple[Claim, ...], text: str, year: int | None, heading: str = "",
                        word_units: tuple[str, ...] = ()):
    """``unambiguous`` for a section's text (cached per text, heading, claim set and ``word_units``, the units
    of a count written 一 or 两: ``quantities.find``)."""
    return _unambiguous_in_text(claims, text, year, heading, word_units)


def unambiguous(claims: tuple[Claim, ...], analysed: tuple[SentenceQuantities, ...], heading: str = ""):
    """(sentence, quantity, claim) for every quantity exactly one claim (reading-wise) could mean."""
    out = []
    by_unit: dict[str, tuple] = {}
    for sq, para in with_paragraphs(analysed):
        for q in sq.quantities:
            # ``q.counts``, its cheap parts first: whether it is about another period is worked out for the
            # numbers of its sentence when first asked, so it is asked only of a number some claim counts in
            if not q.unit or q.excluded is not None:
                continue
            if q.unit not in by_unit:
                by_unit[q.unit] = _counting_in(claims, q.unit)
            counting, needs = by_unit[q.unit]
            if not counting or q.foreign:
                continue
            context = q.before + "\u2016" + q.after
            if needs is not None and needs.isdisjoint(context) and needs.isdisjoint(q.label):
                continue
            memo = _Memo(sq, q, context)
            chars = set(context + q.label)  # a claim whose ``near`` needs a character these lack cannot match
            hit = [c for c in counting
                   if (c.needs is None or not c.needs.isdisjoint(chars)) and _matches(c, sq, q, heading, para, memo)]
            if not hit or len({c.readings for c in hit}) > 1:
                continue  # nothing, or two claims that could mean this number: leave it alone
            out.append((sq, q, hit[0]))
    return tuple(out)


@lru_cache(maxsize=256)
def _counting_in(claims: tuple[Claim, ...], unit: str) -> tuple[tuple[Claim, ...], frozenset[str] | None]:
    """The claims counting in ``unit`` (``matches`` refuses the others first), and the characters their ``near``
    patterns need: a context holding none of them matches none of these claims (None: not known)."""
    counting = tuple(c for c in claims if unit in c.units)
    if not counting or any(c.needs is None for c in counting):
        return counting, None
    return counting, frozenset().union(*(c.needs for c in counting))


def with_paragraphs(analysed: tuple[SentenceQuantities, ...]):
    """Each sentence with the folded text of its paragraph before it (sentences end at a line end)."""
    para = ""
    for sq in analysed:
        yield sq, para
        para = "" if sq.sentence.text.endswith("\n") else para + sq.sentence.folded
