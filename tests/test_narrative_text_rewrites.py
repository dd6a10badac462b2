"""Rewritten text functions of the narrative analysis give what the plain versions they replaced gave.

``sentences.fold`` looks only for characters that are not their own NFKC form, passing over the commonest
punctuation; ``sentences.blank`` blanks document numbers with two patterns, each beginning with what the regex
engine skips ahead to, instead of one alternation; ``claims.unambiguous`` asks whether a number is about
another period only of a number some claim counts in. Each is checked against the plain version (kept here as
the reference) on random text and on corpus text with random edits.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gklint.engine.kinds import narrative as narrative_kind
from gklint.core.scan import char_class
from gklint.engine.rules import load_rules
from gklint.ingest import read_report
from gklint.narrative import claims, sentences
from gklint.narrative.quantities import analyse
from gklint.narrative.sentences import MASK, fold

# the single alternation ``fold`` blanked document numbers with before
_DOC_NUMBER = re.compile(r"[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*(?:第\s*)?\d*\s*号?|第\s*\d+\s*号")


def _plain_blank(s: str) -> str:
    def mask(m):
        return MASK * len(m.group())
    return _DOC_NUMBER.sub(mask, sentences._TITLE.sub(mask, s))


def _plain_fold(s: str) -> str:
    """``sentences.fold`` as it was: every character other than ASCII and the CJK unified ideographs folded."""
    for ch in set(re.findall("[^\x00-\x7f\u4e00-\u9fff]", s)):
        s = s.replace(ch, sentences._FOLD[ord(ch)])
    return _plain_blank(s)


_CORPUS = [chunk for path in sorted((Path(__file__).parent / "corpus").glob("*.txt"))[:6]
           for text in [path.read_text(encoding="utf-8")] for chunk in (text[i:i + 400] for i in range(0, len(text), 400))]
_FILLER = ["", " ", "\u3000", "１２", "，", "。", "、", "“", "”", "…", "①", "Ａ", "本年度", "政府信息公开", "行政", "因", "依", "被", "人", "，", "、", "3", "１２", "上年", "2020年", "（", "）"]
_OPEN, _CLOSE = ["〔", "[", "(", "（", "【", "《", "第"], ["〕", "]", ")", "）", "】", "》"]


def _in_order(*groups):
    """One piece of each group in turn, each maybe followed by filler: text shaped like what the patterns match."""
    return st.tuples(*(st.tuples(st.sampled_from(g), st.sampled_from(_FILLER)) for g in groups)).map(
        lambda parts: "".join(a + b for a, b in parts))


_DOC_LIKE = _in_order(_OPEN, ["2021", "19", "20", "1999", " ", ""], _CLOSE, ["第", "", " "], ["3", "24", "１２", ""],
                      ["号", "", "文件"])
_ZERO_LIKE = _in_order(["均", "都", "", "复议", "申请"], ["未", "没有", "无", "不存在", "零"],
                       ["发生", "收到", "被", "有", ""], ["复议", "诉讼", "起诉", "申请", "信息公开", ""],
                       ["纠错", "撤销", "确认违法", "败诉", "为0件", "诉讼", ""], ["。", "\n", "；", ""])


@st.composite
def _texts(draw):
    """Corpus text with a few pieces shaped like a document number or a zero statement put in, or such pieces
    alone."""
    piece = st.one_of(_DOC_LIKE, _ZERO_LIKE)
    if draw(st.booleans()):
        text = draw(st.sampled_from(_CORPUS))
        for _ in range(draw(st.integers(0, 4))):
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(piece) + text[at:]
        return text
    return "".join(draw(st.lists(piece, max_size=6)))


@given(_texts())
@settings(max_examples=300, deadline=None)
def test_blanking_with_two_patterns_is_blanking_with_one_alternation(s):
    assert sentences.blank(s) == _plain_blank(s)


@given(_texts())
@settings(max_examples=200, deadline=None)
def test_fold_is_the_plain_fold(s):
    assert sentences.fold(s) == _plain_fold(s)


def test_the_punctuation_fold_passes_over_is_its_own_nfkc_form():
    assert all(unicodedata.normalize("NFKC", ch) == ch for ch in sentences._OWN_FORM)


_CLAIMS = narrative_kind._joined(tuple(sorted((r for r in load_rules() if r.kind == "narrative"
                                               and r.params.get("check") == "claim"), key=lambda r: r.id)))


def _plain_unambiguous(claims_, analysed, heading=""):
    """``claims.unambiguous`` as it was: ``q.counts`` asked of every number first, a context searched for a class of
    the characters the ``near`` patterns need."""
    out = []
    for sq, para in claims.with_paragraphs(analysed):
        for q in sq.quantities:
            if not q.counts:
                continue
            counting, needs = claims._counting_in(claims_, q.unit)
            memo = claims._Memo(sq, q)
            if not counting or needs is not None and char_class(needs).search(memo.context) is None:
                continue
            hit = [c for c in counting if claims._matches(c, sq, q, heading, para, memo)]
            if hit and len({c.readings for c in hit}) == 1:
                out.append((sq.sentence.start, q.start, hit[0].rule, hit[0].readings))
    return out


_COUNT_LIKE = st.tuples(*(st.sampled_from(g) for g in (
    ["本年度", "上年", "2020年", "同比", "其中,", "", "共"], ["新收", "收到", "办结", "主动公开", "予以公开", ""],
    ["政府信息公开申请", "政府信息", "行政复议", ""], ["3", "12", "两", "2021", "1.5"], ["件", "条", "%", "年", ""],
    ["，", "。", "\n", "（含2件）。", ""]))).map("".join)


_SECTIONS = [(fold(s.heading), s.text) for s in read_report(Path(__file__).parent.parent / "samples" / "huangyuan-2021.json").sections]


@st.composite
def _sections(draw):
    """(folded heading, text) of a section of the sample report with a few pieces put in, or pieces alone."""
    heading, text = draw(st.sampled_from(_SECTIONS))
    if draw(st.booleans()):
        return heading, "".join(draw(st.lists(st.one_of(_COUNT_LIKE, _ZERO_LIKE), max_size=8)))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.one_of(_COUNT_LIKE, _ZERO_LIKE, _DOC_LIKE)) + text[at:]
    return heading, text


@given(_sections())
@settings(max_examples=100, deadline=None)
def test_unambiguous_numbers_are_those_asking_counts_first_gives(section):
    heading, text = section
    analysed = analyse(text, 2021)
    assert ([(sq.sentence.start, q.start, c.rule, c.readings) for sq, q, c in claims.unambiguous(_CLAIMS, analysed, heading)]
            == _plain_unambiguous(_CLAIMS, analysed, heading))
