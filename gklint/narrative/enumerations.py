"""A stated total and the parts that follow it: "年内公开政府信息2715条。其中，政务类信息672条，……".

Two forms are read:

- ``其中``: the total is the last number before 其中 (in the same sentence, or closing the sentence
  before when the next one opens with 其中); the parts are the numbers after it, up to the end of
  the sentence, a new total (a number followed by its own 其中, or introduced by 合计/共计), or a
  number of another kind (persons after items, money after counts…). 其中 inside brackets opens
  a nested list whose parts are the numbers in those brackets; numbers in brackets are not parts
  of an outer list.
- ``合计``: numbers followed, in the same sentence, by 合计/共计/总计/总共 and a number.
- ``列举``: no 其中, but a total stated with its verb (公开政府信息364条) and, clause after clause,
  categories with the same counting word ending with the rest (其他…19条); a first number below one of the
  others is the first category, not a total (主动公开行政许可33项，行政处罚36项，…，其他…4项).
- ``包括``: a total stated with its verb, then 包括 and its parts ("公开信息36条，包括工作动态类信息34条，财政类
  信息2条"); judged only when closed by the rest or items of one kind (…类), since 包括 may name channels that
  overlap: even parts that exceed the total are no contradiction without that.

Items may be numbered (一是, 第一，, （一）, (1)): a numbered list starts at its first item (one that starts at
二是 lacks a part, and is not read), and an item numbered out of turn ends the list ("…，其中A类50条、其他49条；
二是…": the 二是 item is the next point of the text, not a part).

A 其中-list is read as a breakdown only on positive evidence, since 其中 also introduces highlights
("其中重点领域信息300条、政策解读50条") and changes ("调整为33家，其中注销5家、新增3家"):

- every part is counted with the same counting word (份 with 份; money converts between 元, 万元
  and 亿元); a number with another counting word ends the list ("发布575份，其中主动公开317份，
  作出行政处罚决定204起": the 204起 belongs to a clause of its own);
- no part is a change (新增, 注销, 撤销, 关停…): such a list tells how the total came about;
- the list is closed: it does not say it is incomplete (其中主要包括…, 如…, …等), and it names
  a rest (其他, 其余), or its items are of one kind (the same head word: …类信息, …栏, …申请), or
  its parts exceed the total.

A "共" inside an item ("财政预算、决算报告共5条") is that item's count, not a new total; only a
共/合计 that opens a clause ("…，共5条") starts one. A list is *not sure* when a part is approximate
(10余件) or a range: then only parts that exceed the total are a contradiction. Percentages, rates,
dates and changes (办结率为100%, 同比增长12件) are not parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gklint.core import lazyre
from gklint.core.numerals import NUMERAL, item_value
from gklint.narrative.quantities import WAN_YUAN, Quantity, SentenceQuantities
from gklint.narrative.sentences import enclosing_brackets, holds_any, positions

_QIZHONG = re.compile(r"其中(?!之一|的|一[个项件次])")
_HEJI_WORDS = ("合计", "共计", "总计", "总共", "一共")
_HEJI = lazyre.compile("|".join(_HEJI_WORDS))
_NEW_TOTAL = re.compile(r"(?:合计|共计|总计|总共|一共|共)(?:有|为|是)?\s*$")
_NOT_EXHAUSTIVE_START = re.compile(r"[\s,:]*(?:主要|重点|包括|包含|如|例如|比如|涉及|含|特别是|尤其|突出)")
_NOT_EXHAUSTIVE_END = re.compile(r"[\s)）]*等")
# a part that is a change: the list tells how the total came about, not what it is made of
_CHANGE_ITEM = re.compile(r"^(?:新增|新建|新设|新开通|增加|增设|减少|注销|撤销|撤并|关停|关闭|取消|合并|整合|下线|停用|"
                          r"迁移|调整|更名|变更|升级)")
_REST_WORDS = ("其他", "其它", "其余", "另有", "剩余", "余下")
_REST_ITEM = lazyre.compile(f"^(?:{'|'.join(_REST_WORDS)})")
_LABEL_TAIL = lazyre.compile(r"(?:总数|数量|件数|条数|数|量)$")
_NOT_PARTS = ("percent", "date", "ordinal", "rate", "change", "phone", "list")
_GAP_TEXT = re.compile(r"[^\s,;:。!?、()（）□]")
# the number of a list item as the text writes it (一是, 第一, （一）): one definition for every pattern below
_ITEM_NO = rf"{NUMERAL}{{1,3}}"
# what numbers an item of a list: 一是, 第一, （一）, (1); it stands at the start of the item's clause
# (第一 closes a clause of its own: "第一，政策文件20条"; 第一季度 numbers nothing)
_ITEM_MARK = re.compile(rf"(?:^|(?<=[\s,;:。、]))(?:({_ITEM_NO})是|第({_ITEM_NO})[\s,、:]|"
                        rf"[(（]({_ITEM_NO}|\d{{1,2}})[)）])[^,;:。]*$")


@dataclass
class Enumeration:
    """A total and the parts the text lists for it (其中…), to check that the parts add up."""

    total: Quantity
    total_sentence: SentenceQuantities
    parts: list[Quantity]
    sentence: SentenceQuantities  # where the parts are
    exhaustive: bool = True
    sure: bool = True  # every part is an exact number
    form: str = "其中"
    unsure_parts: list[Quantity] = field(default_factory=list)
    # the list read on past another counting word (政策解读16篇 among 条): when it adds up, the text
    # counted those too, and the shorter list is no contradiction
    extended: list[Quantity] = field(default_factory=list)

    def amount(self, q: Quantity) -> float:
        if self.total.family == "money":
            return q.value * WAN_YUAN[q.unit]
        return q.value

    @property
    def total_value(self) -> float:
        return self.amount(self.total)

    @property
    def sum(self) -> float:
        return sum(self.amount(q) for q in self.parts)

    @property
    def tolerance(self) -> float:
        if self.total.family != "money":
            return sum(q.tolerance for q in [self.total, *self.parts]) + 1e-9
        digits = max(_decimals(q.raw) for q in [self.total, *self.parts])
        factor = min(WAN_YUAN[q.unit] for q in [self.total, *self.parts])
        return 0.5 * 10 ** -digits * factor * (len(self.parts) + 1) + 1e-9

    def contradicts(self, outcome_heads: tuple[str, ...] = (), partial_kinds: tuple[str, ...] = ()) -> bool:
        """Do the parts contradict the total? Parts may be a second breakdown of the same total, or
        a list the text does not claim to be complete, so only a sum that cannot be right counts.
        ``outcome_heads``, ``partial_kinds``: words whose labels show no closed list (``closed``)."""
        if not self.exhaustive:
            return False  # 主要包括…, 如…, …等: the text says these are not all the parts
        total, tol = self.total_value, self.tolerance
        values = [self.amount(q) for q in self.parts]
        if self._run_makes(values, total, tol) or (
                len(self.extended) > len(self.parts)
                and self._run_makes([self.amount(q) for q in self.extended], total, tol)):
            return False  # the whole list, or a stretch of it, adds up: a second breakdown may follow
        if sum(values) > total + tol and self.form != "包括":
            return True  # (what 包括 lists may overlap: it must be closed, as when they fall short)
        return self.sure and self.closed(outcome_heads, partial_kinds)

    def closed(self, outcome_heads: tuple[str, ...] = (), partial_kinds: tuple[str, ...] = ()) -> bool:
        """Positive evidence that the parts are all the parts: the 合计 form (the text sums them), a
        rest item (其他…) at the end, or items of one kind (their labels share a head word: …类, …栏, …信息;
        not one of ``outcome_heads``, the verbs a request's outcome ends in: 予以公开, 不予处理, 告知…提供; nor
        labels that each name one of ``partial_kinds``, categories that count only part of a total: 概况, 政务动态)."""
        if self.form == "合计":
            return True
        labels = [label(q) for q in self.parts + self.unsure_parts]
        if _REST_ITEM.match(label(self.parts[-1])):
            return True  # the rest comes last
        heads = [_LABEL_TAIL.sub("", t) for t in labels]
        if any(not h for h in heads) or partial_kinds and all(any(k in t for k in partial_kinds) for t in labels):
            return False
        if all("类" in h for h in heads):
            return True
        # 包括 lists may name channels that overlap ("…网站信息35条，…微信信息2443条"): they need 其他 or …类;
        # labels that end in an outcome (予以公开, …不予公开) share a verb, not a kind: other outcomes are left out
        return self.form != "包括" and len({h[-1] for h in heads}) == 1 and not heads[0].endswith(outcome_heads)

    @staticmethod
    def _run_makes(values: list[float], total: float, tol: float) -> bool:
        for i in range(len(values)):
            acc = 0.0
            for v in values[i:]:
                acc += v
                if abs(acc - total) <= tol:
                    return True
                if acc > total + tol:
                    break
        return False

    def quote(self) -> str:
        if self.total_sentence is self.sentence:
            return self.sentence.sentence.quote
        return (self.total_sentence.sentence.text + self.sentence.sentence.text).strip()


def _decimals(raw: str) -> int:
    m = re.search(r"\.(\d+)", raw)
    return len(m.group(1)) if m else 0


_LABEL_LEAD = re.compile(r"^[\s,;:、()（）□]*(?:其中[\s,:]*)?(?:主要|重点)?(?:包括|包含|有|是|如|例如)?[\s,:]*"
                         rf"(?:{_ITEM_NO}是|第{_ITEM_NO}[,、:])?")  # and the item's number (一是)
_LABEL_SUM = re.compile(r"(?:共计|合计|总计|共)(?:有|为|是)?$")


def label(q: Quantity) -> str:
    """What a part counts, as written before (or after) its number."""
    text = _LABEL_LEAD.sub("", q.before).strip(" ,;:、()（）")
    text = _LABEL_SUM.sub("", text).strip(" ,;:、()（）")  # 决算报告共5条
    if not text:
        text = q.after.strip(" ,;:、()（）")[:12]
    return text


def _item_number(s: str, start: int, q: Quantity) -> int | None:
    """The number of the list item that ``q`` counts (一是 → 1, 第二 → 2, （三） → 3, (4) → 4), read from the text
    between ``start`` (the end of the item before) and ``q``; None when the item is not numbered."""
    m = _ITEM_MARK.search(s[start:q.start])  # (on a slice: ^ matches at its start)
    if m is None:
        return None
    return item_value(next(g for g in m.groups() if g))


class _Numbering:
    """The numbers of a list's items, item by item: a list is numbered from its first item on (一是, 第一…) or
    not at all. An item numbered out of turn is no item of the list: "…其他信息5条；二是…" after a list without
    numbers starts something else, and a list that begins at 二是 has its first item outside the text."""

    def __init__(self, s: str, start: int):
        self.s, self.at = s, start
        self.last: int | None = 0  # the last item's number: 0 before the first item, None in a list without

    def follows(self, q: Quantity) -> bool:
        """Is ``q`` the next item (its number, or its lack of one, follows on)? If so, it is taken."""
        n = _item_number(self.s, self.at, q)
        if self.last == 0:
            ok = n in (None, 1)
        else:
            ok = n is None if self.last is None else n == self.last + 1
        if ok:
            self.last, self.at = n, q.end
        return ok


def _lead_stripped(text: str) -> str:
    """An item's text without the 其中 and connectives that open it."""
    return re.sub(r"^[\s,;:、()（）□]*(?:其中)?[\s,:]*(?:另外|此外|另|以及|及|和|并)?", "", text)


def find(analysed: tuple[SentenceQuantities, ...]) -> list[Enumeration]:
    out: list[Enumeration] = []
    for i, sq in enumerate(analysed):
        s = sq.sentence.folded
        # each form is looked for only where its words occur (a quick ``in`` rather than a search)
        qizhong = list(_QIZHONG.finditer(s)) if "其中" in s else []
        depths = [_depth(s, m.start()) for m in qizhong]
        for k, m in enumerate(qizhong):
            total_sq, total = _total_before(analysed, i, m.start())
            if total is None:
                continue
            # a list runs to the next 其中 at its own level (a nested one in brackets does not end it)
            stop = next((n.start() for n, d in zip(qizhong[k + 1:], depths[k + 1:]) if d <= depths[k]), len(s))
            e = _parts(sq, total, total_sq, m.start(), m.end(), stop)
            sibling = zero_sibling(total_sq.sentence.folded, total_sq.quantities, total) if e else None
            if sibling is not None and any(q.value for q in e.parts):
                # non-zero parts break down no zero: "复议5宗、诉讼0宗，其中2宗维持…" lists the 5
                e = _parts(sq, sibling, total_sq, m.start(), m.end(), stop)
            if e is not None:
                out.append(e)
        starts = [q.start() for q in qizhong]
        if holds_any(s, _INCLUDES_WORDS):
            out.extend(_included(sq, starts))
        if holds_any(s, _HEJI_WORDS):
            for m in _HEJI.finditer(s):
                e = _heji(sq, m, starts)
                if e is not None:
                    out.append(e)
        # a list closed by its rest: a total and three parts or more, the last one named 其他…
        if not qizhong and len(sq.quantities) >= 4 and holds_any(s, _REST_WORDS):
            out.extend(_rest_closed(sq))
    return out


# what a total does (公开政府信息364条); the categories after it do not (政务公开领域信息124条 names one)
_AGGREGATE_VERB = lazyre.compile(r"(?<!政务)公开|发布|收到|受理|办结|办理|制作|印发|制发|获取|接收|答复")


def _rest_closed(sq: SentenceQuantities) -> list[Enumeration]:
    """The list without 其中: "主动公开政府信息364条，人事信息17条，……，其他应主动公开的政府信息19条".
    Read only on strong evidence: the first number says what it totals with a verb (公开, 收到…),
    every following clause holds one number with the same counting word and names a category
    without such a verb, and the last is the rest (其他…), closing the list. A first number below one of the
    others is no total but the first of the siblings the verb governs ("主动公开行政许可33项，行政处罚36项，
    行政强制1项，其他事项4项"), unless it says it is the total (``_declared_total``)."""
    s = sq.sentence.folded
    qs = [q for q in sq.quantities if not q.in_parens and q.excluded not in ("percent", "date", "ordinal", "phone",
                                                                               "list")]
    out = []
    for a, total in enumerate(qs):
        if not _can_total(total) or not _AGGREGATE_VERB.search(total.before) or _REST_ITEM.match(label(total)):
            continue
        if _INCLUDES_AFTER.match(s, total.end):
            continue  # "…32条，包括…": the 包括 list's (``_included``)
        parts: list[Quantity] = []
        prev = total
        numbering = _Numbering(s, total.end)
        for q in qs[a + 1:]:
            seps = ",;:" if prev is total else ",;"  # a colon may close the total's clause ("…171条：…")
            adjacent = s[prev.clause_end] in seps and (
                q.clause_start == prev.clause_end + 1
                or _MARK_CLAUSE.fullmatch(s, prev.clause_end + 1, q.clause_start))  # "…20条；第二，…"
            if not adjacent or q.unit != total.unit or q.excluded is not None or not numbering.follows(q):
                break
            if _REST_ITEM.match(label(q)):
                parts.append(q)
                break
            if _AGGREGATE_VERB.search(q.before) or _CHANGE_ITEM.match(label(q)):
                break
            parts.append(q)
            prev = q
        if any(q.value > total.value for q in parts) and not _declared_total(s, total):
            continue  # a "total" below one of its parts is a sibling: the verb governs the whole list
        if len(parts) >= 3 and _REST_ITEM.match(label(parts[-1])) and not _NOT_EXHAUSTIVE_END.match(s, parts[-1].end):
            out.append(Enumeration(total, sq, parts, sq, form="列举"))
    return out


_MARK_CLAUSE = re.compile(rf"第{_ITEM_NO},")
# what says a number is the total of what follows: 共, 总, 合计, 累计 before it, or a colon closing its clause
_TOTAL_WORD = lazyre.compile(r"共|总|合计|累计")


def _declared_total(s: str, total: Quantity) -> bool:
    """Whether ``total`` says it is a total ("共公开364条", "…364条："), so that a part above it is a mistake in
    the list rather than a sign that it is the first sibling."""
    return s[total.clause_end:total.clause_end + 1] == ":" or _TOTAL_WORD.search(total.before) is not None


_INCLUDES_WORDS = ("包括", "包含")
# a total, then what it includes: "公开信息36条，包括…" (not 其中包括, 主要包括: those name highlights)
_INCLUDES_AFTER = re.compile(r"[\s,:]*(?:包括|包含)[\s:]*")


def _included(sq: SentenceQuantities, qizhong: list[int]) -> list[Enumeration]:
    """The list after 包括: "共主动公开政府信息32条，包括领导信息类1条、……、其他类3条". 包括 may also name only
    some of the parts (channels that overlap, highlights), so the list is judged only on stronger evidence than a
    其中 list (``Enumeration.closed``): the total says what it totals with a verb (公开, 收到…) and 包括 follows it
    right away; the list runs to the end of the sentence or the next 其中."""
    s = sq.sentence.folded
    out = []
    for total in sq.quantities:
        m = _INCLUDES_AFTER.match(s, total.end)
        if m is None or not _can_total(total) or total.in_parens or not _AGGREGATE_VERB.search(total.before):
            continue
        stop = min([p for p in qizhong if p > m.end()], default=len(s))
        e = _parts(sq, total, sq, m.start(), m.end(), stop, form="包括")
        if e is not None:
            out.append(e)
    return out


def _depth(s: str, pos: int) -> int:
    """How many brackets are open at ``pos`` (a closing one with none open is passed over): a walk over the
    brackets before it only (``positions``), not over every character."""
    depth = 0
    for at in positions(s[:pos], "(（[【)）]】"):
        if s[at] in "(（[【":
            depth += 1
        elif depth:
            depth -= 1
    return depth


def _total_before(analysed, i: int, pos: int) -> tuple[SentenceQuantities | None, Quantity | None]:
    sq = analysed[i]
    s = sq.sentence.folded
    before = [q for q in sq.quantities if q.end <= pos and (q.unit or q.excluded is None)]
    if before:
        total, gap_from = _past_inclusion(s, before)
        if total is None or len(_GAP_TEXT.findall(s[gap_from:pos])) > 12:
            return None, None
        return (sq, total) if _can_total(total) else (None, None)
    if _GAP_TEXT.search(s[:pos]) or i == 0:
        return None, None
    prev = analysed[i - 1]
    counted = [q for q in prev.quantities if q.unit]
    if not counted:
        return None, None
    total, gap_from = _past_inclusion(prev.sentence.folded, counted)
    if total is None or len(_GAP_TEXT.findall(prev.sentence.folded[gap_from:])) > 12:
        return None, None  # "…4521条，同比增长8.6%。其中…" still names 4521
    return (prev, total) if _can_total(total) else (None, None)


# a clause that says what a total includes ("…答复1453件，包括上年结转30件"): its number is no total
_INCLUSION = re.compile(r"[\s,;:、]*(?:其中)?(?:包括|包含|含)")


def _past_inclusion(s: str, before: list[Quantity]) -> tuple[Quantity | None, int]:
    """The number of ``before`` (those before a 其中, in order) that is its list's total, if any, and where the
    text between them starts. The last one, unless its clause opens with 包括/含: then it is what the number
    of the clause right before includes ("答复1453件，包括上年结转30件。其中，予以公开966件……" lists the
    1453), and that number is the total (none when that clause holds none)."""
    last = before[-1]
    if not _INCLUSION.match(s, last.clause_start):
        return last, last.end
    outer = [q for q in before[:-1] if q.clause_end + 1 == last.clause_start]
    return (outer[-1] if outer else None), last.end


# what joins a count to the next of its siblings ("被申请行政复议5宗、提起行政诉讼0宗"): a 、/和/及/与 or a comma, and
# words without a number
_SIBLING_JOIN = re.compile(r"[、和及与,][^\d,;:。!?]{1,12}")


def zero_sibling(s: str, quantities: list[Quantity], q: Quantity) -> Quantity | None:
    """The count that ``q``, a zero, follows as its sibling (the 5 of "被申请行政复议5宗、提起行政诉讼0宗"): a
    non-zero count in ``q``'s unit right before it, joined by 、/和/及/与 or a comma; None otherwise. A 其中 list
    after the zero whose parts are not all zero breaks that sibling down, not the zero."""
    if q.value or not q.unit:
        return None
    before = [p for p in quantities if p.end <= q.start]
    if not before:
        return None
    prev = before[-1]
    if not prev.value or prev.unit != q.unit or not _can_total(prev) or prev.in_parens:
        return None
    return prev if _SIBLING_JOIN.fullmatch(s, prev.end, q.start) else None


def _can_total(q: Quantity) -> bool:
    return bool(q.unit) and q.excluded is None


# what a count is a count of; a clause after "；" that counts another of these than the list's total counts its
# sibling ("行政复议3件，其中结果维持0件，结果纠正0件；行政诉讼52件"; "办结12件，其中…；结转下年度1件")
_KINDS = (("复议",), ("诉讼",), ("结转",), ("办结", "答复", "办理"), ("收到", "新收", "受理", "接收"))


def _kinds(text: str) -> set[int]:
    return {k for k, words in enumerate(_KINDS) if any(w in text for w in words)}


def _sibling(s: str, own: set[int], q: Quantity) -> bool:
    """Does ``q``, in a clause opened by "；", count a sibling of the total whose kinds are ``own`` (``_KINDS``),
    not one of its parts?"""
    if not own or not q.clause_start or s[q.clause_start - 1] not in ";；":
        return False
    its = _kinds(label(q))
    return bool(its) and not own & its


def _parts(sq: SentenceQuantities, total: Quantity, total_sq: SentenceQuantities, at: int, after: int,
           stop: int, form: str = "其中") -> Enumeration | None:
    s = sq.sentence.folded
    nested = _depth(s, at) > 0
    close = enclosing_brackets(s, at)[1] if nested else len(s)
    candidates = [q for q in sq.quantities if after <= q.start < min(stop, close)]
    if stop < len(s) and candidates and not nested:
        # the number right before the next 其中 is that list's total, not a part of this one
        if len(_GAP_TEXT.findall(s[candidates[-1].end:stop])) <= 12:
            candidates = candidates[:-1]
    parts: list[Quantity] = []  # the parts counted with one counting word (the first part's)
    unsure: list[Quantity] = []
    extended: list[Quantity] = []  # every exact number of the total's kind (件, 条, 篇… alike)
    own_word = True
    end_of_list = after
    numbering = _Numbering(s, after)
    own_kinds = _kinds(label(total))
    for q in candidates:
        if not nested and q.in_parens:
            continue
        if q.excluded in _NOT_PARTS:
            continue
        if not numbering.follows(q):
            break  # another list's item ("…；二是…"), or the list begins past its first item
        if not q.unit:
            if own_word:
                unsure.append(q)
            continue
        if q.family != total.family or _sibling(s, own_kinds, q):
            break
        new_total = _NEW_TOTAL.search(q.before)
        if new_total and not _GAP_TEXT.search(_lead_stripped(q.before[:new_total.start()])):
            break  # "…，共5条": a total of what came before; "决算报告共5条" is an item
        if _CHANGE_ITEM.match(label(q)):
            return None  # "调整为33家，其中注销5家、新增3家": changes, not parts
        word = parts[0].unit if parts else q.unit  # the list's counting word is its first part's
        if q.unit != word and total.family != "money":
            own_word = False  # another counting word: a clause of its own ("…作出行政处罚决定204起")
        if q.excluded in ("approx", "range"):
            if own_word:
                unsure.append(q)
                end_of_list = q.end
            continue
        extended.append(q)
        if own_word:
            parts.append(q)
            end_of_list = q.end
    if len(parts) + len(unsure) < 2 or not parts:
        return None
    exhaustive = not (_NOT_EXHAUSTIVE_START.match(s, after) or _NOT_EXHAUSTIVE_END.match(s, end_of_list)
                      or any(_NOT_EXHAUSTIVE_END.match(s, q.end) for q in extended + unsure))
    return Enumeration(total, total_sq, parts, sq, exhaustive=exhaustive, sure=not unsure,
                       form=form, unsure_parts=unsure, extended=extended)


def _heji(sq: SentenceQuantities, m: re.Match, qizhong: list[int]) -> Enumeration | None:
    s = sq.sentence.folded
    after = [q for q in sq.quantities if q.start >= m.end()]
    if not after or len(_GAP_TEXT.findall(s[m.end():after[0].start])) > 4:
        return None
    total = after[0]
    if not _can_total(total) or total.in_parens:
        return None
    start = max([p for p in qizhong if p < m.start()], default=0)
    parts = [q for q in sq.quantities if start <= q.start and q.end <= m.start() and not q.in_parens
             and q.unit and q.excluded not in _NOT_PARTS]
    # the list runs back from the total while the numbers are of the total's kind, counted in its word (as a
    # 其中 list's are): "新增21项，总计21项，处理决定数量776件" is a running total of items beside a count of decisions
    run: list[Quantity] = []
    for q in reversed(parts):
        if q.family != total.family or (total.family != "money" and q.unit != total.unit):
            break
        run.append(q)
    run.reverse()
    unsure = [q for q in run if q.excluded in ("approx", "range")]
    run = [q for q in run if q.excluded is None]
    if len(run) + len(unsure) < 2 or not run:
        return None
    return Enumeration(total, sq, run, sq, exhaustive=True, sure=not unsure, form="合计", unsure_parts=unsure)
